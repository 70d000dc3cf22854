// What the case store says when it refuses (engine/store: errors.ts, validate.ts, account-rows.ts,
// key-file.ts, rate-buckets.ts, policy-versions.ts, restore.ts, sqlite-state.ts): a field of a
// command that may not be stored, a case or account that is not there or already is, a database or
// key file that cannot be used. Chinese first, then English, on the command line and in the error
// body's `message`; in one language in the UI. Field paths, ids, file names and values are
// arguments: content. A field's problem (the {problem} of `at.problem`, dsl/messages.ts) is one of the phrases below it.
import type { PhraseDef } from '../messages.ts';

export const STORE_PHRASES: readonly PhraseDef[] = [
  // The store's errors (errors.ts)
  {
    code: 'store.caseExists',
    zh: '案件已存在：{caseId}（版本 {version}）',
    en: 'case already exists: {caseId} (version {version})',
    both: '案件已存在 case already exists: {caseId} (version {version})',
  },
  {
    code: 'store.versionConflict',
    zh: '版本冲突：案件 {caseId} 的命令基于版本 {expected}，当前版本为 {actual}',
    en: 'version conflict on case {caseId}: the command expected version {expected}, the current version is {actual}',
    both: '版本冲突 version conflict on case {caseId}: 命令基于 expected version {expected}, 当前 current version {actual}',
  },
  {
    code: 'store.caseNotFound',
    zh: '案件不存在：{caseId}',
    en: 'case not found: {caseId}',
    both: '案件不存在 case not found: {caseId}',
  },
  {
    code: 'store.idempotencyMismatch',
    zh: '幂等键已用于另一请求：{key}（{detail}）',
    en: 'idempotency key already used for a different request: {key} ({detail})',
    both: '幂等键已用于另一请求 idempotency key already used for a different request: {key} ({detail})',
  },
  { code: 'store.unreadable', zh: '{problem}：{file}', en: '{problem}: {file}', both: '{problem}: {file}' },
  {
    code: 'store.userExists',
    zh: '用户已存在：{name}',
    en: 'user already exists: {name}',
    both: '用户已存在 user already exists: {name}',
  },
  { code: 'store.userNotFound', zh: '用户不存在：{name}', en: 'no such user: {name}', both: '用户不存在 no such user: {name}' },
  // A field's problem (validate.ts, account-rows.ts, rate-buckets.ts, policy-versions.ts)
  {
    code: 'store.tooLong',
    zh: '过长（{length} > {max} 个字符）',
    en: 'too long ({length} > {max} characters)',
    both: '过长 too long ({length} > {max} characters)',
  },
  { code: 'store.control', zh: '含控制字符', en: 'contains control characters' },
  { code: 'store.loneSurrogate', zh: '含不成对的代理字符', en: 'contains an unpaired UTF-16 surrogate' },
  {
    code: 'store.instant',
    zh: '必须是带时区的 ISO 时间，如 2026-03-01T09:30:00+08:00（实为 {got}）',
    en: 'must be an ISO timestamp with offset, e.g. 2026-03-01T09:30:00+08:00 (got {got})',
    both: '必须是带时区的 ISO 时间 must be an ISO timestamp with offset, e.g. 2026-03-01T09:30:00+08:00 (got {got})',
  },
  {
    code: 'store.date',
    zh: '必须是日期 YYYY-MM-DD（实为 {got}）',
    en: 'must be a date YYYY-MM-DD (got {got})',
    both: '必须是日期 must be a date YYYY-MM-DD (got {got})',
  },
  {
    code: 'store.caseId',
    zh: '案件编号只可含字母、数字、_ . -，至多 64 个字符，以字母或数字开头（实为 {got}）',
    en: 'case id must be 1–64 of A–Z a–z 0–9 _ . - (got {got})',
    both: '案件编号只可含字母、数字、_ . - case id must be 1–64 of A–Z a–z 0–9 _ . - (got {got})',
  },
  {
    code: 'store.positiveInteger',
    zh: '必须是正整数（实为 {got}）',
    en: 'must be a positive integer (got {got})',
    both: '必须是正整数 must be a positive integer (got {got})',
  },
  { code: 'store.place', zh: '必须是 {town, village, group}', en: 'must be {town, village, group}' },
  {
    code: 'store.cannotSerialise',
    zh: '无法序列化为 JSON（{path}）：{what}',
    en: 'cannot serialise to JSON at {path}: {what}',
    both: '无法序列化为 JSON cannot serialise to JSON at {path}: {what}',
  },
  {
    code: 'store.notJson',
    zh: '不是 JSON 值：{detail}',
    en: 'not a JSON value: {detail}',
    both: '不是 JSON 值 not a JSON value: {detail}',
  },
  {
    code: 'store.noEvents',
    zh: '至少需要一个事件（状态是事件的折叠）',
    en: 'at least one event is required (the state is the fold of the events)',
    both: '至少需要一个事件 at least one event is required (the state is the fold of the events)',
  },
  { code: 'store.eventShape', zh: '必须是 {type, payload}', en: 'must be {type, payload}' },
  { code: 'store.object', zh: '必须是对象', en: 'must be an object' },
  { code: 'store.objectOrNull', zh: '必须是对象或 null', en: 'must be an object or null' },
  {
    code: 'store.securityEventType',
    zh: '未知的安全事件类型 {type}（应为 {types} 之一）',
    en: 'unknown security event type {type} (expected one of {types})',
    both: '未知的安全事件类型 unknown security event type {type} (expected one of {types})',
  },
  {
    code: 'store.tooManyKeys',
    zh: '键过多（{count} > {max}）',
    en: 'too many keys ({count} > {max})',
    both: '键过多 too many keys ({count} > {max})',
  },
  { code: 'store.finiteNumber', zh: '必须是有限数', en: 'must be a finite number' },
  { code: 'store.detailValue', zh: '只可为字符串、数字或布尔值', en: 'must be a string, number or boolean' },
  {
    code: 'store.oneOf',
    zh: '必须是 {values} 之一（实为 {got}）',
    en: 'must be one of {values} (got {got})',
  },
  { code: 'store.milliseconds', zh: '必须是非负整数毫秒', en: 'must be non-negative integer milliseconds' },
  {
    code: 'store.integerRange',
    zh: '须为 {min}–{max} 的整数（实为 {got}）',
    en: 'must be an integer {min}–{max} (got {got})',
    both: '须为 {min}–{max} 的整数 must be an integer {min}–{max} (got {got})',
  },
  {
    code: 'store.positiveNumber',
    zh: '须为正数（实为 {got}）',
    en: 'must be a positive number (got {got})',
    both: '须为正数 must be a positive number (got {got})',
  },
  {
    code: 'store.hex64',
    zh: '必须是 64 位十六进制（实为 {got}）',
    en: 'must be 64 hex digits (got {got})',
    both: '必须是 64 位十六进制 must be 64 hex digits (got {got})',
  },
  // The audit key file (key-file.ts), said as store.unreadable's {problem}
  {
    code: 'store.keyUnreadable',
    zh: '无法读取审计密钥文件（{detail}）',
    en: 'cannot read the audit key file ({detail})',
    both: '无法读取审计密钥文件 cannot read the audit key file ({detail})',
  },
  {
    code: 'store.keyMalformed',
    zh: '审计密钥文件格式不对（应为 64 位十六进制）',
    en: 'the audit key file is not 64 hex digits',
    both: '审计密钥文件格式不对（应为 64 位十六进制）the audit key file is not 64 hex digits',
  },
  {
    code: 'store.keyCreate',
    zh: '无法创建审计密钥文件（{detail}）',
    en: 'cannot create the audit key file ({detail})',
    both: '无法创建审计密钥文件 cannot create the audit key file ({detail})',
  },
  { code: 'store.keyVanished', zh: '审计密钥文件创建后消失', en: 'the audit key file vanished after creation' },
  // Restoring a backup (restore.ts)
  { code: 'store.restoreSameFile', zh: '备份文件与目标数据库相同', en: 'the backup and the target database are the same file' },
  {
    code: 'store.brokenBackup',
    zh: '拒绝恢复：备份校验失败：{file}{?first: — {first}}',
    en: 'refusing to restore, the backup does not verify: {file}{?first: — {first}}',
    both: '拒绝恢复：备份校验失败 refusing to restore, the backup does not verify: {file}{?first: — {first}}',
  },
  {
    code: 'store.brokenEvent',
    zh: '案件 {caseId}，seq {seq}：{reason}',
    en: 'case {caseId}, seq {seq}: {reason}',
    both: '案件 case {caseId}, seq {seq}: {reason}',
  },
  { code: 'store.noKeyForMac', zh: '没有审计密钥，无法校验 MAC', en: 'no audit key, the MACs cannot be checked' },
  // A stored snapshot (sqlite-state.ts)
  {
    code: 'store.snapshotDamaged',
    zh: '案件 {caseId} 的快照无法解压（landflow audit verify）',
    en: 'the snapshot of case {caseId} does not inflate (landflow audit verify)',
    both: '案件快照无法解压 the snapshot of case {caseId} does not inflate (landflow audit verify)',
  },
];
