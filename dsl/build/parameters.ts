// parameters: name → { value | from, unit, cite, … }. Reading a parameter also settles what it is
// worth and of which type (dsl/parameters.ts) and whether its value is a legal period
// (dsl/legal-text), so the Policy is complete when built and no check phase writes into it: the
// checks report from the facts recorded here.
import type { Parameter } from '../policy-model.ts';
import type { ValueType } from '../expr/api.ts';
import { parameterInfo, type ParameterInfo } from '../parameters.ts';
import { isFailure, legalTextMessage, looksLikePeriod, readPeriod } from '../legal-text/index.ts';
import type { LNode } from '../yaml.ts';
import type { Message } from '../message.ts';
import { isMap, type Reader } from './reader.ts';

/** What reading a parameter established, for the parameter checks (dsl/check/parameters.ts). */
export interface ParameterFacts {
  /** The `unit:` as written (trimmed), when the parameter has that key. */
  declaredUnit?: string;
  info: ParameterInfo;
  /** The static type expressions see under the parameter's name. */
  type: ValueType;
  /** Why a value that looks like a period does not read as one. */
  periodProblem?: Message;
}

export function buildParameters(r: Reader, n: LNode | undefined): { parameters: Parameter[]; facts: Map<Parameter, ParameterFacts> } {
  const parameters: Parameter[] = [];
  const facts = new Map<Parameter, ParameterFacts>();
  if (!isMap(n)) return { parameters, facts };
  for (const e of n.entries) {
    if (!isMap(e.value)) continue;
    const p: Parameter = { name: e.key, unit: '', cite: '', span: e.keySpan };
    const m = e.value;
    const label = r.field(p, m, 'label');
    if (label !== undefined) p.label = label;
    const unit = r.field(p, m, 'unit');
    if (unit !== undefined) p.unit = unit.trim();
    const value = r.field(p, m, 'value');
    if (value !== undefined) {
      p.value = value;
      p.valueSpan = r.spans.get(p, 'value');
    }
    const from = r.field(p, m, 'from');
    if (from !== undefined) {
      p.from = from;
      p.valueSpan ??= r.spans.get(p, 'from');
    }
    p.cite = r.cite(p, m);
    const assumed = r.assumed(p, m);
    if (assumed !== undefined) p.assumed = assumed;
    const note = r.field(p, m, 'note');
    if (note !== undefined) p.note = note;
    const compare = r.field(p, m, 'compare');
    if (compare !== undefined) p.compare = compare;
    facts.set(p, derive(p, r.spans.get(p, 'unit') ? p.unit : undefined));
    parameters.push(p);
  }
  return { parameters, facts };
}

/** Sets the parameter's period and canonical unit from its value or case field; returns the facts. */
function derive(p: Parameter, declaredUnit: string | undefined): ParameterFacts {
  const info = parameterInfo(p, declaredUnit);
  let periodProblem: Message | undefined;
  if (p.value !== undefined) {
    const period = readPeriod(p.value);
    if (!isFailure(period)) p.period = period;
    else if (looksLikePeriod(period)) periodProblem = legalTextMessage(period.error);
  }
  let type: ValueType = { kind: 'unknown' };
  if (info.kind !== 'error') type = info.type;
  else if (info.code === 'U454' && p.period) type = { kind: 'period' };
  if (type.kind === 'number') p.unit = type.unit;
  else if (p.period) p.unit = p.period.unit;
  return { ...(declaredUnit !== undefined ? { declaredUnit } : {}), info, type, ...(periodProblem !== undefined ? { periodProblem } : {}) };
}
