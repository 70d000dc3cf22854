// `landflow test`: runs each policy file's examples and says which hold.
import { msg } from '../../../dsl/message.ts';
import { resolve } from 'node:path';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError, parseCommandArgs, type CliIO, type Command } from '../command.ts';
import { formatText, printDiagnostics, renderBoth } from '../../../dsl/index.ts';
import { lineIndex, positionAt } from '../../../dsl/source.ts';
import { loadPolicyFile } from '../../policies/load.ts';

const help = `landflow test — 运行政策文件中的示例（examples:），逐条显示 ✓ 或 ✗
Run the examples of policy files (their cases and expected outcomes); each shows ✓ or ✗.

用法 Usage:
  landflow test FILE...

每个示例：案件（caseFile，相对于政策文件）加上 set: 的修改，按 procedure（及 mode）计算，
与 expect 比较：eligible、failed（规则编号集合）、compensation（金额，元）、vote（passed、decidedBy）。
Each example: its case (caseFile, relative to the policy file) with the set: overrides, evaluated
for its procedure (and mode), compared with expect: eligible, failed (set of rule ids),
compensation (amount in 元), vote (passed, decidedBy).
失败时显示示例、位置、路径、期望值与实际值 a failure shows the example, its location, the path,
the expected and the actual value.

退出码 Exit: 0 全部通过 all pass; 1 有示例失败或政策有错误 a failure, or the policy has errors;
  2 文件无法读取或用法错误 a file cannot be read, or bad usage.

示例 Example:
  landflow test policies/*.yaml
`;

export const command: Command = {
  name: 'test',
  help,
  run: async (argv: string[], io: CliIO) => {
    const { positionals } = parseCommandArgs(argv, {});
    if (positionals.length === 0) throw new UsageError(msg('cli.givePolicyFiles', { usage: 'landflow test FILE...' }));
    let passed = 0;
    let failed = 0;
    let unreadable = false;
    for (const file of positionals) {
      const loaded = loadPolicyFile(resolve(io.cwd, file), { display: file });
      if (loaded.unreadable) {
        io.stderr(`landflow test: ${renderBoth(loaded.unreadable)}\n`);
        unreadable = true;
        continue;
      }
      io.stdout(`${file}\n`);
      const printed = printDiagnostics(loaded.diagnostics, loaded.source);
      const blocking = printed.filter((p) => p.severity === 'error' && !p.code.startsWith('X9'));
      if (!loaded.examples) {
        for (const p of blocking.length ? blocking : printed.filter((x) => x.severity === 'error')) io.stdout(`  ${formatText(p)}\n`);
        io.stdout(`  ✗ ${renderBoth(msg('cli.examplesNotRun'))}\n`);
        failed++;
        continue;
      }
      const index = lineIndex(loaded.source);
      for (const r of loaded.examples) {
        if (r.ok) {
          passed++;
          io.stdout(`  ✓ ${r.example.name}\n`);
          continue;
        }
        failed++;
        const pos = positionAt(index, r.example.span.start);
        io.stdout(`  ✗ ${r.example.name}\n`);
        io.stdout(`      ${file}:${pos.line}:${pos.column}\n`);
        if (r.error) io.stdout(`      ${renderBoth(msg('cli.cannotRun', { problem: r.error }))}\n`);
        for (const m of r.mismatches) {
          io.stdout(`      ${m.path}: 期望 expected ${m.expected}，实际 actual ${m.actual}\n`);
        }
        const ev = r.evaluation;
        if (ev && r.mismatches.some((m) => m.path === 'eligible' || m.path === 'failed')) {
          for (const f of ev.failed) io.stdout(`      未满足 failed ${f.rule}（${f.cite}）：${renderBoth(f.message)}\n`);
        }
      }
      if (loaded.examples.length === 0) io.stdout('  （没有示例 no examples）\n');
    }
    io.stdout(`${passed} 个通过，${failed} 个失败 / ${passed} passed, ${failed} failed\n`);
    if (unreadable) return EXIT_USAGE;
    return failed > 0 ? EXIT_FINDINGS : EXIT_OK;
  },
};
