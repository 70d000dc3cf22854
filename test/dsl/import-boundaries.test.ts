// dsl/ is pure TypeScript that the browser bundles (README, Architecture): it imports no Node
// module and nothing from engine/ or ui/. And every engine module the UI bundles — found by
// following ui/src's imports — imports no Node module either, or the editor would not build.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');

interface Import {
  spec: string;
  /** `import type` / `export type`: erased, never bundled. */
  typeOnly: boolean;
}

function tsFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

function importsOf(file: string): Import[] {
  const text = readFileSync(join(ROOT, file), 'utf8').replace(/^\s*\/\/.*$/gm, '');
  const out: Import[] = [];
  for (const m of text.matchAll(
    /\b(import|export)(\s+type)?\s[^'";]*?\bfrom\s+['"]([^'"]+)['"]|\bimport\s+['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
  )) {
    const spec = m[3] ?? m[4] ?? m[5]!;
    out.push({ spec, typeOnly: !!m[2] });
  }
  return out;
}

const isNode = (spec: string) => spec.startsWith('node:') || builtinModules.includes(spec.split('/')[0]!);

/** A relative import as a repository path (extension as written; vite and tsx resolve .ts). */
function resolveImport(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const target = relative(ROOT, resolve(ROOT, dirname(from), spec.split('?')[0]!));
  for (const candidate of [target, `${target}.ts`, join(target, 'index.ts')]) {
    if (existsSync(join(ROOT, candidate)) && statSync(join(ROOT, candidate)).isFile()) return candidate;
  }
  return null;
}

/** Every repository .ts module the UI bundles: ui/src and what its non-type imports reach. */
function uiBundle(): Set<string> {
  const seen = new Set<string>();
  const queue = tsFiles('ui/src');
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const i of importsOf(file)) {
      if (i.typeOnly) continue;
      const target = resolveImport(file, i.spec);
      if (target?.endsWith('.ts') && !seen.has(target)) queue.push(target);
    }
  }
  return seen;
}

describe('import boundaries', () => {
  it('the import reader sees the imports of a known file (a control)', () => {
    const specs = importsOf('dsl/build/parameters.ts').map((i) => i.spec);
    expect(specs).toContain('../legal-text/index.ts');
    expect(importsOf('engine/policies/load.ts').map((i) => i.spec)).toContain('node:fs');
  });

  it('dsl/** imports no Node module and nothing from engine/ or ui/', () => {
    const bad = tsFiles('dsl').flatMap((file) =>
      importsOf(file)
        .filter((i) => {
          if (isNode(i.spec)) return true;
          const target = resolveImport(file, i.spec);
          return i.spec.startsWith('.') && (target === null ? true : /^(engine|ui)\//.test(target));
        })
        .map((i) => `${file} → ${i.spec}`),
    );
    expect(bad).toEqual([]);
  });

  it('every engine module the UI bundles imports no Node module', () => {
    const bundled = [...uiBundle()].filter((f) => f.startsWith('engine/'));
    // The editor's own links: the checker's compiler, the example runner and the vote arithmetic.
    expect(bundled).toEqual(expect.arrayContaining(['engine/compile/index.ts', 'engine/evaluate/index.ts', 'engine/rules/vote.ts']));
    const bad = bundled.flatMap((file) =>
      importsOf(file)
        .filter((i) => !i.typeOnly && isNode(i.spec))
        .map((i) => `${file} → ${i.spec}`),
    );
    expect(bad).toEqual([]);
  });

  it('nothing reads periods or thresholds but dsl/legal-text', () => {
    // The old readers' names: one reader, nothing to inject (issue #13).
    const files = [...tsFiles('dsl'), ...tsFiles('engine'), ...tsFiles('ui/src')];
    const bad = files.filter((f) =>
      /\b(parsePeriod|parseThreshold|parseChineseNumber|parseChineseInteger|parseChineseFraction|parsePeriodText|parseThresholdText)\b/.test(
        readFileSync(join(ROOT, f), 'utf8'),
      ),
    );
    expect(bad).toEqual([]);
  });
});
