// Printing comparisons: text for a terminal, JSON for programs, CSV for spreadsheets, Markdown for
// reports. Every format prints the same numbers from the same result objects.
import type { CaseComparison } from './case.ts';
import type { ParameterTable } from './parameters.ts';
import type { CaseSweep } from './case-sweep.ts';
import type { PopulationSweep, SimulationResult } from './simulate.ts';
import { GROUP_LABELS } from './vocabulary.ts';
import { padDisplay } from '../cli/columns.ts';
import { renderBoth } from '../../dsl/messages.ts';
import { msg, type Text } from '../../dsl/message.ts';

import type { Format } from '../cli/format-option.ts';

const json = (v: unknown) => JSON.stringify(v, null, 2) + '\n';

// A spreadsheet runs a cell that starts with = + - @ (or a tab or CR before them) as a formula:
// such a text gets a leading apostrophe, which the spreadsheet shows as text. Plain numbers
// (-12.5) cannot be formulas and stay numbers.
const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain decimal number as text ("-12.5"): its whole digits and its decimals (engine/compare/xlsx.ts makes it a number cell). */
export const PLAIN_NUMBER = /^[+-]?(\d+)(?:\.(\d+))?$/;

/** A text as a spreadsheet cell may hold it: one a spreadsheet would run as a formula gets the apostrophe. */
export function neutralised(s: string): string {
  return FORMULA_START.test(s) && !PLAIN_NUMBER.test(s) ? `'${s}` : s;
}

/**
 * One CSV field: neutralised against formula injection, then RFC 4180 quoted when it holds a
 * comma, a quote or a line break. Every CSV landflow writes, here and in the UI, goes through it
 * (and every XLSX text cell through neutralised: engine/compare/xlsx.ts).
 */
