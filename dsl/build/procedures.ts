// procedures: transfer and exit, each with its label, modes (each with its own eligibility and
// compensation), eligibility, steps and compensation. The forms a procedure uses are the ones its
// steps name.
import type { Mode, Policy, Procedure } from '../policy-model.ts';
import { PROCEDURE_KINDS, type ProcedureKind } from '../case-model.ts';
import { child, entry, type LNode } from '../yaml.ts';
import { isMap, type Reader } from './reader.ts';
import { buildRules } from './rules.ts';
import { buildCompensation } from './compensation.ts';
import { buildSteps } from './steps.ts';

export function buildProcedures(r: Reader, n: LNode | undefined): Policy['procedures'] {
  const procedures: Policy['procedures'] = {};
  for (const kind of PROCEDURE_KINDS) {
    const pe = entry(n, kind);
    if (!pe || !isMap(pe.value)) continue;
    procedures[kind] = buildProcedure(r, kind, pe.value, pe.keySpan);
  }
  return procedures;
}

function buildProcedure(r: Reader, kind: ProcedureKind, n: LNode, span: Procedure['span']): Procedure {
  const proc: Procedure = { kind, label: '', cite: '', eligibility: [], steps: [], modes: [], forms: [], span };
  proc.label = r.field(proc, n, 'label') ?? kind;
  proc.cite = r.cite(proc, n);
  const modesNode = child(n, 'modes');
  if (modesNode?.kind === 'seq') for (const m of modesNode.items) if (isMap(m)) proc.modes.push(buildMode(r, kind, m));
  const eligibility = entry(n, 'eligibility');
  proc.eligibility = buildRules(r, eligibility?.value, kind);
  if (eligibility) r.spans.set(proc, 'eligibility', eligibility.keySpan);
  const steps = entry(n, 'steps');
  proc.steps = buildSteps(r, steps?.value, kind);
  if (steps) r.spans.set(proc, 'steps', steps.keySpan);
  const comp = buildCompensation(r, child(n, 'compensation'), kind);
  if (comp) proc.compensation = comp;
  proc.forms = [...new Set(proc.steps.flatMap((s) => (s.form ? [s.form] : [])))];
  return proc;
}

function buildMode(r: Reader, kind: ProcedureKind, m: LNode): Mode {
  const mode: Mode = { id: '', label: '', cite: '', eligibility: [], span: m.span };
  mode.id = r.field(mode, m, 'id') ?? '';
  mode.label = r.field(mode, m, 'label') ?? mode.id;
  mode.cite = r.cite(mode, m);
  const k = r.bool(m, 'keepsNextRound');
  if (k !== undefined) mode.keepsNextRound = k;
  const mem = r.field(mode, m, 'membership');
  if (mem === 'kept' || mem === 'mayLeave' || mem === 'mustLeave') mode.membership = mem;
  mode.eligibility = buildRules(r, child(m, 'eligibility'), kind, mode);
  const comp = buildCompensation(r, child(m, 'compensation'), kind, mode);
  if (comp) mode.compensation = comp;
  return mode;
}
