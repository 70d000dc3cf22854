// Crash test: the real server as a child process, a bounded load of commands, kill -9 in the middle
// of it, a restart on the same file. Every acknowledged command must be there, byte for byte;
// nothing may be half-written; every chain must verify and every snapshot equal its fold.
// SQLite-only (a file restarted after kill -9): the same on PostgreSQL is two-instances.test.ts.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { reduceStored } from '../../../engine/cases/service.ts';
import { openStore } from '../../../engine/store/index.ts';
import { household, REPO } from '../run/fixtures.ts';
import { addUser, bearerLogin } from '../accounts/login.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'landflow-crash-'));
const db = path.join(dir, 'crash.db');
const children: ChildProcess[] = [];
// With accounts every write needs a session: a clerk of the example household's town, by bearer token.
let auth: Record<string, string> = {};

afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** Starts `landflow serve` on a free port; resolves with its base URL once it listens. */
function startServer(): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(
    process.execPath,
    [path.join(REPO, 'bin/landflow.js'), 'serve', '--port', '0', '--host', '127.0.0.1', '--db', db, '--no-ui-build'],
    {
      cwd: REPO,
      env: { ...process.env, PORT: '', LANDFLOW_DB: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 60_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/[^\s]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, base: m[1]!.replace('localhost', '127.0.0.1') });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited ${code}: ${out}`));
    });
  });
}

async function post(base: string, url: string, body: unknown, key: string): Promise<{ status: number; body: any }> {
  const res = await fetch(base + url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': key, ...auth },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

interface Ack {
  caseId: string;
  key: string;
  version: number;
  hashes: string[];
  body: unknown;
}

describe('crash: kill -9 under load, then restart', () => {
  it('keeps every acknowledged command and nothing half-written', async () => {
    await addUser(db, { name: 'clerk', role: 'clerk', town: household().household.collective.town });
    const first = await startServer();
    auth = await bearerLogin(first.base, 'clerk');
    const acks: Ack[] = [];
    const ids: string[] = [];
    // Eight 内江 exits, each signed (91650.00 元 outstanding), then paid 1 元 at a time.
    for (let i = 0; i < 8; i++) {
      const o = await post(first.base, '/api/cases', { policy: 'neijiang', procedure: 'exit', case: household() }, `open-${i}`);
      expect(o.status).toBe(201);
      let v = o.body.version;
      for (const type of ['receiveWrittenNotice', 'signContract']) {
        const r = await post(first.base, `/api/cases/${o.body.id}/commands`, { type, expectedVersion: v, payload: {} }, `${type}-${i}`);
        expect(r.status).toBe(200);
        v = r.body.case.version;
      }
      ids.push(o.body.id);
    }

    let killed = false;
    const worker = async (caseId: string) => {
      let version = (await (await fetch(`${first.base}/api/cases/${caseId}`, { headers: auth })).json()).version as number;
      for (let n = 0; n < 400 && !killed; n++) {
        const key = `${caseId}-pay-${n}`;
        let r;
        try {
          r = await post(
            first.base,
            `/api/cases/${caseId}/commands`,
            { type: 'recordPayment', expectedVersion: version, payload: { amount: '1.00' } },
            key,
          );
        } catch {
          return; // the server is gone: this command was never acknowledged
        }
        if (r.status !== 200) throw new Error(`${key} → ${r.status} ${JSON.stringify(r.body)}`);
        version = r.body.case.version;
        acks.push({ caseId, key, version, hashes: r.body.events.map((e: { hash: string }) => e.hash), body: r.body });
      }
    };
    const load = Promise.all(ids.map(worker));
    // Kill mid-load, once a good number of commands are acknowledged.
    while (acks.length < 120) await new Promise((r) => setTimeout(r, 5));
    first.child.kill('SIGKILL');
    killed = true;
    await load;
    // The exit may already have happened while the workers wound down.
    if (first.child.exitCode === null && first.child.signalCode === null) await new Promise((r) => first.child.once('exit', r));
    expect(acks.length).toBeGreaterThanOrEqual(120);

    // The file alone: chains, snapshots as folds, contract numbers without gaps.
    const store = await openStore(db, { readonly: true });
    try {
      const audit = await store.verifyAll({ reduce: reduceStored });
      expect(audit.problems).toEqual([]);
      expect(audit).toMatchObject({ ok: true, cases: 8, contractNumbers: 8 });
      for (const a of acks) {
        const events = await store.getEvents(a.caseId);
        const rec = (await store.getCase(a.caseId))!;
        expect(rec.version).toBeGreaterThanOrEqual(a.version);
        const mine = events.slice(a.version - a.hashes.length, a.version).map((e) => e.hash);
        expect(mine).toEqual(a.hashes);
      }
      for (const id of ids) {
        const rec = (await store.getCase(id))!;
        const state = rec.state as { payments: unknown[]; contract: { paid: string; outstanding: string } };
        const paid = (await store.getEvents(id)).filter((e) => e.type === 'PaymentRecorded').length;
        // Nothing half-written: the snapshot counts exactly the payments in the trail.
        expect(state.payments.length).toBe(paid);
        expect(Number(state.contract.paid)).toBe(paid);
        expect(Number(state.contract.outstanding)).toBe(91650 - paid);
      }
    } finally {
      await store.close();
    }

    // After a restart the server answers from the same file; a repeated key replays, unchanged.
    const second = await startServer();
    auth = await bearerLogin(second.base, 'clerk');
    const a = acks[acks.length - 1]!;
    const again = await post(
      second.base,
      `/api/cases/${a.caseId}/commands`,
      { type: 'recordPayment', expectedVersion: a.version - 1, payload: { amount: '1.00' } },
      a.key,
    );
    expect(again.status).toBe(200);
    expect(again.body).toEqual(a.body);
    const next = await fetch(`${second.base}/api/cases/${a.caseId}`, { headers: auth });
    const rec = await next.json();
    const more = await post(
      second.base,
      `/api/cases/${a.caseId}/commands`,
      { type: 'recordPayment', expectedVersion: rec.version, payload: { amount: '1.00' } },
      `${a.caseId}-after-restart`,
    );
    expect(more.status).toBe(200);
    second.child.kill('SIGTERM');
    await new Promise((r) => second.child.once('exit', r));
    const end = await openStore(db, { readonly: true });
    try {
      expect((await end.verifyAll({ reduce: reduceStored })).ok).toBe(true);
    } finally {
      await end.close();
    }
  }, 120_000);
});
