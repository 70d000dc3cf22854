// The UI's pure parts, with exact values at the edges: one language of a message (the catalogue's,
// dsl/messages.ts, never a split string), server diagnostics placed in the text and merged once,
// the article of the entry a finding sits in, sweep steps a parameter can take, co-owner defaults,
// server-sent event framing, and the deadline to watch.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { setLang } from '../../ui/src/i18n.ts';
import { say } from '../../ui/src/common/content.ts';
import { msg } from '../../dsl/message.ts';
import { enclosingCite, mergeDiagnostics, offsetAt, type EditorDiagnostic } from '../../ui/src/policy/check-adapter.ts';
import { lineIndex, positionAt } from '../../dsl/source.ts';
import { parseDocument } from 'yaml';
import { sweepSpec, VARIABLES } from '../../ui/src/compare/lf-sweep-chart.ts';
import { coOwnerByRelation, withoutFormMarkers } from '../../ui/src/cases/case-form-model.ts';
import { parseEvents } from '../../ui/src/common/sse.ts';
import { nextDeadline } from '../../ui/src/cases/lf-case-summary.ts';
import type { Deadline } from '../../ui/src/api.ts';

describe('one language of a message', () => {
  it('says a catalogue message or a text in the UI’s language, and the UI’s own words as they are', () => {
    const unknown = msg('E201', { detail: '流转费用' });
    const label = { zh: '收到书面通知', en: 'written notice received' };
    setLang('zh');
    expect([say(unknown), say(label), say('保存')]).toEqual(['未定义的名称：流转费用', '收到书面通知', '保存']);
    setLang('en');
    expect([say(unknown), say(label), say('Save')]).toEqual(['undefined name: 流转费用', 'written notice received', 'Save']);
    setLang('zh');
  });
});

describe('server diagnostics in the editor', () => {
  const text = 'a: 1\nb: 𠀀x\n中文: [y]\n';

  it('places a line and a code-point column at the offset positionAt gives back', () => {
    const index = lineIndex(text);
    for (let off = 0; off <= text.length; off++) {
      // Offsets inside a surrogate pair have no column of their own.
      if (text.charCodeAt(off - 1) >= 0xd800 && text.charCodeAt(off - 1) <= 0xdbff) continue;
      const { line, column } = positionAt(index, off);
      expect(offsetAt(index, line, column), `offset ${off}`).toBe(off);
    }
    expect(offsetAt(index, 99, 1)).toBe(text.lastIndexOf('\n') + 1);
    expect(offsetAt(index, 1, 99)).toBe(4);
  });

  it('merges the server findings once: one the browser also made is not repeated, a template finding is listed apart', () => {
    const m = { code: 'E201', args: { detail: 'x' } };
    const local: EditorDiagnostic[] = [{ from: 5, to: 6, severity: 'error', code: 'E201', message: m, line: 2, column: 1 }];
    const merged = mergeDiagnostics(text, local, [
      {
        file: 'qinzhou.yaml',
        line: 2,
        column: 1,
        endLine: 2,
        endColumn: 2,
        severity: 'error',
        code: 'E201',
        message: 'm',
        text: m,
        cite: null,
      },
      {
        file: 'qinzhou.yaml',
        line: 3,
        column: 5,
        endLine: 3,
        endColumn: 8,
        severity: 'error',
        code: 'X901',
        message: 'example',
        text: { zh: '示例', en: 'example' },
        cite: '第十条',
      },
      {
        file: 'templates/qinzhou/退出合同.hbs',
        line: 4,
        column: 2,
        endLine: 4,
        endColumn: 3,
        severity: 'error',
        code: 'T001',
        message: 'template',
        text: { zh: '模板', en: 'template' },
        cite: null,
      },
    ]);
    expect(merged.map((d) => [d.code, d.from, d.to, !!d.server, d.elsewhere ?? null])).toEqual([
      ['T001', 0, 0, true, 'templates/qinzhou/退出合同.hbs'],
      ['E201', 5, 6, false, null],
      ['X901', text.indexOf('[y]'), text.indexOf('[y]') + 3, true, null],
    ]);
    expect(merged.find((d) => d.code === 'X901')!.cite).toBe('第十条');
    // A server finding is shown from its message as data, not from the line in both languages.
    expect(merged.find((d) => d.code === 'X901')!.message).toEqual({ zh: '示例', en: 'example' });
  });

  it('gives a finding the article of the innermost entry around it that cites one', () => {
    const src =
      'exit:\n  cite: 第十条\n  compensation:\n    cite: 第十条第二项\n    formula: a * b\n  steps:\n    - id: s\n      label: x\n';
    const root = parseDocument(src).contents as Parameters<typeof enclosingCite>[0];
    expect(enclosingCite(root, src.indexOf('a * b'))).toBe('第十条第二项');
    expect(enclosingCite(root, src.indexOf('label: x'))).toBe('第十条');
    expect(enclosingCite(root, 0)).toBeUndefined(); // the key `exit` itself is outside the entry
  });
});

