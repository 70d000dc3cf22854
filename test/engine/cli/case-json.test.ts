// A case file that is not JSON is reported at its line and column by every command that reads one
// (eval, render, compare, case open, --payload-file, --payload), exit 2, and the message never
// quotes the file: a case holds ID numbers.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMain } from '../../helpers/cli.ts';
import { REPO } from '../run/fixtures.ts';
import { addUser } from '../accounts/login.ts';

const dir = mkdtempSync(join(tmpdir(), 'lf-json-'));
const bad = join(dir, 'bad.json');
// Line 3: a comma missing before "x" (the column counts characters: 黄某明 is three).
const line3 = '    "head": { "name": "黄某明", "idNumber": "450702196803151235" "x": 1 }';
writeFileSync(bad, `{\n  "household": {\n${line3}\n  }\n}\n`);
const column = line3.indexOf('"x"') + 1;
const truncated = join(dir, 'truncated.json');
writeFileSync(truncated, '{\n  "household": {\n');
const db = join(dir, 'c.db');

const AT = `不是有效的 JSON（第 3 行第 ${column} 列）not valid JSON at line 3, column ${column}`;

describe('case JSON syntax errors at line:column', () => {
  it('the column is where the comma is missing', () => expect(column).toBe(63));

  it.each([
    ['eval', ['eval', 'policies/qinzhou.yaml', '--procedure', 'exit', '--case', bad]],
    ['render', ['render', 'policies/qinzhou.yaml', '退出合同', '--case', bad]],
    ['compare', ['compare', 'policies/qinzhou.yaml', '--case', bad]],
    ['case open', ['case', 'open', '--db', db, '--policy', 'qinzhou', '--procedure', 'exit', '--case', bad]],
    ['case send --payload-file', ['case', 'send', '--db', db, 'SOME-ID', 'terminate', '--payload-file', bad]],
  ])('%s: exit 2, the line and column, no content', async (_name, argv) => {
    await addUser(db, { name: 'clerk-li', role: 'clerk', town: '钦南区某镇' }).catch(() => undefined);
    const r = await runMain(argv, { cwd: REPO, env: { LANDFLOW_USER: 'clerk-li' } });
    expect(r.code).toBe(2);
    expect(r.err).toContain(AT);
    expect(r.err).not.toContain('450702196803151235');
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('a file that ends too early points at its end', async () => {
    const r = await runMain(['eval', 'policies/qinzhou.yaml', '--procedure', 'exit', '--case', truncated], { cwd: REPO });
    expect(r.code).toBe(2);
    expect(r.err).toContain('（第 3 行第 1 列）not valid JSON at line 3, column 1');
  });

  it('an inline --payload is told the same way', async () => {
    const r = await runMain(['case', 'send', '--db', db, 'SOME-ID', 'terminate', '--payload', '{"reason": "x",}'], {
      cwd: REPO,
      env: { LANDFLOW_USER: 'clerk-li' },
    });
    expect(r.code).toBe(2);
    expect(r.err).toContain('--payload 不是有效的 JSON（第 1 行第 16 列）not valid JSON at line 1, column 16');
  });
});
