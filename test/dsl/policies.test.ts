// The bundled policy files through the checker, and the edits a policy officer might make to them.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPolicy, printDiagnostics, type PrintedDiagnostic } from '../../dsl/index.ts';
import { checkOptionsFor } from '../../engine/policies/load.ts';

const dir = join(import.meta.dirname, '..', '..', 'policies');
const qinzhouFile = join(dir, 'qinzhou.yaml');
const qinzhou = readFileSync(qinzhouFile, 'utf8');

function check(text: string, file = qinzhouFile): PrintedDiagnostic[] {
  const r = checkPolicy(text, file, checkOptionsFor(file));
  return printDiagnostics(r.diagnostics, text);
}

function lineOf(text: string, needle: string): number {
  return text.split('\n').findIndex((l) => l.includes(needle)) + 1;
}

describe('policies/qinzhou.yaml', () => {
  it("checks clean but for 第七条's timing: the 15 日 objection window against 三个工作日 and the 7-day reasons deadline (and the paper's advice notes)", () => {
    const ds = check(qinzhou).filter((d) => !/^A0/.test(d.code));
    // K806 (closing the notice cuts the objections) and K805 (the deadline before the review): test/dsl/timing.test.ts.
    expect(ds.map((d) => `${d.severity} ${d.code}`)).toEqual(['warning K806', 'warning K801', 'warning K805']);
    expect(
      check(qinzhou)
        .filter((d) => /^A0/.test(d.code))
        .map((d) => d.code),
    ).toEqual(['A001', 'A002', 'A003']);
    const d = ds.find((x) => x.code === 'K801')!;
    expect(d.message).toContain('15');
    expect(d.message).toContain('3 工作日');
    expect(d.message).toContain('附件3');
    expect(d.line).toBe(lineOf(qinzhou, 'periods: { objections: 公示异议期 }'));
    expect(d.column).toBe(qinzhou.split('\n')[d.line - 1]!.indexOf('公示异议期') + 1);
  });

  it('marks its effective date as an assumption (a draft for comment has none), and an assumption without its note is P615', () => {
    const p = checkPolicy(qinzhou, qinzhouFile, checkOptionsFor(qinzhouFile)).policy!;
    expect(p.meta.effective).toEqual({
      from: '2022-07-15',
      assumed: true,
      note: '征求意见稿尚未发布，第十八条「自发布之日起实施」的日期未定；取征求意见期的第一日（公告之日）为生效日期',
    });
    const bare = qinzhou.replace(/, note: [^}]*\}/, ' }');
    expect(bare).not.toBe(qinzhou);
    const line = lineOf(bare, 'effective:');
    expect(check(bare).filter((d) => d.code === 'P615')).toMatchObject([
      { severity: 'error', line, column: bare.split('\n')[line - 1]!.indexOf('assumed') + 1 },
    ]);
  });

  it('returns the checked policy with its parts', () => {
    const r = checkPolicy(qinzhou, qinzhouFile, checkOptionsFor(qinzhouFile));
    const p = r.policy!;
    expect(p.meta.id).toBe('qinzhou');
    expect(p.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(p.parameters.find((x) => x.name === '公示期')!.period).toEqual({ amount: 3, unit: '工作日', text: '3 工作日' });
    expect(p.parameters.find((x) => x.name === '流转费')!.unit).toBe('元/亩/年');
    const exit = p.procedures.exit!;
    expect(exit.steps.map((s) => s.id)).toEqual([
      'written-notice',
      'negotiation',
      'approval',
      'contract',
      'cancellation',
      'payment',
      'filing',
      'registration',
    ]);
    const votes = exit.steps.find((s) => s.kind === 'vote')!.votes!;
    expect(votes[2]).toMatchObject({
      body: ['成员大会'],
      base: 'entitled',
      threshold: { num: 2, den: 3, inclusive: true, text: '三分之二以上' },
    });
    expect(votes[0]).toMatchObject({ assumed: true, threshold: { num: 1, den: 2, inclusive: false } });
    expect(exit.compensation!.round).toMatchObject({ to: '0.01 元', places: 2, mode: 'half-up', assumed: true });
    expect(p.procedures.transfer!.eligibility.find((r) => r.id === 'same-collective')!.implements).toEqual(['transfer.sameCollective']);
    expect(p.examples).toHaveLength(12);
    expect(p.examples[1]!.set).toEqual({ 'exit.parcels': ['门口田'] });
  });

  it('an unknown top-level key on the last line is an error at that line, column 1', () => {
    const text = qinzhou + '\nnot_a_known_key: 1\n';
    const last = text.split('\n').length - 1;
    const ds = check(text);
    expect(ds.filter((d) => d.severity === 'error')).toMatchObject([{ line: last, column: 1, code: 'S001' }]);
  });

  it('an undefined name before * is reported at its exact line and column', () => {
    const lines = qinzhou.split('\n');
    const i = lines.findIndex((l) => !l.trimStart().startsWith('#') && /转让面积\s*\*/.test(l));
    const col = lines[i]!.indexOf('转让面积') + 1;
    lines[i] = lines[i]!.replace('转让面积', '未定义名称甲');
    const ds = check(lines.join('\n'));
    expect(ds.filter((d) => d.severity === 'error')).toMatchObject([{ line: i + 1, column: col, code: 'E201' }]);
  });

  it('a notice period shorter than half a year is an error citing 第三十条; a written waiver turns it into a note', () => {
    const short = qinzhou.replace('    value: 半年\n    cite: 第十条第一项', '    value: 3 月\n    cite: 第十条第一项');
    expect(short).not.toBe(qinzhou);
    const ds = check(short);
    const l701 = ds.find((d) => d.code === 'L701')!;
    expect(l701).toMatchObject({ severity: 'error', cite: '农村土地承包法第三十条', line: lineOf(short, 'value: 3 月') });
    const waived = check(short + 'waivers:\n  - code: L701\n    justification: 试点方案经批准缩短通知期为三个月（测试）\n');
    expect(waived.filter((d) => d.severity === 'error')).toEqual([]);
    expect(waived.find((d) => d.code === 'L790')).toMatchObject({ severity: 'note', message: expect.stringContaining('试点方案经批准') });
  });

  it('removing the transfer rules the law requires draws L703, L705 (and keeps the rest)', () => {
    const text = qinzhou
      .replace('        implements: transfer.sameCollective\n', '')
      .replace('        implements: transfer.termWithinContract\n', '');
    const codes = check(text)
      .filter((d) => d.severity === 'error')
      .map((d) => d.code);
    expect(codes).toEqual(['L703', 'L705']);
  });
});

describe('all bundled policies', () => {
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.yaml'))) {
    it(`${name} has no checker errors`, () => {
      const file = join(dir, name);
      const errors = check(readFileSync(file, 'utf8'), file).filter((d) => d.severity === 'error');
      expect(errors).toEqual([]);
    });
  }
});
