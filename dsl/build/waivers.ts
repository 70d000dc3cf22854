// waivers: a finding set aside with a written justification (applied by dsl/check/waivers.ts).
import type { Waiver } from '../policy-model.ts';
import type { LNode } from '../yaml.ts';
import { isMap, type Reader } from './reader.ts';

export function buildWaivers(r: Reader, n: LNode | undefined): Waiver[] {
  if (n?.kind !== 'seq') return [];
  const waivers: Waiver[] = [];
  for (const w of n.items) {
    if (!isMap(w)) continue;
    const wv: Waiver = { code: '', justification: '', span: w.span };
    wv.code = r.field(wv, w, 'code') ?? '';
    wv.justification = r.field(wv, w, 'justification') ?? '';
    waivers.push(wv);
  }
  return waivers;
}