export function csvField(v: unknown): string {
  const s = neutralised(v === null || v === undefined ? '' : String(v));
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
const csvRow = (xs: unknown[]) => xs.map(csvField).join(',') + '\n';
const csvOf = (rows: unknown[][]) => rows.map(csvRow).join('');

/** A table's cells, header first: what its CSV and its XLSX both hold. */
export type Rows = unknown[][];

const md = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
const mdRow = (xs: string[]) => `| ${xs.map(md).join(' | ')} |\n`;
const mdHead = (xs: string[]) => mdRow(xs) + `|${xs.map(() => ' --- ').join('|')}|\n`;

const pct = (x: number) => `${(x * 100).toFixed(2)}%`;

/** Content as written (a policy's label, a value), or the compare layer's own words in both languages. */
const both = (t: string | Text) => (typeof t === 'string' ? t : renderBoth(t));

const padEnd = (s: string, w: number) => padDisplay(s, w);
const padStart = (s: string, w: number) => padDisplay(s, w, 'end');

// ——— the parameter table

export function formatTable(t: ParameterTable, format: Format): string {
  const ids = t.policies.map((p) => p.id);
  if (format === 'json') return json(t);
  if (format === 'csv') return csvOf(tableRows(t));
  if (format === 'markdown') {
    let out = `${renderBoth(t.reference.note)}\n\n` + mdHead(['项目 row', ...t.policies.map((p) => `${p.name} ${p.id}`)]);
    for (const r of t.rows) {
      out += mdRow([
        renderBoth(r.label),
        ...ids.map((id) => {
          const c = r.cells[id];
          return c ? `${both(c.value)}${c.assumed ? '（假定 assumed）' : ''} 〔${c.cite}〕` : '—';
        }),
      ]);
    }
    return out;
  }
  const lines: string[] = [
    `比较 comparing: ${t.policies.map((p) => `${p.name} ${p.id} (${p.status} ${p.version})`).join(' · ')}`,
    renderBoth(t.reference.note),
  ];
  let group = '';
  for (const r of t.rows) {
    if (r.group !== group) {
      group = r.group;
      lines.push('', `== ${renderBoth(GROUP_LABELS[r.group])} ==`);
    }
    lines.push(renderBoth(r.label));
    for (const p of t.policies) {
      const c = r.cells[p.id];
      lines.push(`  ${padEnd(p.name, 12)} ${c ? `${both(c.value)}${c.assumed ? '（假定 assumed）' : ''} 〔${c.cite}〕` : '—'}`);
    }
  }
  return lines.join('\n') + '\n';
}

/** The parameter table's cells: key, label, then for each policy its value and its article. */
export function tableRows(t: ParameterTable): Rows {
  const ids = t.policies.map((p) => p.id);
  return [
    ['key', 'label', ...ids.flatMap((id) => [id, `${id} 条文 cite`])],
    ...t.rows.map((r) => [
      r.key,
      renderBoth(r.label),
      ...ids.flatMap((id) => {
        const c = r.cells[id];
        return c ? [both(c.value) + (c.assumed ? '（假定 assumed）' : ''), c.cite] : ['', ''];
      }),
    ]),
  ];
}

// ——— one case through every policy

/** One household under each policy, a row per policy. */
export function caseRows(results: CaseComparison[]): Rows {
  return [
    ['policy', 'name', 'mode', 'eligible', 'failed', 'amount', 'words', 'perMu', 'completeBy', 'timeline'],
    ...results.map((r) => [
      r.policy,
      r.name,
      r.mode ?? '',
      r.eligible,
      r.failed.map((f) => `${f.rule}〔${f.cite}〕`).join('; '),
      r.compensation?.amount ?? '',
      r.compensation?.words ?? '',
      r.compensation?.perMu ?? '',
      r.completeBy ?? '',
      r.timeline.map((e) => `${e.step}=${e.skipped ? '—' : (e.date ?? 'error')}`).join('; '),
    ]),
  ];
}

export function formatCase(results: CaseComparison[], format: Format): string {
  if (format === 'json') return json(results);
  if (format === 'csv') return csvOf(caseRows(results));
  if (format === 'markdown') {
    let out = mdHead(['政策 policy', '符合条件 eligible', '补偿 compensation (元)', '大写', '最早办结 complete by']);
    for (const r of results) {
      out += mdRow([
        `${r.name} ${r.policy}`,
        r.eligible
          ? '是 yes'
          : `否 no: ${r.failed.length ? r.failed.map((f) => `${both(f.label)}〔${f.cite}〕`).join('；') : r.notes.map(renderBoth).join('；')}`,
        r.compensation ? `${r.compensation.amount}〔${r.compensation.cite}〕` : '—',
        r.compensation?.words ?? '—',
        r.completeBy ?? `— ${r.timelineError ? renderBoth(r.timelineError) : ''}`,
      ]);
    }
    for (const r of results) {
      out += `\n### ${r.name} ${r.policy}\n\n` + mdHead(['步骤 step', '日期 date', '说明 note', '条文 cite']);
      for (const e of byDate(r.timeline))
        out += mdRow([`${e.step} ${e.label}`, e.skipped ? '不适用 n/a' : (e.date ?? '—'), timelineNote(e), e.cite]);
    }
    return out;
  }
  const lines: string[] = [];
  for (const r of results) {
    lines.push(`${r.name} ${r.policy}${r.mode ? ` [${r.mode}]` : ''} — ${r.eligible ? '符合条件 eligible' : '不符合条件 not eligible'}`);
    for (const f of r.failed) lines.push(`  ✗ ${both(f.label)} — ${renderBoth(f.message)}〔${f.cite}〕`);
    for (const w of r.warnings) lines.push(`  ! ${w.label} — ${renderBoth(w.message)}〔${w.cite}〕`);
    if (r.compensation)
      lines.push(
        `  补偿 compensation: ${r.compensation.amount} 元（${r.compensation.words}）${r.compensation.perMu ? `，每亩 ${r.compensation.perMu} 元` : ''}〔${r.compensation.cite}〕`,
      );
    for (const n of r.notes) lines.push(`  · ${renderBoth(n)}`);
    lines.push('  时间表 timeline:');
    for (const e of byDate(r.timeline))
      lines.push(
        `    ${padEnd(e.skipped ? '不适用' : (e.date ?? '无法计算'), 10)}  ${e.step}  ${e.label}${timelineNote(e) ? `（${timelineNote(e)}）` : ''}〔${e.cite}〕`,
      );
    lines.push(
      `  最早办结 complete by: ${r.completeBy ?? (r.timelineError ? renderBoth(msg('evaluate.ruleError', { error: r.timelineError })) : '—')}`,
      '',
    );
  }
  return lines.join('\n');
}

/**
 * A timeline as a reader follows it: by date (steps on the same day in the order they follow each
 * other), then the steps without a date (not applicable, or not computable) in that order.
 */
function byDate<T extends { date: string | null; skipped?: boolean }>(entries: readonly T[]): T[] {
  const dated = entries.filter((e) => e.date !== null && !e.skipped);
  return [...dated.sort((a, b) => (a.date! < b.date! ? -1 : a.date! > b.date! ? 1 : 0)), ...entries.filter((e) => !dated.includes(e))];
}

function timelineNote(e: CaseComparison['timeline'][number]): string {
  const parts: string[] = [];
  if (e.error) parts.push(`无法计算 ${e.error}`);
  if (e.optional) parts.push('可选 optional');
  if (e.role === 'notice' && e.periodEnd) parts.push(`通知期至 notice runs to ${e.periodEnd}`);
  if (e.role === 'deadline' && e.periodEnd) parts.push(`最迟 due by ${e.periodEnd}`);
  if (e.role === 'earliest' && e.periodEnd) parts.push(`期间至 period ends ${e.periodEnd}，次日起 from the next day`);
  if (e.role === 'window' && e.periodEnd) parts.push(`窗口至 window until ${e.periodEnd}`);
  if (e.objectionsUntil) parts.push(`异议期至 objections until ${e.objectionsUntil}`);
  return parts.join('；');
}

// ——— a case along a sweep

export function formatCaseSweep(s: CaseSweep, format: Format): string {
  if (format === 'json') return json(s);
  const head = ['value', ...s.policies.flatMap((p) => [`${p.policy} eligible`, `${p.policy} amount`])];
  const rows = s.points.map((pt) => [pt.value, ...pt.results.flatMap((r) => [r.eligible ? 'yes' : 'no', r.amount ?? ''])]);
  if (format === 'csv') return csvRow(head) + rows.map(csvRow).join('');
  if (format === 'markdown') {
    return (
      `扫描 sweep: ${s.sweep.target}\n\n` +
      mdHead([s.sweep.target, ...s.policies.map((p) => `${p.name} ${p.policy} (元)`)]) +
      s.points.map((pt) => mdRow([pt.value, ...pt.results.map((r) => `${r.amount ?? '—'}${r.eligible ? '' : ' ✗'}`)])).join('')
    );
  }
  const w = 14;
  const lines = [
    `扫描 sweep: ${s.sweep.target}（✗ 不符合条件 not eligible）`,
    [padEnd(s.sweep.target.slice(0, w), w), ...s.policies.map((p) => padStart(`${p.name} ${p.policy}`, w))].join(' '),
  ];
  for (const pt of s.points)
    lines.push([padEnd(pt.value, w), ...pt.results.map((r) => padStart(`${r.amount ?? '—'}${r.eligible ? '' : '✗'}`, w))].join(' '));
  return lines.join('\n') + '\n';
}

// ——— populations

const SIM_COLUMNS = [
  'policy',
  'name',
  'households',
  'eligible',
  'eligibilityRate',
  'amountCount',
  'total',
  'mean',
  'min',
  'p10',
  'p25',
  'median',
  'p75',
  'p90',
  'max',
  'notComputable',
  'costGroup',
  'costVillage',
  'costCounty',
  'bestShare',
  'refusals',
];

/** A simulation's summary, a row per policy. */
export function simulationRows(r: SimulationResult): Rows {
  return [
    SIM_COLUMNS,
    ...r.policies.map((p) => [
      p.policy,
      p.name,
      p.households,
      p.eligible,
      p.eligibilityRate,
      p.compensation.count,
      p.compensation.total,
      p.compensation.mean ?? '',
      p.compensation.min ?? '',
      p.compensation.p10 ?? '',
      p.compensation.p25 ?? '',
      p.compensation.median ?? '',
      p.compensation.p75 ?? '',
      p.compensation.p90 ?? '',
      p.compensation.max ?? '',
      p.notComputable,
      p.cost.group,
      p.cost.village,
      p.cost.county,
      p.betterOff.best,
      p.refusals.map((x) => `${x.rule}:${x.count}`).join('; '),
    ]),
  ];
}

export function formatSimulation(r: SimulationResult, format: Format): string {
  if (format === 'json') return json(r);
  if (format === 'csv') return csvOf(simulationRows(r));
  const head = `人口 population: ${r.population.name} (${r.population.id})，${r.population.n} 户 households，种子 seed ${r.population.seed}，程序 procedure ${r.procedure}`;
  const metrics: [string, (p: SimulationResult['policies'][number]) => string][] = [
    ['符合条件 eligible', (p) => `${p.eligible} (${pct(p.eligibilityRate)})`],
    ['补偿户数 paid', (p) => String(p.compensation.count)],
    ['平均 mean 元', (p) => p.compensation.mean ?? '—'],
    ['P10 元', (p) => p.compensation.p10 ?? '—'],
    ['中位数 median 元', (p) => p.compensation.median ?? '—'],
    ['P90 元', (p) => p.compensation.p90 ?? '—'],
    ['最高 max 元', (p) => p.compensation.max ?? '—'],
    ['合计 total 元', (p) => p.compensation.total],
    ['组集体 group 元', (p) => p.cost.group],
    ['村集体 village 元', (p) => p.cost.village],
    ['县 county 元', (p) => p.cost.county],
    ['最优户占比 best for', (p) => pct(p.betterOff.best)],
  ];
  if (format === 'markdown') {
    let out = `${head}\n\n` + mdHead(['指标 metric', ...r.policies.map((p) => `${p.name} ${p.policy}`)]);
    for (const [label, f] of metrics) out += mdRow([label, ...r.policies.map(f)]);
    out += '\n' + mdHead(['政策 policy', '不符合原因 refused by', '户数 households', '占比 share', '仅此一项 alone', '条文 cite']);
    for (const p of r.policies)
      for (const x of p.refusals)
        out += mdRow([`${p.name} ${p.policy}`, `${both(x.label)} (${x.rule})`, String(x.count), pct(x.share), String(x.alone), x.cite]);
    return out;
  }
  const w = 16;
  const lines = [head, '', [padEnd('指标 metric', 20), ...r.policies.map((p) => padStart(`${p.name} ${p.policy}`, w))].join('')];
  for (const [label, f] of metrics) lines.push([padEnd(label, 20), ...r.policies.map((p) => padStart(f(p), w))].join(''));
  lines.push('', '不符合原因 refusals (户数 households, 占比 share, 仅此一项 alone):');
  for (const p of r.policies) {
    lines.push(`  ${p.name} ${p.policy}`);
    for (const x of p.refusals)
      lines.push(
        `    ${padStart(String(x.count), 8)} ${padStart(pct(x.share), 8)} ${padStart(String(x.alone), 8)}  ${both(x.label)} (${x.rule})〔${x.cite}〕`,
      );
  }
  lines.push(
    '',
    '成本按案件所列支付方 costs follow the payer each household names (exit.payer); 补偿只计符合条件的户 only eligible households are paid.',
  );
  return lines.join('\n') + '\n';
}

export function formatPopulationSweep(s: PopulationSweep, format: Format): string {
  if (format === 'json') return json(s);
  const head = ['value', ...s.policies.flatMap((p) => [`${p.policy} eligibilityRate`, `${p.policy} mean`, `${p.policy} total`])];
  const rows = s.points.map((pt) => [pt.value, ...pt.policies.flatMap((x) => [x.eligibilityRate, x.mean ?? '', x.total])]);
  if (format === 'csv') return csvRow(head) + rows.map(csvRow).join('');
  if (format === 'markdown') {
    return (
      `扫描 sweep: ${s.sweep.target}（${s.population.name}，${s.population.n} 户，seed ${s.population.seed}；平均补偿 mean 元 / 符合率 eligible）\n\n` +
      mdHead([s.sweep.target, ...s.policies.map((p) => `${p.name} ${p.policy}`)]) +
      s.points.map((pt) => mdRow([pt.value, ...pt.policies.map((x) => `${x.mean ?? '—'} / ${pct(x.eligibilityRate)}`)])).join('')
    );
  }
  const w = 22;
  const lines = [
    `扫描 sweep: ${s.sweep.target}（${s.population.name}，${s.population.n} 户 households，seed ${s.population.seed}）平均补偿 mean 元 / 符合率 eligible`,
    [padEnd(s.sweep.target.slice(0, 16), 16), ...s.policies.map((p) => padStart(`${p.name} ${p.policy}`, w))].join(''),
  ];
  for (const pt of s.points)
    lines.push([padEnd(pt.value, 16), ...pt.policies.map((x) => padStart(`${x.mean ?? '—'} / ${pct(x.eligibilityRate)}`, w))].join(''));
  return lines.join('\n') + '\n';
}
