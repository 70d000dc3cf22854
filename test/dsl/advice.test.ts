// The paper's proposals as advice: notes (never warnings) on a scheme that lacks them, absent from
// the model scheme that follows them, and waivable in writing like a national-law finding.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkPolicy } from '../../dsl/index.ts';
import { renderBoth } from '../../dsl/messages.ts';

const text = (id: string) => readFileSync(`policies/${id}.yaml`, 'utf8');
const codes = (src: string, file: string) =>
  checkPolicy(src, file)
    .diagnostics.filter((d) => /^A0/.test(d.code))
    .map((d) => `${d.code} ${d.severity}`);

describe('advice diagnostics (A0xx)', () => {
  it('钦州 has no cooling-off, no re-entry and one exit mode: three notes', () => {
    expect(codes(text('qinzhou'), 'qinzhou.yaml')).toEqual(['A001 note', 'A002 note', 'A003 note']);
  });

  it('the model scheme has all three: no advice', () => {
    expect(codes(text('model-scheme'), 'model-scheme.yaml')).toEqual([]);
  });

  it('乐陵 has two modes but neither cooling-off nor re-entry', () => {
    expect(codes(text('leling'), 'leling.yaml')).toEqual(['A001 note', 'A002 note']);
  });

  it('a written waiver turns the advice into the waived note with its justification', () => {
    const src = text('qinzhou') + '\nwaivers:\n  - code: A001\n    justification: 征求意见稿未设冷静期，待正式稿确定\n';
    const ds = checkPolicy(src, 'qinzhou.yaml').diagnostics;
    expect(ds.some((d) => d.code === 'A001')).toBe(false);
    const waived = ds.find((d) => d.code === 'L790');
    expect(renderBoth(waived!.message)).toContain('已豁免 A001，理由：征求意见稿未设冷静期，待正式稿确定');
  });

  it('no advice is ever an error or a warning', () => {
    for (const id of ['qinzhou', 'liangping', 'pingluo', 'neijiang', 'leling', 'model-scheme']) {
      const ds = checkPolicy(text(id), `${id}.yaml`).diagnostics.filter((d) => /^A0/.test(d.code));
      expect(ds.every((d) => d.severity === 'note')).toBe(true);
    }
  });
});
