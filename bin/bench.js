#!/usr/bin/env node
// `npm run bench`: every speed goal, reported as ratios against a reference run in the same process.
import { register } from 'tsx/esm/api';

register();
const { runBenches } = await import('../test/bench/index.ts');
process.exitCode = await runBenches(process.argv.slice(2));
