// What a parameter is worth and of which type: a literal value read as a quantity ("30 年",
// "650 元/亩/年", "50%", "半年" — a bare number takes the declared unit), or a case field
// (`from: market.rentPerMuYear`). Shared by the checker and the engine's compiler.
import { parseQuantity } from './expr/index.ts';
import type { RuntimeValue, ValueType } from './expr/api.ts';
import { resolveCasePath } from './case-paths.ts';
import type { Parameter } from './policy-model.ts';
import type { Message } from './message.ts';

export type ParameterInfo =
  | { kind: 'value'; type: ValueType; value: RuntimeValue; period?: { amount: number; unit: string; text: string } }
  | { kind: 'from'; type: ValueType; path: string }
  | { kind: 'error'; code: 'U454'; detail: Message }
  | { kind: 'error'; code: 'N406' | 'U459' | 'P614'; detail: string };

/** The canonical spelling of a unit ("万元" → "元"), or undefined if it is not a unit. */
export function canonicalUnit(unit: string): string | undefined {
  if (unit.trim() === '') return '';
  const q = parseQuantity(`1 ${unit}`);
  if ('error' in q || q.type.kind !== 'number') return undefined;
  return q.type.unit;
}

export function parameterInfo(p: Pick<Parameter, 'value' | 'from' | 'unit'>, declaredUnit?: string): ParameterInfo {
  if ((p.value === undefined) === (p.from === undefined)) return { kind: 'error', code: 'P614', detail: '' };
  if (p.value !== undefined) {
    let q = parseQuantity(p.value);
    if (!('error' in q) && q.type.kind === 'number' && q.type.unit === '' && declaredUnit && /^\s*-?\d+(\.\d+)?\s*$/.test(p.value)) {
      q = parseQuantity(`${p.value.trim()} ${declaredUnit}`);
    }
    if ('error' in q) return { kind: 'error', code: 'U454', detail: q.error };
    const value = (q.exact ?? q.value) as unknown as RuntimeValue;
    return { kind: 'value', type: q.type, value, ...(q.period ? { period: q.period } : {}) };
  }
  const path = p.from!;
  const t = resolveCasePath(path);
  if (!t) return { kind: 'error', code: 'N406', detail: path };
  if (t.kind === 'decimal' || t.kind === 'integer') {
    const unit = t.unit ?? '';
    return { kind: 'from', type: { kind: 'number', unit: canonicalUnit(unit) ?? unit }, path };
  }
  if (t.kind === 'date') return { kind: 'from', type: { kind: 'date' }, path };
  return { kind: 'error', code: 'U459', detail: path };
}
