// Compensation (a procedure's or a mode's): let names in order, the formula, a per-亩 amount, a cap,
// rounding and the payer. Every expression is recorded with its compensation, so its let names
// are in scope when it is checked.
import type { Compensation, Mode, Rounding } from '../policy-model.ts';
import type { ProcedureKind } from '../case-model.ts';
import { PAYER_PARTIES, type PayerParty } from '../case-schema.ts';
import { child, type LNode } from '../yaml.ts';
import { isMap, text, type Reader } from './reader.ts';

const ROUND_MODES: Rounding['mode'][] = ['half-up', 'half-even', 'down', 'up'];

export function buildCompensation(r: Reader, n: LNode | undefined, procedure: ProcedureKind, mode?: Mode): Compensation | undefined {
  if (!isMap(n)) return undefined;
  const c: Compensation = { formula: '', let: {}, round: { to: '0.01 元', places: 2, mode: 'half-up' }, cite: '', span: n.span };
  const letNode = child(n, 'let');
  const names: string[] = [];
  if (isMap(letNode))
    for (const e of letNode.entries) {
      const t = text(e.value);
      if (t === undefined || e.value.kind !== 'scalar') continue;
      c.let[e.key] = t;
      r.spans.set(c, `let:${e.key}`, e.keySpan);
      r.exprs.push({
        role: 'let',
        procedure,
        mode,
        compensation: c,
        name: e.key,
        letBefore: [...names],
        owner: c,
        text: t,
        scalar: e.value,
      });
      names.push(e.key);
    }
  c.formula = r.expression(n, 'formula', { role: 'formula', procedure, mode, compensation: c, owner: c }).text ?? '';
  const perMu = r.expression(n, 'perMu', { role: 'perMu', procedure, mode, compensation: c, owner: c }).text;
  if (perMu !== undefined) c.perMu = perMu;
  const capNode = child(n, 'cap');
  if (isMap(capNode)) {
    const capOwner = {};
    const e = r.expression(capNode, 'expr', { role: 'cap', procedure, mode, compensation: c, owner: capOwner });
    c.cap = { expr: e.text ?? '', cite: r.cite(capOwner, capNode) };
    if (e.span) r.spans.set(c, 'cap', e.span);
  }
  const round = child(n, 'round');
  if (isMap(round)) readRounding(r, c.round, round);
  readPayer(r, c, child(n, 'payer'));
  c.cite = r.cite(c, n);
  return c;
}

function readRounding(r: Reader, round: Rounding, n: LNode): void {
  const to = r.field(round, n, 'to');
  if (to !== undefined) round.to = to;
  round.places = roundingPlaces(round.to) ?? -1;
  const m = text(child(n, 'mode'));
  if (m && (ROUND_MODES as string[]).includes(m)) round.mode = m as Rounding['mode'];
  const a = r.assumed(round, n);
  if (a !== undefined) round.assumed = a;
  const note = text(child(n, 'note'));
  if (note !== undefined) round.note = note;
  if (child(n, 'cite')) round.cite = r.cite(round, n);
}

/** payer: the source's words, or { label, parties: { group: 村民小组, … }, assumed, note } — the payer as data. */
function readPayer(r: Reader, c: Compensation, n: LNode | undefined): void {
  if (!isMap(n)) {
    const payer = text(n);
    if (payer !== undefined) c.payer = payer;
    return;
  }
  const label = text(child(n, 'label'));
  if (label !== undefined) c.payer = label;
  const parties = child(n, 'parties');
  if (isMap(parties)) {
    c.payerParties = {};
    for (const e of parties.entries) {
      const name = text(e.value);
      if (name !== undefined && (PAYER_PARTIES as readonly string[]).includes(e.key)) c.payerParties[e.key as PayerParty] = name;
    }
  }
  const a = r.assumed(c, n, 'payerAssumed');
  if (a !== undefined) c.payerAssumed = a;
  const note = text(child(n, 'note'));
  if (note !== undefined) c.payerNote = note;
}

/** "0.01 元" → 2, "1 元" → 0, "0.1" → 1; null when not a power of ten in 元. */
function roundingPlaces(to: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(元)?\s*$/.exec(to);
  if (!m) return null;
  const n = m[1]!;
  if (/^1(\.0*)?$/.test(n)) return 0;
  const f = /^0\.(0*)1$/.exec(n);
  return f ? f[1]!.length + 1 : null;
}
