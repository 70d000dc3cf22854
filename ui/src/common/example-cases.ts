// The example households shipped in examples/*.json, bundled so the editor can run a policy's
// examples and a researcher or clerk can start from one. Loaded on demand (one small chunk each).
import type { CaseData } from '../../../dsl/case-model.ts';
import type { Example } from '../../../dsl/policy-model.ts';
import { exampleCase as dslExampleCase } from '../../../dsl/examples.ts';

const files = import.meta.glob<CaseData>('../../../examples/*.json', { import: 'default' });

const baseName = (p: string) => p.split('/').pop() ?? p;

/** Example file names, e.g. "household-qinzhou.json". */
export function exampleFiles(): string[] {
  return Object.keys(files).map(baseName).sort();
}

/** A deep copy of an example case by file name or by a policy's relative caseFile path. */
export async function loadExampleCase(caseFile: string): Promise<CaseData | null> {
  const key = Object.keys(files).find((k) => baseName(k) === baseName(caseFile));
  if (!key) return null;
  return structuredClone(await files[key]());
}

/** The case an example describes (its file, inline `case`, then `set:` paths — dsl/examples.ts). */
export async function exampleCase(ex: Example): Promise<CaseData | null> {
  const base = ex.caseFile ? await loadExampleCase(ex.caseFile) : undefined;
  if (base === null) return null;
  const r = dslExampleCase(ex, base);
  return 'data' in r ? (r.data as CaseData) : null;
}