describe('sweeps the inputs can take', () => {
  it('steps 补偿年限 by whole years (its defaults 10 to 40 in 10 points: every 3 years), money by 0.01', () => {
    const years = VARIABLES.find((v) => v.target === 'param:compensationYears')!;
    const rent = VARIABLES.find((v) => v.target === 'market.rentPerMuYear')!;
    expect(sweepSpec(years, years.from, years.to, 10)).toBe('param:compensationYears=10:40:3');
    expect(sweepSpec(years, 10, 11, 41)).toBe('param:compensationYears=10:11:1');
    expect(sweepSpec(years, 10.4, 20.6, 3)).toBe('param:compensationYears=10:21:5');
    expect(sweepSpec(rent, 300, 1200, 10)).toBe('market.rentPerMuYear=300:1200:100');
    expect(sweepSpec(rent, 300, 400, 4)).toBe('market.rentPerMuYear=300:400:33.33');
    expect(sweepSpec(rent, 300, 300, 1)).toBe('market.rentPerMuYear=300:300:0.01');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: -5, max: 60 }), (a, d, n) => {
        const step = Number(
          sweepSpec(years, a, a + d, n)
            .split(':')
            .pop(),
        );
        return Number.isInteger(step) && step >= 1;
      }),
    );
  });
});

describe('co-owners by default', () => {
  it('makes every family member a co-owner, and not someone the relation says is not family', () => {
    for (const r of ['配偶', '子', '女', '父亲', '孙女', '', undefined]) expect(coOwnerByRelation(r), String(r)).toBe(true);
    for (const r of ['其他', ' 寄住 ', '雇工']) expect(coOwnerByRelation(r), r).toBe(false);
  });

  it('never sends the form marker of an unconfirmed default', () => {
    const kase = { household: { members: [{ name: '甲', coOwner: true, coOwnerDefault: true }] } };
    expect(withoutFormMarkers(kase)).toEqual({ household: { members: [{ name: '甲', coOwner: true }] } });
    expect(kase.household.members[0]).toHaveProperty('coOwnerDefault', true);
  });
});

describe('server-sent events and deadlines', () => {
  it('splits complete events off a stream and keeps the rest for the next read', () => {
    expect(parseEvents('event: progress\ndata: {"done":1}\n\nevent: result\r\ndata: {"a":\ndata: 1}\r\n\r\n: ping\n\nevent: prog')).toEqual(
      {
        events: [
          { event: 'progress', data: '{"done":1}' },
          { event: 'result', data: '{"a":\n1}' },
        ],
        rest: 'event: prog',
      },
    );
  });

  it('watches the overdue deadline first, then the earliest due, then the earliest waiting', () => {
    const d = (step: string, kind: Deadline['kind'], due: string | null): Deadline => ({
      step,
      label: step,
      kind,
      due,
      explanation: [],
      cite: '第七条',
      optional: false,
    });
    expect(nextDeadline([d('a', 'waiting', '2026-01-01'), d('b', 'due', '2026-03-01'), d('c', 'due', '2026-02-01')])?.step).toBe('c');
    expect(nextDeadline([d('a', 'due', '2026-01-01'), d('b', 'overdue', '2026-05-01')])?.step).toBe('b');
    expect(nextDeadline([d('a', 'done', '2026-01-01'), d('b', 'due', null)])).toBeUndefined();
  });
});
