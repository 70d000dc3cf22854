// `landflow diff OLD.yaml NEW.yaml`: what a new version changes in meaning, each change with its
// article, and (with a database) what it would do to the open cases pinned to the old version.
import { msg } from '../../../dsl/message.ts';
import { resolve } from 'node:path';
import { dateOption, EXIT_OK, UsageError, parseCommandArgs, type CliIO, type Command } from '../command.ts';
import { readTextOrJson } from '../format-option.ts';
import { formatText, printDiagnostics } from '../../../dsl/index.ts';
import { loadPolicyFile, type LoadedPolicy } from '../../policies/load.ts';
import { diffPolicies, type PolicyChange } from '../../diff/policy-diff.ts';
import type { CaseImpact } from '../../diff/impact.ts';

const help = `landflow diff — 比较政策的两个版本：含义上的变化（各附条文），以及对在办案件的影响
Compare two versions of a policy: what changed in meaning (parameters, rules, steps, periods, votes,
formulas, forms), each with its article; with --db, the impact on the open cases pinned to the old
version (eligibility, amount and deadlines under the new one, and whether each could move to it).

用法 Usage:
  landflow diff OLD.yaml NEW.yaml [--db FILE] [--date YYYY-MM-DD] [--format text|json]

选项 Options:
  --db FILE     案件数据库（文件或 postgres:// 网址）：列出按旧版本办理中的案件所受影响 the case database (file or URL): show the impact on
                open cases pinned to OLD (default: none, only the changes)
  --date DATE   计算期限所用的日期，默认今天 the date deadlines are shown as of (default: today)
  --format F    text（默认 default）或 or json

退出码 Exit: 0 已比较（有无变化都是答案）compared (changes or none); 2 用法错误或政策有错误 bad usage
  or a policy with errors.
`;

function load(file: string, io: CliIO): LoadedPolicy & { policy: NonNullable<LoadedPolicy['policy']> } {
  const loaded = loadPolicyFile(resolve(io.cwd, file), { display: file, reads: 'checkWithoutRunning' });
  if (loaded.unreadable) throw new UsageError(loaded.unreadable);
  if (!loaded.policy) {
    for (const p of printDiagnostics(loaded.diagnostics, loaded.source)) if (p.severity === 'error') io.stderr(formatText(p) + '\n');
    throw new UsageError(msg('cli.policyErrors.diff', { file }));
  }
  return loaded as LoadedPolicy & { policy: NonNullable<LoadedPolicy['policy']> };
}

const KIND_ZH = { added: '新增', removed: '删除', changed: '修改' } as const;

function changeLine(c: PolicyChange): string {
  const cite = c.cite ? `（${c.cite}）` : '';
  const what = c.kind === 'changed' ? `${c.field}: ${c.before ?? '—'} → ${c.after ?? '—'}` : '';
  return `  ${KIND_ZH[c.kind]} ${c.kind.padEnd(7)} ${c.path}${what ? `  ${what}` : ''}${cite}`;
}

function impactLines(i: CaseImpact): string[] {
  const amount = (o: CaseImpact['before']) => `${o.eligible ? '符合 eligible' : '不符合 ineligible'}${o.amount ? `，${o.amount} 元` : ''}`;
  const lines = [`  案件 case ${i.caseId}（${i.status}）: ${amount(i.before)} → ${amount(i.after)}`];
  for (const d of i.deadlines) lines.push(`    期限 deadline ${d.label}（${d.step}）: ${d.before ?? '—'} → ${d.after ?? '—'}`);
  lines.push(
    i.migratable
      ? '    可按新版本继续办理 can move to the new version'
      : `    须按原版本办结 must finish under its version: ${i.reasons.map((r) => `${r.zh} / ${r.en}`).join('; ')}`,
  );
  return lines;
}

async function impacts(dbFlag: string, oldLoaded: LoadedPolicy, newLoaded: LoadedPolicy, date: string | undefined, io: CliIO) {
  const { resolveDbTarget } = await import('../../store/index.ts');
  const { openStoreOrUsage } = await import('../open.ts');
  const { PolicyRegistry, entryFromLoaded } = await import('../../cases/policies.ts');
  const { CaseService } = await import('../../cases/service.ts');
  const { systemClock } = await import('../../cases/clock.ts');
  const { calendarDir, installedCalendarFor } = await import('../../calendar/load.ts');
  const { openCaseImpacts } = await import('../../diff/open-cases.ts');

  const target = resolveDbTarget({ flag: dbFlag, env: io.env, cwd: io.cwd });
  const store = await openStoreOrUsage(target, {}, io);
  try {
    const oldEntry = entryFromLoaded(oldLoaded);
    const registry = new PolicyRegistry([oldEntry]);
    const calendarFor = installedCalendarFor(calendarDir({ env: io.env, cwd: io.cwd, target }));
    const cases = new CaseService({ store, policies: registry, clock: systemClock, calendarFor, readCache: false });
    const next = new PolicyRegistry([entryFromLoaded(newLoaded)]).current(newLoaded.policy!.meta.id)!;
    const impact = await openCaseImpacts({
      store,
      cases,
      policyId: oldEntry.id,
      oldHash: oldEntry.hash,
      next,
      calendarFor,
      today: date ?? cases.today(),
    });
    cases.close();
    return impact;
  } finally {
    await store.close();
  }
}

export const command: Command = {
  name: 'diff',
  help,
  run: async (argv: string[], io: CliIO) => {
    const { values, positionals } = parseCommandArgs(argv, {
      db: { type: 'string' },
      date: { type: 'string' },
      format: { type: 'string', default: 'text' },
    });
    if (positionals.length !== 2) throw new UsageError(msg('cli.giveTwoPolicies', { usage: 'landflow diff OLD.yaml NEW.yaml' }));
    const format = readTextOrJson(values.format as string);
    const date = dateOption('--date', values.date);
    const before = load(positionals[0]!, io);
    const after = load(positionals[1]!, io);
    if (before.policy.meta.id !== after.policy.meta.id) {
      throw new UsageError(msg('cli.notOnePolicy', { before: before.policy.meta.id, after: after.policy.meta.id }));
    }
    const changes = diffPolicies(before.policy, after.policy);
    const impact = values.db ? await impacts(values.db as string, before, after, date, io) : undefined;
    if (format === 'json') {
      io.stdout(JSON.stringify({ policy: before.policy.meta.id, changes, ...(impact ? { impact } : {}) }, null, 2) + '\n');
      return EXIT_OK;
    }
    io.stdout(`${before.policy.meta.shortName}（${before.policy.meta.id}）${positionals[0]} → ${positionals[1]}\n`);
    io.stdout(
      changes.length
        ? `变化 changes (${changes.length}):\n${changes.map(changeLine).join('\n')}\n`
        : '含义上没有变化 no change in meaning\n',
    );
    if (impact) {
      io.stdout(`\n在办案件 open cases pinned to the old version, as of ${impact.date} (${impact.cases.length}):\n`);
      for (const i of impact.cases) io.stdout(impactLines(i).join('\n') + '\n');
      if (impact.otherVersions)
        io.stdout(
          `  另有 ${impact.otherVersions} 件按其他版本办理，未比较 ${impact.otherVersions} more open cases run under other versions (not compared)\n`,
        );
    }
    return EXIT_OK;
  },
};
