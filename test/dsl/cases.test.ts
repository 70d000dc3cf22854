// The checker's accepted outputs, as data: test/cases/good/*.yaml check clean (no errors, no
// warnings); each test/cases/bad/NAME.yaml draws exactly the diagnostics listed in
// NAME.expected.txt, each with its whole message: the line the command line prints
// (`line:column: severity code message`, both languages), then the message in Chinese and in
// English as the UI shows one of them, then each related place. Run with UPDATE_CASES=1 to rewrite
// the expected files after a deliberate change, then review the diff: a changed Chinese line is a
// changed message for every Chinese user.
// Advice (A0xx, the paper's proposals) is left out: nearly every case file would draw it, and
// test/dsl/advice.test.ts holds its own exact expectations.
import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { printDiagnostics, render } from '../../dsl/index.ts';
import { loadPolicyText } from '../../engine/policies/load.ts';

const root = join(import.meta.dirname, '..', 'cases');

function diagnosticsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const loaded = loadPolicyText(text, file, { display: file });
  return printDiagnostics(loaded.diagnostics, text)
    .filter((p) => !/^A0\d\d$/.test(p.code))
    .flatMap((p) => [
      `${p.line}:${p.column}: ${p.severity} ${p.code} ${p.message}`,
      `  zh: ${render(p.text, 'zh')}`,
      `  en: ${render(p.text, 'en')}`,
      ...(p.related ?? []).map((r) => `  related ${r.line}:${r.column}: ${r.message}`),
    ]);
}

describe('good policies check clean', () => {
  const dir = join(root, 'good');
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.yaml'))) {
    it(name, () => {
      expect(diagnosticsOf(join(dir, name))).toEqual([]);
    });
  }
});

describe('bad policies draw exactly their expected diagnostics, with their whole messages', () => {
  const dir = join(root, 'bad');
  const names = readdirSync(dir).filter((n) => n.endsWith('.yaml'));
  it('every bad case has its expected file', () => {
    expect(names.length).toBeGreaterThan(20);
    if (!process.env.UPDATE_CASES)
      for (const n of names) expect(existsSync(join(dir, n.replace(/\.yaml$/, '.expected.txt'))), n).toBe(true);
  });
  for (const name of names) {
    it(name, () => {
      const actual = diagnosticsOf(join(dir, name));
      const expectedFile = join(dir, name.replace(/\.yaml$/, '.expected.txt'));
      if (process.env.UPDATE_CASES) writeFileSync(expectedFile, actual.join('\n') + '\n');
      const expected = readFileSync(expectedFile, 'utf8')
        .split('\n')
        .filter((l) => l.trim() && !l.startsWith('#'));
      expect(actual).toEqual(expected);
      expect(actual.some((l) => / error /.test(l) || / warning /.test(l) || / note /.test(l))).toBe(true);
    });
  }
});
