// What the accounts layer says (engine/accounts: authorize.ts, plugin.ts, sessions.ts, users.ts,
// password.ts): why a request is refused for who is asking, and why an account field is refused.
// Chinese first, then English, in the error body's `message` and on the command line; in one
// language in the UI. User names, towns, regions and policy ids are arguments: content.
import type { PhraseDef } from '../messages.ts';

export const ACCOUNT_PHRASES: readonly PhraseDef[] = [
  // Permissions (authorize.ts): {action} and {role} are labels in both languages
  {
    code: 'auth.loginRequired',
    zh: '需要登录才能{action}',
    en: 'login required to {action}',
    both: '需要登录 login required to {action.en}',
  },
  { code: 'auth.roleCannot', zh: '无权限：{role}不能{action}', en: 'forbidden: role {role} may not {action}' },
  {
    code: 'auth.noTown',
    zh: '无法确定案件所属镇，拒绝',
    en: 'forbidden: cannot tell which town this case belongs to (clerk {name} of {town})',
  },
  {
    code: 'auth.otherTown',
    zh: '无权限：办事员 {name} 只能办理 {town} 的案件，此案件属于 {caseTown}',
    en: 'forbidden: clerk {name} may only {action} of {town}; this case is in {caseTown}',
  },
  { code: 'auth.noPolicy', zh: '无法确定政策', en: 'forbidden: no policy named' },
  {
    code: 'auth.otherRegion',
    zh: '无权限：政策管理员 {name} 只能编辑 {region} 地区的政策，{policy} 不在其内',
    en: 'forbidden: officer {name} may only edit policies of region {region}; {policy} is not one of them',
  },
  { code: 'auth.unknownAction', zh: '未知操作：{action}', en: 'unknown action: {action}', both: '未知操作 unknown action: {action}' },
  { code: 'auth.unknownRole', zh: '未知角色：{role}', en: 'unknown role: {role}', both: '未知角色 unknown role: {role}' },
  { code: 'auth.signIn', zh: '请先登录', en: 'please sign in' },
  { code: 'role.admin', zh: '管理员', en: 'admin' },
  { code: 'role.officer', zh: '政策管理员', en: 'officer' },
  { code: 'role.clerk', zh: '办事员', en: 'clerk' },
  { code: 'role.researcher', zh: '研究人员', en: 'researcher' },
  { code: 'action.policy.read', zh: '查看政策', en: 'read policies' },
  { code: 'action.policy.edit', zh: '编辑政策', en: 'edit policies' },
  { code: 'action.policy.publish', zh: '发布政策', en: 'publish policies' },
  { code: 'action.compare.read', zh: '比较政策', en: 'compare policies' },
  { code: 'action.case.create', zh: '新建案件', en: 'create cases' },
  { code: 'action.case.read', zh: '查看案件', en: 'read cases' },
  { code: 'action.case.readFull', zh: '查看案件完整个人信息', en: 'read cases with full personal data' },
  { code: 'action.case.command', zh: '办理案件', en: 'run case commands' },
  { code: 'action.task.read', zh: '查看待办', en: 'read tasks' },
  { code: 'action.user.manage', zh: '管理用户', en: 'manage users' },
  { code: 'action.system.read', zh: '查看此内容', en: 'read this' },
  { code: 'action.system.write', zh: '执行此写操作', en: 'perform this write' },
  // The request as a whole (plugin.ts)
  {
    code: 'auth.rateLimited',
    zh: '请求过于频繁，请 {seconds} 秒后再试',
    en: 'too many requests, retry after {seconds} s',
  },
  {
    code: 'auth.csrf',
    zh: '缺少或错误的 CSRF 令牌：请在 {header} 头中发送本会话的令牌（GET /api/session 返回）',
    en: "missing or wrong CSRF token: send the session's token in the {header} header (GET /api/session returns it)",
    both: "缺少或错误的 CSRF 令牌 missing or wrong CSRF token: send the session's token in the {header} header (GET /api/session returns it)",
  },
  // A calendar feed's link (engine/feeds/routes.ts): unknown, revoked and disabled alike.
  { code: 'auth.feedLink', zh: '日历订阅链接无效或已撤销', en: 'the feed link is unknown or revoked' },
  {
    code: 'auth.sessionIdle',
    zh: '会话已因 {minutes} 分钟无操作而结束，请重新登录',
    en: 'session ended after {minutes} minutes without activity: please sign in again',
  },
  {
    code: 'auth.sessionExpired',
    zh: '会话已到期（最长 {minutes} 分钟），请重新登录',
    en: 'session expired (sessions last at most {minutes} minutes): please sign in again',
  },
  {
    code: 'auth.twoTowns',
    zh: '案件所在镇不一致：{towns}',
    en: 'the case names two towns: {towns}',
    both: '案件所在镇不一致 the case names two towns: {towns}',
  },
  { code: 'auth.noCaseTown', zh: '缺少案件所在镇', en: "missing the case's town" },
  { code: 'auth.personalData', zh: '无权限查看完整个人信息', en: 'forbidden: this content holds personal data in full' },
  {
    code: 'auth.badLogin',
    zh: '登录失败：用户名或密码错误，或账户已停用或锁定',
    en: 'login failed: wrong user name or password, or the account is disabled or locked',
  },
  // Limits (limits.ts)
  {
    code: 'limit.policySize',
    zh: '政策文件过大：{where} 有 {bytes} 字节（{size}），上限 {max}（{maxSize}）',
    en: 'policy file too large: {where} is {bytes} bytes ({size}), the limit is {max} ({maxSize})',
    both: '政策文件过大 policy file too large: {where} 有 is {bytes} 字节 bytes ({size}), 上限 the limit is {max} ({maxSize})',
  },
  // Accounts (users.ts, password.ts, /api/users)
  {
    code: 'account.patchBody',
    zh: '请求体须为 {disabled?, password?}',
    en: 'body must be {disabled?: boolean, password?: string}',
  },
  {
    code: 'account.lastAdmin',
    zh: '不能停用最后一个管理员：{name}',
    en: 'cannot disable the last active admin: {name}',
    both: '不能停用最后一个管理员 cannot disable the last active admin: {name}',
  },
  {
    code: 'account.name',
    zh: '用户名须为 1–64 个字母、数字或 _ . @ -，且不以 - 开头（实为 {got}）',
    en: 'user name must be 1–64 letters, digits or _ . @ -, not starting with - (got {got})',
    both: '用户名须为 1–64 个字母、数字或 _ . @ -，且不以 - 开头 user name must be 1–64 letters, digits or _ . @ -, not starting with - (got {got})',
  },
  // A role that is none: store.oneOf after the field (role: …), as for any value of a fixed set.
  // Said after the field (town: …, region: …) by the accounts layer and by the store alike.
  { code: 'account.clerkTown', zh: '办事员须指定所在镇', en: 'a clerk needs a town' },
  { code: 'account.officerRegion', zh: '政策管理员须指定地区', en: 'an officer needs a region' },
  {
    code: 'account.onlyClerkTown',
    zh: '只有办事员有所在镇（角色 {role}）',
    en: 'only a clerk has a town (role {role})',
    both: '只有办事员有所在镇 only a clerk has a town (role {role})',
  },
  {
    code: 'account.onlyOfficerRegion',
    zh: '只有政策管理员有地区（角色 {role}）',
    en: 'only an officer has a region (role {role})',
    both: '只有政策管理员有地区 only an officer has a region (role {role})',
  },
  {
    code: 'account.region',
    zh: '地区须为政策编号、6 位行政区划代码（如 450700）或自省级起的完整名称（如 {=广西壮族自治区钦州市}）',
    en: 'a region is a policy id, a 6-digit division code (e.g. 450700) or the full path from the province (e.g. {=广西壮族自治区钦州市}), not a bare name',
    both: '地区须为政策编号、6 位行政区划代码（如 450700）或自省级起的完整名称（如 广西壮族自治区钦州市）— a region is a policy id, a 6-digit division code (e.g. 450700) or the full path from the province (e.g. 广西壮族自治区钦州市), not a bare name',
  },
  {
    code: 'account.noActingUser',
    zh: '缺少操作人：用 --user 或 $LANDFLOW_USER 指定一个账户',
    en: 'missing the acting user: name an account with --user or $LANDFLOW_USER',
  },
  {
    code: 'account.badUserName',
    zh: '不是有效的用户名：{name}',
    en: 'not a valid user name: {name}',
    both: '不是有效的用户名 not a valid user name: {name}',
  },
  {
    code: 'account.disabled',
    zh: '账户已停用：{name}',
    en: 'account disabled: {name}',
    both: '账户已停用 account disabled: {name}',
  },
  { code: 'password.notString', zh: '密码必须是字符串', en: 'password must be a string' },
  {
    code: 'password.tooShort',
    zh: '密码至少 {min} 个字符（实为 {n}）',
    en: 'password must have at least {min} characters (got {n})',
    both: '密码至少 {min} 个字符 password must have at least {min} characters (got {n})',
  },
  {
    code: 'password.tooLong',
    zh: '密码过长（至多 {max} 个字符）',
    en: 'password too long (at most {max} characters)',
    both: '密码过长 password too long (at most {max} characters)',
  },
  { code: 'password.control', zh: '密码不得含控制字符', en: 'password must not contain control characters' },
  { code: 'password.userName', zh: '密码不得与用户名相同', en: 'the password must not be the user name' },
  {
    code: 'password.common',
    zh: '密码过于常见，请另选一个',
    en: 'this password is one of the most common ones: choose another',
  },
];
