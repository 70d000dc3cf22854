// Who may do what: one pure function from (user, action, resource) to a decision. The HTTP layer
// (plugin.ts) and the matrix tests both go through it, so there is a single place to read the rules.
//
//   admin       everything
//   officer     edits and publishes the policies of their region; reads cases with personal data masked
//   clerk       creates, reads in full and runs the cases of their town (place.town) only
//   researcher  reads policies, comparisons and cases with personal data masked; never writes
//   anonymous   reads policies and comparisons only
import { msg, type Message } from '../../dsl/message.ts';
import { render } from '../../dsl/messages.ts';
import type { UserRole } from '../store/index.ts';

export const ACTIONS = [
  'policy.read',
  'policy.edit',
  'policy.publish',
  'compare.read',
  'case.create',
  'case.read',
  'case.readFull',
  'case.command',
  'task.read',
  'user.manage',
  // Any other read or write the API grows before routes.ts learns about it: a read needs a
  // session, a write is for admins only.
  'system.read',
  'system.write',
] as const;
export type Action = (typeof ACTIONS)[number];

/** The actions anyone may take without a session. */
export const PUBLIC_ACTIONS: readonly Action[] = ['policy.read', 'compare.read'];

export const ROLES: readonly UserRole[] = ['admin', 'officer', 'clerk', 'researcher'];

/** A role's name in both languages (dsl/phrases/accounts.ts). */
export const roleLabel = (role: UserRole): Message => msg(`role.${role}`);

/** A role's Chinese name, as the command line lists accounts. */
export const ROLE_ZH = Object.fromEntries(ROLES.map((r) => [r, render(roleLabel(r), 'zh')])) as Record<UserRole, string>;

/** What an action is, in words: "may not {action}". */
const actionLabel = (action: Action): Message => msg(`action.${action}`);

/** The signed-in user as the permission rules see it. */
export interface Principal {
  name: string;
  role: UserRole;
  town: string | null;
  region: string | null;
}

export interface PolicyRegion {
  province?: string;
  city?: string;
  county?: string;
  code?: string;
}

export interface Resource {
  /** The case's town (place.town) for case.* and task.read; absent when it cannot be known. */
  town?: string;
  /** The policy for policy.*; `region` is its meta.region when the policy exists. */
  policy?: { id: string; region?: PolicyRegion };
}

/**
 * Allowed, or refused with a kind (not signed in, or not permitted), a code and why, as data: the
 * server answers the kind with its status (engine/server/errors.ts httpStatus), as it does the
 * runner's refusals.
 */
export type Decision =
  | { ok: true }
  | { ok: false; kind: 'unauthenticated'; code: 'UNAUTHENTICATED'; text: Message }
  | { ok: false; kind: 'forbidden'; code: 'FORBIDDEN'; text: Message };

/** A refusal. */
export type Refused = Exclude<Decision, { ok: true }>;

const OK: Decision = { ok: true };

function deny(text: Message): Decision {
  return { ok: false, kind: 'forbidden', code: 'FORBIDDEN', text };
}

// The province-level divisions (GB/T 2260), and 全国 for national schemes: a region path starts
// with one of them, so that 市中区 or 朝阳区 alone — names several cities share — never matches.
const PROVINCE_NAMES: readonly string[] = [
  '全国',
  '北京市',
  '天津市',
  '河北省',
  '山西省',
  '内蒙古自治区',
  '辽宁省',
  '吉林省',
  '黑龙江省',
  '上海市',
  '江苏省',
  '浙江省',
  '安徽省',
  '福建省',
  '江西省',
  '山东省',
  '河南省',
  '湖北省',
  '湖南省',
  '广东省',
  '广西壮族自治区',
  '海南省',
  '重庆市',
  '四川省',
  '贵州省',
  '云南省',
  '西藏自治区',
  '陕西省',
  '甘肃省',
  '青海省',
  '宁夏回族自治区',
  '新疆维吾尔自治区',
  '台湾省',
  '香港特别行政区',
  '澳门特别行政区',
];
const POLICY_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
const REGION_CODE = /^\d{6}$/;

/** A region as written, in one form: NFKC, without the spaces and / · > - between its parts. */
function regionKey(region: string): string {
  return region.normalize('NFKC').replace(/[\s/·>-]+/gu, '');
}

/**
 * Why an officer's region would match nothing for sure, or null: it must be a policy id, a 6-digit
 * administrative division code (450700), or a path from the province down (广西壮族自治区钦州市,
 * 四川省/内江市/市中区).
 */
