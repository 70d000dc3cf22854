// A sweep: one market input or one policy parameter varied over a range, every policy's outcome
// reported along it. Written as TARGET=FROM:TO:STEP, e.g.
//   market.rentPerMuYear=300:900:100          a case value, the same for every household
//   param:compensationYears=20:40:5           a parameter, by compare: key or by name, in every
//                                             policy that declares it (others are unchanged)
// The points are exact decimals (300, 400, …), never accumulated floating point.
import { Decimal } from 'decimal.js';
import { msg } from '../../dsl/message.ts';
import { TextError } from '../../dsl/messages.ts';
import { resolveCasePath } from '../../dsl/case-paths.ts';
import { caseFields, type Field } from '../../dsl/case-schema.ts';

export const MAX_SWEEP_POINTS = 201;

export type SweepTarget = { kind: 'case'; path: string; unit: string } | { kind: 'param'; key: string };

export interface Sweep {
  target: SweepTarget;
  /** The points as decimal strings ("300", "350.5"). */
  values: string[];
  /** As written, for reports. */
  text: string;
}

export class SweepError extends TextError {
  override name = 'SweepError';
}

const NUM = /^-?\d+(\.\d+)?$/;

export function parseSweep(text: string): Sweep {
  const m = /^\s*([^=\s]+)\s*=\s*([^:\s]+)\s*:\s*([^:\s]+)\s*(?::\s*([^:\s]+)\s*)?$/.exec(text);
  if (!m) {
    throw new SweepError(msg('sweep.form', { text: JSON.stringify(text) }));
  }
  const [, rawTarget, a, b, s] = m as unknown as [string, string, string, string, string | undefined];
  for (const [v, what] of [
    [a, 'sweep.from'],
    [b, 'sweep.to'],
    [s ?? '1', 'sweep.step'],
  ] as const) {
    if (!NUM.test(v)) throw new SweepError(msg('sweep.notDecimal', { what: msg(what), value: JSON.stringify(v) }));
  }
  const from = new Decimal(a);
  const to = new Decimal(b);
  const step = new Decimal(s ?? '1');
  if (step.lte(0)) throw new SweepError(msg('sweep.stepPositive', { step: s }));
  if (to.lt(from)) throw new SweepError(msg('sweep.toBelowFrom', { range: `${a}:${b}` }));
  const count = to.minus(from).div(step).floor().toNumber() + 1;
  if (count > MAX_SWEEP_POINTS) throw new SweepError(msg('sweep.tooManyPoints', { count, max: MAX_SWEEP_POINTS }));
  const values: string[] = [];
  for (let i = 0; i < count; i++) values.push(from.plus(step.times(i)).toFixed());

  let target: SweepTarget;
  if (rawTarget.startsWith('param:')) {
    const key = rawTarget.slice('param:'.length);
    if (!key) throw new SweepError(msg('sweep.paramKey'));
    target = { kind: 'param', key };
  } else {
    const t = resolveCasePath(rawTarget);
    if (!t) throw new SweepError(msg('sweep.noField', { path: JSON.stringify(rawTarget) }));
    if (t.kind !== 'decimal' && t.kind !== 'integer') throw new SweepError(msg('sweep.notNumber', { path: rawTarget }));
    const path = englishPath(rawTarget);
    target = { kind: 'case', path, unit: t.kind === 'decimal' ? t.unit : (t.unit ?? '') };
  }
  return { target, values, text: text.trim() };
}

/** A path written with Chinese labels, in English keys (setCasePath writes English keys). */
function englishPath(path: string): string {
  let fields: Field[] | undefined = caseFields;
  const out: string[] = [];
  for (const part of path.split('.')) {
    if (/^\d+$/.test(part)) {
      out.push(part);
      continue;
    }
    const f: Field | undefined = fields?.find((x) => x.key === part || x.label === part);
    out.push(f?.key ?? part);
    const t: Field['type'] | undefined = f?.type;
    fields = t?.kind === 'record' ? t.fields : t?.kind === 'list' && t.of.kind === 'record' ? t.of.fields : undefined;
  }
  return out.join('.');
}

export function describeTarget(t: SweepTarget): string {
  return t.kind === 'case' ? `${t.path}${t.unit ? ` (${t.unit})` : ''}` : `参数 parameter ${t.key}`;
}
