// Spreads a population run over threads: the calling thread and helper worker threads take chunks
// of households from one queue, so a worker that is still starting (tsx, module loading, a fraction
// of a second) costs nothing — the calling thread is already working — and each thread keeps busy
// until the queue is empty. Chunks are merged in household order, so the result does not depend on
// which thread ran what.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ProcedureKind } from '../../../dsl/case-model.ts';
import type { Policy } from '../../../dsl/policy-model.ts';
import type { ParamOverride } from '../overrides.ts';
import type { CaseOverride, ChunkResult } from './run.ts';

export interface WorkerSetup {
  spec: { source: string; file: string };
  /** Checked policies are plain data: a worker compiles them without checking the text again. */
  policies: Policy[];
  seed: number;
  procedure: ProcedureKind;
  paramOverrides: ParamOverride[];
  caseOverrides: CaseOverride[];
}

/** Main → worker. */
export type WorkerCommand = { type: 'run'; from: number; to: number } | { type: 'stop' };

/** Worker → main. */
export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'progress'; done: number }
  | { type: 'done'; result: ChunkResult }
  | { type: 'error'; message: string };

/** Plain JavaScript packages a worker needs, loaded without the TypeScript hooks. */
const PRELOAD = ['chevrotain', 'decimal.js', 'yaml'];

function bootstrap(): string {
  const require = createRequire(import.meta.url);
  // tsx/esm/api's "import" entry, found through the package's own folder (its exports map hides it).
  const tsxApi = pathToFileURL(require.resolve('tsx/package.json').replace(/package\.json$/, 'dist/esm/api/index.mjs')).href;
  const target = new URL('./worker.ts', import.meta.url).href;
  // The expression parser's library is hundreds of small modules: loaded before tsx's hooks are in
  // place it takes less than half the time (the worker starts sooner and shares more of a run).
  // (Where import.meta.resolve is missing — vitest's transform — the worker just loads them later.)
  const resolve = (import.meta as { resolve?: (name: string) => string }).resolve;
  const plain = typeof resolve === 'function' ? PRELOAD.map((name) => resolve(name)) : [];
  // The worker's code is built only from resolved module URLs, each quoted by JSON.stringify.
  return `Promise.all([${plain.map(importOf).join(', ')}]).then(() => ${importOf(tsxApi)}).then((m) => { m.register(); return ${importOf(target)}; });`;
}

const importOf = (url: string): string => 'import(' + JSON.stringify(url) + ')';

/** Chunks big enough that messages are rare, small enough that threads finish together. */
export function chunkSize(n: number, threads: number): number {
  return Math.max(2_000, Math.min(50_000, Math.ceil(n / (threads * 8))));
}

/**
 * Runs households [0, n) on the calling thread (`local`; null: workers only) and `helpers` worker
 * threads. Returns the chunks in household order.
 */
export async function runPooled(
  setup: WorkerSetup,
  n: number,
  helpers: number,
  local: ((from: number, to: number, onProgress?: (done: number) => void) => ChunkResult) | null,
  onProgress?: (done: number) => void,
): Promise<ChunkResult[]> {
  if (!local && helpers < 1) throw new RangeError('no thread to run on');
  const size = chunkSize(n, helpers + 1);
  const ranges: [number, number][] = [];
  for (let a = 0; a < n; a += size) ranges.push([a, Math.min(n, a + size)]);
  const results: (ChunkResult | undefined)[] = new Array(ranges.length);
  let next = 0;
  let failure: Error | undefined;
  const workers: Worker[] = [];
  const finished: Promise<void>[] = [];
  const code = bootstrap();

  for (let h = 0; h < Math.min(helpers, local ? ranges.length - 1 : ranges.length); h++) {
    const w = new Worker(code, { eval: true, workerData: setup });
    workers.push(w);
    finished.push(
      new Promise<void>((resolve) => {
        let current = -1;
        const give = () => {
          if (failure || next >= ranges.length) {
            w.postMessage({ type: 'stop' } satisfies WorkerCommand);
            resolve();
            return;
          }
          current = next++;
          const [from, to] = ranges[current]!;
          w.postMessage({ type: 'run', from, to } satisfies WorkerCommand);
        };
        const fail = (e: Error) => {
          failure ??= e;
          resolve();
        };
        w.on('message', (m: WorkerMessage) => {
          if (m.type === 'ready') give();
          else if (m.type === 'progress') onProgress?.(m.done);
          else if (m.type === 'done') {
            results[current] = m.result;
            give();
          } else fail(new Error(m.message));
        });
        w.on('error', fail);
        w.on('exit', (c) => {
          if (current >= 0 && results[current] === undefined && !failure) fail(new Error(`工作线程意外退出 a worker thread exited early (code ${c})`));
          resolve();
        });
      }),
    );
  }

  try {
    // The calling thread works through the queue too, yielding between chunks so that workers'
    // messages are handled.
    while (local && !failure && next < ranges.length) {
      const k = next++;
      const [from, to] = ranges[k]!;
      let last = 0;
      results[k] = local(from, to, onProgress ? (d) => (onProgress(d - last), (last = d)) : undefined);
      await new Promise<void>((r) => setImmediate(r));
    }
    await Promise.all(finished);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  if (failure) throw failure;
  return results as ChunkResult[];
}
