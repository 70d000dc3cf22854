// Check and compile share their work: when the checker analyses an expression it also gets its
// evaluator (compileChecked), remembered here against the Policy object that holds the expression,
// so engine/evaluate's compilePolicy need not parse and check it again. A Policy that did not come
// from the checker (e.g. read back from JSON) simply misses and is compiled afresh.
import type { Evaluator, ValueType } from './expr/api.ts';

export interface CompiledSite {
  text: string;
  type: ValueType;
  evaluator?: Evaluator;
}

const cache = new WeakMap<object, Map<string, CompiledSite>>();

export function rememberCompiled(owner: object, key: string, site: CompiledSite): void {
  let m = cache.get(owner);
  if (!m) cache.set(owner, (m = new Map()));
  m.set(key, site);
}

/** The evaluator the checker built for this expression, if the text is still the same. */
export function recallCompiled(owner: object, key: string, text: string): CompiledSite | undefined {
  const site = cache.get(owner)?.get(key);
  return site && site.text === text ? site : undefined;
}
