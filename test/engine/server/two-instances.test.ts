// Two real `landflow serve` processes on one PostgreSQL database (a fresh one on the test run's
// cluster, test/helpers/postgres.ts) and one audit key file, as docs/deploy.md runs a province:
// users made with `landflow user add --db URL`; clerks of three towns on both instances at once, a
// session made on one instance used on the other; a policy an officer publishes on one instance is
// what the other lists and opens new cases under; concurrent signings on both give contract numbers
// without gaps or duplicates per town and year; then kill -9 of one instance under load: every
// acknowledged command is in the database, a command in flight at the kill retried on the other
// instance with its idempotency key is answered 200 (replayed or applied, never twice),
// `landflow audit verify --db URL` is ok (chains and MACs), and the other instance kept serving.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../engine/store/index.ts';
import { pgTestDatabase, type PgTestDatabase } from '../../helpers/postgres.ts';
import { bearerLogin, cookieLogin, TEST_PASSWORD } from '../accounts/login.ts';
import { household, REPO } from '../run/fixtures.ts';

const TOWNS = ['甲镇', '乙镇', '丙镇'] as const;
/** Cases per town signed concurrently before the kill. */
const SIGNED_PER_TOWN = 6;
/** The example household, owned by one of our towns (a clerk acts only on their own town's cases). */
const caseOf = (town: string) =>
  household((c) => {
    c.household.collective.town = town;
  });

const dir = mkdtempSync(path.join(os.tmpdir(), 'landflow-two-'));
/** The instances' policy files: a publish rewrites the answering instance's file, never the checkout's. */
const policyDir = path.join(dir, 'policies');
let db: PgTestDatabase;
let env: NodeJS.ProcessEnv;
const children: ChildProcess[] = [];

function cli(args: string[], stdin = ''): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [path.join(REPO, 'bin/landflow.js'), ...args], { cwd: REPO, env, stdio: ['pipe', 'pipe', 'pipe'] });
    p.stdin.end(stdin);
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (out += d));
    p.on('close', (code) => resolve({ code: code ?? -1, out }));
  });
}

interface Instance {
  child: ChildProcess;
  base: string;
  name: string;
}

/** `landflow serve` on a free port of 127.0.0.1; resolves once it prints where it listens. */
function serve(name: string): Promise<Instance> {
  const child = spawn(
    process.execPath,
    [
      path.join(REPO, 'bin/landflow.js'),
      'serve',
      '--port',
      '0',
      '--host',
      '127.0.0.1',
      '--db',
      db.url,
      '--policies',
      policyDir,
      '--no-ui-build',
    ],
    { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${name} did not start: ${out}`)), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/[^\s]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, base: m[1]!.replace('localhost', '127.0.0.1'), name });
      }
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited ${code}: ${out}`));
    });
  });
}

interface Sent {
  status: number;
  body: any;
}

