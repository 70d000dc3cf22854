// A worker thread's side of a population run: rebuild the spec and compile the policies (closures
// cannot cross threads; the checked policies are plain data), then run the chunks it is given and
// post their typed arrays back until told to stop.
import { parentPort, workerData } from 'node:worker_threads';
import { compilePolicy } from '../../evaluate/compile.ts';
import { withOverrides } from '../overrides.ts';
import { populationRunner, type PopulationRunner } from './run.ts';
import { parsePopulationSpec } from './spec.ts';
import type { WorkerCommand, WorkerMessage, WorkerSetup } from './pool.ts';

const setup = workerData as WorkerSetup;
const port = parentPort!;
const post = (m: WorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

let runner: PopulationRunner | undefined;
try {
  const spec = parsePopulationSpec(setup.spec.source, setup.spec.file);
  const compiled = setup.policies.map((policy) => withOverrides({ id: policy.meta.id, policy, compiled: compilePolicy(policy) }, setup.paramOverrides).compiled);
  runner = populationRunner(spec, setup.seed, compiled, { procedure: setup.procedure, overrides: setup.caseOverrides });
  post({ type: 'ready' });
} catch (e) {
  post({ type: 'error', message: (e as Error)?.message ?? String(e) });
}

port.on('message', (cmd: WorkerCommand) => {
  if (cmd.type === 'stop' || !runner) {
    port.close();
    return;
  }
  try {
    let last = 0;
    const result = runner.run(cmd.from, cmd.to, (done) => {
      // A few progress messages per chunk are enough for a bar; each costs a structured clone.
      if (done - last >= 4096 || done === cmd.to - cmd.from) {
        post({ type: 'progress', done: done - last });
        last = done;
      }
    });
    const buffers = [result.payer.buffer, result.place.buffer, ...result.perPolicy.flatMap((p) => [p.eligible.buffer, p.failedMask.buffer, p.cents.buffer])];
    post({ type: 'done', result }, buffers as ArrayBuffer[]);
  } catch (e) {
    post({ type: 'error', message: (e as Error)?.message ?? String(e) });
  }
});
