// `landflow audit verify`: re-checks every case's hash chain, snapshot and contract numbers in the
// store, read-only, and names the first broken event.
import { UsageError, parseCommandArgs, EXIT_FINDINGS, EXIT_OK, type Command } from '../command.ts';
import { DatabaseUnreadableError, openStore, resolveDbPath, type VerifyResult } from '../../store/index.ts';
import { reduce, type CaseState } from '../../run/state.ts';

const help = `landflow audit verify [--db 文件 FILE] [--json] [--chain-only]

校验案件库：逐个重算每个事件的哈希（sha256(上一哈希 + 事件字段的规范 JSON)），检查每个案件的
事件序号从 1 连续、快照版本等于末事件序号、合同编号每镇每年每类从 001 起无断号，以及只追加触发器
仍在。只读打开，不会创建数据库文件。发现问题时指出第一个损坏的事件（案件编号、序号、原因）。

Verifies the case store: recomputes every event hash (sha256 over the previous hash + the canonical
JSON of the event's fields), checks that each case's seqs run from 1 without gaps, that each
snapshot's version equals its last event's seq, that contract numbers run 001, 002 … per town,
year and kind, and that the append-only triggers are in place. Opens the file read-only and never
creates it. On failure it names the first broken event (case id, seq, what is wrong).

选项 Options:
  --db 文件 FILE   数据库文件 the database file (default: $LANDFLOW_DB, else data/landflow.db)
  --json          以 JSON 输出结果 print the full result as JSON
  --chain-only    只校验哈希链与编号，不由事件重演案件状态 verify chains and numbers only; skip re-folding
                  each case's state from its events and comparing it with the stored snapshot
  -h, --help      显示帮助 show this help

退出码 Exit codes: 0 全部完好 all chains verify; 1 发现损坏 something is broken;
                   2 文件不存在或无法读取、用法错误 file missing or unreadable, or bad usage.
`;

export function formatVerify(file: string, r: VerifyResult): string {
  const counts = `${r.cases} 个案件 cases, ${r.events} 个事件 events, ${r.contractNumbers} 个合同编号 contract numbers`;
  if (r.ok) return `审计通过 audit ok: ${file}\n  ${counts}; 全部哈希链完整 every chain verifies.\n`;
  const lines = [`审计失败 audit FAILED: ${file}`, `  ${counts}`];
  const b = r.firstBroken;
  if (b) lines.push(`  首个损坏 first broken: 案件 case ${b.caseId}, seq ${b.seq}: ${b.reason}`);
  for (const p of r.problems.slice(1, 20)) lines.push(`  另 also: 案件 case ${p.caseId}, seq ${p.seq}: ${p.reason}`);
  if (r.problems.length > 20) lines.push(`  …另有 ${r.problems.length - 20} 个问题 and ${r.problems.length - 20} more`);
  for (const s of r.schemaProblems) lines.push(`  结构 schema: ${s}`);
  return lines.join('\n') + '\n';
}

export const command: Command = {
  name: 'audit',
  summary: '校验案件库的哈希链 verify the case store\'s hash chains',
  help,
  run: async (argv, io) => {
    const { values, positionals } = parseCommandArgs(argv, { db: { type: 'string' }, json: { type: 'boolean' }, 'chain-only': { type: 'boolean' } });
    const [sub, ...extra] = positionals;
    if (sub !== 'verify') {
      throw new UsageError(sub ? `未知子命令 unknown sub-command: ${sub} (expected: verify)` : '缺少子命令 missing sub-command: verify');
    }
    if (extra.length) throw new UsageError(`多余参数 unexpected argument: ${extra[0]}`);
    const file = resolveDbPath({ flag: values.db, env: io.env, cwd: io.cwd });
    let result: VerifyResult;
    try {
      const store = openStore(file, { readonly: true });
      try {
        // Also re-fold every case from its events and compare with the stored snapshot.
        result = store.verifyAll(values['chain-only'] ? {} : { reduce: (state, event) => reduce(state as CaseState | undefined, event) });
      } finally {
        store.close();
      }
    } catch (e) {
      if (e instanceof DatabaseUnreadableError) throw new UsageError(e.message);
      throw e;
    }
    io.stdout(values.json ? JSON.stringify({ file, ...result }, null, 2) + '\n' : formatVerify(file, result));
    return result.ok ? EXIT_OK : EXIT_FINDINGS;
  },
};
