// Regression tests for the accounts findings of issue #12 "Security", each through a real
// `landflow serve` (server-harness.ts) on a temp database, or through `landflow case` on the file.
// Time passing on the server's own clock is simulated by moving the stored times back.
// SQLite-only: it moves stored times back in the file and runs `landflow case` on it.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type SecurityEventRecord } from '../../../engine/store/index.ts';
import { createUser } from '../../../engine/accounts/users.ts';
import { BAD_LOGIN } from '../../../engine/accounts/sessions.ts';
import { runMain } from '../../helpers/cli.ts';
import { ROOT, startServer, type Server } from './server-harness.ts';
import { tempDir } from './helpers.ts';

const PASSWORD = 'correct horse battery';
const WRONG = 'wrong horse battery';
const AT = '2026-01-01T00:00:00.000Z';
const FAILED = { error: { code: 'BAD_LOGIN', message: BAD_LOGIN, text: { code: 'auth.badLogin' } } };

async function makeUsers(db: string, list: { name: string; role: string; town?: string }[], hash?: { N: number }): Promise<void> {
  const store = await openStore(db);
  try {
    for (const u of list) await createUser(store.users, { ...u, password: PASSWORD }, AT, hash);
  } finally {
    await store.close();
  }
}

/** Changes rows behind the running server's back (WAL lets both write), e.g. to age a timestamp. */
function sql(db: string, statement: string, ...params: unknown[]): void {
  const raw = new Database(db);
  try {
    raw.pragma('busy_timeout = 5000');
    raw.prepare(statement).run(...params);
  } finally {
    raw.close();
  }
}

function row(db: string, statement: string, ...params: unknown[]): Record<string, unknown> {
  const raw = new Database(db, { readonly: true });
  try {
    return raw.prepare(statement).get(...params) as Record<string, unknown>;
  } finally {
    raw.close();
  }
}

async function trail(db: string): Promise<SecurityEventRecord[]> {
  const store = await openStore(db, { readonly: true });
  try {
    return await store.listSecurityEvents({ limit: 1000 });
  } finally {
    await store.close();
  }
}

