#!/usr/bin/env node
// The landflow command. TypeScript sources, bundled on first run and whenever they change
// (bin/build-cache.js), so a fresh clone needs no build step.
import { loadEntry } from './build-cache.js';

// A reader that closes the pipe early (`landflow … | head -1`) is not an error: stop quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}
const { main } = await loadEntry(new URL('../engine/cli/main.ts', import.meta.url).href);
process.exitCode = await main(process.argv.slice(2));
