// The symbol index behind the editor features (dsl/symbols*.ts), on every bundled policy: every
// occurrence spells its target, a rename of any parameter leaves the file checking exactly as
// before, completion answers in the contexts an author types in, and no text makes it throw.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bundledPolicyTexts, indexOf, qinzhouText } from '../helpers/policy-symbols.ts';
import { checkPolicy } from '../../dsl/index.ts';
import { definitionOf, occurrenceAt, occurrencesOf, policySymbols } from '../../dsl/symbols.ts';
import { completionsAt } from '../../dsl/symbols-complete.ts';
import { describeSymbol } from '../../dsl/symbols-describe.ts';
import { renameParameter } from '../../dsl/symbols-rename.ts';
import { unitWords } from '../../dsl/units.ts';

const files = bundledPolicyTexts;
const qinzhou = qinzhouText;
const index = indexOf;
const labels = (text: string, offset: number) => completionsAt(index(text), text, offset)?.items.map((i) => i.label) ?? [];

describe('symbol occurrences', () => {
  it.each(files.map((f) => [f.name, f.text] as const))(
    'in %s every occurrence spells what it names, and each named declaration is found',
    (_, text) => {
      const s = index(text);
      expect(s.occurrences.length).toBeGreaterThan(20);
      for (const o of s.occurrences) {
        const written = text.slice(o.start, o.end);
        switch (o.target.kind) {
          case 'parameter':
          case 'let':
            expect(written).toBe(o.target.name);
            break;
          case 'step':
            expect(written).toBe(o.target.id);
            break;
          case 'article':
            expect(written).toBe(o.target.cite);
            break;
          case 'function':
            expect(written).toBe(o.target.name);
            break;
          case 'field':
            // A use writes the last step of the path, by key or label; a `from:` writes the whole path.
            expect(o.target.path.split('.').concat(o.target.labels.split('.'), [o.target.path])).toContain(written);
            break;
        }
        if (o.target.kind !== 'field' && o.target.kind !== 'function' && !(o.target.kind === 'article' && !o.target.key)) {
          expect(definitionOf(s, o.target), written).toBeDefined();
        }
        expect(describeSymbol(s, o.target)).toBeTruthy();
      }
    },
  );

  it('a let name shadowing nothing resolves to the let of its own compensation, and 面积 inside 地块[…] to the element field', () => {
    const text = qinzhou.replace(
      '      formula: 转让面积 * 转让.每亩价款',
      '      formula: sum(地块[面积 > 1].面积) * 转让.每亩价款 + 转让面积 * 0 元/亩',
    );
    const s = index(text);
    const at = text.indexOf('地块[面积 > 1]') + 3;
    expect(occurrenceAt(s, at)!.target).toMatchObject({ kind: 'field', path: 'parcels.area', labels: '地块.面积' });
    const use = text.indexOf('+ 转让面积') + 2;
    const target = occurrenceAt(s, use)!.target;
    expect(target.kind).toBe('let');
    const def = definitionOf(s, target)!;
    expect(text.slice(def.start, def.end)).toBe('转让面积');
    expect(text.slice(def.start - 8, def.start)).toBe('        ');
    // 退出面积 is the exit compensation's: not the same let.
    expect(occurrencesOf(s, target).every((o) => text.slice(o.start, o.end) === '转让面积')).toBe(true);
  });

  it('an occurrence is found with the cursor just after its last character', () => {
    const s = index(qinzhou);
    const end = qinzhou.indexOf('(流转费 + 地力补贴)') + 4;
    expect(occurrenceAt(s, end)!.target).toEqual({ kind: 'parameter', name: '流转费' });
  });

  it('a cite joining several articles with 、 names each at its own place', () => {
    const text = qinzhou.replace('    cite: 第十四条\n', '    cite: 第十四条、第十五条\n');
    const s = index(text);
    const at = text.indexOf('第十四条、第十五条');
    expect(occurrenceAt(s, at + 6)!).toMatchObject({ start: at + 5, end: at + 9, target: { kind: 'article', key: '第十五条' } });
  });
});

