// The permission matrix: every role × every action × own/other scope, against a table written
// out by hand. The table is the specification; a change to the rules must change it too.
import { describe, expect, it } from 'vitest';
import {
  ACTIONS,
  authorize,
  mayEver,
  mustMask,
  regionCovers,
  regionProblem,
  type Action,
  type Principal,
  type Resource,
} from '../../../engine/accounts/authorize.ts';
import { httpStatus } from '../../../engine/server/errors.ts';
import { render, renderBoth } from '../../../dsl/messages.ts';

const admin: Principal = { name: 'admin', role: 'admin', town: null, region: null };
const officer: Principal = { name: 'o', role: 'officer', town: null, region: 'qinzhou' };
const clerk: Principal = { name: 'c', role: 'clerk', town: '钦南区某镇', region: null };
const researcher: Principal = { name: 'r', role: 'researcher', town: null, region: null };

const QZ = { id: 'qinzhou', region: { province: '广西壮族自治区', city: '钦州市', code: '450700' } };
const NJ = { id: 'neijiang', region: { province: '四川省', city: '内江市', code: '511000' } };

/** The resource "in scope" and "out of scope" for each role's point of view. */
const own: Resource = { town: '钦南区某镇', policy: QZ };
const other: Resource = { town: '大寺镇', policy: NJ };

type Who = 'anonymous' | 'admin' | 'officer' | 'clerk' | 'researcher';
const users: Record<Who, Principal | null> = { anonymous: null, admin, officer, clerk, researcher };

// Expected status for [own scope, other scope]: 200 allowed, 401 login first, 403 forbidden.
const expected: Record<Action, Record<Who, [number, number]>> = {
  'policy.read': { anonymous: [200, 200], admin: [200, 200], officer: [200, 200], clerk: [200, 200], researcher: [200, 200] },
  'compare.read': { anonymous: [200, 200], admin: [200, 200], officer: [200, 200], clerk: [200, 200], researcher: [200, 200] },
  'policy.edit': { anonymous: [401, 401], admin: [200, 200], officer: [200, 403], clerk: [403, 403], researcher: [403, 403] },
  'policy.publish': { anonymous: [401, 401], admin: [200, 200], officer: [200, 403], clerk: [403, 403], researcher: [403, 403] },
  'case.create': { anonymous: [401, 401], admin: [200, 200], officer: [403, 403], clerk: [200, 403], researcher: [403, 403] },
  'case.read': { anonymous: [401, 401], admin: [200, 200], officer: [200, 200], clerk: [200, 403], researcher: [200, 200] },
  'case.readFull': { anonymous: [401, 401], admin: [200, 200], officer: [403, 403], clerk: [200, 403], researcher: [403, 403] },
  'case.command': { anonymous: [401, 401], admin: [200, 200], officer: [403, 403], clerk: [200, 403], researcher: [403, 403] },
  'task.read': { anonymous: [401, 401], admin: [200, 200], officer: [200, 200], clerk: [200, 403], researcher: [200, 200] },
  'user.manage': { anonymous: [401, 401], admin: [200, 200], officer: [403, 403], clerk: [403, 403], researcher: [403, 403] },
  'system.read': { anonymous: [401, 401], admin: [200, 200], officer: [200, 200], clerk: [200, 200], researcher: [200, 200] },
  'system.write': { anonymous: [401, 401], admin: [200, 200], officer: [403, 403], clerk: [403, 403], researcher: [403, 403] },
};

const status = (d: ReturnType<typeof authorize>) => (d.ok ? 200 : httpStatus(d.kind));
/** A decision as the server answers it: its status, code and message in both languages. */
const answered = (d: ReturnType<typeof authorize>) =>
  d.ok ? d : { ok: false, status: httpStatus(d.kind), code: d.code, message: renderBoth(d.text) };

