// A bounded pool of worker threads for heavy work: population chunks, whole simulations, sweeps and
// charts (worker.ts runs them). At most `size` threads, each running one job at a time; at most
// `maxQueue` jobs waiting (beyond: PoolBusyError, which the HTTP routes answer with 503); each job
// has a time limit (PoolTimeoutError) and may be cancelled through an AbortSignal (a client that
// disconnects). A job that times out or is cancelled while running has its thread terminated — the
// only way to stop synchronous JavaScript — and the thread is replaced on the next job. Threads
// start lazily and stay until close(), so a server pays their start-up (module loading) once.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { msg, type Text } from '../../../dsl/message.ts';
import { TextError } from '../../../dsl/messages.ts';
import type { WorkerJob, WorkerReply } from './worker.ts';

export class PoolBusyError extends TextError {
  override name = 'PoolBusyError';
  declare readonly text: Text;
  constructor(text: Text) {
    super(text);
  }
}
export class PoolTimeoutError extends TextError {
  override name = 'PoolTimeoutError';
  declare readonly text: Text;
  constructor(text: Text) {
    super(text);
  }
}
export class JobCancelledError extends TextError {
  override name = 'JobCancelledError';
}
/**
 * An error thrown inside the job, with the name of its class there (the routes map input errors by
 * name) and its message as data when it had one (a plain object crosses the thread).
 */
export class JobError extends TextError {
  constructor(
    readonly errorName: string,
    message: string,
    text?: Text,
  ) {
    super(text ?? message);
    this.name = 'JobError';
  }
}

/** Below this many households a worker's start-up costs more than it saves. */
const WORKERS_FROM = 100_000;

/**
 * Threads for a population run of n households (× sweep points), the calling one included: a
 * number asked for, or 'auto' — one per core once the run is large enough to pay. Here, with the
 * pool, so that a caller can start the threads before it loads what the run needs.
 */
export function workerCount(n: number, requested: number | 'auto' | undefined): number {
  if (typeof requested === 'number') return Math.max(1, Math.floor(requested));
  if (n < WORKERS_FROM) return 1;
  return Math.max(1, availableParallelism());
}

export interface PoolOptions {
  /** Threads at most (default 1). */
  size?: number;
  /** Jobs waiting at most, beyond the running ones (default 16). */
  maxQueue?: number;
  /** Time limit of a job from when it starts running, in ms (default: none). */
  timeoutMs?: number;
}

export interface RunOptions {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** Overrides the pool's time limit for this job. */
  timeoutMs?: number;
}

interface Pending {
  job: WorkerJob;
  opts: RunOptions;
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  cleanup: () => void;
}

interface Slot {
  worker: Worker;
  ready: Promise<void>;
  job: Pending | null;
}

/**
 * The worker's entry: worker.ts loaded as the CLI loads its own (bin/build-cache.js) — from the
 * bundle when it is fresh, else through tsx. Built only from resolved module URLs, each quoted.
 */
function bootstrap(): string {
  const loader = JSON.stringify(new URL('../../../bin/build-cache.js', import.meta.url).href);
  const target = JSON.stringify(new URL('./worker.ts', import.meta.url).href);
  return `import(${loader}).then((m) => m.loadEntry(${target}, { rebuild: false }));`;
}

export class WorkerPool {
  readonly size: number;
  readonly maxQueue: number;
  private readonly timeoutMs: number | undefined;
  private readonly slots: (Slot | null)[];
  private readonly queue: Pending[] = [];
  private closed = false;
  private code: string | undefined;

  constructor(opts: PoolOptions = {}) {
    this.size = Math.max(1, Math.floor(opts.size ?? 1));
    this.maxQueue = Math.max(0, Math.floor(opts.maxQueue ?? 16));
    this.timeoutMs = opts.timeoutMs;
    this.slots = new Array(this.size).fill(null);
  }

  /** Jobs running and waiting. */
  get load(): { running: number; queued: number } {
    return { running: this.slots.filter((s) => s?.job).length, queued: this.queue.length };
  }

  /** Whether a job submitted now would run or wait rather than be refused. */
  accepting(): boolean {
    return !this.closed && (this.freeSlot() >= 0 || this.queue.length < this.maxQueue);
  }

  /** Starts the threads now rather than with the first jobs (a run that will use them all). */
  warm(threads = this.size): Promise<void> {
    const ready: Promise<void>[] = [];
    for (let i = 0; i < Math.min(threads, this.size); i++) ready.push((this.slots[i] ??= this.spawn(i)).ready);
    return Promise.all(ready).then(() => undefined);
  }

