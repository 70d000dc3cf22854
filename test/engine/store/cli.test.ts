// The audit and backup commands as a user runs them: a real `node bin/landflow.js` process.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { runProcess } from '../../helpers/process.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, createInput, open, tempDir } from './helpers.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const bin = path.join(root, 'bin', 'landflow.js');

function landflow(args: string[], env: Record<string, string> = {}, cwd = root) {
  return runProcess(process.execPath, [bin, ...args], {
    cwd,
    env: { ...process.env, LANDFLOW_DB: '', ...env },
    timeout: 30_000,
  });
}

let dir: string;
let good: string;

async function makeStore(file: string): Promise<void> {
  const s = await open(file);
  await s.createCase(createInput());
  await s.runCommand({
    caseId: 'C1',
    expectedVersion: 1,
    idempotencyKey: 'k1',
    user: 'clerk1',
    at: at(2),
    decide: (_c, t) => ({
      events: [{ type: 'Contract', payload: { n: t.allocateContractNumber('退出', '那丽镇', 2026).text } }],
      state: { step: 'contract', count: 2 },
    }),
  });
  await s.runCommand({
    caseId: 'C1',
    expectedVersion: 2,
    idempotencyKey: 'k2',
    user: 'clerk1',
    at: at(3),
    decide: () => ({ events: [{ type: 'Paid', payload: {} }], state: { step: 'paid', count: 3 } }),
  });
  await s.close();
}

function tamper(file: string, caseId: string, seq: number): void {
  const db = new Database(file);
  db.exec('DROP TRIGGER events_append_only_update');
  db.prepare('UPDATE events SET user = ? WHERE case_id = ? AND seq = ?').run('intruder', caseId, seq);
  db.close();
}

