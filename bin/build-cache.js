// How a process (the CLI, a pool's worker thread) loads the TypeScript sources. Through tsx's hooks
// every module, each package's too, is resolved and loaded by a message to tsx's hooks thread: the
// CLI spent most of its start-up waiting for that thread. So the entry points are bundled with
// esbuild (tsx's own compiler) into plain JavaScript once, in node_modules/.cache, and loaded
// natively; packages stay outside the bundle and load from node_modules as usual. The bundle is
// used only while every file it was built from still has the content it was built from (a SHA-1
// of each, checked at each start), so an edited source is never run stale: it is rebuilt, or, if it
// cannot be (no esbuild, a read-only folder), the sources run through tsx as before.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { preload } from './preload.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Every entry point a process may load: one bundle for all, so that they share their modules. */
export const ENTRIES = ['engine/cli/main.ts', 'engine/compare/population/worker.ts'];
const CACHE = join(ROOT, 'node_modules', '.cache', 'landflow');
const MANIFEST = join(CACHE, 'manifest.json');
/** Besides the bundled files: what else decides what the build makes (this file's options). */
const CONFIG = ['bin/build-cache.js', 'tsconfig.json', 'package.json'];

const sha1 = (path) => createHash('sha1').update(readFileSync(path)).digest('hex');

/** The manifest when every file it lists still has its content, else undefined. */
function freshManifest() {
  let m;
  try {
    m = JSON.parse(readFileSync(MANIFEST, 'utf8'));
    if (m.node !== process.version || !existsSync(join(CACHE, m.dir))) return undefined;
    for (const [file, hash] of Object.entries(m.inputs)) if (sha1(join(ROOT, file)) !== hash) return undefined;
  } catch {
    return undefined;
  }
  return m;
}

/**
 * import.meta.url of a bundled module would be its chunk's: each source's own URL is written in
 * instead, so that files found relative to a module (the bundled populations, templates, the
 * worker's entry) are found where they are. Any other use of import.meta fails the build.
 */
const ownUrl = {
  name: 'own-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8').replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href));
      if (source.includes('import.meta')) return { errors: [{ text: `import.meta other than import.meta.url in ${args.path}` }] };
      return { contents: source, loader: 'ts' };
    });
  },
};

async function build() {
  const esbuild = await import('esbuild');
  const tmp = join(CACHE, `tmp-${process.pid}-${Date.now()}`);
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: ENTRIES,
    outdir: tmp,
    outbase: ROOT,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: `node${process.versions.node}`,
    packages: 'external',
    // chevrotain's package loads some 650 modules (lodash-es); it ships the same code as one file.
    alias: { chevrotain: join(dirname(createRequire(import.meta.url).resolve('chevrotain')), '..', 'chevrotain.mjs') },
    // Error classes are told apart by name (a job's error crossing the thread, the HTTP routes).
    keepNames: true,
    sourcemap: true,
    metafile: true,
    logLevel: 'silent',
    plugins: [ownUrl],
  });
  const inputs = {};
  for (const file of [...Object.keys(result.metafile.inputs), ...CONFIG])
    inputs[relative(ROOT, resolve(ROOT, file))] = sha1(resolve(ROOT, file));
  // The folder is named by what it was built from: processes building at once write the same one.
  const key = createHash('sha1')
    .update(JSON.stringify([process.version, inputs]))
    .digest('hex')
    .slice(0, 16);
  const dir = `build-${key}`;
  try {
    renameSync(tmp, join(CACHE, dir));
  } catch (e) {
    // Another process has just built the same sources.
    if (!existsSync(join(CACHE, dir))) throw e;
    rmSync(tmp, { recursive: true, force: true });
  }
  const manifest = { node: process.version, dir, inputs };
  const next = `${MANIFEST}.${process.pid}`;
  writeFileSync(next, JSON.stringify(manifest));
  renameSync(next, MANIFEST);
  prune(dir);
  return manifest;
}

/**
 * A build's chunks are loaded when first needed (a command, a chart), so a process keeps needing
 * its build folder as long as it runs: each process that loads one leaves its pid in it.
 */
function claim(dir) {
  const users = join(CACHE, dir, 'users');
  mkdirSync(users, { recursive: true });
  writeFileSync(join(users, String(process.pid)), '');
}

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
};

/** Earlier builds no running process loaded, and builds left unfinished an hour ago. */
function prune(current) {
  for (const name of readdirSync(CACHE)) {
    const path = join(CACHE, name);
    const age = Date.now() - statSync(path).mtimeMs;
    const users = join(path, 'users');
    const used = () => existsSync(users) && readdirSync(users).some((pid) => alive(Number(pid)));
    if ((name.startsWith('tmp-') && age > 3_600_000) || (name.startsWith('build-') && name !== current && age > 60_000 && !used()))
      rmSync(path, { recursive: true, force: true });
  }
}

let tsxReady;
/** The sources through tsx: the plain packages first (bin/preload.js), then its hooks. */
function viaTsx() {
  tsxReady ??= preload()
    .then(() => import('tsx/esm/api'))
    .then((tsx) => tsx.register());
  return tsxReady;
}

/**
 * Imports one of ENTRIES, given as its source's URL: from the bundle when it is fresh; else, when
 * `rebuild` (the CLI; not a worker thread, whose parent has just looked), from a new bundle; else
 * through tsx.
 */
export async function loadEntry(url, { rebuild = true } = {}) {
  const entry = relative(ROOT, fileURLToPath(url)).split('\\').join('/');
  if (!ENTRIES.includes(entry)) throw new Error(`${entry} is not an entry of the bundle (bin/build-cache.js ENTRIES)`);
  let manifest = freshManifest();
  if (!manifest && rebuild) {
    try {
      mkdirSync(CACHE, { recursive: true });
      manifest = await build();
    } catch {
      manifest = undefined;
    }
  }
  if (manifest) {
    claim(manifest.dir);
    return import(pathToFileURL(join(CACHE, manifest.dir, entry.replace(/\.ts$/, '.js'))).href);
  }
  await viaTsx();
  return import(url);
}
