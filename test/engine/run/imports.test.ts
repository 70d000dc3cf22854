import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from './fixtures.ts';

// Data flows one way (style.md): the pure runner and compiler know nothing of the host or the edges.
function imports(dir: string): { file: string; spec: string }[] {
  const out: { file: string; spec: string }[] = [];
  for (const name of readdirSync(path.join(REPO, dir))) {
    if (!name.endsWith('.ts')) continue;
    const text = readFileSync(path.join(REPO, dir, name), 'utf8');
    for (const m of text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
      out.push({ file: `${dir}/${name}`, spec: m[1] ?? m[2]! });
    }
  }
  return out;
}

describe('import boundaries', () => {
  for (const dir of ['engine/run', 'engine/compile']) {
    it(`${dir} imports nothing from store, server, cases or Node's file system`, () => {
      const bad = imports(dir).filter(({ spec }) =>
        /engine\/(store|server|cases)|\.\.\/(store|server|cases)\/|^node:(fs|path|child_process|net|http)/.test(spec),
      );
      expect(bad).toEqual([]);
    });
  }
});
