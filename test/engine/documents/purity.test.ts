// The pure modules of engine/documents must run in the browser (the policy editor previews forms
// and lints templates): no Node APIs, no process, no clock.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const DIR = fileURLToPath(new URL('../../../engine/documents/', import.meta.url));
const PURE = [
  'amount-words.ts',
  'idcard.ts',
  'chinese-date.ts',
  'contract-number.ts',
  'errors.ts',
  'model.ts',
  'model-shape.ts',
  'helpers.ts',
  'print-css.ts',
  'check-template.ts',
  'render-html.ts',
  'browser.ts',
];

describe('pure document modules', () => {
  for (const file of PURE) {
    it(`${file} uses no Node APIs, process, clock or randomness`, () => {
      const src = readFileSync(DIR + file, 'utf8').replace(/\/\/.*$/gm, '');
      expect(src).not.toMatch(/from ['"]node:|require\(|\bprocess\.|Date\.now\(|new Date\(\)|Math\.random/);
      for (const m of src.matchAll(/from ['"](\.[^'"]+)['"]/g)) {
        if (m[1].startsWith('../../dsl/')) continue; // dsl/ is pure by the project's layout rule
        expect(PURE, `${file} imports ${m[1]}`).toContain(m[1].replace('./', ''));
      }
    });
  }
});
