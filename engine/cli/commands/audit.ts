// `landflow audit verify`: re-checks the store read-only — the file itself, every case's hash
// chain, snapshot, idempotency records and contract numbers, and every row against the keyed audit
// chain — and names the first problem. `landflow audit checkpoint` exports the chain's signed head,
// which `verify --against` later holds the store to, so that even a cut-back chain shows.
import { msg } from '../../../dsl/message.ts';
import { renderBoth } from '../../../dsl/messages.ts';
import fs from 'node:fs';
import path from 'node:path';
import { UsageError, parseCommandArgs, EXIT_FINDINGS, EXIT_OK, type Command, type CliIO } from '../command.ts';
import {
  StoreInputError,
  redactTarget,
  resolveDbTarget,
  resolveKeyFile,
  type AuditCheckpoint,
  type VerifyResult,
} from '../../store/index.ts';
import { openStoreOrUsage } from '../open.ts';
import { chinaInstant, systemClock } from '../../cases/clock.ts';
import { reduce, type CaseState } from '../../run/index.ts';

const help = `landflow audit verify [--db 文件 FILE] [--json] [--chain-only] [--no-key] [--against 检查点 CHECKPOINT.json]
landflow audit checkpoint [--db 文件 FILE] [--out 文件 FILE]

verify 校验案件库：PRAGMA quick_check / integrity_check 检查文件本身；逐个重算每个事件的哈希
（sha256(上一哈希 + 事件字段的规范 JSON)），检查每个案件的事件序号从 1 连续、快照版本等于末事件序号、
每条幂等记录指向存在的事件且所存结果与之相符、合同编号每镇每年每类从 001 起无断号、只追加触发器
仍在；再用审计密钥逐条校验全局审计链（HMAC-SHA256，覆盖所有案件、事件、合同编号和安全事件）：
被删除的案件、被截去的末尾事件、被删除的合同编号、重算了哈希的改写都会被指出。只读打开，不会创建
数据库文件。

checkpoint 导出审计链当前的签名头（条目数、末条 MAC、各类计数、时间，整体再做 MAC）为 JSON；
把它存到数据库以外的地方，日后 verify --against 可发现审计链本身被截短。

Verifies the case store: PRAGMA quick_check / integrity_check on the file itself; recomputes every
event hash (sha256 over the previous hash + the canonical JSON of the event's fields), checks that
each case's seqs run from 1 without gaps, that each snapshot's version equals its last event's seq,
that every idempotency record names existing events and holds the result they produced, that
contract numbers run 001, 002 … per town, year and kind, and that the append-only triggers are in
place; then checks the global audit chain (HMAC-SHA256 over every case, event, contract number and
security event) with the audit key: a deleted case, a cut-off tail, a deleted contract number or a
rewrite with recomputed hashes is named. Opens the file read-only and never creates it.

checkpoint prints the chain's signed head (entries, last MAC, counts, time, and a MAC over them) as
JSON. Keep it outside the database: verify --against then also detects the chain itself cut back.

审计密钥 The audit key: $LANDFLOW_MAC_KEY_FILE, else <FILE>.key (created by the first writable open).
没有密钥时只能校验哈希，不能校验 MAC，因此失败，除非明确给出 --no-key。
Without the key only hashes can be checked, not MACs: verify fails unless --no-key is given.

选项 Options:
  --db 文件 FILE        数据库文件或 postgres:// 网址 the database file or PostgreSQL URL (default: $LANDFLOW_DB, else data/landflow.db)
  --json               以 JSON 输出结果 print the full result as JSON
  --chain-only         只校验链与编号，不由事件重演案件状态 skip re-folding each case's state from its
                       events (a snapshot is then held to its last hash only)
  --no-key             不用密钥，只校验哈希与审计链结构 check without the key: hashes and the chain's
                       structure only (someone able to write the file could forge those)
  --against 检查点      与先前导出的检查点比对 hold the store to a checkpoint exported earlier
  --out 文件 FILE       checkpoint 写入此文件（默认标准输出） write the checkpoint here (default stdout)
  -h, --help           显示帮助 show this help

退出码 Exit codes: 0 全部完好 all verifies; 1 发现问题（含无密钥）something is broken, or no key;
                   2 文件不存在或无法读取、用法错误 file missing or unreadable, or bad usage.
`;

export function formatVerify(file: string, r: VerifyResult): string {
  const counts = `${r.cases} 个案件 cases, ${r.events} 个事件 events, ${r.contractNumbers} 个合同编号 contract numbers`;
  const chain = `审计链 audit chain: ${r.auditEntries} 条 entries, ${r.securityEvents} 个安全事件 security events; ${macLine(r)}`;
  if (r.ok) return `审计通过 audit ok: ${file}\n  ${counts}; 全部哈希链完整 every chain verifies.\n  ${chain}\n`;
  const lines = [`审计失败 audit FAILED: ${file}`, `  ${counts}`, `  ${chain}`];
  for (const s of r.integrityProblems) lines.push(`  文件 file: ${renderBoth(s)}`);
  const b = r.firstBroken;
  if (b) lines.push(`  首个损坏 first broken: 案件 case ${b.caseId}, seq ${b.seq}: ${renderBoth(b.reason)}`);
  for (const p of r.problems.slice(1, 20)) lines.push(`  另 also: 案件 case ${p.caseId}, seq ${p.seq}: ${renderBoth(p.reason)}`);
  if (r.problems.length > 20) lines.push(`  …另有 ${r.problems.length - 20} 个问题 and ${r.problems.length - 20} more`);
  for (const c of r.chainProblems.slice(0, 20)) lines.push(`  审计链 chain: ${renderBoth(c.subject)}: ${renderBoth(c.reason)}`);
  if (r.chainProblems.length > 20)
    lines.push(`  …另有 ${r.chainProblems.length - 20} 个审计链问题 and ${r.chainProblems.length - 20} more chain problems`);
  for (const s of r.schemaProblems) lines.push(`  结构 schema: ${renderBoth(s)}`);
  for (const s of r.versionProblems) lines.push(`  政策版本 policy versions: ${renderBoth(s)}`);
  return lines.join('\n') + '\n';
}

