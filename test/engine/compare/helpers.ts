// Shared fixtures: the bundled policies (checked and compiled once per test file), the shared
// example household, and the bundled population spec.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CaseData } from '../../../dsl/case-model.ts';
import { loadCompareEntries, type CompareEntry } from '../../../engine/compare/policies.ts';
import { parsePopulationSpec, type PopulationSpec } from '../../../engine/compare/population/spec.ts';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const POLICY_IDS = ['qinzhou', 'neijiang', 'liangping', 'pingluo', 'leling', 'model-scheme'] as const;

const cache = new Map<string, CompareEntry>();

/** Entries in the order asked for; each policy file is checked once per test file. */
export function entries(...ids: string[]): CompareEntry[] {
  const missing = ids.filter((id) => !cache.has(id));
  if (missing.length)
    for (const e of loadCompareEntries(
      missing.map((id) => `policies/${id}.yaml`),
      ROOT,
    ))
      cache.set(e.id, e);
  return ids.map((id) => cache.get(id)!);
}

export function household(): CaseData {
  return JSON.parse(readFileSync(`${ROOT}examples/household-qinzhou.json`, 'utf8')) as CaseData;
}

export const POPULATION_FILE = `${ROOT}examples/populations/qinzhou-county.yaml`;

export function county(): PopulationSpec {
  return parsePopulationSpec(readFileSync(POPULATION_FILE, 'utf8'), 'examples/populations/qinzhou-county.yaml');
}