describe('rename', () => {
  const cases = files.flatMap((f) => index(f.text).parameters.map((p) => [f.name, p.name] as const));
  const codes = (t: string, name: string) =>
    checkPolicy(t, `policies/${name}`)
      .diagnostics.map((d) => `${d.code}@${d.severity}`)
      .sort();
  const before = new Map<string, string[]>();
  it.each(cases)('in %s renaming %s to a fresh name leaves every diagnostic as it was', (name, param) => {
    const text = files.find((f) => f.name === name)!.text;
    const r = renameParameter(index(text), param, '新参数名');
    if ('refused' in r) throw new Error(r.refused.en);
    let out = text;
    for (const e of [...r.edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + r.newName + out.slice(e.end);
    if (!before.has(name)) before.set(name, codes(text, name));
    expect(codes(out, name)).toEqual(before.get(name));
    expect(index(out).parameters.map((p) => p.name)).toContain('新参数名');
  });

  it('refuses names that would change what another name means, and names that are not names', () => {
    const s = index(qinzhou);
    const refusal = (n: string) => {
      const r = renameParameter(s, '补偿年限', n);
      return 'refused' in r ? r.refused.code : 'renamed';
    };
    expect(refusal('流转费')).toBe('name-taken');
    expect(refusal('每亩补偿')).toBe('name-taken');
    expect(refusal('同意')).toBe('name-taken');
    expect(refusal('sum')).toBe('name-taken');
    expect(refusal('亩')).toBe('name-taken');
    expect(refusal('补偿年限')).toBe('unchanged');
    for (const bad of ['1年', '且', '半年', 'a b', '', 'null', '退出.模式', '"x"']) expect(refusal(bad)).toBe('invalid-name');
    expect(refusal('补偿计算年限')).toBe('renamed');
  });
});

describe('completion', () => {
  it('offers units after a number, with the partial unit replaced', () => {
    const text = qinzhou.replace('      perMu: 每亩补偿\n', '      perMu: 每亩补偿 + 3 元/\n');
    const offset = text.indexOf('3 元/') + 4;
    const c = completionsAt(index(text), text, offset)!;
    expect(c.items.map((i) => i.label)).toEqual([...unitWords]);
    expect(c.from).toBe(offset);
  });

  it("offers a record field's fields after a dot, by label and by key", () => {
    const text = qinzhou.replace('      perMu: 每亩补偿\n', '      perMu: 退出.支\n');
    const offset = text.indexOf('退出.支') + 4;
    const c = completionsAt(index(text), text, offset)!;
    expect(c.from).toBe(offset - 1);
    expect(c.items.map((i) => i.label)).toEqual(expect.arrayContaining(['支付方', 'payer', '模式', 'mode']));
    expect(c.items.map((i) => i.label)).not.toContain('流转费');
  });

  it('offers in an expression only the let names of its own compensation', () => {
    const at = qinzhou.indexOf('转让面积 * 转让.每亩价款');
    const names = labels(qinzhou, at);
    expect(names).toEqual(expect.arrayContaining(['转让面积', '流转费', '转让', 'transfer', 'sum', '合计']));
    expect(names).not.toContain('退出面积');
  });

  it('offers the names while the expression is still empty, from the line alone', () => {
    const text = qinzhou.replace('      perMu: 每亩补偿\n', '      perMu: \n');
    expect(labels(text, text.indexOf('perMu: ') + 7)).toEqual(expect.arrayContaining(['流转费', '退出面积']));
  });

  it('offers the period parameters after period:, and step ids and case dates after from:', () => {
    const at = qinzhou.indexOf('period: 公示期') + 8;
    // 补偿年限 (30 年) reads as a period too, so the checker would accept it there (P606 would not fire).
    expect(labels(qinzhou, at).sort()).toEqual(['书面说明理由期限', '公示异议期', '公示期', '协商等待期', '补偿年限', '退出通知期'].sort());
    expect(labels(qinzhou, at)).not.toContain('流转费');
    // The same after a kind's named period, written in a flow map (the public notice's objection window).
    const objections = qinzhou.indexOf('periods: { objections: 公示异议期') + 'periods: { objections: '.length;
    expect(labels(qinzhou, objections).sort()).toEqual(labels(qinzhou, at).sort());
    const from = qinzhou.indexOf('from: written-notice') + 6;
    const offered = labels(qinzhou, from);
    expect(offered).toEqual(expect.arrayContaining(['written-notice', 'exit.noticeDate']));
    expect(offered).not.toContain('negotiation');
    expect(offered).not.toContain('public-notice');
    const param = qinzhou.indexOf('from: market.rentPerMuYear') + 6;
    expect(labels(qinzhou, param)).toEqual(expect.arrayContaining(['market.rentPerMuYear', 'household.headAge']));
  });

  it('still offers step ids in a flow list the YAML parser cannot read yet, from the last index', () => {
    const s = index(qinzhou);
    const text = qinzhou.replace('        after: [written-notice]\n', '        after: [written-notice, \n');
    expect(policySymbols(text)).toBeUndefined();
    const offset = text.indexOf('after: [written-notice, ') + 'after: [written-notice, '.length;
    const offered = completionsAt(s, text, offset)!.items.map((i) => i.label);
    expect(offered).toEqual(expect.arrayContaining(['written-notice', 'approval']));
    expect(offered).not.toContain('public-notice');
  });

  it('offers the steps of the procedure written above the cursor, whatever order the procedures are read in', () => {
    // 钦州 writes transfer before exit; the reader lists exit's steps first (PROCEDURE_KINDS).
    const s = index(qinzhou);
    const text = qinzhou.replace('        after: [application]\n', '        after: [application, \n');
    expect(policySymbols(text)).toBeUndefined();
    const offset = text.indexOf('after: [application, ') + 'after: [application, '.length;
    const offered = completionsAt(s, text, offset)!.items.map((i) => i.label);
    expect(offered).toEqual(expect.arrayContaining(['application', 'public-notice', 'review']));
    expect(offered).not.toContain('written-notice');
  });

  it('offers nothing inside a string literal', () => {
    const at = qinzhou.indexOf('"permanent"') + 3;
    expect(completionsAt(index(qinzhou), qinzhou, at)).toBeUndefined();
  });
});

describe('the index under random text', () => {
  it('never throws on damaged policies, and every occurrence lies inside the text', () => {
    const ratio = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: files.length - 1 }),
        ratio,
        fc.string({ unit: fc.constantFrom(':', '-', ' ', '"', '[', ']', '.', '\n', '甲', '𠀋', 'x', '1', '(', '、'), maxLength: 8 }),
        ratio,
        (fi, at, chars, cursor) => {
          const base = files[fi]!.text;
          const i = Math.floor(at * base.length);
          const text = base.slice(0, i) + chars + base.slice(i);
          const s = policySymbols(text);
          for (const o of s?.occurrences ?? []) {
            expect(o.start).toBeGreaterThanOrEqual(0);
            expect(o.end).toBeLessThanOrEqual(text.length);
            expect(o.start).toBeLessThanOrEqual(o.end);
          }
          const offset = Math.floor(cursor * text.length);
          const c = completionsAt(s ?? index(base), text, offset);
          if (c) {
            expect(c.from).toBeLessThanOrEqual(c.to);
            expect(c.to).toBe(offset);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