async function post(base: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
  const r = await fetch(base + url, {
    method: 'POST',
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: r.status, json: (await r.json()) as any };
}

const login = (base: string, name: string, password: string) => post(base, '/api/session', { name, password, bearer: true });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('login throttling per account (real server)', () => {
  let dir: string;
  let db: string;
  let server: Server | undefined;
  beforeAll(async () => {
    dir = tempDir();
    db = path.join(dir, 'lock.db');
    await makeUsers(
      db,
      [
        { name: 'admin', role: 'admin' },
        { name: '张办事员', role: 'clerk', town: '钦南区某镇' },
        { name: 'clerk2', role: 'clerk', town: '钦南区某镇' },
      ],
      { N: 1024 },
    );
  });
  afterAll(async () => {
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('backs off after 5 failures and locks at the 10th, in the database, so that a restart keeps the lock until an admin unlocks it', async () => {
    server = await startServer(db);
    const base = server.base;
    for (let i = 1; i <= 5; i++) expect(await login(base, '张办事员', WRONG)).toEqual({ status: 401, json: FAILED });
    // The right password during the back-off is refused alike, and not counted.
    expect(await login(base, '张办事员', PASSWORD)).toEqual({ status: 401, json: FAILED });
    expect(row(db, 'SELECT failed_logins FROM users WHERE name = ?', '张办事员')).toEqual({ failed_logins: 5 });
    // 15 s later (the first wait) it is let through.
    sql(db, 'UPDATE users SET last_failed_ms = last_failed_ms - 15000 WHERE name = ?', '张办事员');
    expect((await login(base, '张办事员', PASSWORD)).status).toBe(200);
    expect(row(db, 'SELECT failed_logins, locked_at FROM users WHERE name = ?', '张办事员')).toEqual({ failed_logins: 0, locked_at: null });

    // Nine failures on record, the last long enough ago: the tenth locks the account.
    sql(db, 'UPDATE users SET failed_logins = 9, last_failed_ms = ? WHERE name = ?', Date.now() - 3_600_000, 'clerk2');
    expect(await login(base, 'clerk2', WRONG)).toEqual({ status: 401, json: FAILED });
    expect(row(db, 'SELECT failed_logins, locked_at IS NOT NULL AS locked FROM users WHERE name = ?', 'clerk2')).toEqual({
      failed_logins: 10,
      locked: 1,
    });
    await server?.stop();
    // The address's login limit (10 a minute) is in the database too and outlives the restart:
    // the test's eight logins so far are taken as a minute ago.
    sql(db, 'UPDATE rate_buckets SET at_ms = at_ms - 60000');

    server = await startServer(db);
    expect(await login(server.base, 'clerk2', PASSWORD)).toEqual({ status: 401, json: FAILED });
    const admin = await login(server.base, 'admin', PASSWORD);
    const clerk = await login(server.base, '张办事员', PASSWORD);
    expect((await post(server.base, '/api/users/clerk2/unlock', undefined, bearer(clerk.json.token))).status).toBe(403);
    const unlocked = await post(server.base, '/api/users/clerk2/unlock', undefined, bearer(admin.json.token));
    expect(unlocked).toMatchObject({ status: 200, json: { name: 'clerk2', failedLogins: 0, lockedAt: null } });
    expect((await login(server.base, 'clerk2', PASSWORD)).status).toBe(200);

    // Every step is in the audit trail.
    const events = (await trail(db)).filter((e) => e.type !== 'login' || e.actor === 'clerk2');
    expect(events.map((e) => [e.type, e.actor, e.subject, e.detail.reason ?? null])).toEqual([
      ...Array(5).fill(['loginFailed', '张办事员', '张办事员', 'wrong-password']),
      ['loginFailed', '张办事员', '张办事员', 'backoff'],
      ['loginFailed', 'clerk2', 'clerk2', 'wrong-password'],
      ['lockout', 'clerk2', 'clerk2', null],
      ['loginFailed', 'clerk2', 'clerk2', 'locked'],
      ['unlock', 'admin', 'clerk2', null],
      ['login', 'clerk2', null, null],
    ]);
    expect(events.find((e) => e.type === 'lockout')!.detail).toEqual({ failures: 10, ip: '127.0.0.1' });
  }, 120_000);
});

describe('every login failure looks the same (real server)', () => {
  let dir: string;
  let db: string;
  let server: Server;
  beforeAll(async () => {
    dir = tempDir();
    db = path.join(dir, 'alike.db');
    // The production scrypt cost, which the stand-in verification for unknown users also pays.
    await makeUsers(db, [
      { name: 'clerk-ok', role: 'clerk', town: '那丽镇' },
      { name: 'clerk-off', role: 'clerk', town: '那丽镇' },
      { name: 'clerk-locked', role: 'clerk', town: '那丽镇' },
    ]);
    const store = await openStore(db);
    await store.users.setDisabled('clerk-off', true, AT);
    await store.users.lockUser('clerk-locked', AT);
    await store.close();
    server = await startServer(db);
  }, 120_000);
  afterAll(async () => {
    // Undefined when it never started (its failure is the test's report).
    await (server as Server | undefined)?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('unknown user, wrong password, disabled and locked accounts (with the right password) get one status, one message and a full verification of time', async () => {
    await login(server.base, 'warm-up', WRONG);
    const tries: [string, string, string][] = [
      ['unknown user', 'nobody-at-all', PASSWORD],
      ['wrong password', 'clerk-ok', WRONG],
      ['disabled', 'clerk-off', PASSWORD],
      ['locked', 'clerk-locked', PASSWORD],
    ];
    const best = new Map<string, number>();
    for (let round = 0; round < 2; round++) {
      for (const [what, name, password] of tries) {
        const t0 = performance.now();
        const r = await login(server.base, name, password);
        const ms = performance.now() - t0;
        expect([what, r]).toEqual([what, { status: 401, json: FAILED }]);
        best.set(what, Math.min(best.get(what) ?? Infinity, ms));
      }
    }
    const times = [...best.values()];
    // Each answer costs an scrypt verification (tens of ms at least); a refusal that skipped it
    // would answer in a millisecond or two.
    expect(Math.min(...times) / Math.max(...times)).toBeGreaterThan(0.3);
    expect(Math.min(...times)).toBeGreaterThan(10);
    expect((await trail(db)).map((e) => e.detail.reason)).toEqual([
      'unknown-user',
      ...Array(2).fill(['unknown-user', 'wrong-password', 'disabled', 'locked']).flat(),
    ]);
  }, 60_000);
});

describe('password policy, idle sessions and the security trail (real server)', () => {
  let dir: string;
  let db: string;
  let server: Server;
  let admin: Record<string, string>;
  beforeAll(async () => {
    dir = tempDir();
    db = path.join(dir, 'policy.db');
    await makeUsers(
      db,
      [
        { name: 'admin', role: 'admin' },
        { name: 'clerk-a', role: 'clerk', town: '那丽镇' },
      ],
      { N: 1024 },
    );
    server = await startServer(db, { env: { LANDFLOW_SESSION_IDLE_MINUTES: '45' } });
    admin = bearer((await login(server.base, 'admin', PASSWORD)).json.token);
  }, 120_000);
  afterAll(async () => {
    // Undefined when it never started (its failure is the test's report).
    await (server as Server | undefined)?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const patch = async (name: string, body: unknown) => {
    const r = await fetch(`${server.base}/api/users/${encodeURIComponent(name)}`, {
      method: 'PATCH',
      headers: { ...admin, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: r.status, json: (await r.json()) as any };
  };

  it('the API refuses short passwords, common ones and the user name itself, in both languages, on creation and on change', async () => {
    const refusal = (message: string) => ({
      status: 400,
      json: {
        error: {
          code: 'BAD_REQUEST',
          message: `password: ${message}`,
          text: expect.objectContaining({ code: 'at.problem' }),
          path: '/password',
        },
      },
    });
    const add = (name: string, password: string) => post(server.base, '/api/users', { name, role: 'researcher', password }, admin);
    expect(await add('r1', 'nine char')).toEqual(refusal('密码至少 10 个字符 password must have at least 10 characters (got 9)'));
    expect(await add('r1', 'Qwertyuiop')).toEqual(
      refusal('密码过于常见，请另选一个 this password is one of the most common ones: choose another'),
    );
    expect(await add('王研究员一号', '王研究员一号王研究员一号')).toMatchObject({ status: 201 });
    expect(await add('researcher.one', 'Researcher.One')).toEqual(refusal('密码不得与用户名相同 the password must not be the user name'));
    expect(await patch('clerk-a', { password: 'clerk-a' })).toEqual(
      refusal('密码至少 10 个字符 password must have at least 10 characters (got 7)'),
    );
    expect(await patch('clerk-a', { password: 'woaini1314' })).toEqual(
      refusal('密码过于常见，请另选一个 this password is one of the most common ones: choose another'),
    );
    expect(row(db, "SELECT count(*) AS n FROM users WHERE name IN ('r1', 'researcher.one')")).toEqual({ n: 0 });
  });

  it('a session idle for the configured time (LANDFLOW_SESSION_IDLE_MINUTES, here 45), or past its 10 hours, gets 401 SESSION_EXPIRED, not a plain "please sign in"', async () => {
    const clerk = bearer((await login(server.base, 'clerk-a', PASSWORD)).json.token);
    const list = async () => {
      const r = await fetch(`${server.base}/api/cases`, { headers: clerk });
      return { status: r.status, json: (await r.json()) as any };
    };
    expect((await list()).status).toBe(200);
    sql(db, 'UPDATE sessions SET last_seen_ms = last_seen_ms - ? WHERE user_name = ?', 44 * 60_000, 'clerk-a');
    expect((await list()).status).toBe(200);
    sql(db, 'UPDATE sessions SET last_seen_ms = last_seen_ms - ? WHERE user_name = ?', 45 * 60_000, 'clerk-a');
    expect(await list()).toEqual({
      status: 401,
      json: {
        error: {
          code: 'SESSION_EXPIRED',
          message: '会话已因 45 分钟无操作而结束，请重新登录 session ended after 45 minutes without activity: please sign in again',
          text: { code: 'auth.sessionIdle', args: { minutes: 45 } },
        },
      },
    });

    const again = bearer((await login(server.base, 'clerk-a', PASSWORD)).json.token);
    sql(db, 'UPDATE sessions SET expires_ms = ? WHERE user_name = ? AND expires_ms > ?', Date.now() - 1, 'clerk-a', Date.now());
    const r = await fetch(`${server.base}/api/cases`, { headers: again });
    expect([r.status, ((await r.json()) as any).error.code]).toEqual([401, 'SESSION_EXPIRED']);
    const anonymous = await fetch(`${server.base}/api/cases`);
    expect(((await anonymous.json()) as any).error.code).toBe('UNAUTHENTICATED');
    const bad = await runMain(['serve', '--db', path.join(dir, 'never.db')], {
      cwd: ROOT,
      env: { LANDFLOW_SESSION_IDLE_MINUTES: 'half an hour' },
    });
    expect([bad.code, bad.err]).toEqual([
      2,
      'landflow serve: LANDFLOW_SESSION_IDLE_MINUTES 应为 1–600 的分钟数 must be 1–600 minutes: half an hour\n',
    ]);
  });

  it('logins, failures, user creation, changes, disabling and enabling are in the audit trail with who did them', async () => {
    expect(
      (await post(server.base, '/api/users', { name: 'clerk-b', role: 'clerk', town: '大寺镇', password: 'clerk b password' }, admin))
        .status,
    ).toBe(201);
    expect((await patch('clerk-b', { password: 'clerk b password 2' })).status).toBe(200);
    expect((await patch('clerk-b', { disabled: true })).status).toBe(200);
    expect((await patch('clerk-b', { disabled: false })).status).toBe(200);
    expect((await login(server.base, 'clerk-b', 'clerk b password')).status).toBe(401);
    const b = await login(server.base, 'clerk-b', 'clerk b password 2');
    expect((await fetch(`${server.base}/api/session`, { method: 'DELETE', headers: bearer(b.json.token) })).status).toBe(200);
    const about = (await trail(db)).filter((e) => e.subject === 'clerk-b' || e.actor === 'clerk-b');
    expect(about.map((e) => [e.type, e.actor, e.subject, e.detail.change ?? e.detail.reason ?? null])).toEqual([
      ['userCreated', 'admin', 'clerk-b', null],
      ['userChanged', 'admin', 'clerk-b', 'password'],
      ['userDisabled', 'admin', 'clerk-b', null],
      ['userChanged', 'admin', 'clerk-b', 'enabled'],
      ['loginFailed', 'clerk-b', 'clerk-b', 'wrong-password'],
      ['login', 'clerk-b', null, null],
      ['logout', 'clerk-b', null, null],
    ]);
    expect(about[0]!.detail).toEqual({ ip: '127.0.0.1', role: 'clerk', town: '大寺镇' });
    // The events are sealed into the audit chain: verification covers them.
    const store = await openStore(db, { readonly: true });
    try {
      expect((await store.verifyAll()).ok).toBe(true);
    } finally {
      await store.close();
    }
  });
});

describe('landflow case --user names an account', () => {
  let dir: string;
  let db: string;
  beforeAll(async () => {
    dir = tempDir();
    db = path.join(dir, 'cli.db');
    await makeUsers(
      db,
      [
        { name: '张办事员', role: 'clerk', town: '钦南区某镇' },
        { name: 'gone', role: 'clerk', town: '钦南区某镇' },
      ],
      { N: 1024 },
    );
    const store = await openStore(db);
    await store.users.setDisabled('gone', true, AT);
    await store.close();
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const open = (env: Record<string, string>, ...extra: string[]) =>
    runMain(['case', 'open', '--policy', 'qinzhou', '--procedure', 'exit', '--case', 'examples/household-qinzhou.json', ...extra], {
      cwd: ROOT,
      env: { LANDFLOW_DB: db, ...env },
    });
  const cases = () => row(db, 'SELECT count(*) AS n FROM cases').n;

  it('refuses a made-up, a disabled or a missing --user with exit 2 and writes nothing; a Chinese account name is accepted and is the actor', async () => {
    for (const [env, extra, message] of [
      [{}, ['--user', 'nobody-at-all'], '--user: 用户不存在 no such user: nobody-at-all'],
      [{ LANDFLOW_USER: 'nobody-at-all' }, [], '--user: 用户不存在 no such user: nobody-at-all'],
      [{}, ['--user', 'gone'], '--user: 账户已停用 account disabled: gone'],
      [
        {},
        [],
        '--user: 缺少操作人：用 --user 或 $LANDFLOW_USER 指定一个账户 missing the acting user: name an account with --user or $LANDFLOW_USER',
      ],
      [{}, ['--user', '-x'], '--user'],
    ] as [Record<string, string>, string[], string][]) {
      const r = await open(env, ...extra);
      expect([extra, r.code]).toEqual([extra, 2]);
      expect(r.err).toContain(message);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
    expect(cases()).toBe(0);
    const ok = await open({}, '--user', '张办事员');
    expect([ok.code, ok.err]).toEqual([0, '']);
    const c = JSON.parse(ok.out);
    expect([c.createdBy, c.updatedBy]).toEqual(['张办事员', '张办事员']);
    const sent = await runMain(['case', 'send', c.id, 'receiveWrittenNotice', '--user', 'nobody-at-all'], {
      cwd: ROOT,
      env: { LANDFLOW_DB: db },
    });
    expect(sent.code).toBe(2);
    expect(row(db, 'SELECT max(seq) AS seq, count(DISTINCT user) AS users FROM events WHERE case_id = ?', c.id)).toEqual({
      seq: c.version,
      users: 1,
    });
    // Reading records no actor and needs none.
    expect((await runMain(['case', 'show', c.id], { cwd: ROOT, env: { LANDFLOW_DB: db } })).code).toBe(0);
  }, 60_000);
});