async function post(i: Instance, url: string, body: unknown, key: string, auth: Record<string, string>, method = 'POST'): Promise<Sent> {
  const res = await fetch(i.base + url, {
    method,
    headers: { 'content-type': 'application/json', 'idempotency-key': key, ...auth },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

/** A command acknowledged with 200: its case, the version it made and the hashes of its events. */
interface Ack {
  caseId: string;
  key: string;
  version: number;
  hashes: string[];
  on: string;
  at: number;
}

beforeAll(async () => {
  // examples/ beside it: the policies' own examples name ../examples/*.json.
  cpSync(path.join(REPO, 'policies'), policyDir, { recursive: true });
  cpSync(path.join(REPO, 'examples'), path.join(dir, 'examples'), { recursive: true });
  db = await pgTestDatabase();
  env = {
    ...process.env,
    PORT: '',
    LANDFLOW_DB: '',
    LANDFLOW_MAC_KEY_FILE: path.join(dir, 'audit.key'),
    LANDFLOW_LOG_LEVEL: 'silent',
  };
});

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await Promise.all(children.filter((c) => c.exitCode === null && c.signalCode === null).map((c) => new Promise((r) => c.once('exit', r))));
  await db?.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('two landflow serve instances on one PostgreSQL database', () => {
  it('shares sessions, numbers contracts without gaps and survives kill -9 of one instance', async () => {
    // The first `user add` creates the schema and the audit key; the others then run together.
    const add = (i: number) =>
      cli(['user', 'add', `clerk-${i}`, '--role', 'clerk', '--town', TOWNS[i]!, '--password-stdin', '--db', db.url], TEST_PASSWORD + '\n');
    const first = await add(0);
    expect(first.out).toContain('已添加用户 user added: clerk-0');
    expect(first.code).toBe(0);
    // The instances start meanwhile (a start costs seconds of module loading and policy checking).
    const officer = cli(
      ['user', 'add', 'officer-qz', '--role', 'officer', '--region', 'qinzhou', '--password-stdin', '--db', db.url],
      TEST_PASSWORD + '\n',
    );
    const [a, b, ...added] = await Promise.all([serve('A'), serve('B'), add(1), add(2), officer]);
    for (const r of added) expect(r.code, r.out).toBe(0);
    const instances = [a, b];

    // A session made on one instance works on the other: bearer tokens from A, a browser's cookie
    // and CSRF token from B used for a write on A.
    const tokens = await Promise.all(TOWNS.map((_, i) => bearerLogin(a.base, `clerk-${i}`)));
    const who = await fetch(`${b.base}/api/session`, { headers: tokens[1] });
    expect(who.status).toBe(200);
    expect((await who.json()).user).toMatchObject({ name: 'clerk-1', role: 'clerk', town: TOWNS[1] });
    const browser = await cookieLogin(b.base, 'clerk-2');
    const viaCookie = await post(
      a,
      '/api/cases',
      { policy: 'neijiang', procedure: 'exit', case: caseOf(TOWNS[2]) },
      'cookie-open',
      browser,
    );
    expect(viaCookie.status).toBe(201);
    // And a clerk stays in their own town on either instance.
    const foreign = await post(b, '/api/cases', { policy: 'neijiang', procedure: 'exit', case: caseOf(TOWNS[0]) }, 'foreign', tokens[2]!);
    expect(foreign.status).toBe(403);

    // A policy published on A is what B lists and opens new cases under, from B's next request.
    const officerToken = await bearerLogin(b.base, 'officer-qz');
    const before = (await (await fetch(`${b.base}/api/policies/qinzhou`)).json()).hash as string;
    const text = readFileSync(path.join(policyDir, 'qinzhou.yaml'), 'utf8');
    const edited = text.replace(/(  协商等待期:\n    label: [^\n]+\n    value: )[^\n]+/, '$13 月');
    expect(edited).not.toBe(text);
    const published = await post(a, '/api/policies/qinzhou', { source: edited, publish: true }, 'publish', officerToken, 'PUT');
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    expect(published.body).toMatchObject({ published: true, errors: 0 });
    expect(published.body.hash).not.toBe(before);
    expect((await (await fetch(`${b.base}/api/policies/qinzhou`)).json()).hash).toBe(published.body.hash);
    const pinned = await post(b, '/api/cases', { policy: 'qinzhou', procedure: 'exit', case: caseOf(TOWNS[1]) }, 'pinned', tokens[1]!);
    expect(pinned.status, JSON.stringify(pinned.body)).toBe(201);
    const onB = await (await fetch(`${b.base}/api/cases/${pinned.body.id}`, { headers: tokens[1] })).json();
    expect(onB.policyHash).toBe(published.body.hash);

    // Opens, then the signings of all towns at once, alternating between the instances.
    const acks: Ack[] = [];
    const opened: { caseId: string; town: number; version: number }[] = [];
    await Promise.all(
      TOWNS.flatMap((town, t) =>
        Array.from({ length: SIGNED_PER_TOWN }, async (_, n) => {
          const on = instances[(t + n) % 2]!;
          const o = await post(
            on,
            '/api/cases',
            { policy: 'neijiang', procedure: 'exit', case: caseOf(town) },
            `open-${t}-${n}`,
            tokens[t]!,
          );
          expect(o.status, JSON.stringify(o.body)).toBe(201);
          opened.push({ caseId: o.body.id, town: t, version: o.body.version });
        }),
      ),
    );
    expect(opened).toHaveLength(TOWNS.length * SIGNED_PER_TOWN);
    const sign = async (c: { caseId: string; town: number; version: number }, n: number, prefix: string) => {
      let v = c.version;
      for (const [k, type] of ['receiveWrittenNotice', 'signContract'].entries()) {
        const on = instances[(n + k) % 2]!;
        const key = `${prefix}-${type}-${c.caseId}`;
        const r = await post(on, `/api/cases/${c.caseId}/commands`, { type, expectedVersion: v, payload: {} }, key, tokens[c.town]!);
        expect(r.status, JSON.stringify(r.body)).toBe(200);
        v = r.body.case.version;
        acks.push({
          caseId: c.caseId,
          key,
          version: v,
          hashes: r.body.events.map((e: { hash: string }) => e.hash),
          on: on.name,
          at: Date.now(),
        });
      }
      c.version = v;
    };
    await Promise.all(opened.map((c, n) => sign(c, n, 'sign')));

    const year = new Date().getFullYear();
    const signed = await openStore(db.url, { readonly: true });
    try {
      for (const [t, town] of TOWNS.entries()) {
        const numbers = await signed.listContractNumbers({ town, year });
        expect(numbers.map((x) => x.seq)).toEqual(Array.from({ length: SIGNED_PER_TOWN }, (_, i) => i + 1));
        expect(new Set(numbers.map((x) => x.caseId))).toEqual(new Set(opened.filter((c) => c.town === t).map((c) => c.caseId)));
      }
    } finally {
      await signed.close();
    }

    // Load on both instances: payments on the signed cases and new signings, then kill -9 of A.
    let killedAt = 0;
    const inFlight: { url: string; body: any; key: string; auth: Record<string, string> }[] = [];
    const newCases: { caseId: string; town: number }[] = [];
    const send = async (on: Instance, url: string, body: any, key: string, auth: Record<string, string>): Promise<Sent | null> => {
      try {
        return await post(on, url, body, key, auth);
      } catch {
        // The instance is gone: not acknowledged; the retry on the other one below finds out.
        inFlight.push({ url, body, key, auth });
        return null;
      }
    };
    const payer = async (c: { caseId: string; town: number; version: number }, on: Instance) => {
      for (let n = 0; n < 40; n++) {
        if (on === a && killedAt) return;
        if (on === b && killedAt && Date.now() - killedAt > 1500) return;
        const key = `pay-${c.caseId}-${n}`;
        const body = { type: 'recordPayment', expectedVersion: c.version, payload: { amount: '1.00' } };
        const r = await send(on, `/api/cases/${c.caseId}/commands`, body, key, tokens[c.town]!);
        if (!r) return;
        expect(r.status, `${on.name} ${key}: ${JSON.stringify(r.body)}`).toBe(200);
        c.version = r.body.case.version;
        acks.push({
          caseId: c.caseId,
          key,
          version: c.version,
          hashes: r.body.events.map((e: { hash: string }) => e.hash),
          on: on.name,
          at: Date.now(),
        });
      }
    };
    const signer = async (t: number, on: Instance) => {
      for (let n = 0; n < 6; n++) {
        if (on === a && killedAt) return;
        const key = `late-open-${on.name}-${t}-${n}`;
        const o = await send(on, '/api/cases', { policy: 'neijiang', procedure: 'exit', case: caseOf(TOWNS[t]!) }, key, tokens[t]!);
        if (!o) return;
        expect(o.status, JSON.stringify(o.body)).toBe(201);
        let v = o.body.version as number;
        newCases.push({ caseId: o.body.id, town: t });
        for (const type of ['receiveWrittenNotice', 'signContract']) {
          const ck = `late-${type}-${o.body.id}`;
          const r = await send(on, `/api/cases/${o.body.id}/commands`, { type, expectedVersion: v, payload: {} }, ck, tokens[t]!);
          if (!r) return;
          expect(r.status, JSON.stringify(r.body)).toBe(200);
          v = r.body.case.version;
          acks.push({
            caseId: o.body.id,
            key: ck,
            version: v,
            hashes: r.body.events.map((e: { hash: string }) => e.hash),
            on: on.name,
            at: Date.now(),
          });
        }
      }
    };
    const load = Promise.all([
      ...opened.map((c, n) => payer(c, instances[n % 2]!)),
      ...TOWNS.map((_, t) => signer(t, a)),
      ...TOWNS.map((_, t) => signer(t, b)),
    ]);
    // Kill once A has acknowledged 60 commands of the load (a failed worker ends the wait too).
    const onA = () => acks.filter((x) => x.on === 'A').length;
    const enough = onA() + 60;
    let failed = false;
    load.catch(() => (failed = true));
    while (onA() < enough && !failed) await new Promise((r) => setTimeout(r, 5));
    a.child.kill('SIGKILL');
    killedAt = Date.now();
    await load;
    if (a.child.exitCode === null && a.child.signalCode === null) await new Promise((r) => a.child.once('exit', r));

    // The other instance kept serving: commands acknowledged by B after the kill.
    expect(acks.filter((x) => x.on === 'B' && x.at > killedAt).length).toBeGreaterThan(20);
    // What A had in flight, retried on B with the same key: applied once or replayed, 200 either way.
    for (const f of inFlight) {
      const r = await post(b, f.url, f.body, f.key, f.auth);
      expect(r.status, `${f.key}: ${JSON.stringify(r.body)}`).toBe(f.url === '/api/cases' ? 201 : 200);
      if (f.url !== '/api/cases') {
        acks.push({
          caseId: r.body.case.id,
          key: f.key,
          version: r.body.case.version,
          hashes: r.body.events.map((e: { hash: string }) => e.hash),
          on: 'B',
          at: Date.now(),
        });
      }
    }
    // B still takes reads and new work after all that.
    expect((await fetch(`${b.base}/api/cases/${opened[0]!.caseId}`, { headers: tokens[opened[0]!.town] })).status).toBe(200);

    // Every acknowledged command is in the database with its very events; numbers have no gaps.
    const store = await openStore(db.url, { readonly: true });
    try {
      for (const x of acks) {
        const rec = await store.getCase(x.caseId);
        expect(rec, x.key).toBeDefined();
        expect(rec!.version).toBeGreaterThanOrEqual(x.version);
        const events = await store.getEvents(x.caseId);
        expect(
          events.slice(x.version - x.hashes.length, x.version).map((e) => e.hash),
          x.key,
        ).toEqual(x.hashes);
      }
      for (const town of TOWNS) {
        const numbers = await store.listContractNumbers({ town, year });
        expect(numbers.map((x) => x.seq)).toEqual(numbers.map((_, i) => i + 1));
        expect(new Set(numbers.map((x) => x.caseId)).size).toBe(numbers.length);
      }
    } finally {
      await store.close();
    }
    // The operator's check: chains, snapshots as folds, numbers, and every MAC with the shared key.
    const verify = await cli(['audit', 'verify', '--db', db.url, '--json']);
    expect(verify.code, verify.out).toBe(0);
    const opens = 2 + opened.length + newCases.length + inFlight.filter((f) => f.url === '/api/cases').length;
    const signings = acks.filter((x) => x.key.includes('signContract')).length;
    expect(JSON.parse(verify.out)).toMatchObject({ ok: true, mac: 'verified', problems: [], cases: opens, contractNumbers: signings });

    b.child.kill('SIGTERM');
    await new Promise((r) => b.child.once('exit', r));
  }, 180_000);
});
