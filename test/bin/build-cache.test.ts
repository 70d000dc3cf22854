// bin/build-cache.js in a project of its own (a temporary folder with the packages it needs linked
// in): the bundle is built on first load, rebuilt when a source changes, sources find files
// relative to themselves, and a source esbuild cannot bundle here runs through tsx instead.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runProcess } from '../helpers/process.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const project = mkdtempSync(join(tmpdir(), 'landflow-build-cache-'));
afterAll(() => rmSync(project, { recursive: true, force: true }));

mkdirSync(join(project, 'bin'));
for (const f of ['build-cache.js', 'preload.js']) cpSync(join(ROOT, 'bin', f), join(project, 'bin', f));
cpSync(join(ROOT, 'tsconfig.json'), join(project, 'tsconfig.json'));
writeFileSync(join(project, 'package.json'), '{ "type": "module" }');
// Linked one by one: node_modules itself must be the project's, for the cache inside it.
mkdirSync(join(project, 'node_modules', '@esbuild'), { recursive: true });
for (const p of ['esbuild', '@esbuild/linux-x64', 'chevrotain', 'tsx', 'yaml', 'decimal.js', 'lodash-es', '@chevrotain'])
  if (existsSync(join(ROOT, 'node_modules', p))) symlinkSync(join(ROOT, 'node_modules', p), join(project, 'node_modules', p));
const write = (path: string, text: string) => {
  mkdirSync(join(project, path, '..'), { recursive: true });
  writeFileSync(join(project, path), text);
};
write('engine/compare/population/worker.ts', 'export const worker = true;\n');
write('engine/cli/word.ts', "export const word: string = 'one';\n");
write(
  'engine/cli/main.ts',
  "import { word } from './word.ts';\nexport const main = (): string => `${word} ${new URL('.', import.meta.url).pathname}`;\n",
);
const cache = join(project, 'node_modules', '.cache', 'landflow');

/** main() of the project's engine/cli/main.ts, loaded through build-cache.js in a fresh process. */
async function load(rebuild = true): Promise<string> {
  const loader = pathToFileURL(join(project, 'bin', 'build-cache.js')).href;
  const entry = pathToFileURL(join(project, 'engine', 'cli', 'main.ts')).href;
  const script = `const m = await import(${JSON.stringify(loader)}); console.log((await m.loadEntry(${JSON.stringify(entry)}, { rebuild: ${rebuild} })).main());`;
  const r = await runProcess(process.execPath, ['--input-type=module', '-e', script], { cwd: project, timeout: 120_000 });
  expect(r.stderr).toBe('');
  return r.stdout.trim();
}
const builds = () => readdirSync(cache).filter((d) => d.startsWith('build-'));

describe('the bundle cache', () => {
  it('builds on first load, then loads the same build while the sources are unchanged', async () => {
    expect(await load()).toBe(`one ${join(project, 'engine', 'cli')}/`);
    expect(builds()).toHaveLength(1);
    expect(await load()).toBe(`one ${join(project, 'engine', 'cli')}/`);
    expect(builds()).toHaveLength(1);
  });

  it('never runs a changed source stale: it rebuilds, or without rebuilding runs the sources', async () => {
    write('engine/cli/word.ts', "export const word: string = 'two';\n");
    expect(await load(false)).toBe(`two ${join(project, 'engine', 'cli')}/`);
    expect(builds()).toHaveLength(1);
    expect(await load()).toBe(`two ${join(project, 'engine', 'cli')}/`);
    expect(builds()).toHaveLength(2);
  });

  it('runs through tsx what it cannot bundle (import.meta other than its url)', async () => {
    write('engine/cli/word.ts', 'export const word: string = import.meta.filename.endsWith("word.ts") ? "three" : "wrong";\n');
    expect(await load()).toBe(`three ${join(project, 'engine', 'cli')}/`);
    expect(builds()).toHaveLength(2);
  });
});
