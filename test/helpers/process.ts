// A child process awaited, not waited for: spawnSync would block the test worker's event loop for
// as long as the child runs, and on a loaded machine a worker blocked for a minute misses vitest's
// RPC deadline ("Timeout calling onTaskUpdate"), which fails the whole run.
import { spawn } from 'node:child_process';

export interface ProcessResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface ProcessOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Killed (SIGKILL) after this many ms; its code is then null. */
  timeout?: number;
  /** Written to its standard input, which is then closed. */
  input?: string;
}

export function runProcess(cmd: string, args: readonly string[], opts: ProcessOptions = {}): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (t: string) => (stdout += t));
    child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
    const timer = opts.timeout ? setTimeout(() => child.kill('SIGKILL'), opts.timeout) : undefined;
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(opts.input ?? '');
  });
}
