// `landflow audit verify` re-folds each real case from its events: a snapshot edited behind the
// store's back is caught even when every hash still links.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runProcess } from '../../helpers/process.ts';
import { packState, stateJsonOf } from '../../../engine/store/state.ts';
import { dictionariesOf } from '../store/unpacked.ts';
import { addUser } from '../accounts/login.ts';

const lf = (args: string[], db: string) =>
  runProcess('node', ['bin/landflow.js', ...args], { env: { ...process.env, LANDFLOW_DB: db, LANDFLOW_USER: 'auditor' } });

describe('audit verify re-folds case states', () => {
  it('passes on real cases and names the case whose snapshot no longer matches its events', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'lf-audit-')), 'a.db');
    await addUser(db, { name: 'auditor', role: 'admin' });
    const open = await lf(['case', 'open', '--policy', 'qinzhou', '--procedure', 'exit', '--case', 'examples/household-qinzhou.json'], db);
    expect(open.code).toBe(0);
    const id = JSON.parse(open.stdout).id as string;
    expect((await lf(['case', 'send', id, 'receiveWrittenNotice', '--payload', '{"date":"2026-01-15"}'], db)).code).toBe(0);
    expect((await lf(['audit', 'verify'], db)).code).toBe(0);

    const raw = new Database(db);
    const row = raw.prepare('SELECT state FROM cases WHERE id = ?').get(id) as { state: Buffer };
    const state = JSON.parse(stateJsonOf(row.state, dictionariesOf(raw))!);
    state.status = 'completed';
    raw.prepare('UPDATE cases SET state = ? WHERE id = ?').run(packState(JSON.stringify(state)), id);
    raw.close();

    const r = await lf(['audit', 'verify'], db);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain(id);
    expect((await lf(['audit', 'verify', '--chain-only'], db)).code).toBe(0);
  });
});
