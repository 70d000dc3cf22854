// `npm start` rebuilds the UI when anything the bundle was built from changed, inside ui/ or not.
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { uiNeedsBuild } from '../../../engine/cli/commands/serve.ts';

function project() {
  const root = mkdtempSync(join(tmpdir(), 'lf-ui-'));
  const ui = join(root, 'ui');
  mkdirSync(join(ui, 'dist'), { recursive: true });
  mkdirSync(join(ui, 'src'));
  mkdirSync(join(root, 'dsl'));
  writeFileSync(join(ui, 'vite.config.ts'), '');
  writeFileSync(join(ui, 'index.html'), '');
  writeFileSync(join(ui, 'src', 'main.ts'), '');
  writeFileSync(join(root, 'dsl', 'index.ts'), '');
  writeFileSync(join(ui, 'dist', 'sources.json'), JSON.stringify(['ui/src/main.ts', 'dsl/index.ts']));
  writeFileSync(join(ui, 'dist', 'index.html'), '');
  const old = new Date('2026-01-01T00:00:00Z');
  for (const f of [join(ui, 'vite.config.ts'), join(ui, 'index.html'), join(ui, 'src', 'main.ts'), join(root, 'dsl', 'index.ts')])
    utimesSync(f, old, old);
  return { root, ui };
}

describe('uiNeedsBuild', () => {
  it('is false for a build newer than every source', () => {
    expect(uiNeedsBuild(project().ui)).toBe(false);
  });
  it('is true when a bundled module outside ui/ changed', () => {
    const { root, ui } = project();
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(root, 'dsl', 'index.ts'), later, later);
    expect(uiNeedsBuild(ui)).toBe(true);
  });
  it('is true when the build has no source list', () => {
    const { ui } = project();
    writeFileSync(join(ui, 'dist', 'sources.json'), 'not json');
    expect(uiNeedsBuild(ui)).toBe(true);
  });
});
