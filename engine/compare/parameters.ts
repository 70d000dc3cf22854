// The side-by-side table: one row per vocabulary entry some policy declares, one cell per policy,
// each cell with the article it rests on. Parameter rows come from `compare:` keys; the others
// from the procedure (modes, rules and their `implements:`, votes, compensation, steps). The
// per-亩 row evaluates each policy's compensation for the reference household (reference.ts).
import { Decimal } from 'decimal.js';
import type { CaseData } from '../../dsl/case-model.ts';
import type { Compensation, Parameter, Policy, Procedure, Rule } from '../../dsl/policy-model.ts';
import { evaluate } from '../evaluate/index.ts';
import { compareCase, type CalendarSource } from './case.ts';
import type { CompareEntry } from './policies.ts';
import { referenceCase, referenceNote } from './reference.ts';
import { MEMBERSHIP_LABELS, VOCABULARY, YES_NO, type RowGroup } from './vocabulary.ts';
import { VOTE_BASE_LABELS } from '../../dsl/policy-model.ts';
import { clauses, msg, type Text } from '../../dsl/message.ts';

export interface Cell {
  /** As the policy writes it (content), or, for a row computed for the reference household, a message. */
  value: string | Text;
  cite: string;
  /** The value is the policy author's assumption (the sources give none), with why. */
  assumed?: boolean;
  note?: string;
  /** The value is read from this case field (`value` then says so in both languages, for files). */
  fromCase?: string;
}

export interface TableRow {
  key: string;
  group: RowGroup;
  /** The vocabulary's words in each language, or a policy's own label for a key outside it. */
  label: Text;
  cells: Record<string, Cell | null>;
}

export interface ParameterTable {
  policies: { id: string; name: string; status: string; version: string }[];
  rows: TableRow[];
  reference: { note: Text };
}

const join = (xs: string[], sep = '；') => [...new Set(xs.filter(Boolean))].join(sep);
/** Each rule once, as join() keeps each text once (the same vote written in two steps). */
const distinct = <T>(xs: T[]): T[] => xs.filter((x, i) => xs.findIndex((y) => JSON.stringify(y) === JSON.stringify(x)) === i);

function paramCell(ps: Parameter[]): Cell | null {
  if (ps.length === 0) return null;
  // A value as written, or the case field that supplies it in words; each once.
  const said = ps.map((p): string | Text => (p.value !== undefined ? p.value : msg('compare.fromCase', { path: p.from ?? '' })));
  const parts = said.filter((x, i) => said.findIndex((y) => JSON.stringify(y) === JSON.stringify(x)) === i);
  const cell: Cell = {
    value: parts.every((s) => typeof s === 'string') ? join(parts as string[]) : clauses(parts),
    cite: join(
      ps.map((p) => p.cite),
      '、',
    ),
  };
  const fields = new Set(ps.map((p) => (p.value === undefined ? p.from : undefined)));
  if (fields.size === 1 && [...fields][0]) cell.fromCase = [...fields][0];
  if (ps.some((p) => p.assumed)) {
    cell.assumed = true;
    const notes = ps.map((p) => p.note).filter((n): n is string => Boolean(n));
    if (notes.length) cell.note = join(notes);
  }
  return cell;
}

function rulesCell(rules: { rule: Rule; prefix?: string }[]): Cell | null {
  if (rules.length === 0) return null;
  return {
    value: join(rules.map(({ rule, prefix }) => `${prefix ? `[${prefix}] ` : ''}${rule.label}（${rule.cite}）`)),
    cite: join(
      rules.map(({ rule }) => rule.cite),
      '、',
    ),
  };
}

/** The procedure's rules and each mode's own, the mode's label as prefix. */
function allRules(proc: Procedure): { rule: Rule; prefix?: string }[] {
  return [
    ...proc.eligibility.map((rule) => ({ rule })),
    ...proc.modes.flatMap((m) => m.eligibility.map((rule) => ({ rule, prefix: m.id }))),
  ];
}

function formulaText(c: Compensation): string {
  const lets = Object.entries(c.let).map(([k, v]) => `${k} = ${v}`);
  return `${c.formula}${lets.length ? `，其中 where ${lets.join('；')}` : ''}${c.cap ? `；上限 cap ${c.cap.expr}` : ''}`;
}

function compensations(proc: Procedure): { mode?: string; c: Compensation }[] {
  const byMode = proc.modes.filter((m) => m.compensation).map((m) => ({ mode: m.id, c: m.compensation! }));
  if (byMode.length) return byMode;
  return proc.compensation ? [{ c: proc.compensation }] : [];
}

