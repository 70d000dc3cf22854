// `landflow case open|send|show|list` on a database file, and against a running app with --server.
// SQLite-only: the command on a database file (the API it also drives runs on both backends).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from '../../helpers/cli.ts';
import { REPO } from '../run/fixtures.ts';
import { testServer, type TestServer } from '../server/helpers.ts';
import { addUser } from '../accounts/login.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'landflow-cli-'));
const db = path.join(dir, 'cli.db');

const run = (...argv: string[]) => runMain(argv, { cwd: REPO, env: { LANDFLOW_DB: db, LANDFLOW_USER: 'clerk-li' } });

// On the file, the acting user must be an account (engine/accounts/users.ts actingAccount).
beforeAll(() => addUser(db, { name: 'clerk-li', role: 'clerk', town: '钦南区某镇' }));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('landflow case (on the database file)', () => {
  it('opens, sends, shows and lists; refusals exit 1 with the JSON error on stderr', async () => {
    const opened = await run(
      'case',
      'open',
      '--policy',
      'neijiang',
      '--procedure',
      'exit',
      '--case',
      'examples/household-qinzhou.json',
      '--key',
      'open-1',
    );
    expect(opened.code).toBe(0);
    const c = JSON.parse(opened.out);
    expect(c).toMatchObject({ policy: 'neijiang', status: 'open', createdBy: 'clerk-li' });
    // The same key again: the same case.
    expect(
      JSON.parse(
        (
          await run(
            'case',
            'open',
            '--policy',
            'neijiang',
            '--procedure',
            'exit',
            '--case',
            'examples/household-qinzhou.json',
            '--key',
            'open-1',
          )
        ).out,
      ).id,
    ).toBe(c.id);

    const sent = await run('case', 'send', c.id, 'receiveWrittenNotice', '--expected-version', String(c.version));
    expect(sent.code).toBe(0);
    const after = JSON.parse(sent.out);
    expect(after.case.state.steps['written-notice'].doneOn).toBe('2026-01-15');
    expect(after.events[0].type).toBe('WrittenNoticeReceived');

    const stale = await run('case', 'send', c.id, 'terminate', '--payload', '{"reason":"x"}', '--expected-version', String(c.version));
    expect(stale.code).toBe(1);
    expect(JSON.parse(stale.err.split('\n')[0]!).error.code).toBe('STALE_VERSION');

    const badField = await run('case', 'send', c.id, 'terminate', '--payload', '{"why":"x"}');
    expect(badField.code).toBe(2);
    expect(JSON.parse(badField.err.split('\n')[0]!).error.path).toBe('/payload/why');

    const shown = await run('case', 'show', c.id, '--deadlines', '--commands', '--date', '2026-03-01');
    const s = JSON.parse(shown.out);
    expect(s.case.id).toBe(c.id);
    expect(s.deadlines.find((d: any) => d.step === 'notice-period')).toMatchObject({ kind: 'waiting', due: '2026-07-16' });
    expect(s.commands.map((x: any) => x.type)).toContain('signContract');

    const list = await run('case', 'list', '--policy', 'neijiang', '--format', 'text');
    expect(list.out).toContain(c.id);
    expect(list.out).toContain('内江');
    expect((await run('case', 'show', 'NOPE')).code).toBe(2);
  });

  it('bad usage is exit 2 with a message, before the database is touched', async () => {
    for (const args of [
      ['case'],
      ['case', 'fly'],
      ['case', 'open', '--policy', 'qinzhou'],
      ['case', 'open', '--policy', 'qinzhou', '--procedure', 'sell', '--case', 'x.json'],
      ['case', 'open', '--policy', 'qinzhou', '--procedure', 'exit', '--case', 'missing.json'],
      ['case', 'send', 'ID'],
      ['case', 'send', 'ID', 'terminate', '--payload', '{'],
      ['case', 'send', 'ID', 'terminate', '--expected-version', 'two'],
      ['case', 'list', '--format', 'xml'],
    ]) {
      const r = await run(...args);
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(r.err).not.toMatch(/\n\s+at /);
    }
    const invalid = await run('case', 'open', '--policy', 'qinzhou', '--procedure', 'exit', '--case', 'package.json');
    expect(invalid.code).toBe(2);
    expect(JSON.parse(invalid.err.split('\n')[0]!).error.path).toMatch(/^\/case/);
  });

  it('--help is complete: Chinese first, the four sub-commands and the exit codes', async () => {
    const r = await run('case', '--help');
    expect(r.code).toBe(0);
    for (const w of ['case open', 'case send', 'case show', 'case list', '--server', '--expected-version', '退出码 Exit'])
      expect(r.out).toContain(w);
    const s = await run('serve', '--help');
    for (const w of ['--port', '--db', '--demo', 'LANDFLOW_DB', 'PORT']) expect(s.out).toContain(w);
  });
});

describe('landflow case --server (the same over HTTP)', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await testServer();
    await s.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await s.close();
  });

  it('opens and sends through a running server, with the acting user in the trail', async () => {
    const base = `http://127.0.0.1:${(s.app.server.address() as { port: number }).port}`;
    const o = await run(
      'case',
      'open',
      '--server',
      base,
      '--policy',
      'qinzhou',
      '--procedure',
      'exit',
      '--case',
      'examples/household-qinzhou.json',
    );
    expect(o.code).toBe(0);
    const c = JSON.parse(o.out);
    expect(c.createdBy).toBe('clerk-li');
    const r = await run('case', 'send', '--server', base, c.id, 'receiveWrittenNotice', '--key', 'k1');
    expect(r.code).toBe(0);
    const again = await run('case', 'send', '--server', base, c.id, 'receiveWrittenNotice', '--key', 'k1');
    expect(JSON.parse(again.out)).toEqual(JSON.parse(r.out));
    const refused = await run('case', 'send', '--server', base, c.id, 'signContract');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('NOT_ALLOWED');
    const list = await run('case', 'list', '--server', base);
    expect(JSON.parse(list.out).map((x: any) => x.id)).toContain(c.id);
    expect((await run('case', 'show', '--server', 'http://127.0.0.1:1', c.id)).code).toBe(2);
  });
});
