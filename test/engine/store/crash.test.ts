// Durability: a writer killed with SIGKILL mid-run loses nothing it acknowledged, leaves no
// half-written command, and its contract numbers have neither gaps nor duplicates.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../engine/store/index.ts';
import { tempDir } from './helpers.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');

/** Runs the child until it has acknowledged `minAcks` commands (plus a short random tail), then SIGKILLs it. */
function runAndKill(file: string, runId: string, minAcks: number): Promise<{ acks: string[]; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'crash-child.ts'), file, runId], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acks: string[] = [];
    let buf = '';
    let stderr = '';
    let killTimer: NodeJS.Timeout | undefined;
    // Hard bound: startup (tsx) plus ~5 s of writing.
    const guard = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.stdout.setEncoding('utf8');
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.on('data', (d: string) => {
      buf += d;
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (line.startsWith('ack ')) acks.push(line.slice(4));
      }
      if (!killTimer && acks.length > minAcks) {
        // Kill a few milliseconds later, at a moment unrelated to any transaction boundary.
        killTimer = setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 15));
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(guard);
      if (signal !== 'SIGKILL') reject(new Error(`child ended by itself (code ${code}): ${stderr}`));
      else resolve({ acks, signal });
    });
  });
}

let dir: string;
beforeAll(() => {
  dir = tempDir();
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('crash safety', () => {
  it('keeps every acknowledged command through repeated SIGKILLs; chains and contract numbers stay whole', async () => {
    const file = path.join(dir, 'crash.db');
    const acked: string[] = [];
    for (const runId of ['r1', 'r2', 'r3']) {
      const { acks, signal } = await runAndKill(file, runId, 40 + Math.floor(Math.random() * 40));
      expect(signal).toBe('SIGKILL');
      expect(acks[0]).toBe(`${runId}-ready`);
      acked.push(...acks.slice(1));
    }
    expect(acked.length).toBeGreaterThan(120);

    const store = await openStore(file, { mustExist: true });
    try {
      const v = await store.verifyAll();
      expect(v.problems).toEqual([]);
      expect(v.ok).toBe(true);
      expect(v.cases).toBe(6);

      const events = (await Promise.all((await store.listCases()).map((c) => store.getEvents(c.id)))).flat();
      const signed = events
        .filter((e) => e.type === 'Signed')
        .map((e) => e.payload as { key: string; town: string; number: string; seq: number });
      const present = new Set(signed.map((s) => s.key));
      const lost = acked.filter((k) => !present.has(k));
      expect(lost).toEqual([]);
      // At most one unacknowledged command per run may have committed just before the kill.
      expect(signed.length - acked.length).toBeGreaterThanOrEqual(0);
      expect(signed.length - acked.length).toBeLessThanOrEqual(3);
      expect(new Set(signed.map((s) => s.key)).size).toBe(signed.length);

      for (const town of ['那丽镇', '大寺镇']) {
        const numbers = await store.listContractNumbers({ town, year: 2026, kind: '转让' });
        expect(numbers.map((n) => n.seq)).toEqual(numbers.map((_, i) => i + 1));
        expect(numbers.length).toBeGreaterThan(20);
        // Each number was taken by exactly one committed event that carries it, and vice versa.
        const inEvents = signed.filter((s) => s.town === town).map((s) => s.number);
        expect(inEvents).toEqual(numbers.map((n) => n.text));
      }
      // Each snapshot is its chain's head: the fold's last key is the case's last event's key.
      for (const c of await store.getCases((await store.listCases()).map((l) => l.id))) {
        const evs = await store.getEvents(c.id);
        expect(c.version).toBe(evs.length);
        const last = evs[evs.length - 1]!;
        if (last.type === 'Signed') expect((c.state as { last: string }).last).toBe((last.payload as { key: string }).key);
        expect((c.state as { n: number }).n).toBe(evs.length);
      }
    } finally {
      await store.close();
    }
  }, 90_000);
});