beforeAll(async () => {
  dir = tempDir();
  good = path.join(dir, 'good.db');
  await makeStore(good);
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('landflow audit verify', () => {
  it('exits 0 and says so when every chain verifies', async () => {
    const r = await landflow(['audit', 'verify', '--chain-only', '--db', good]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      `审计通过 audit ok: ${good}\n  1 个案件 cases, 3 个事件 events, 1 个合同编号 contract numbers; 全部哈希链完整 every chain verifies.\n` +
        '  审计链 audit chain: 5 条 entries, 0 个安全事件 security events; 每条 MAC 已用密钥校验 every MAC verified with the key\n',
    );
  });

  it('reads LANDFLOW_DB, and a relative --db against the working directory', async () => {
    expect((await landflow(['audit', 'verify', '--chain-only'], { LANDFLOW_DB: good })).code).toBe(0);
    expect((await landflow(['audit', 'verify', '--chain-only', '--db', 'good.db'], {}, dir)).code).toBe(0);
  });

  it('exits 1 naming the first broken event', async () => {
    const bad = path.join(dir, 'bad.db');
    await makeStore(bad);
    tamper(bad, 'C1', 2);
    const r = await landflow(['audit', 'verify', '--chain-only', '--db', bad]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`审计失败 audit FAILED: ${bad}`);
    expect(r.stdout).toContain('首个损坏 first broken: 案件 case C1, seq 2: 哈希不符，此事件或事件 1 被改动 hash mismatch');
    expect(r.stdout).toContain('append-only trigger missing: events_append_only_update');
    const json = JSON.parse((await landflow(['audit', 'verify', '--chain-only', '--db', bad, '--json'])).stdout);
    expect(json.ok).toBe(false);
    expect(json.firstBroken).toMatchObject({ caseId: 'C1', seq: 2 });
  });

  it('exits 2 for a missing file, without creating it or printing a stack', async () => {
    const missing = path.join(dir, 'nothing', 'here.db');
    const r = await landflow(['audit', 'verify', '--db', missing]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`landflow audit: 数据库文件不存在 database file not found: ${missing}\n`);
    expect(fs.existsSync(path.dirname(missing))).toBe(false);
  });

  it('exits 2 for a file that is not a landflow database', async () => {
    const junk = path.join(dir, 'junk.db');
    fs.writeFileSync(junk, 'x'.repeat(4096));
    const r = await landflow(['audit', 'verify', '--db', junk]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^landflow audit: 无法读取数据库 cannot read database \(file is not a database\): .*junk\.db\n$/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 for bad usage', async () => {
    expect((await landflow(['audit'])).code).toBe(2);
    expect((await landflow(['audit', 'frobnicate'])).stderr).toMatch(/unknown sub-command: frobnicate/);
    expect((await landflow(['audit', 'verify', '--nope'])).code).toBe(2);
  });

  it('has a bilingual --help', async () => {
    const r = await landflow(['audit', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^landflow audit verify \[--db 文件 FILE\]/);
    expect(r.stdout).toContain('Exit codes');
  });
});

describe('landflow backup', () => {
  it('backs up, refuses to overwrite without --force, and restores a verifying backup', async () => {
    const out = path.join(dir, 'backup-1.db');
    const r = await landflow(['backup', out, '--db', good]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`已备份 backed up: ${good} → ${out}`);
    expect((await landflow(['backup', out, '--db', good])).code).toBe(2);
    expect((await landflow(['backup', out, '--db', good, '--force'])).code).toBe(0);

    // A new place has no key: the restore is refused until the key is named (or put at restored.db.key).
    const target = path.join(dir, 'restored.db');
    const refused = await landflow(['backup', '--restore', out, '--db', target]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('no audit key, the MACs cannot be checked');
    expect(fs.existsSync(target)).toBe(false);
    const key = { LANDFLOW_MAC_KEY_FILE: good + '.key' };
    const rr = await landflow(['backup', '--restore', out, '--db', target], key);
    expect(rr.code).toBe(0);
    expect(rr.stdout).toContain(`已恢复 restored: ${out} → ${target}`);
    expect((await landflow(['audit', 'verify', '--chain-only', '--db', target], key)).code).toBe(0);
  });

  it('refuses to restore a broken backup (exit 1) and leaves the database as it was', async () => {
    const out = path.join(dir, 'backup-2.db');
    expect((await landflow(['backup', out, '--db', good])).code).toBe(0);
    tamper(out, 'C1', 3);
    const target = path.join(dir, 'target.db');
    await makeStore(target);
    const before = fs.readFileSync(target);
    const r = await landflow(['backup', '--restore', out, '--db', target]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('拒绝恢复：备份校验失败 refusing to restore');
    expect(r.stderr).toContain('case C1, seq 3');
    expect(fs.readFileSync(target).equals(before)).toBe(true);
    expect(fs.existsSync(target + '.pre-restore.db')).toBe(false);
  });

  it('exits 2 for a missing database or backup, creating nothing', async () => {
    const missing = path.join(dir, 'none.db');
    expect((await landflow(['backup', path.join(dir, 'o.db'), '--db', missing])).code).toBe(2);
    expect(fs.existsSync(missing)).toBe(false);
    expect(fs.existsSync(path.join(dir, 'o.db'))).toBe(false);
    const r = await landflow(['backup', '--restore', path.join(dir, 'nobackup.db'), '--db', path.join(dir, 't2.db')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/database file not found: .*nobackup\.db/);
    expect(fs.existsSync(path.join(dir, 't2.db'))).toBe(false);
    expect((await landflow(['backup', '--db', good])).code).toBe(2);
  });
});

describe('--db and LANDFLOW_DB with a PostgreSQL URL', () => {
  // Port 1 refuses at once: what is checked is that a URL is taken as a URL, never as a file name.
  const url = 'postgres://landflow:hunter2@127.0.0.1:1/landflow';

  it('backup refuses it and points to pg_dump, exit 2, creating nothing', async () => {
    const r = await landflow(['backup', path.join(dir, 'pg.db'), '--db', url], {}, dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'landflow backup: landflow backup 只用于 SQLite 文件；PostgreSQL 请用 pg_dump / pg_restore，恢复后用 landflow audit verify 校验（docs/database.md） ' +
        'landflow backup is for a SQLite file; back up PostgreSQL with pg_dump / pg_restore and check a restored dump with landflow audit verify (docs/database.md): ' +
        'postgres://landflow:***@127.0.0.1:1/landflow\n',
    );
    expect(fs.existsSync(path.join(dir, 'pg.db'))).toBe(false);
  });

  it('audit and user answer an unreachable database with exit 2, the password never shown, and no file named after the URL', async () => {
    for (const args of [
      ['audit', 'verify', '--db', url],
      ['user', 'list', '--db', url],
    ]) {
      const r = await landflow(args, {}, dir);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/cannot connect to the database .*postgres:\/\/landflow:\*\*\*@127\.0\.0\.1:1\/landflow\n$/);
      expect(r.stderr + r.stdout).not.toContain('hunter2');
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    const viaEnv = await landflow(['audit', 'verify'], { LANDFLOW_DB: url.replace('postgres:', 'postgresql:') }, dir);
    expect(viaEnv.code).toBe(2);
    expect(viaEnv.stderr).toContain('postgresql://landflow:***@127.0.0.1:1/landflow');
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('postgres'))).toEqual([]);
  });
});
