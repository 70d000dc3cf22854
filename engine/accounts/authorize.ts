// Who may do what: one pure function from (user, action, resource) to a decision. The HTTP layer
// (plugin.ts) and the matrix tests both go through it, so there is a single place to read the rules.
//
//   admin       everything
//   officer     edits and publishes the policies of their region; reads cases with personal data masked
//   clerk       creates, reads in full and runs the cases of their town (place.town) only
//   researcher  reads policies, comparisons and cases with personal data masked; never writes
//   anonymous   reads policies and comparisons only
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

export const ROLE_ZH: Record<UserRole, string> = {
  admin: '管理员',
  officer: '政策管理员',
  clerk: '办事员',
  researcher: '研究人员',
};

const ACTION_LABELS: Record<Action, { zh: string; en: string }> = {
  'policy.read': { zh: '查看政策', en: 'read policies' },
  'policy.edit': { zh: '编辑政策', en: 'edit policies' },
  'policy.publish': { zh: '发布政策', en: 'publish policies' },
  'compare.read': { zh: '比较政策', en: 'compare policies' },
  'case.create': { zh: '新建案件', en: 'create cases' },
  'case.read': { zh: '查看案件', en: 'read cases' },
  'case.readFull': { zh: '查看案件完整个人信息', en: 'read cases with full personal data' },
  'case.command': { zh: '办理案件', en: 'run case commands' },
  'task.read': { zh: '查看待办', en: 'read tasks' },
  'user.manage': { zh: '管理用户', en: 'manage users' },
  'system.read': { zh: '查看此内容', en: 'read this' },
  'system.write': { zh: '执行此写操作', en: 'perform this write' },
};

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

export type Decision = { ok: true } | { ok: false; status: 401 | 403; code: 'UNAUTHENTICATED' | 'FORBIDDEN'; message: string };

const OK: Decision = { ok: true };

function deny(message: string): Decision {
  return { ok: false, status: 403, code: 'FORBIDDEN', message };
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
export function regionProblem(region: string): string | null {
  const key = regionKey(region);
  if (POLICY_ID.test(key) || REGION_CODE.test(key) || PROVINCE_NAMES.some((p) => key.startsWith(p))) return null;
  return `地区须为政策编号、6 位行政区划代码（如 450700）或自省级起的完整名称（如 广西壮族自治区钦州市）— a region is a policy id, a 6-digit division code (e.g. 450700) or the full path from the province (e.g. 广西壮族自治区钦州市), not a bare name`;
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
  return deny(
    `无权限：${ROLE_ZH[user.role]}不能${ACTION_LABELS[action].zh} forbidden: role ${user.role} may not ${ACTION_LABELS[action].en}`,
  );
}

function townScope(user: Principal, action: Action, resource: Resource | undefined): Decision {
  const town = resource?.town;
  if (town === undefined) {
    return deny(`无法确定案件所属镇，拒绝 forbidden: cannot tell which town this case belongs to (clerk ${user.name} of ${user.town})`);
  }
  if (town !== user.town) {
    return deny(
      `无权限：办事员 ${user.name} 只能办理 ${user.town} 的案件，此案件属于 ${town} forbidden: clerk ${user.name} may only ${ACTION_LABELS[action].en} of ${user.town}; this case is in ${town}`,
    );
  }
  return OK;
}

/**
 * May `user` (null: anonymous) take `action` on `resource`? Anonymous gets 401 for anything
 * beyond public reads; a signed-in user outside their role or scope gets 403 with the reason.
 */
export function authorize(user: Principal | null, action: Action, resource?: Resource): Decision {
  if (!(ACTIONS as readonly string[]).includes(action)) return deny(`未知操作 unknown action: ${String(action)}`);
  if (PUBLIC_ACTIONS.includes(action)) return OK;
  if (!user) {
    return { ok: false, status: 401, code: 'UNAUTHENTICATED', message: `需要登录 login required to ${ACTION_LABELS[action].en}` };
  }
  if (action === 'system.read') return OK;
  switch (user.role) {
    case 'admin':
      return OK;
    case 'officer':
      if (action === 'policy.edit' || action === 'policy.publish') {
        const p = resource?.policy;
        if (!p) return deny('无法确定政策 forbidden: no policy named');
        if (user.region !== null && regionCovers(user.region, p)) return OK;
        return deny(
          `无权限：政策管理员 ${user.name} 只能编辑 ${user.region} 地区的政策，${p.id} 不在其内 forbidden: officer ${user.name} may only edit policies of region ${user.region}; ${p.id} is not one of them`,
        );
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
      return deny(`未知角色 unknown role: ${String((user as Principal).role)}`);
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
