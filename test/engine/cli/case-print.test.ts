// `landflow case … --print FIELD`: one field as plain text, so a script needs no jq; on the file
// and over HTTP alike, and refused (exit 2) before anything is written when the field is unknown.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from '../../helpers/cli.ts';
import { REPO } from '../run/fixtures.ts';
import { testServer, type TestServer } from '../server/helpers.ts';
import { addUser } from '../accounts/login.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'landflow-print-'));
const db = path.join(dir, 'print.db');
const run = (...argv: string[]) => runMain(argv, { cwd: REPO, env: { LANDFLOW_DB: db, LANDFLOW_USER: 'clerk-li' } });
const CASE = ['--policy', 'qinzhou', '--procedure', 'exit', '--case', 'examples/household-qinzhou.json'];

beforeAll(() => addUser(db, { name: 'clerk-li', role: 'clerk', town: '钦南区某镇' }));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('landflow case --print', () => {
  it('open --print id prints the new case id alone, send --print version the version after the command, show --print status the status', async () => {
    const opened = await run('case', 'open', ...CASE, '--print', 'id');
    expect(opened.code).toBe(0);
    const id = opened.out.trimEnd();
    expect(opened.out).toBe(`${id}\n`);
    expect(JSON.parse((await run('case', 'show', id)).out).id).toBe(id);

    const openedAt = JSON.parse((await run('case', 'show', id)).out).version as number;
    const sent = await run('case', 'send', id, 'receiveWrittenNotice', '--print', 'version');
    expect(sent.code).toBe(0);
    const version = JSON.parse((await run('case', 'show', id)).out).version as number;
    expect(version).toBeGreaterThan(openedAt);
    expect(sent).toEqual({ code: 0, out: `${version}\n`, err: '' });
    expect(await run('case', 'show', id, '--print', 'status')).toEqual({ code: 0, out: 'open\n', err: '' });
    // With extras, the field is still the case's own.
    expect((await run('case', 'show', id, '--deadlines', '--print', 'version')).out).toBe(`${version}\n`);
  });

  it('an unknown field, or --print on list, is bad usage (exit 2) and opens no case', async () => {
    const before = JSON.parse((await run('case', 'list')).out).length;
    const bad = await run('case', 'open', ...CASE, '--print', 'ID');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--print 应为 must be one of id, version, status');
    expect((await run('case', 'list', '--print', 'id')).code).toBe(2);
    expect(JSON.parse((await run('case', 'list')).out).length).toBe(before);
  });

  it('a refusal still prints the JSON error on stderr and nothing on stdout', async () => {
    const id = (await run('case', 'open', ...CASE, '--print', 'id')).out.trimEnd();
    const r = await run('case', 'send', id, 'signContract', '--print', 'version');
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(JSON.parse(r.err.split('\n')[0]!).error.code).toBe('NOT_ALLOWED');
  });
});

describe('landflow case --print --server', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await testServer();
    await s.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => s.close());

  it('gives the same fields over HTTP', async () => {
    const base = `http://127.0.0.1:${(s.app.server.address() as { port: number }).port}`;
    const id = (await run('case', 'open', '--server', base, ...CASE, '--print', 'id')).out.trimEnd();
    expect(id).toMatch(/^\S+$/);
    const version = (await run('case', 'send', '--server', base, id, 'receiveWrittenNotice', '--print', 'version')).out;
    expect(version).toBe(`${JSON.parse((await run('case', 'show', '--server', base, id)).out).version}\n`);
    expect((await run('case', 'show', '--server', base, id, '--print', 'policy')).out).toBe('qinzhou\n');
  });
});
