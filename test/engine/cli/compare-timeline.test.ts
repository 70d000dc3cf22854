// `landflow compare --case` prints each timeline by date: 梁平's handover on 2026-07-16 comes after
// its contract and payment of 2026-01-15, though it follows them in `after:` order; steps that do
// not apply come last. The JSON keeps the planner's order (steps as they follow each other).
import { describe, expect, it } from 'vitest';
import { runMain } from '../../helpers/cli.ts';
import { REPO } from '../run/fixtures.ts';

const compare = (format: string) =>
  runMain(
    [
      'compare',
      'policies/liangping.yaml',
      'policies/model-scheme.yaml',
      '--case',
      'examples/household-qinzhou.json',
      '--start',
      '2026-01-15',
      '--format',
      format,
    ],
    { cwd: REPO },
  );

function timelines(text: string): string[][] {
  return text
    .split('时间表 timeline:')
    .slice(1)
    .map((part) =>
      part
        .split('\n')
        .slice(1)
        .filter((l) => /^ {4}\S/.test(l))
        .map((l) => l.trim().split(/\s+/)[0]!),
    );
}

describe('compare timelines in date order', () => {
  it('text: the dates never go back, and 不适用 steps follow the dated ones', async () => {
    const r = await compare('text');
    expect(r.code).toBe(0);
    const [liangping, model] = timelines(r.out);
    expect(liangping).toEqual(['2026-01-15', '2026-01-15', '2026-01-15', '2026-01-15', '2026-07-16', '2026-07-16']);
    expect(r.out).toMatch(/2026-01-15 {2}payment[\s\S]*2026-07-16 {2}notice-period/);
    const dated = model!.filter((d) => /^\d/.test(d));
    expect(dated).toEqual([...dated].sort());
    expect(model!.slice(dated.length)).toEqual(['不适用', '不适用']);
  });

  it('markdown: the same order', async () => {
    const r = await compare('markdown');
    const rows = r.out
      .split('### 梁平 liangping')[1]!
      .split('###')[0]!
      .split('\n')
      .filter((l) => /^\| [a-z]/.test(l));
    expect(rows.map((l) => l.split(' | ')[0]!.slice(2).split(' ')[0])).toEqual([
      'written-notice',
      'negotiation',
      'contract',
      'payment',
      'notice-period',
      'handover',
    ]);
  });

  it('json keeps the order the steps follow each other', async () => {
    const r = await compare('json');
    const l = (JSON.parse(r.out) as { policy: string; timeline: { step: string }[] }[]).find((x) => x.policy === 'liangping')!;
    expect(l.timeline.map((e) => e.step)).toEqual(['written-notice', 'negotiation', 'notice-period', 'contract', 'handover', 'payment']);
  });
});