function derivedCell(key: string, policy: Policy, extra: { perMu?: Cell | null; completeBy?: Cell | null }): Cell | null {
  const exit = policy.procedures.exit;
  const transfer = policy.procedures.transfer;
  if (key.startsWith('exit.') && !exit) return null;
  switch (key) {
    case 'exit.modes':
      return exit!.modes.length
        ? {
            value: join(exit!.modes.map((m) => m.label)),
            cite: join(
              exit!.modes.map((m) => m.cite),
              '、',
            ),
          }
        : null;
    case 'exit.membership': {
      const ms = exit!.modes.filter((m) => m.membership);
      // Modes by their labels: an id is the policy's internal name.
      return ms.length
        ? {
            value: clauses(
              ms.map((m) => msg('compare.modeValue', { mode: m.label, value: MEMBERSHIP_LABELS[m.membership!] ?? m.membership })),
            ),
            cite: join(
              ms.map((m) => m.cite),
              '、',
            ),
          }
        : null;
    }
    case 'exit.keepsNextRound': {
      const ms = exit!.modes.filter((m) => m.keepsNextRound !== undefined);
      return ms.length
        ? {
            value: clauses(ms.map((m) => msg('compare.modeValue', { mode: m.label, value: YES_NO[m.keepsNextRound ? 'yes' : 'no'] }))),
            cite: join(
              ms.map((m) => m.cite),
              '、',
            ),
          }
        : null;
    }
    case 'exit.eligibility':
      return rulesCell(allRules(exit!).filter(({ rule }) => rule.severity !== 'warn'));
    case 'exit.advice':
      return rulesCell(allRules(exit!).filter(({ rule }) => rule.severity === 'warn'));
    // The steps as the policy names them: a step's id is the file's internal name, not for readers.
    case 'exit.steps':
      return { value: exit!.steps.map((s) => s.label).join(' → '), cite: exit!.cite };
    case 'transfer.steps':
      return transfer ? { value: transfer.steps.map((s) => s.label).join(' → '), cite: transfer.cite } : null;
    case 'transfer.eligibility':
      return transfer ? rulesCell(allRules(transfer).filter(({ rule }) => rule.severity !== 'warn')) : null;
    case 'exit.compensationRule': {
      const cs = compensations(exit!);
      return cs.length
        ? {
            value: join(cs.map(({ mode, c }) => `${mode ? `[${mode}] ` : ''}${formulaText(c)}`)),
            cite: join(
              cs.map(({ c }) => c.cite),
              '、',
            ),
          }
        : null;
    }
    case 'exit.payer': {
      const cs = compensations(exit!).filter(({ c }) => c.payer);
      return cs.length
        ? {
            value: join(cs.map(({ mode, c }) => `${mode && cs.length > 1 ? `[${mode}] ` : ''}${c.payer}`)),
            cite: join(
              cs.map(({ c }) => c.cite),
              '、',
            ),
          }
        : null;
    }
    case 'exit.rounding': {
      const cs = compensations(exit!);
      if (!cs.length) return null;
      const cell: Cell = {
        value: join(cs.map(({ c }) => `${c.round.to} ${c.round.mode}`)),
        cite: join(
          cs.map(({ c }) => c.round.cite ?? c.cite),
          '、',
        ),
      };
      if (cs.some(({ c }) => c.round.assumed)) {
        cell.assumed = true;
        const notes = cs.map(({ c }) => c.round.note).filter((n): n is string => Boolean(n));
        if (notes.length) cell.note = join(notes);
      }
      return cell;
    }
    case 'exit.vote': {
      const votes = exit!.steps.flatMap((s) => s.votes ?? []);
      if (!votes.length) return null;
      const cell: Cell = {
        value: clauses(
          distinct(votes).map((v) =>
            msg('compare.voteRule', {
              when: v.when,
              body: v.body.join('/'),
              base: VOTE_BASE_LABELS[v.base],
              threshold: v.threshold.text,
              quorumBase: v.quorum ? VOTE_BASE_LABELS[v.quorum.base] : undefined,
              quorumThreshold: v.quorum?.threshold.text,
              assumed: v.assumed ? 'yes' : undefined,
            }),
          ),
        ),
        cite: join(
          votes.map((v) => v.cite),
          '、',
        ),
      };
      if (votes.some((v) => v.assumed)) {
        cell.assumed = true;
        const notes = votes.map((v) => v.note).filter((n): n is string => Boolean(n));
        if (notes.length) cell.note = join(notes);
      }
      return cell;
    }
    case 'exit.perMu':
      return extra.perMu ?? null;
    case 'exit.completeBy':
      return extra.completeBy ?? null;
  }
  if (key.startsWith('exit.implements.')) {
    const tag = key.slice('exit.implements.'.length);
    return rulesCell(allRules(exit!).filter(({ rule }) => rule.implements.includes(tag)));
  }
  return null;
}

