// What `landflow audit verify` finds against the keyed audit chain (engine/store/verify-chain.ts,
// engine/store/verify.ts): what an entry names (the subject) and what is wrong with it (the reason).
// The command line, backups and logs print both languages — the `both:` templates keep those lines
// as they were written before they became messages —, `--json` and the UI the message as data.
// Ids, seqs, chain positions, key ids and table names are arguments: content.
import type { PhraseDef } from '../messages.ts';

export const AUDIT_PHRASES: readonly PhraseDef[] = [
  // What a finding names
  { code: 'audit.subject.key', zh: '审计密钥', en: 'audit key' },
  { code: 'audit.subject.chain', zh: '审计链', en: 'audit chain' },
  {
    code: 'audit.subject.entry',
    zh: '审计链 #{gseq}',
    en: 'audit chain #{gseq}',
    both: '审计链 audit chain #{gseq}',
  },
  { code: 'audit.subject.case', zh: '案件 {caseId}', en: 'case {caseId}', both: '案件 case {caseId}' },
  {
    code: 'audit.subject.event',
    zh: '案件 {caseId}，seq {seq}',
    en: 'case {caseId}, seq {seq}',
    both: '案件 case {caseId}, seq {seq}',
  },
  {
    code: 'audit.subject.contract',
    zh: '合同编号 {town} {text}',
    en: 'contract number {town} {text}',
    both: '合同编号 contract number {town} {text}',
  },
  {
    code: 'audit.subject.security',
    zh: '安全事件 #{id}',
    en: 'security event #{id}',
    both: '安全事件 security event #{id}',
  },
  { code: 'audit.subject.checkpoint', zh: '检查点 {at}', en: 'checkpoint {at}', both: '检查点 checkpoint {at}' },
  // What a sealed row is, in a reason ({what} below)
  {
    code: 'audit.what.case',
    zh: '案件（镇、村、组、政策、程序、创建）',
    en: 'the case (town, village, group, policy, procedure, creation)',
  },
  { code: 'audit.what.event', zh: '事件', en: 'the event' },
  { code: 'audit.what.contract', zh: '合同编号', en: 'the contract number' },
  { code: 'audit.what.security', zh: '安全事件', en: 'the security event' },
  // The key (verify-chain.ts)
  {
    code: 'audit.wrongKey',
    zh: '密钥文件（{keyId}）不是封存此数据库的密钥（{sealedBy}），未校验 MAC',
    en: 'the key file (id {keyId}) is not the key that sealed this database (id {sealedBy}); MACs were not checked',
    both: '密钥文件不是封存此数据库的密钥 the key file (id {keyId}) is not the key that sealed this database (id {sealedBy}); MACs were not checked',
  },
  {
    code: 'audit.noKeyId',
    zh: '数据库未记录封存密钥（audit_meta.key_id 已不在）',
    en: 'the database records no sealing key id (audit_meta.key_id is gone)',
    both: '数据库未记录封存密钥 the database records no sealing key id (audit_meta.key_id is gone)',
  },
  // The chain's entries (verify-chain.ts)
  {
    code: 'audit.entriesMissing',
    zh: '审计链条目缺失：#{from}{?to:…#{to}}（下一条为 #{next}）',
    en: 'audit chain entries #{from}{?to:…#{to}} are missing (next stored is #{next})',
    both: '审计链条目缺失 audit chain entries #{from}{?to:…#{to}} are missing (next stored is #{next})',
  },
  {
    code: 'audit.macMismatch',
    zh: 'MAC 不符：条目在没有密钥的情况下被改写',
    en: 'MAC mismatch: the entry was rewritten by someone without the key',
  },
  {
    code: 'audit.unknownKind',
    zh: '未知的条目类型 {kind}',
    en: 'unknown entry kind {kind}',
    both: '未知的条目类型 unknown entry kind {kind}',
  },
  {
    code: 'audit.sealedTwice',
    zh: '同一记录封存两次：{kind} {ref}（首次于 #{first}）',
    en: '{kind} {ref} is sealed twice (first at #{first})',
    both: '同一记录封存两次 {kind} {ref} is sealed twice (first at #{first})',
  },
  // Rows against the chain (verify.ts)
  {
    code: 'audit.noChain',
    zh: '此数据库尚无审计链（旧版结构），请先用 landflow 可写打开一次以迁移（如 landflow serve）',
    en: 'this database has no audit chain yet (an older schema): open it once with landflow (e.g. landflow serve) to migrate',
    both: '此数据库尚无审计链（旧版结构），请先用 landflow 可写打开一次以迁移 this database has no audit chain yet (an older schema): open it once with landflow (e.g. landflow serve) to migrate',
  },
  {
    code: 'audit.unsealed',
    zh: '不在审计链中：{what}绕过 landflow 写入',
    en: 'not in the audit chain: {what} was written outside landflow',
    both: '不在审计链中：绕过 landflow 写入 not in the audit chain: {what.en} was written outside landflow',
  },
  {
    code: 'audit.rewritten',
    zh: '与审计链 #{gseq} 封存的内容不同：{what}被改写',
    en: 'differs from what the audit chain sealed at #{gseq}: {what} was rewritten',
    both: '与审计链 #{gseq} 封存的内容不同：被改写 differs from what the audit chain sealed at #{gseq}: {what.en} was rewritten',
  },
  // Rows that are gone: the entries no row claimed (verify.ts gone)
  {
    code: 'audit.sealedEvents',
    zh: '事件 {seqs}（封存于 {at}）',
    en: 'events {seqs}, sealed at {at}',
    both: 'events {seqs}, sealed at {at}',
  },
  {
    code: 'audit.caseDeleted',
    zh: '案件被删除：审计链于 #{gseq} 封存了它{?events:及其{events}}，案件表中已没有它',
    en: 'the case was deleted: the audit chain sealed it at #{gseq}{?events: with its {events}}; the cases table no longer has it',
    both: '案件被删除 the case was deleted: the audit chain sealed it at #{gseq}{?events: with its {events}}; the cases table no longer has it',
  },
  {
    code: 'audit.allEventsGone',
    zh: '案件的事件全部被删除：{events}',
    en: 'every event of the case is gone: {events}',
    both: '案件的事件全部被删除 every event of the case is gone: {events}',
  },
  {
    code: 'audit.tailCut',
    zh: '末尾事件被截去：{events} 已不在，案件现止于 seq {last}',
    en: "the case's last events were cut off: {events}, are gone; the case now ends at seq {last}",
    both: "末尾事件被截去 the case's last events were cut off: {events}, are gone; the case now ends at seq {last}",
  },
  {
    code: 'audit.eventsDeleted',
    zh: '事件被删除：{events}',
    en: '{events}, are gone',
    both: '事件被删除 {events}, are gone',
  },
  {
    code: 'audit.contractDeleted',
    zh: '合同编号被删除：封存于 #{gseq}，contract_numbers 中已没有它',
    en: 'the contract number was deleted: sealed at #{gseq}, no longer in contract_numbers',
    both: '合同编号被删除 the contract number was deleted: sealed at #{gseq}, no longer in contract_numbers',
  },
  {
    code: 'audit.securityDeleted',
    zh: '安全事件被删除：封存于 #{gseq}，security_events 中已没有它',
    en: 'the security event was deleted: sealed at #{gseq}, no longer in security_events',
    both: '安全事件被删除 the security event was deleted: sealed at #{gseq}, no longer in security_events',
  },
  // A checkpoint (verify.ts checkCheckpoint)
  {
    code: 'audit.notCheckpoint',
    zh: '不是 landflow 审计检查点（格式 landflow-audit-checkpoint/1）',
    en: 'not a landflow audit checkpoint (format landflow-audit-checkpoint/1)',
    both: '不是 landflow 审计检查点 not a landflow audit checkpoint (format landflow-audit-checkpoint/1)',
  },
  {
    code: 'audit.checkpointOtherKey',
    zh: '检查点属于另一把密钥：{keyId}，此数据库由 {sealedBy} 封存',
    en: 'the checkpoint was signed for key {keyId}, this database is sealed with {sealedBy}',
    both: '检查点属于另一把密钥 the checkpoint was signed for key {keyId}, this database is sealed with {sealedBy}',
  },
  {
    code: 'audit.checkpointForged',
    zh: '检查点签名无效：被改动或伪造',
    en: "the checkpoint's MAC is invalid: it was altered or forged",
  },
  {
    code: 'audit.chainCutBack',
    zh: '审计链被截短：检查点记录了 {recorded} 条，审计链现止于 #{head}',
    en: 'the audit chain was cut back: the checkpoint recorded {recorded} entries, the chain now ends at #{head}',
    both: '审计链被截短 the audit chain was cut back: the checkpoint recorded {recorded} entries, the chain now ends at #{head}',
  },
  {
    code: 'audit.checkpointDiffers',
    zh: '审计链 #{gseq} 与检查点不符：其后被改写',
    en: "the chain's entry #{gseq} differs from the checkpoint: rewritten since",
    both: "审计链 #{gseq} 与检查点不符：其后被改写 the chain's entry #{gseq} differs from the checkpoint: rewritten since",
  },
  {
    code: 'audit.fewerThanCheckpoint',
    zh: '{name} 比检查点时少（现 {now}，检查点时 {then}）',
    en: 'fewer {name} now ({now}) than at the checkpoint ({then})',
    both: '{name} 比检查点时少 fewer {name} now ({now}) than at the checkpoint ({then})',
  },
  // A case's own rows: its events, its snapshot, its idempotency records (verify.ts)
  {
    code: 'audit.eventsMissing',
    zh: '事件缺失{?to:：{from}…{to}}（下一个为 seq {next}）',
    en: 'missing event{?to:s {from}…{to}} (next stored is seq {next})',
    both: '事件缺失 missing event{?to:s {from}…{to}} (next stored is seq {next})',
  },
  { code: 'audit.payloadNotJson', zh: 'payload 不是有效 JSON', en: 'payload is not valid JSON' },
  {
    code: 'audit.hashMismatchFirst',
    zh: '哈希不符，事件内容被改动（所存 {stored}，重算 {recomputed}）',
    en: 'hash mismatch, the event was altered (stored {stored}, recomputed {recomputed})',
    both: '哈希不符，事件内容被改动 hash mismatch, the event was altered (stored {stored}, recomputed {recomputed})',
  },
  {
    code: 'audit.hashMismatch',
    zh: '哈希不符，此事件或事件 {prev} 被改动（所存 {stored}，以事件 {prev} 的哈希重算 {recomputed}）',
    en: 'hash mismatch: this event, or event {prev} whose hash it covers, was altered (stored {stored}, recomputed over the hash of event {prev}: {recomputed})',
    both: '哈希不符，此事件或事件 {prev} 被改动 hash mismatch: this event, or event {prev} whose hash it covers, was altered (stored {stored}, recomputed over the hash of event {prev}: {recomputed})',
  },
  {
    code: 'audit.reducerFailed',
    zh: '折叠失败：{error}',
    en: 'the reducer failed on this event: {error}',
    both: '折叠失败 the reducer failed on this event: {error}',
  },
  { code: 'audit.caseRowMissing', zh: '案件表中没有此案件', en: 'events for a case that is missing from the cases table' },
  {
    code: 'audit.noEvents',
    zh: '案件没有任何事件（快照版本 {version}）',
    en: 'the case has no events (snapshot version {version})',
    both: '案件没有任何事件 the case has no events (snapshot version {version})',
  },
  {
    code: 'audit.snapshotAhead',
    zh: '事件缺失：快照版本为 {version}，末事件为 seq {last}',
    en: 'missing event: the snapshot is at version {version} but the last event is seq {last}',
    both: '事件缺失 missing event: the snapshot is at version {version} but the last event is seq {last}',
  },
  {
    code: 'audit.snapshotBehind',
    zh: '快照落后：快照版本为 {version}，事件到 seq {last}',
    en: 'the snapshot is at version {version} but events go on to seq {last}',
    both: '快照落后 the snapshot is at version {version} but events go on to seq {last}',
  },
  {
    code: 'audit.lastHashMismatch',
    zh: '快照的 last_hash 与末事件不符（{stored} ≠ {expected}）',
    en: "the snapshot's last_hash does not match the last event ({stored} ≠ {expected})",
    both: "快照的 last_hash 与末事件不符 the snapshot's last_hash does not match the last event ({stored} ≠ {expected})",
  },
  {
    code: 'audit.snapshotStamp',
    zh: '快照的更新时间或更新人（{at}，{by}）与末事件（{lastAt}，{lastBy}）不符',
    en: "the snapshot's updated_at/updated_by ({at}, {by}) differ from the last event's ({lastAt}, {lastBy})",
    both: "快照的更新时间或更新人与末事件不符 the snapshot's updated_at/updated_by ({at}, {by}) differ from the last event's ({lastAt}, {lastBy})",
  },
  { code: 'audit.snapshotNotJson', zh: '快照状态不是有效 JSON', en: 'the snapshot state is not valid JSON' },
  { code: 'audit.snapshotDiffers', zh: '快照状态与事件折叠结果不符', en: 'the snapshot state differs from the fold of its events' },
  {
    code: 'audit.idempotencyRecord',
    zh: '幂等记录 {key}：{problem}',
    en: 'idempotency record {key}: {problem}',
    both: '幂等记录 idempotency record {key}: {problem}',
  },
  {
    code: 'audit.unrecordedBefore',
    zh: '之前的事件 {range} 没有幂等记录（被删除？）',
    en: 'events {range} before it have no idempotency record (deleted?)',
    both: '之前的事件 {range} 没有幂等记录 events {range} before it have no idempotency record (deleted?)',
  },
  {
    code: 'audit.overlaps',
    zh: '与前一记录重叠（事件 {range}）',
    en: 'overlaps the previous record (events {range})',
    both: '与前一记录重叠 overlaps the previous record (events {range})',
  },
  {
    code: 'audit.invalidRange',
    zh: '事件范围无效：{first}…{last}',
    en: 'invalid event range {first}…{last}',
    both: '事件范围无效 invalid event range {first}…{last}',
  },
  {
    code: 'audit.producedGone',
    zh: '所指事件不存在：{range}',
    en: 'the events it produced are gone: {range}',
    both: '所指事件不存在 the events it produced are gone: {range}',
  },
  {
    code: 'audit.unrecorded',
    zh: '事件 {range} 没有幂等记录（被删除？）',
    en: 'events {range} have no idempotency record (deleted?)',
    both: '事件 {range} 没有幂等记录 events {range} have no idempotency record (deleted?)',
  },
  {
    code: 'audit.orphanRecord',
    zh: '幂等记录 {key} 指向不存在的案件',
    en: 'idempotency record {key} names a case that does not exist',
    both: '幂等记录 {key} 指向不存在的案件 idempotency record {key} names a case that does not exist',
  },
  // Contract numbers (verify.ts)
  {
    code: 'audit.contractGap',
    zh: '合同编号断号：{town} 缺 {missing}（下一个为 {next}）',
    en: 'contract number gap in {town}: {missing} is missing (next is {next})',
    both: '合同编号断号 contract number gap in {town}: {missing} is missing (next is {next})',
  },
  {
    code: 'audit.contractText',
    zh: '合同编号文字「{text}」与 {expected} 不符',
    en: 'contract number text "{text}" does not match {expected}',
    both: '合同编号文字不符 contract number text "{text}" does not match {expected}',
  },
  {
    code: 'audit.contractNoCase',
    zh: '合同编号 {text} 指向不存在的案件',
    en: '{text} belongs to a case that does not exist',
    both: '合同编号指向不存在的案件 {text} belongs to a case that does not exist',
  },
  {
    code: 'audit.contractLater',
    zh: '合同编号 {text} 取于版本 {version}，晚于案件版本 {caseVersion}',
    en: "{text} was taken at version {version}, after the case's version {caseVersion}",
    both: "合同编号晚于案件版本 {text} was taken at version {version}, after the case's version {caseVersion}",
  },
  // The schema and the file (verify.ts missingTriggers, sqlite-verify.ts, pg/verify.ts)
  {
    code: 'audit.triggerMissing',
    zh: '只追加触发器缺失：{name}',
    en: 'append-only trigger missing: {name}',
    both: '只追加触发器缺失 append-only trigger missing: {name}',
  },
  {
    code: 'audit.triggerDisabled',
    zh: '只追加触发器被停用：{name}',
    en: 'append-only trigger disabled: {name}',
    both: '只追加触发器被停用 append-only trigger disabled: {name}',
  },
  {
    code: 'audit.triggerAltered',
    zh: '只追加触发器被改动：{name}（{def}）',
    en: 'append-only trigger altered: {name} ({def})',
    both: '只追加触发器被改动 append-only trigger altered: {name} ({def})',
  },
  {
    code: 'audit.refuseChangeMissing',
    zh: '只追加触发器函数 landflow_refuse_change 缺失',
    en: 'the append-only trigger function landflow_refuse_change is missing',
    both: '只追加触发器函数缺失 the append-only trigger function landflow_refuse_change is missing',
  },
  {
    code: 'audit.refuseChangeReplaced',
    zh: '只追加触发器函数 landflow_refuse_change 被改动：UPDATE 与 DELETE 可能通过',
    en: 'the append-only trigger function landflow_refuse_change was replaced: UPDATE and DELETE may pass',
    both: '只追加触发器函数被改动 the append-only trigger function landflow_refuse_change was replaced: UPDATE and DELETE may pass',
  },
  {
    code: 'audit.replicationRole',
    zh: '触发器不会触发：此数据库的 session_replication_role 为 {role}（ALTER DATABASE … RESET session_replication_role）',
    en: 'session_replication_role is {role} for this database: no trigger fires (ALTER DATABASE … RESET session_replication_role)',
    both: '触发器不会触发 session_replication_role is {role} for this database: no trigger fires (ALTER DATABASE … RESET session_replication_role)',
  },
  {
    code: 'audit.fileDamaged',
    zh: '数据库文件损坏（PRAGMA {pragma}：{detail}）',
    en: 'the database file is damaged (PRAGMA {pragma}: {detail})',
    both: '数据库文件损坏 the database file is damaged (PRAGMA {pragma}: {detail})',
  },
  {
    code: 'audit.databaseDamaged',
    zh: '数据库损坏（{detail}）',
    en: 'the database is damaged ({detail})',
    both: '数据库损坏 the database is damaged ({detail})',
  },
  {
    code: 'audit.indexInvalid',
    zh: '索引 {name} 无效：请重建（REINDEX INDEX {name}）',
    en: 'index {name} is invalid: rebuild it (REINDEX INDEX {name})',
    both: '索引无效 index {name} is invalid: rebuild it (REINDEX INDEX {name})',
  },
  {
    code: 'audit.indexCorrupt',
    zh: '索引损坏 amcheck bt_index_check({name})：{error}',
    en: 'index damaged: amcheck bt_index_check({name}): {error}',
    both: '索引损坏 amcheck bt_index_check({name}): {error}',
  },
  {
    code: 'audit.stopped',
    zh: '校验中止：{error}',
    en: 'verification stopped: {error}',
    both: '校验中止 verification stopped: {error}',
  },
  // Content addresses (verify.ts)
  {
    code: 'audit.versionTemplatesUnreadable',
    zh: '政策版本 {hash}（{policyId}）的模板不可读：不是文字的 JSON 对象',
    en: 'policy version {hash} ({policyId}): its templates are not a JSON object of texts',
    both: '政策版本的模板不可读 policy version {hash} ({policyId}): its templates are not a JSON object of texts',
  },
  {
    code: 'audit.versionRewritten',
    zh: '政策版本 {hash}（{policyId}）被改写：其文本与模板的哈希为 {recomputed}',
    en: 'policy version {hash} ({policyId}) was rewritten: its text and templates hash to {recomputed}',
    both: '政策版本被改写 policy version {hash} ({policyId}) was rewritten: its text and templates hash to {recomputed}',
  },
  {
    code: 'audit.workflowRewritten',
    zh: '流程 {hash}（{id}）被改写：其内容的哈希为 {recomputed}',
    en: 'workflow {hash} ({id}) was rewritten: its body hashes to {recomputed}',
    both: '流程被改写 workflow {hash} ({id}) was rewritten: its body hashes to {recomputed}',
  },
];
