// Checking and compiling the 钦州 policy against merely parsing its YAML with the `yaml` package
// (parseDocument), the same text in the same process. Goal: check + compile ≤ 3× the YAML parse.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { checkPolicy } from '../../dsl/index.ts';
import { compilePolicy } from '../../engine/evaluate/compile.ts';
import { checkOptionsFor } from '../../engine/policies/load.ts';

type Suite = { name: string; run: () => Promise<void> };

/** Milliseconds per call of f and of ref, timed in alternating rounds (the machine is shared:
 * load that comes and goes then hits both alike), with the median ratio of the rounds. */
function timePair(f: () => unknown, ref: () => unknown, rounds: number, perRound: number): { ours: number; ref: number; ratio: number } {
  const a: number[] = [];
  const b: number[] = [];
  const ratios: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let t0 = process.hrtime.bigint();
    for (let i = 0; i < perRound; i++) f();
    const x = Number(process.hrtime.bigint() - t0) / 1e6 / perRound;
    t0 = process.hrtime.bigint();
    for (let i = 0; i < perRound; i++) ref();
    const y = Number(process.hrtime.bigint() - t0) / 1e6 / perRound;
    a.push(x);
    b.push(y);
    ratios.push(x / y);
  }
  const median = (v: number[]) => [...v].sort((p, q) => p - q)[Math.floor(v.length / 2)]!;
  return { ours: median(a), ref: median(b), ratio: median(ratios) };
}

export const suite: Suite = {
  name: 'policy: check + compile of policies/qinzhou.yaml vs yaml parseDocument',
  run: async () => {
    const file = join(import.meta.dirname, '..', '..', 'policies', 'qinzhou.yaml');
    const text = readFileSync(file, 'utf8');
    // Templates are looked up on disk, as `landflow check` does; examples are not run (that is evaluation).
    const options = checkOptionsFor(file);
    const checkAndCompile = () => {
      const r = checkPolicy(text, file, options);
      if (!r.policy) throw new Error('qinzhou.yaml does not check');
      return compilePolicy(r.policy);
    };
    const yamlOnly = () => parseDocument(text);
    for (let i = 0; i < 20; i++) {
      checkAndCompile();
      yamlOnly();
    }
    const { ours, ref, ratio } = timePair(checkAndCompile, yamlOnly, 15, 10);
    console.log(`yaml parseDocument      ${ref.toFixed(2)} ms`);
    console.log(`check + compile         ${ours.toFixed(2)} ms`);
    console.log(`ratio                   ${ratio.toFixed(2)}× (goal ≤ 3×) ${ratio <= 3 ? 'ok' : 'OVER GOAL'}`);
  },
};