export function regionProblem(region: string): Message | null {
  const key = regionKey(region);
  if (POLICY_ID.test(key) || REGION_CODE.test(key) || PROVINCE_NAMES.some((p) => key.startsWith(p))) return null;
  return msg('account.region');
}

/** Whether a division code covers another: the same code, or its province (xx0000) or city (xxxx00). */
function codeCovers(officer: string, code: string | undefined): boolean {
  if (code === undefined || !REGION_CODE.test(code)) return false;
  if (officer === code) return true;
  if (officer.endsWith('0000')) return code.startsWith(officer.slice(0, 2));
  if (officer.endsWith('00')) return code.startsWith(officer.slice(0, 4));
  return false;
}

/**
 * Whether an officer's region covers a policy: the policy's id; a division code equal to or above
 * the policy's meta.region.code; or the path of names from the province down to the policy's
 * province, city or county. A bare city or county name covers nothing.
 */
export function regionCovers(region: string, policy: { id: string; region?: PolicyRegion }): boolean {
  const key = regionKey(region);
  if (key === '') return false;
  if (key === policy.id) return true;
  const r = policy.region;
  if (!r) return false;
  if (REGION_CODE.test(key)) return codeCovers(key, r.code);
  const names = [r.province, r.city, r.county].filter((v): v is string => typeof v === 'string' && v !== '').map(regionKey);
  if (!PROVINCE_NAMES.includes(names[0] ?? '')) return false;
  return names.some((_, i) => names.slice(0, i + 1).join('') === key);
}

function roleCannot(user: Principal, action: Action): Decision {
  return deny(msg('auth.roleCannot', { role: roleLabel(user.role), action: actionLabel(action) }));
}

function townScope(user: Principal, action: Action, resource: Resource | undefined): Decision {
  const town = resource?.town;
  if (town === undefined) {
    return deny(msg('auth.noTown', { name: user.name, town: String(user.town) }));
  }
  if (town !== user.town) {
    return deny(msg('auth.otherTown', { name: user.name, town: String(user.town), caseTown: town, action: actionLabel(action) }));
  }
  return OK;
}

/**
 * May `user` (null: anonymous) take `action` on `resource`? Anonymous is unauthenticated (401) for
 * anything beyond public reads; a signed-in user outside their role or scope is forbidden (403),
 * with the reason.
 */
export function authorize(user: Principal | null, action: Action, resource?: Resource): Decision {
  if (!(ACTIONS as readonly string[]).includes(action)) return deny(msg('auth.unknownAction', { action: String(action) }));
  if (PUBLIC_ACTIONS.includes(action)) return OK;
  if (!user) {
    return {
      ok: false,
      kind: 'unauthenticated',
      code: 'UNAUTHENTICATED',
      text: msg('auth.loginRequired', { action: actionLabel(action) }),
    };
  }
  if (action === 'system.read') return OK;
  switch (user.role) {
    case 'admin':
      return OK;
    case 'officer':
      if (action === 'policy.edit' || action === 'policy.publish') {
        const p = resource?.policy;
        if (!p) return deny(msg('auth.noPolicy'));
        if (user.region !== null && regionCovers(user.region, p)) return OK;
        return deny(msg('auth.otherRegion', { name: user.name, region: String(user.region), policy: p.id }));
      }
      if (action === 'case.read' || action === 'task.read') return OK;
      return roleCannot(user, action);
    case 'clerk':
      if (
        action === 'case.create' ||
        action === 'case.read' ||
        action === 'case.readFull' ||
        action === 'case.command' ||
        action === 'task.read'
      ) {
        return townScope(user, action, resource);
      }
      return roleCannot(user, action);
    case 'researcher':
      if (action === 'case.read' || action === 'task.read') return OK;
      return roleCannot(user, action);
    default:
      return deny(msg('auth.unknownRole', { role: String((user as Principal).role) }));
  }
}

/**
 * Could `user` take `action` on some resource at all? Used when the resource does not exist (a
 * missing case id), so that the route can answer 404 to those who would be allowed to look.
 */
export function mayEver(user: Principal | null, action: Action): Decision {
  if (user?.role === 'clerk' && user.town !== null) return authorize(user, action, { town: user.town });
  if (user?.role === 'officer' && user.region !== null && (action === 'policy.edit' || action === 'policy.publish')) {
    return authorize(user, action, { policy: { id: user.region } });
  }
  return authorize(user, action, {});
}

/** Personal data is shown in full only to those who may read the case in full (its town's clerks, admins). */
export function mustMask(user: Principal | null, town: string | undefined): boolean {
  return !authorize(user, 'case.readFull', { town }).ok;
}
