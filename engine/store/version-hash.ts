// A policy version's name in the store (policy-versions.ts): the hash of the policy text's own
// hash and each form template's name and source hash, so a version is the text together with the
// documents it prints. The policy loader names what it loads with it (engine/cases/policies.ts),
// and `landflow audit verify` recomputes it from every stored version (verify.ts).
import { sha256Hex } from '../../dsl/sha256.ts';

/** `policyHash`: the sha256 of the policy text (dsl/index.ts checkPolicy's Policy.hash). */
export function versionHash(policyHash: string, templates: Readonly<Record<string, string>>): string {
  const names = Object.keys(templates).sort();
  return sha256Hex(JSON.stringify([policyHash, ...names.map((n) => [n, sha256Hex(templates[n]!)])]));
}

/**
 * The hash a stored version must have: its text with its templates; a version stored without
 * templates (copied by migration 7 from a case opened before they were pinned) was named by the
 * text's hash alone.
 */
export function storedVersionHash(source: string, templates: Readonly<Record<string, string>> | null): string {
  return templates === null ? sha256Hex(source) : versionHash(sha256Hex(source), templates);
}