  /** Runs a job on a free thread, or queues it; refuses with PoolBusyError when the queue is full. */
  run<T>(job: WorkerJob, opts: RunOptions = {}): Promise<T> {
    if (this.closed) return Promise.reject(new Error('pool closed'));
    if (opts.signal?.aborted) return Promise.reject(new JobCancelledError(msg('http.cancelled')));
    const free = this.freeSlot();
    if (free < 0 && this.queue.length >= this.maxQueue) {
      return Promise.reject(new PoolBusyError(msg('http.busy', { running: this.size, waiting: this.queue.length })));
    }
    return new Promise<T>((resolve, reject) => {
      const p: Pending = { job, opts, resolve: resolve as (v: unknown) => void, reject, cleanup: () => {} };
      const onAbort = () => this.cancel(p, new JobCancelledError(msg('http.cancelled')));
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      p.cleanup = () => opts.signal?.removeEventListener('abort', onAbort);
      if (free >= 0) this.start(free, p);
      else this.queue.push(p);
    });
  }

  /** Terminates every thread; waiting and running jobs are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) this.settle(p, new Error('pool closed'));
    await Promise.all(
      this.slots.map(async (s, i) => {
        if (!s) return;
        this.slots[i] = null;
        if (s.job) this.settle(s.job, new Error('pool closed'));
        await s.worker.terminate();
      }),
    );
  }

  private freeSlot(): number {
    for (let i = 0; i < this.size; i++) if (!this.slots[i]?.job) return i;
    return -1;
  }

  private spawn(i: number): Slot {
    this.code ??= bootstrap();
    const worker = new Worker(this.code, { eval: true });
    // A pool's idle threads must not keep a CLI process alive; a running job holds a reference.
    worker.unref();
    let ready!: () => void;
    const slot: Slot = { worker, ready: new Promise<void>((r) => (ready = r)), job: null };
    worker.on('message', (m: WorkerReply) => {
      if (m.type === 'ready') return ready();
      const p = slot.job;
      if (!p) return;
      if (m.type === 'progress') p.opts.onProgress?.(m.done, m.total);
      else if (m.type === 'done') this.finish(slot, p, null, m.result);
      else this.finish(slot, p, new JobError(m.name, m.message, m.text));
    });
    const dead = (e: Error) => {
      if (this.slots[i] === slot) this.slots[i] = null;
      ready();
      const p = slot.job;
      slot.job = null;
      if (p) this.settle(p, e);
      this.pump();
    };
    worker.on('error', (e: Error) => dead(new JobError(e.name, e.message)));
    worker.on('exit', (code) => dead(new TextError(msg('http.workerExited', { code }))));
    return slot;
  }

  private start(i: number, p: Pending): void {
    const slot = (this.slots[i] ??= this.spawn(i));
    slot.job = p;
    slot.worker.ref();
    const limit = p.opts.timeoutMs ?? this.timeoutMs;
    if (limit !== undefined) {
      const timer = setTimeout(() => this.cancel(p, new PoolTimeoutError(msg('http.timeout', { ms: limit }))), limit);
      const before = p.cleanup;
      p.cleanup = () => {
        clearTimeout(timer);
        before();
      };
    }
    void slot.ready.then(() => {
      if (slot.job === p) slot.worker.postMessage(p.job);
    });
  }

  private finish(slot: Slot, p: Pending, error: Error | null, result?: unknown): void {
    slot.job = null;
    slot.worker.unref();
    if (error) this.settle(p, error);
    else {
      p.cleanup();
      p.resolve(result);
    }
    this.pump();
  }

  private settle(p: Pending, e: Error): void {
    p.cleanup();
    p.reject(e);
  }

  /** Stops a job: out of the queue, or its thread terminated (replaced by the next job). */
  private cancel(p: Pending, e: Error): void {
    const q = this.queue.indexOf(p);
    if (q >= 0) {
      this.queue.splice(q, 1);
      this.settle(p, e);
      return;
    }
    const i = this.slots.findIndex((s) => s?.job === p);
    if (i < 0) return;
    const slot = this.slots[i]!;
    slot.job = null;
    this.slots[i] = null;
    this.settle(p, e);
    void slot.worker.terminate();
    this.pump();
  }

  private pump(): void {
    while (!this.closed && this.queue.length) {
      const i = this.freeSlot();
      if (i < 0) return;
      this.start(i, this.queue.shift()!);
    }
  }
}
