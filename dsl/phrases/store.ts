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
  // A value of a fixed set: a procedure kind, a role (account-rows.ts, and engine/accounts/users.ts).
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
  // The store's own refusals (operations.ts, sqlite-store.ts, pg/store.ts, case-index.ts, packing.ts,
  // migrations.ts): a caller's mistake, a database that cannot be used, damage. `both` keeps the
  // lines printed before.
  { code: 'store.array', zh: '必须是数组', en: 'must be an array' },
  { code: 'store.tooMany', zh: '过多（{count} > {max}）', en: 'too many ({count} > {max})', both: '过多 too many ({count} > {max})' },
  { code: 'store.function', zh: '必须是函数', en: 'must be a function' },
  { code: 'store.writeInDecide', zh: '不得在 decide 内写入案件库', en: 'must not write to the store' },
  {
    code: 'store.synchronous',
    zh: '必须同步返回',
    en: 'must return synchronously (a transaction cannot wait for a promise)',
  },
  { code: 'store.decideResult', zh: '必须返回 {events, state}', en: 'must return {events, state}' },
  { code: 'store.onlyInDecide', zh: '只能在 decide 内调用', en: 'may only be called while decide runs' },
  // store.idempotencyMismatch's {detail}: what the key was first used for.
  { code: 'store.firstUsedFor', zh: '先前用于{what}', en: 'first used for {what}', both: '先前用于 first used for {what.en}' },
  { code: 'store.usedFor.create', zh: '立案', en: 'a case creation' },
  { code: 'store.usedFor.command', zh: '命令', en: 'a command' },
  {
    code: 'store.firstUsedForCase',
    zh: '先前用于案件 {caseId}',
    en: 'first used for case {caseId}',
    both: '先前用于案件 first used for case {caseId}',
  },
  { code: 'store.requestDiffers', zh: '请求内容不同', en: 'the request differs' },
  {
    code: 'store.contractKind',
    zh: '必须是 {=转让} 或 {=退出}（实为 {got}）',
    en: 'must be {=转让} or {=退出} (got {got})',
    both: '必须是 {=转让} 或 {=退出} must be {=转让} or {=退出} (got {got})',
  },
  { code: 'store.year', zh: '年份无效：{got}', en: 'invalid year {got}', both: '年份无效 invalid year {got}' },
  {
    code: 'store.nonNegativeInteger',
    zh: '必须是非负整数{?got:（实为 {got}）}',
    en: 'must be a non-negative integer{?got: (got {got})}',
    both: '必须是非负整数 must be a non-negative integer{?got: (got {got})}',
  },
  {
    code: 'store.replayIncomplete',
    zh: '幂等记录所指的事件 {first}…{last} 不全',
    en: 'the events of case {caseId} an idempotency record names are not all there (landflow audit verify)',
  },
  {
    code: 'store.needsReduce',
    zh: '案件已前进，重放需要 reduce',
    en: 'the case has moved on: replaying this request needs reduce (the fold of its events)',
  },
  { code: 'store.eventsMissing', zh: '案件 {caseId} 的事件不全', en: 'events of case {caseId} are missing' },
  // The audit key (operations.ts)
  {
    code: 'store.keyMissing',
    zh: '审计密钥文件缺失：此数据库已由密钥 {sealed} 封存，请从备份放回密钥文件 {keyFile}（或用 LANDFLOW_MAC_KEY_FILE 指明）',
    en: 'the audit key file is missing: this database is sealed with key {sealed}; put its key file back at {keyFile} (or name it with LANDFLOW_MAC_KEY_FILE)',
  },
  {
    code: 'store.wrongKey',
    zh: '审计密钥不属于此数据库',
    en: 'the audit key {keyFile} (id {keyId}) is not the key that sealed this database (id {sealedBy})',
  },
  { code: 'store.writableNeedsKey', zh: '可写打开需要审计密钥', en: 'a writable store needs the audit key file' },
  { code: 'store.noKeyForCheckpoint', zh: '没有审计密钥，无法签署检查点', en: 'no audit key: a checkpoint cannot be signed' },
  {
    code: 'store.checkpointWrongKey',
    zh: '密钥不属于此数据库，拒绝签署',
    en: 'the key {keyId} did not seal this database ({sealedBy}): no checkpoint signed',
  },
  { code: 'store.notSealed', zh: '未封存', en: 'not sealed' },
  // Opening a database (sqlite-store.ts, pg/store.ts, migrations.ts): store.unreadable's {problem}
  { code: 'store.dbNotFound', zh: '数据库文件不存在', en: 'database file not found' },
  {
    code: 'store.cannotOpen',
    zh: '无法打开数据库（{detail}）',
    en: 'cannot open database ({detail})',
    both: '无法打开数据库 cannot open database ({detail})',
  },
  {
    code: 'store.cannotConnect',
    zh: '无法连接数据库（{detail}）',
    en: 'cannot connect to the database ({detail})',
    both: '无法连接数据库 cannot connect to the database ({detail})',
  },
  {
    code: 'store.cannotRead',
    zh: '无法读取数据库（{detail}）',
    en: 'cannot read database ({detail})',
    both: '无法读取数据库 cannot read database ({detail})',
  },
  { code: 'store.notLandflow', zh: '不是 landflow 数据库', en: 'not a landflow database (no schema_migrations table)' },
  {
    code: 'store.noLandflowYet',
    zh: '数据库中没有 landflow 数据',
    en: 'the database holds no landflow store yet (no schema_migrations table)',
  },
  {
    code: 'store.incompleteSchema',
    zh: '数据库结构不完整（{detail}）',
    en: 'incomplete landflow schema ({detail})',
    both: '数据库结构不完整 incomplete landflow schema ({detail})',
  },
  {
    code: 'store.schemaNewer',
    zh: '数据库结构版本 {version} 比本程序新',
    en: 'database schema version {version} is newer than this landflow (knows up to {known})',
  },
  {
    code: 'store.migrationsDiffer',
    zh: '数据库迁移记录不符',
    en: 'schema_migrations does not match: applied #{applied} "{appliedName}", expected #{expected} "{expectedName}"',
  },
  { code: 'store.readOnly', zh: '只读打开', en: 'opened read-only' },
  // Backups (sqlite-store.ts, pg/store.ts)
  { code: 'store.backupIsTarget', zh: '备份目标就是数据库本身', en: 'the backup target is the database itself' },
  {
    code: 'store.pgBackup',
    zh: 'PostgreSQL 案件库请用 pg_dump 备份（见 docs/deploy.md），恢复后用 landflow audit verify 校验',
    en: 'a PostgreSQL store is backed up with pg_dump (docs/deploy.md), and a restored dump checked with landflow audit verify: {target}',
  },
  // Damage found while reading (packing.ts)
  {
    code: 'store.dictionaryRewritten',
    zh: '压缩字典 {id} 被改写',
    en: 'dictionary {id} was rewritten: its body no longer hashes to {hash} (landflow audit verify)',
  },
  {
    code: 'store.eventNoInflate',
    zh: '案件 {caseId} 的事件 {seq} 无法解压',
    en: 'the payload of event {seq} of case {caseId} does not inflate (landflow audit verify)',
  },
  // The case-list index given with a command (case-index.ts)
  { code: 'store.indexShape', zh: '必须是 {status, asOf, tasks}', en: 'must be {status, asOf, tasks}' },
  {
    code: 'store.beforeAsOf',
    zh: '不得早于 asOf（{validThrough} < {asOf}）',
    en: 'must not be before asOf ({validThrough} < {asOf})',
    both: '不得早于 asOf must not be before asOf ({validThrough} < {asOf})',
  },
  { code: 'store.pageFrom', zh: '必须是 {caseId, ord?}', en: 'must be {caseId, ord?}' },
];
