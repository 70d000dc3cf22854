// Aligned columns count terminal cells (string-width): CJK and full-width characters two, emoji
// two, combining marks and colour codes none — so tables with Chinese names line up.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { displayWidth, padDisplay } from '../../../engine/cli/columns.ts';
import { addUser } from '../accounts/login.ts';
import { runMain } from '../../helpers/cli.ts';
import { REPO } from '../run/fixtures.ts';

describe('padDisplay', () => {
  it('counts cells, not code units', () => {
    expect(displayWidth('qinzhou')).toBe(7);
    expect(displayWidth('钦州')).toBe(4);
    expect(displayWidth('ＡＢ')).toBe(4); // full-width Latin
    expect(displayWidth('e\u0301')).toBe(1); // a combining accent takes no cell
    expect(displayWidth('\u001b[31m红\u001b[0m')).toBe(2); // colour codes take none
    expect(displayWidth('👍')).toBe(2);
  });

  it('pads after the text by default, before it for numbers, and never cuts', () => {
    expect(padDisplay('钦州', 6)).toBe('钦州  ');
    expect(padDisplay('钦州', 6, 'end')).toBe('  钦州');
    expect(padDisplay('12.50', 8, 'end')).toBe('   12.50');
    expect(padDisplay('重庆梁平', 4)).toBe('重庆梁平');
    expect(padDisplay('重庆梁平', 3)).toBe('重庆梁平');
  });
});

describe('tables the CLI prints line up with Chinese text', () => {
  it('user list: every column starts at the same cell on every row', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'lf-cols-')), 'u.db');
    await addUser(db, { name: 'admin', role: 'admin' });
    await addUser(db, { name: '张办事员', role: 'clerk', town: '钦南区某镇' });
    const r = await runMain(['user', 'list', '--db', db], { cwd: REPO });
    expect(r.code).toBe(0);
    const rows = r.out.trimEnd().split('\n');
    expect(rows).toHaveLength(2);
    // The cell where the created-at column starts (an ISO time) is the same on both rows.
    const startOf = (row: string) => displayWidth(row.slice(0, row.search(/\d{4}-\d{2}-\d{2}T/)));
    expect(startOf(rows[0]!)).toBe(startOf(rows[1]!));
    const status = (row: string) => displayWidth(row.slice(0, row.search(/启用 active/)));
    expect(status(rows[0]!)).toBe(status(rows[1]!));
  });

  it('compare --sweep: the policy columns are right-aligned to the same cell under Chinese names', async () => {
    const r = await runMain(
      [
        'compare',
        'policies/qinzhou.yaml',
        'policies/liangping.yaml',
        '--case',
        'examples/household-qinzhou.json',
        '--sweep',
        'market.rentPerMuYear=600:700:100',
      ],
      { cwd: REPO },
    );
    expect(r.code).toBe(0);
    const lines = r.out.split('\n').filter((l) => l.trim());
    const table = lines.slice(1);
    const widths = new Set(table.map(displayWidth));
    expect(widths.size).toBe(1);
    expect(table[0]).toContain('钦州 qinzhou');
  });
});
