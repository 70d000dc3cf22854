// `landflow check` prints a finding's related places: a coverage gap (P641) is followed by each
// voting rule's failing `when:`, at its own line and column, in text and in JSON.
import { describe, expect, it } from 'vitest';
import { runMain } from '../../helpers/cli.ts';
import { REPO } from '../run/fixtures.ts';

describe('landflow check shows a coverage gap with its related places', () => {
  it('text: the finding, then each failing when: at its own line and column; json: the same as related', async () => {
    const file = 'test/cases/bad/vote-uncovered.yaml';
    const text = await runMain(['check', file, '--no-examples'], { cwd: REPO });
    expect(text.code).toBe(1);
    const lines = text.out.split('\n');
    const at = lines.findIndex((l) => l.startsWith(`${file}:45:13: error P641 `));
    expect(at).toBeGreaterThanOrEqual(0);
    expect(lines[at + 1]).toBe(
      `  ${file}:51:19: 相关 related: 此条件在该情形下不成立 this condition is false here: 退出.支付方 == "village"`,
    );
    const json = await runMain(['check', file, '--no-examples', '--format', 'json'], { cwd: REPO });
    const p641 = (JSON.parse(json.out) as { code: string; related?: unknown[] }[]).find((d) => d.code === 'P641')!;
    expect(p641.related).toEqual([
      {
        line: 51,
        column: 19,
        endLine: 51,
        endColumn: 38,
        message: '此条件在该情形下不成立 this condition is false here: 退出.支付方 == "village"',
        text: { code: 'coverage.conditionFalse', args: { when: '退出.支付方 == "village"' } },
      },
    ]);
  });
});