describe('authorize: role × action × scope', () => {
  it('the table covers every action', () => {
    expect(Object.keys(expected).sort()).toEqual([...ACTIONS].sort());
  });

  for (const action of ACTIONS) {
    for (const who of Object.keys(users) as Who[]) {
      it(`${who} ${action}: own ${expected[action][who][0]}, other ${expected[action][who][1]}`, () => {
        expect([status(authorize(users[who], action, own)), status(authorize(users[who], action, other))]).toEqual(expected[action][who]);
      });
    }
  }

  it('no unauthorized success: a write by anyone but admin, a clerk in town, an officer in region is refused', () => {
    let allowed = 0;
    for (const action of ACTIONS) {
      for (const who of Object.keys(users) as Who[]) {
        for (const [i, r] of [own, other].entries()) {
          const d = authorize(users[who], action, r);
          if (!d.ok) continue;
          allowed++;
          const write = !['policy.read', 'compare.read', 'case.read', 'task.read', 'system.read'].includes(action);
          if (!write) continue;
          const fine =
            who === 'admin' ||
            (who === 'clerk' && i === 0 && action.startsWith('case.')) ||
            (who === 'officer' && i === 0 && action.startsWith('policy.'));
          expect({ who, action, scope: i === 0 ? 'own' : 'other', fine }).toEqual({
            who,
            action,
            scope: i === 0 ? 'own' : 'other',
            fine: true,
          });
        }
      }
    }
    // Exactly the 200s of the table, which are 61 of 120 cells.
    expect(allowed).toBe(
      Object.values(expected)
        .flatMap((row) => Object.values(row).flat())
        .filter((x) => x === 200).length,
    );
    expect(allowed).toBe(61);
  });

  it('explains refusals, Chinese first', () => {
    expect(answered(authorize(null, 'case.create', own))).toEqual({
      ok: false,
      status: 401,
      code: 'UNAUTHENTICATED',
      message: '需要登录 login required to create cases',
    });
    expect(answered(authorize(clerk, 'case.command', other))).toEqual({
      ok: false,
      status: 403,
      code: 'FORBIDDEN',
      message:
        '无权限：办事员 c 只能办理 钦南区某镇 的案件，此案件属于 大寺镇 forbidden: clerk c may only run case commands of 钦南区某镇; this case is in 大寺镇',
    });
    expect(answered(authorize(researcher, 'case.command', own))).toMatchObject({
      status: 403,
      message: '无权限：研究人员不能办理案件 forbidden: role researcher may not run case commands',
    });
    expect(answered(authorize(officer, 'policy.publish', other))).toMatchObject({
      status: 403,
      message: expect.stringMatching(/^无权限：政策管理员 o 只能编辑 qinzhou 地区的政策.*neijiang is not one of them$/),
    });
  });

  it('a clerk with no town to compare against is refused, never allowed by default', () => {
    expect(answered(authorize(clerk, 'case.read', {}))).toMatchObject({
      ok: false,
      status: 403,
      message: expect.stringMatching(/cannot tell which town/),
    });
    expect(answered(authorize(clerk, 'case.command', undefined))).toMatchObject({ ok: false, status: 403 });
    expect(answered(authorize(officer, 'policy.edit', {}))).toMatchObject({ ok: false, status: 403 });
    expect(answered(authorize(officer, 'policy.edit', { policy: { id: 'qinzhou2' } }))).toMatchObject({ ok: false, status: 403 });
  });

  it("officer regions match the policy id, a division code at or above the policy's, or the full path of names from the province", () => {
    expect(regionCovers('qinzhou', QZ)).toBe(true);
    expect(regionCovers('450700', QZ)).toBe(true);
    expect(regionCovers('450000', QZ)).toBe(true);
    expect(regionCovers('450702', QZ)).toBe(false);
    expect(regionCovers('广西壮族自治区', QZ)).toBe(true);
    expect(regionCovers('广西壮族自治区钦州市', QZ)).toBe(true);
    expect(regionCovers('广西壮族自治区 / 钦州市', QZ)).toBe(true);
    expect(regionCovers('钦州', QZ)).toBe(false);
    expect(regionCovers('', { id: 'x', region: { province: '', code: '' } })).toBe(false);
    expect(regionCovers('450700', { id: 'x' })).toBe(false);
  });

  it('a bare city or district name covers nothing: 市中区 is a district of 内江 and of 济南 alike', () => {
    const neijiang = { id: 'neijiang', region: { province: '四川省', city: '内江市', county: '市中区', code: '511002' } };
    const jinan = { id: 'jinan', region: { province: '山东省', city: '济南市', county: '市中区', code: '370103' } };
    expect(regionCovers('钦州市', QZ)).toBe(false);
    expect(regionCovers('市中区', neijiang)).toBe(false);
    expect(regionCovers('市中区', jinan)).toBe(false);
    expect(regionCovers('四川省内江市市中区', neijiang)).toBe(true);
    expect(regionCovers('四川省内江市市中区', jinan)).toBe(false);
    expect(regionCovers('511002', neijiang)).toBe(true);
    expect(regionCovers('511000', neijiang)).toBe(true);
    expect(regionCovers('511002', jinan)).toBe(false);
    // Full-width digits and separators are the same region.
    expect(regionCovers('５１１００２', neijiang)).toBe(true);
    expect(renderBoth(regionProblem('市中区')!)).toMatch(/full path from the province/);
    expect(render(regionProblem('钦州市')!, 'en')).toMatch(/not a bare name/);
    for (const ok of ['qinzhou', '511002', '四川省/内江市/市中区', '重庆市梁平区', '全国'])
      expect([ok, regionProblem(ok)]).toEqual([ok, null]);
  });

  it('an unknown action or role is refused', () => {
    expect(answered(authorize(admin, 'case.delete' as Action))).toMatchObject({ ok: false, status: 403 });
    expect(answered(authorize({ ...clerk, role: 'root' as Principal['role'] }, 'case.read', own))).toMatchObject({
      ok: false,
      status: 403,
    });
  });

  it('mayEver: could this user do it anywhere (for routes whose resource does not exist)', () => {
    expect(mayEver(clerk, 'case.command').ok).toBe(true);
    expect(mayEver(researcher, 'case.command').ok).toBe(false);
    expect(mayEver(officer, 'policy.edit').ok).toBe(true);
    expect(answered(mayEver(null, 'case.read'))).toMatchObject({ ok: false, status: 401 });
  });

  it("masks personal data for all but admins and the case town's clerks", () => {
    expect(mustMask(admin, '大寺镇')).toBe(false);
    expect(mustMask(clerk, '钦南区某镇')).toBe(false);
    expect(mustMask(clerk, '大寺镇')).toBe(true);
    expect(mustMask(researcher, '钦南区某镇')).toBe(true);
    expect(mustMask(officer, '钦南区某镇')).toBe(true);
    expect(mustMask(null, '钦南区某镇')).toBe(true);
    expect(mustMask(clerk, undefined)).toBe(true);
  });
});
