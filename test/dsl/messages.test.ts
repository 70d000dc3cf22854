import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogue, didYouMean, getMessage, nearest, render, renderBoth, renderParts } from '../../dsl/messages.ts';
import { diag } from '../../dsl/diagnostics.ts';
import { msg } from '../../dsl/message.ts';
import { MESSAGE_LIST } from '../../dsl/expr/messages.ts';

const dslDir = join(import.meta.dirname, '..', '..', 'dsl');

describe('message catalogue', () => {
  it('has unique codes', () => {
    const codes = catalogue.map((m) => m.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('does not clash with the expression language codes', () => {
    const expr = new Set(MESSAGE_LIST.map((m) => m.code));
    for (const m of catalogue) expect(expr.has(m.code), m.code).toBe(false);
  });

  it('keeps each family in its range', () => {
    for (const m of catalogue) expect(m.code).toMatch(/^(Y0\d\d|S0\d\d|N4\d\d|U45\d|C5\d\d|P6\d\d|L7\d\d|K8\d\d|X9\d\d|A0\d\d)$/);
  });

  it('has Chinese and English wording for every code, and law findings cite their article', () => {
    for (const m of catalogue) {
      expect(m.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(m.en).toMatch(/[a-z]/);
      if (/^L70\d$/.test(m.code)) expect(m.cite, m.code).toMatch(/第.+条/);
    }
  });

  it('every code the checks report is in the catalogue', () => {
    const files = [
      ...readdirSync(join(dslDir, 'check')).map((f) => join(dslDir, 'check', f)),
      join(dslDir, 'index.ts'),
      join(dslDir, 'yaml.ts'),
      join(dslDir, 'schema.ts'),
    ];
    const known = new Set(catalogue.map((m) => m.code));
    let seen = 0;
    for (const f of files) {
      for (const m of readFileSync(f, 'utf8').matchAll(/(?:report|diag)\((?:[^'"]*?)['"]([A-Z]\d{3})['"]/g)) {
        seen++;
        expect(known.has(m[1]!), `${m[1]} in ${f}`).toBe(true);
      }
    }
    expect(seen).toBeGreaterThan(40);
  });

  it('fills templates: Chinese first, then English', () => {
    const d = diag(
      'f.yaml',
      'K801',
      { start: 0, end: 1 },
      { objection: '15 日', objectionCite: '附件3', period: '3 工作日', periodCite: '第七条第二项' },
    );
    expect(d.severity).toBe('warning');
    expect(d.message).toEqual({
      code: 'K801',
      args: { objection: '15 日', objectionCite: '附件3', period: '3 工作日', periodCite: '第七条第二项' },
    });
    expect(renderBoth(d.message)).toBe(
      '公示异议期 15 日（附件3）与公示期 3 工作日（第七条第二项）不一致 / objection window 15 日 (附件3) differs from the public notice period 3 工作日 (第七条第二项)',
    );
    expect(render(d.message, 'zh')).toBe('公示异议期 15 日（附件3）与公示期 3 工作日（第七条第二项）不一致');
    expect(render(d.message, 'en')).toBe('objection window 15 日 (附件3) differs from the public notice period 3 工作日 (第七条第二项)');
  });

  it('marks what is shown as written: string arguments and {=literals} are content, the wording is not', () => {
    const m = msg('U452', { type: msg('type.number', { unit: '元/亩' }) });
    expect(renderParts(m, 'en')).toEqual([
      { text: 'compensation must be money in ', content: false },
      { text: '元', content: true },
      { text: ', but this is number in ', content: false },
      { text: '元/亩', content: true },
    ]);
    // A phrase argument is said in the reader's language; a bilingual one too.
    expect(render(m, 'zh')).toBe('补偿金额应以「元」计，实为数量（元/亩）');
    expect(render(msg('P619', { kind: { zh: '公示', en: 'publicNotice' } }), 'en')).toBe('a publicNotice step should declare its period');
    expect(render(msg('P619', { kind: { zh: '公示', en: 'publicNotice' } }), 'zh')).toBe('公示步骤应声明期间（period）');
  });

  it('leaves out an optional part whose argument is absent or empty, and picks one language of an argument', () => {
    const at = msg('legal.within', { reading: msg('legal.reading.period'), text: '十百日', q: '"十百日"' });
    const m = msg('legal.NUMERAL_ORDER', { numeral: '十百', within: at, expected: msg('legal.expected.period') });
    expect(render(m, 'zh')).toMatch(/^期间「十百日」：数字「十百」中十、百、千须由大到小；应为 /);
    expect(render(m, 'en')).toMatch(
      /^in the numeral "十百", 千, 百 and 十 must come in decreasing order \(in the period "十百日"\); expected e\.g\. /,
    );
    expect(renderBoth(m)).toMatch(
      /^期间「十百日」：数字「十百」中十、百、千须由大到小 in the numeral "十百", .* \(in the period "十百日"\); 应为 expected e\.g\. /,
    );
    expect(render(msg('legal.NUMERAL_ORDER', { numeral: '十百', within: '', expected: msg('legal.expected.number') }), 'zh')).toMatch(
      /^数字「十百」/,
    );
  });

  it('an unknown code says so instead of throwing', () => {
    expect(renderBoth(msg('Z999'))).toContain('Z999');
    expect(diag('f.yaml', 'Z999', undefined).severity).toBe('error');
  });

  it('every diagnostic code has its severity; phrases have none', () => {
    expect(getMessage('U452')?.severity).toBe('error');
    expect(getMessage('hint.didYouMean')).toBeUndefined();
  });

  it('suggests the nearest name', () => {
    expect(nearest('流转废', ['流转费', '地力补贴'])).toBe('流转费');
    expect(nearest('完全不同的名字', ['流转费'])).toBeUndefined();
    expect(nearest('market.rent', ['market.rentPerMuYear', 'market.year'])).toBe('market.rentPerMuYear');
    expect(didYouMean('notise', ['notice'])).toEqual({ hint: { code: 'hint.didYouMean', args: { name: 'notice' } } });
    expect(render(didYouMean('notise', ['notice']).hint!, 'zh')).toBe('，是否想写「notice」？');
    expect(didYouMean('完全不同的名字', ['流转费'])).toEqual({});
  });
});
