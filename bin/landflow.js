#!/usr/bin/env node
// The landflow command. TypeScript sources run through tsx, so a fresh clone needs no build step.
import { register } from 'tsx/esm/api';
import { preload } from './preload.js';

await preload();
register();
// A reader that closes the pipe early (`landflow … | head -1`) is not an error: stop quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}
const { main } = await import('../engine/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