function macLine(r: VerifyResult): string {
  switch (r.mac) {
    case 'verified':
      return '每条 MAC 已用密钥校验 every MAC verified with the key';
    case 'noKey':
      return '未用密钥：只校验了哈希，未校验 MAC no key: only hashes were checked, not MACs (anyone able to write the file could have forged them)';
    case 'wrongKey':
      return '密钥不符：MAC 未能校验 wrong key: the MACs could not be checked';
    case 'unchecked':
      return 'MAC 未校验：校验未能进行到审计链 MACs not checked: the verification did not get as far as the audit chain';
  }
}

function readCheckpoint(file: string): AuditCheckpoint {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(msg('cli.checkpointUnreadable', { file, detail: (e as NodeJS.ErrnoException).code ?? (e as Error).message }));
  }
  try {
    const v = JSON.parse(text) as unknown;
    if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new SyntaxError('not an object');
    return v as AuditCheckpoint;
  } catch (e) {
    throw new UsageError(msg('cli.checkpointNotObject', { file, detail: (e as Error).message }));
  }
}

async function verify(values: Record<string, string | boolean | undefined>, file: string, keyFile: string, io: CliIO): Promise<number> {
  const against = typeof values.against === 'string' ? readCheckpoint(path.resolve(io.cwd, values.against)) : undefined;
  const noKey = values['no-key'] === true;
  const store = await openStoreOrUsage(file, { readonly: true, keyFile: noKey ? null : keyFile });
  let result: VerifyResult;
  try {
    result = await store.verifyAll({
      // Also re-fold every case from its events and compare with the stored snapshot and results.
      ...(values['chain-only'] ? {} : { reduce: (state, event) => reduce(state as CaseState | undefined, event) }),
      allowNoKey: noKey,
      ...(against ? { against } : {}),
    });
  } finally {
    await store.close();
  }
  if (values.json) io.stdout(JSON.stringify({ file: redactTarget(file), keyFile: noKey ? null : keyFile, ...result }, null, 2) + '\n');
  else {
    io.stdout(formatVerify(redactTarget(file), result));
    if (result.mac === 'noKey' && !noKey) {
      io.stdout(
        `  没有审计密钥文件 no audit key file at ${keyFile}: 放回密钥，或明确给出 --no-key 以接受只校验哈希 put the key back, or pass --no-key to accept a hash-only check.\n`,
      );
    }
    if (against && result.ok) io.stdout(`  检查点仍在 the checkpoint of ${against.at} (#${against.globalSeq}) still holds.\n`);
  }
  return result.ok ? EXIT_OK : EXIT_FINDINGS;
}

async function checkpoint(values: Record<string, string | boolean | undefined>, file: string, keyFile: string, io: CliIO): Promise<number> {
  const store = await openStoreOrUsage(file, { readonly: true, keyFile });
  let cp: AuditCheckpoint;
  try {
    cp = await store.checkpoint(chinaInstant(systemClock.now()));
  } catch (e) {
    if (e instanceof StoreInputError) throw new UsageError(msg('cli.withFile', { problem: e.text, file: keyFile }));
    throw e;
  } finally {
    await store.close();
  }
  const text = JSON.stringify(cp, null, 2) + '\n';
  if (typeof values.out === 'string') {
    const out = path.resolve(io.cwd, values.out);
    try {
      fs.writeFileSync(out, text, { flag: 'wx' });
    } catch (e) {
      throw new UsageError(
        msg('cli.cannotWrite', {
          file: out,
          detail: (e as NodeJS.ErrnoException).code === 'EEXIST' ? msg('cli.alreadyExists') : (e as Error).message,
        }),
      );
    }
    io.stdout(`已导出检查点 checkpoint written: ${out} (#${cp.globalSeq}); 请存放在数据库以外 keep it away from the database.\n`);
  } else io.stdout(text);
  return EXIT_OK;
}

export const command: Command = {
  name: 'audit',
  help,
  run: async (argv, io) => {
    const { values, positionals } = parseCommandArgs(argv, {
      db: { type: 'string' },
      json: { type: 'boolean' },
      'chain-only': { type: 'boolean' },
      'no-key': { type: 'boolean' },
      against: { type: 'string' },
      out: { type: 'string' },
    });
    const [sub, ...extra] = positionals;
    if (extra.length) throw new UsageError(msg('cli.unexpectedArgument', { arg: extra[0] }));
    const file = resolveDbTarget({ flag: values.db, env: io.env, cwd: io.cwd });
    const keyFile = resolveKeyFile({ target: file, env: io.env, cwd: io.cwd });
    switch (sub) {
      case 'verify':
        if (values.out !== undefined) throw new UsageError(msg('cli.outOnlyCheckpoint'));
        return verify(values, file, keyFile, io);
      case 'checkpoint':
        for (const o of ['json', 'chain-only', 'no-key', 'against'] as const) {
          if (values[o] !== undefined) throw new UsageError(msg('cli.onlyVerify', { option: `--${o}` }));
        }
        return checkpoint(values, file, keyFile, io);
      default:
        throw new UsageError(
          sub
            ? msg('cli.unknownSubcommand', { sub, expected: 'verify, checkpoint' })
            : msg('cli.missingSubcommand', { expected: 'verify, checkpoint' }),
        );
    }
  },
};
