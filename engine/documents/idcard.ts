// 公民身份号码 as documents and lists show it. Whether a number is valid is dsl/case-id-number.ts's
// question (case files are checked there before anything is printed); this module only masks.

/**
 * Masks an ID number for lists and exports (domain.md §7: personal data), keeping the first 4
 * (province and prefecture — enough to tell households of different places apart) and the last 4
 * (what a clerk reads back on the phone): 450702196803151235 → 4507**********1235. The birth date
 * and the county are hidden. Inputs of other lengths keep at most the last 4 and never more than a
 * third of the characters, so a mistyped short number is not shown either.
 */
export function maskIdNumber(s: string): string {
  const str = String(s ?? '');
  if (str.length === 18) return str.slice(0, 4) + '*'.repeat(10) + str.slice(14);
  const keep = Math.min(4, Math.floor(str.length / 3));
  return '*'.repeat(str.length - keep) + str.slice(str.length - keep);
}
