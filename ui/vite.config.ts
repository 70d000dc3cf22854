// The UI build: root ui/, output ui/dist. The server (engine/cli/commands/serve.ts) runs this
// config when ui/dist is missing or older than the sources; `npx vite --config ui/vite.config.ts`
// serves it for development with /api proxied to a running `landflow serve`.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const uiDir = dirname(fileURLToPath(import.meta.url));
const repoDir = dirname(uiDir);

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

/**
 * Prints the production bundle's total size after every build, so a size regression shows up in CI
 * logs; and writes dist/sources.json, the repository files the bundle was built from (the UI also
 * bundles dsl/, engine/, examples/ and policy templates), so a server can tell when dist is stale.
 */
function bundleSize(): Plugin {
  let outDir = '';
  return {
    name: 'landflow-bundle-size',
    apply: 'build',
    configResolved(c) {
      outDir = c.build.outDir;
    },
    generateBundle() {
      const sources = [...this.getModuleIds()]
        .map((id) => id.split('?')[0])
        .filter((id) => id.startsWith(repoDir) && !id.includes('node_modules'))
        .map((id) => relative(repoDir, id))
        .sort();
      this.emitFile({ type: 'asset', fileName: 'sources.json', source: JSON.stringify([...new Set(sources)], null, 1) });
    },
    closeBundle() {
      const files = filesUnder(outDir).map((f) => ({ f, size: statSync(f).size }));
      const total = files.reduce((s, x) => s + x.size, 0);
      const js = files.filter((x) => x.f.endsWith('.js')).reduce((s, x) => s + x.size, 0);
      // The first screen is what index.html loads: its entry script and the chunks it preloads.
      const htmlText = readFileSync(join(outDir, 'index.html'), 'utf8');
      const firstScreen = new Set([...htmlText.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((m) => join(outDir, m[1])));
      const entry = files.filter((x) => firstScreen.has(x.f) || x.f.endsWith('index.html')).reduce((s, x) => s + x.size, 0);
      const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
      // Printed with console.log, not the logger: it must show even when a caller silences Vite.
      console.log(
        `landflow UI bundle 界面包大小: total ${kb(total)} in ${files.length} files (JS ${kb(js)}; first screen ${kb(entry)}) → ${relative(repoDir, outDir)}`,
      );
    },
  };
}

export default defineConfig({
  root: uiDir,
  base: '/',
  logLevel: 'info',
  plugins: [bundleSize()],
  resolve: { extensions: ['.ts', '.js', '.mjs', '.json'] },
  build: {
    outDir: join(uiDir, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: true,
    // The editor's libraries load with the policy workspace only; the first screen stays small.
    chunkSizeWarningLimit: 900,
    rollupOptions: {
      output: {
        // CodeMirror changes less often than our code: its own chunk stays cached across releases.
        manualChunks: (id) =>
          /node_modules[\\/](@codemirror|@lezer|codemirror|crelt|style-mod|w3c-keyname)[\\/]/.test(id) ? 'codemirror' : undefined,
      },
    },
  },
  server: {
    port: 5173,
    // The UI imports pure modules from dsl/ and engine/ (the checker, 身份证号 validation).
    fs: { allow: [repoDir] },
    proxy: { '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false } },
  },
  preview: { proxy: { '/api': { target: 'http://127.0.0.1:8080' } } },
});
