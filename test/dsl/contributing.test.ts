// CONTRIBUTING.md's recipes name the files a change touches. Every path it names must exist, and
// every code name it gives (FUNCTIONS, NEVER_WRITTEN, CompareKey …) must be found in a file named
// in the same paragraph, list item or table row, so a recipe cannot point at a file or a name that
// has moved.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const text = readFileSync(join(root, 'CONTRIBUTING.md'), 'utf8');

const ROOT_DIRS = ['.ci', 'bin', 'docs', 'dsl', 'editors', 'engine', 'examples', 'policies', 'test', 'tools', 'ui'];
const ROOT_FILES = [
  'README.md',
  'CONTRIBUTING.md',
  'package.json',
  'tsconfig.json',
  'vitest.config.ts',
  'eslint.config.js',
  '.prettierrc.json',
];

/** The words of every `code span`: a command's words as well as a bare path. */
function codeWords(s: string): string[] {
  return [...s.matchAll(/`([^`]+)`/g)].flatMap((m) => m[1]!.split(/\s+/)).map((w) => w.replace(/[,;:)]+$/, ''));
}

/** A word that names a file or folder of the repository; a <placeholder> keeps the folder before it. */
function pathOf(word: string): string | undefined {
  const w = word.split('<')[0]!;
  if (ROOT_FILES.includes(w)) return w;
  const first = w.split('/')[0]!;
  return ROOT_DIRS.includes(first) && w.includes('/') ? w : undefined;
}

/** Paragraphs, list items and table rows: the units a name and its file must share. */
function units(s: string): string[] {
  return s
    .split(/\n(?=\s*\n|\d+\. |- |\|)/)
    .map((u) => u.trim())
    .filter(Boolean);
}

/** A code name: an identifier with a capital or an underscore (plain words like `abs` are not checked). */
const isCodeName = (w: string) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(w) && /[A-Z_]/.test(w) && !/^[A-Z][a-z]+$/.test(w);

function filesUnder(path: string): string[] {
  const full = join(root, path);
  if (!statSync(full).isDirectory()) return [full];
  return readdirSync(full, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ts|js|json|md|yaml)$/.test(f))
    .map((f) => join(full, f));
}

describe('CONTRIBUTING.md', () => {
  const paths = [...new Set(codeWords(text).flatMap((w) => pathOf(w) ?? []))];

  it('names files (the reader finds them)', () => {
    expect(paths).toEqual(
      expect.arrayContaining(['dsl/case-schema.ts', 'engine/compare/vocabulary.ts', 'engine/server/app.ts', '.ci/run']),
    );
    expect(pathOf('engine/run/steps/<kind>.ts')).toBe('engine/run/steps/');
    expect(pathOf('/api/docs')).toBeUndefined();
  });

  it('names only paths that exist', () => {
    expect(paths.filter((p) => !existsSync(join(root, p)))).toEqual([]);
  });

  it('finds every code name it gives in a file named beside it', () => {
    const missing = units(text).flatMap((u) => {
      const words = codeWords(u);
      const files = words.flatMap((w) => pathOf(w) ?? []).filter((p) => existsSync(join(root, p)));
      if (files.length === 0) return [];
      const sources = files.flatMap(filesUnder).map((f) => readFileSync(f, 'utf8'));
      return words.filter(isCodeName).filter((name) => !sources.some((src) => new RegExp(`\\b${name}\\b`).test(src)));
    });
    expect(missing).toEqual([]);
  });

  it('has the recipes the issue asks for', () => {
    for (const h of [
      '## Add a step kind',
      '## Add a builtin',
      '## Add a comparable parameter',
      '## Add a case field',
      '## Add a route',
      '## Where each concept lives',
    ])
      expect(text).toContain(h);
  });
});
