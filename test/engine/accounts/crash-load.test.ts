// Faults under load: a real `landflow serve` (child process) takes concurrent clerks' commands
// over loopback and is killed with SIGKILL mid-load, twice; after a restart every acknowledged
// command is there, every hash chain verifies (`landflow audit verify`), contract numbers run
// 1…n per town without gaps or duplicates, and replaying an acknowledged command's idempotency
// key returns the stored result instead of acting twice.
// SQLite-only (a file restarted after SIGKILL): the same on PostgreSQL is test/engine/server/two-instances.test.ts.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../engine/store/index.ts';
import { reduceStored } from '../../../engine/cases/service.ts';
import { ROOT, SIGN, call, clerkFlow, loginBearer, prepareDb, startServer, type FlowStats } from './server-harness.ts';
import { tempDir } from './helpers.ts';
import { autocannon, mixedRequests } from '../../bench/load.ts';

let dir: string;
beforeAll(() => {
  dir = tempDir();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('bounded load (autocannon, loopback)', () => {
  it('mixed commands and reads for 2 s: no error response, the store verifies', async () => {
    const db = path.join(dir, 'load.db');
    const clerks = await prepareDb(db, 4, 2);
    const server = await startServer(db);
    try {
      const tokens = await Promise.all(clerks.map((c) => loginBearer(server.base, c.name)));
      const r = await autocannon({ url: server.base, connections: 4, duration: 2, requests: mixedRequests(clerks, tokens) });
      expect(r.requests.total).toBeGreaterThan(20);
      expect({ errors: r.errors, timeouts: r.timeouts, non2xx: r.non2xx }).toEqual({ errors: 0, timeouts: 0, non2xx: 0 });
    } finally {
      await server.stop();
    }
    const store = await openStore(db, { readonly: true });
    try {
      const v = await store.verifyAll();
      expect(v.ok).toBe(true);
      expect(v.contractNumbers).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
  }, 60_000);
});

describe('kill -9 during load', () => {
  it('loses nothing acknowledged; chains verify; contract numbers have no gaps', async () => {
    const db = path.join(dir, 'crash.db');
    const clerks = await prepareDb(db, 6, 3);
    const stats: FlowStats = { acks: [], reads: 0, errors: [] };

    let tokens: Awaited<ReturnType<typeof loginBearer>>[] = [];
    for (const round of [1, 2]) {
      const server = await startServer(db);
      // Sessions are in the database: the clerks' tokens outlive the kill (and twelve logins in a
      // few seconds from one address would pass its login limit, which is in the database too).
      if (round === 1) tokens = await Promise.all(clerks.map((c) => loginBearer(server.base, c.name)));
      let stopped = false;
      const before = stats.acks.filter((a) => a.type === 'signContract').length;
      const flows = clerks.map((c, i) => clerkFlow(server.base, tokens[i]!, c, `r${round}`, stats, () => stopped));
      // Kill once enough contracts were signed this round (bounded wait), at an arbitrary instant.
      const until = Date.now() + 15_000;
      while (stats.acks.filter((a) => a.type === 'signContract').length - before < 15 && Date.now() < until && stats.errors.length === 0)
        await sleep(20);
      await sleep(Math.floor(Math.random() * 25));
      await server.kill9();
      stopped = true;
      await Promise.all(flows);
      expect(server.child.signalCode).toBe('SIGKILL');
    }
    expect(stats.errors).toEqual([]);
    const signed = stats.acks.filter((a) => a.type === 'signContract');
    expect(signed.length).toBeGreaterThanOrEqual(20);
    if (process.env.CRASH_VERBOSE) console.log(`acks ${stats.acks.length}, signed ${signed.length}, reads ${stats.reads}`);

    // The chains, by the CLI an auditor would run.
    const audit = spawnSync(process.execPath, [path.join(ROOT, 'bin/landflow.js'), 'audit', 'verify', '--db', db], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect([audit.status, audit.stdout.split('\n')[0]]).toEqual([0, `审计通过 audit ok: ${db}`]);

    const store = await openStore(db, { readonly: true });
    try {
      // Chains, and every snapshot equal to the fold of its events: nothing half-written.
      const v = await store.verifyAll({ reduce: reduceStored });
      expect(v.problems).toEqual([]);
      expect(v.ok).toBe(true);
      // Every acknowledged command is there, at the version it reported, by the clerk who sent it.
      for (const a of stats.acks) {
        const events = await store.getEvents(a.caseId);
        expect(events.length, `${a.key}`).toBeGreaterThanOrEqual(a.version);
        expect(events[a.version - 1]!.user).toMatch(/^clerk\d+$/);
      }
      // Contract numbers: 1…n per town, each held by exactly one case; each acknowledged one among them.
      const towns = [...new Set(clerks.map((c) => c.town))];
      for (const town of towns) {
        const numbers = await store.listContractNumbers({ town, year: 2026, kind: '退出' });
        expect(numbers.map((n) => n.seq)).toEqual(numbers.map((_, i) => i + 1));
        expect(new Set(numbers.map((n) => n.caseId)).size).toBe(numbers.length);
        const held = new Map(numbers.map((n) => [n.caseId, n.text]));
        for (const a of signed.filter((s) => s.town === town)) expect(held.get(a.caseId)).toBe(a.contract!.number);
      }
      // At most one unacknowledged command per clerk and round can have committed just before the kill.
      const committedSigns = (await store.listContractNumbers({ year: 2026, kind: '退出' })).length;
      expect(committedSigns - signed.length).toBeGreaterThanOrEqual(0);
      expect(committedSigns - signed.length).toBeLessThanOrEqual(clerks.length * 2);
    } finally {
      await store.close();
    }

    // After a restart, an acknowledged command sent again is a replay, not a second contract.
    const server = await startServer(db);
    try {
      const last = signed[signed.length - 1]!;
      const who = clerks.find((c) => c.town === last.town && last.key.includes(`-${c.name}-`))!;
      const token = await loginBearer(server.base, who.name);
      const r = await call(
        server.base,
        token,
        'POST',
        `/api/cases/${last.caseId}/commands`,
        { ...SIGN, expectedVersion: last.sentVersion },
        last.key,
      );
      expect(r.status).toBe(200);
      expect(r.headers.get('idempotent-replay')).toBe('true');
      expect(r.json.case.state.contract.number).toBe(last.contract!.number);
    } finally {
      await server.stop();
    }
  }, 120_000);
});
