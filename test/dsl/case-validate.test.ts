// Issues #12 and #14: only case data that means something may enter. Each finding has its test,
// with the exact pointer and message; a property test covers the many invalid and valid cases.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CaseData } from '../../dsl/case-model.ts';
import { idCheckDigit } from '../../dsl/case-id-number.ts';
import { validateCase as validate } from '../../dsl/case-validate.ts';
import { renderBoth } from '../../dsl/messages.ts';

/** The findings as the command line prints them; each message is its text said in both languages. */
function validateCase(...args: Parameters<typeof validate>) {
  return validate(...args).map(({ pointer, message, text }) => {
    expect(renderBoth(text)).toBe(message);
    return { pointer, message };
  });
}
import { spoilers, validCases } from '../helpers/cases.ts';

const shared: CaseData = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'examples', 'household-qinzhou.json'), 'utf8'));
const kase = (edit: (c: CaseData) => void = () => {}): CaseData => {
  const c = structuredClone(shared);
  edit(c);
  return c;
};

describe('validateCase: the shared household is valid, and its variants name their bad field', () => {
  it('accepts examples/household-qinzhou.json', () => {
    expect(validateCase(kase())).toEqual([]);
  });

  it('an area of 0 亩 is refused at /parcels/1/area', () => {
    expect(validateCase(kase((c) => (c.parcels[1]!.area = '0')))).toEqual([
      { pointer: '/parcels/1/area', message: '面积：0 应大于 0 must be more than 0' },
    ]);
  });

  it('a negative area (which gave eligibility and a negative contract) is refused', () => {
    expect(validateCase(kase((c) => (c.parcels[0]!.area = '-1.20')))).toEqual([
      { pointer: '/parcels/0/area', message: '面积：-1.20 应大于 0 must be more than 0' },
    ]);
  });

  it('a 308-digit price is refused by the schema before any arithmetic', () => {
    const r = validateCase(kase((c) => (c.transfer!.pricePerMu = '9'.repeat(308))));
    expect(r).toEqual([{ pointer: '/transfer/pricePerMu', message: '数值应为十进制文字 a decimal must be a string like "1.20"' }]);
  });

  it('a price above 10^10 元/亩 and an area above 10 000 亩 are refused at their bounds', () => {
    expect(validateCase(kase((c) => (c.transfer!.pricePerMu = '10000000000.01')))).toEqual([
      { pointer: '/transfer/pricePerMu', message: '每亩价款：10000000000.01 不能大于 10000000000 must be at most 10000000000' },
    ]);
    expect(validateCase(kase((c) => (c.parcels[0]!.area = '10000.0001')))[0]).toEqual({
      pointer: '/parcels/0/area',
      message: '面积：10000.0001 不能大于 10000 must be at most 10000',
    });
    expect(validateCase(kase((c) => (c.parcels[0]!.area = '10000')))).toEqual([]);
    expect(validateCase(kase((c) => (c.parcels[0]!.area = '1.12345')))[0]).toEqual({
      pointer: '/parcels/0/area',
      message: '面积：1.12345 至多 4 位小数 has more than 4 decimal places',
    });
  });

  it('2026-02-30 and 2026-04-31 are not dates; 2024-02-29 is', () => {
    expect(validateCase(kase((c) => (c.exit!.noticeDate = '2026-02-30')))).toEqual([
      { pointer: '/exit/noticeDate', message: '书面通知日期：2026-02-30 不是真实的日期 is not a real calendar date (YYYY-MM-DD)' },
    ]);
    expect(validateCase(kase((c) => (c.exit!.noticeDate = '2026-04-31')))[0]!.pointer).toBe('/exit/noticeDate');
    expect(validateCase(kase((c) => (c.exit!.noticeDate = '2024-02-29')))).toEqual([]);
    expect(validateCase(kase((c) => (c.exit!.noticeDate = '2023-02-29')))[0]!.pointer).toBe('/exit/noticeDate');
  });

  it('an ID number with a wrong check digit (450702196803151234) is refused where it stands', () => {
    const r = validateCase(
      kase((c) => {
        c.household.head.idNumber = '450702196803151234';
        c.household.members[0]!.idNumber = '450702196803151234';
      }),
    );
    expect(r).toEqual([
      { pointer: '/household/head/idNumber', message: '身份证号：校验码应为5，实为4 check character should be 5, got 4' },
      { pointer: '/household/members/0/idNumber', message: '身份证号：校验码应为5，实为4 check character should be 5, got 4' },
    ]);
  });

  it('a birth date after today is refused when the entry knows today', () => {
    const body = '45070220270101001';
    const id = body + idCheckDigit(body);
    const c = kase((k) => (k.transfer!.transferee.head.idNumber = id));
    expect(validateCase(c)).toEqual([]);
    expect(validateCase(c, { today: '2026-12-03' })).toEqual([
      {
        pointer: '/transfer/transferee/head/idNumber',
        message: `身份证号：出生日期2027-01-01晚于今天 birth date 2027-01-01 is in the future`,
      },
    ]);
  });

  it("exit and transfer name only the household's parcels, each once", () => {
    expect(validateCase(kase((c) => (c.exit!.parcels = ['门口田', '菜地'])))).toEqual([
      {
        pointer: '/exit/parcels/1',
        message: "退出的地块「菜地」不是本户承包的地块 — 菜地 is not one of the household's parcels (门口田、坡地)",
      },
    ]);
    expect(validateCase(kase((c) => (c.transfer!.parcels = ['坡地', '坡地'])))).toEqual([
      { pointer: '/transfer/parcels/1', message: '地块「坡地」列了两次 — 坡地 is listed twice' },
    ]);
    expect(validateCase(kase((c) => (c.parcels[1]!.name = '门口田')))[0]!.pointer).toBe('/parcels/1/name');
  });

  it('the head is one of the members, with the same name and ID number', () => {
    expect(validateCase(kase((c) => (c.household.head.name = '黄某')))).toEqual([
      {
        pointer: '/household/head',
        message:
          '户主 黄某 不在家庭成员之中（姓名与身份证号须一致）— the head must be one of the members, with the same name and ID number',
      },
      { pointer: '/household/members/0/relation', message: '黄某明 标为户主，但户主是 黄某 — marked 户主 but the head is 黄某' },
    ]);
    expect(validateCase(kase((c) => (c.household.members[2]!.idNumber = c.household.members[1]!.idNumber)))[0]!.pointer).toBe(
      '/household/members/2/idNumber',
    );
  });

  it('a tally that does not add up is refused; an empty meeting is a tally (the vote fails on it)', () => {
    const vote = (v: Partial<NonNullable<CaseData['exit']>['vote']>) =>
      kase((c) => (c.exit!.vote = { body: '成员大会', entitled: 30, present: 25, yes: 20, no: 3, abstain: 2, ...v }));
    expect(validateCase(vote({}))).toEqual([]);
    expect(validateCase(vote({ present: 31, abstain: 8 }))).toEqual([
      { pointer: '/exit/vote/present', message: '表决：到会 31 人多于应到 30 人 — more members present (31) than entitled (30)' },
    ]);
    expect(validateCase(vote({ abstain: 0 }))[0]!.pointer).toBe('/exit/vote/present');
    expect(validateCase(vote({ yes: -1 }))[0]!.pointer).toBe('/exit/vote/yes');
    expect(validateCase(vote({ entitled: 0, present: 0, yes: 0, no: 0, abstain: 0 }))).toEqual([]);
  });

  it('the transferee is another household; the contract ends after it starts', () => {
    expect(validateCase(kase((c) => (c.transfer!.transferee.head.idNumber = c.household.head.idNumber)))).toEqual([
      { pointer: '/transfer/transferee/head/idNumber', message: '受让方户主与转让方户主是同一人 — the transferee is the household itself' },
    ]);
    expect(validateCase(kase((c) => (c.contract.end = '1997-12-31')))[0]!.pointer).toBe('/contract/end');
  });
});

describe('property: invalid cases are refused with their pointer, valid ones accepted', () => {
  it('every spoilt case is refused, naming the spoilt field', () => {
    fc.assert(
      fc.property(spoilers, (s) => {
        const errors = validateCase(kase(s.edit));
        expect(errors.length, s.what).toBeGreaterThan(0);
        expect(
          errors.map((e) => e.pointer),
          s.what,
        ).toContain(s.pointer);
        for (const e of errors) expect(e.message).toMatch(/[\u4e00-\u9fff].* .*[a-z]/);
      }),
      { numRuns: 300 },
    );
  });

  it('every valid variation is accepted', () => {
    fc.assert(
      fc.property(validCases, (c) => {
        expect(validateCase(c)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