/** Per-亩 compensation of each mode the policy offers, for the reference household. */
function perMuCell(entry: CompareEntry, reference: CaseData): Cell | null {
  const exit = entry.policy.procedures.exit;
  if (!exit) return null;
  const modes = exit.modes.length ? exit.modes.map((m) => m.id) : [undefined];
  const parts: Text[] = [];
  const cites: string[] = [];
  const area = reference.parcels.filter((p) => reference.exit?.parcels.includes(p.name)).reduce((s, p) => s.plus(p.area), new Decimal(0));
  for (const mode of modes) {
    const kase: CaseData = mode
      ? { ...reference, exit: { ...reference.exit!, mode: mode as NonNullable<CaseData['exit']>['mode'] } }
      : reference;
    const r = evaluate(entry.compiled, { procedure: 'exit', kase, ...(mode ? { mode } : {}) });
    if (!r.compensation) continue;
    // Unless the policy states its own per-亩 figure, the amount over the area exited.
    const per =
      r.compensation.perMu ??
      (area.gt(0) ? new Decimal(r.compensation.amount).div(area).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2) : undefined);
    if (per === undefined) continue;
    parts.push(
      msg('compare.perMu', {
        mode: mode && modes.length > 1 ? mode : undefined,
        per,
        note: r.eligible ? undefined : msg('compare.referenceIneligible'),
      }),
    );
    cites.push(r.compensation.cite);
  }
  return parts.length ? { value: clauses(parts), cite: join(cites, '、') } : null;
}

export interface CompareParametersOptions {
  /** The household the per-亩 and completion rows are computed for (default: reference.ts). */
  reference?: CaseData;
  calendar: CalendarSource;
}

export function compareParameters(entries: CompareEntry[], opts: CompareParametersOptions): ParameterTable {
  const reference = opts.reference ?? referenceCase();
  const extras = new Map(
    entries.map((e) => {
      const [cmp] = compareCase({ entries: [e], kase: reference, calendar: opts.calendar });
      const completeBy: Cell | null = cmp?.completeBy
        ? {
            value: msg('compare.completeByNotice', { date: cmp.completeBy, notice: reference.exit?.noticeDate ?? '—' }),
            cite: e.policy.procedures.exit?.cite ?? '',
          }
        : cmp?.timelineError
          ? { value: msg('evaluate.ruleError', { error: cmp.timelineError }), cite: e.policy.procedures.exit?.cite ?? '' }
          : null;
      return [e.id, { perMu: perMuCell(e, reference), completeBy }];
    }),
  );

  const rows: TableRow[] = [];
  const known = new Set(VOCABULARY.map((v) => v.key));
  for (const v of VOCABULARY) {
    const cells: Record<string, Cell | null> = {};
    for (const e of entries) {
      cells[e.id] =
        v.source === 'parameter'
          ? paramCell(e.policy.parameters.filter((p) => p.compare === v.key))
          : derivedCell(v.key, e.policy, extras.get(e.id)!);
    }
    if (Object.values(cells).some((c) => c !== null)) rows.push({ key: v.key, group: v.group, label: { zh: v.zh, en: v.en }, cells });
  }
  // Compare keys outside the vocabulary still get a row, labelled by the policies' own labels.
  const extraKeys = [
    ...new Set(entries.flatMap((e) => e.policy.parameters.map((p) => p.compare).filter((k): k is string => Boolean(k) && !known.has(k!)))),
  ].sort();
  for (const key of extraKeys) {
    const cells: Record<string, Cell | null> = {};
    let label: Text | undefined;
    for (const e of entries) {
      const ps = e.policy.parameters.filter((p) => p.compare === key);
      if (ps.length && !label) label = msg('compare.policyRow', { label: ps[0]!.label ?? ps[0]!.name, key });
      cells[e.id] = paramCell(ps);
    }
    rows.push({ key, group: 'other', label: label ?? { zh: key, en: key }, cells });
  }
  return {
    policies: entries.map((e) => ({
      id: e.id,
      name: e.policy.meta.shortName,
      status: e.policy.meta.status,
      version: e.policy.meta.version,
    })),
    rows,
    reference: { note: opts.reference ? msg('compare.referenceGiven') : referenceNote() },
  };
}
