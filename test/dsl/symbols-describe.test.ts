// The hover texts of dsl/symbols-describe.ts as messages (issue #13): in English a hover says
// nothing in Chinese but the policy's own words (content: labels, ids, article text, values), in
// Chinese it reads as a Chinese author writes it, and the language server's line in both
// languages is the one it always printed.
import { describe, expect, it } from 'vitest';
import { bundledPolicyTexts, indexOf, qinzhouText } from '../helpers/policy-symbols.ts';
import { render, renderBoth, renderParts } from '../../dsl/messages.ts';
import { occurrenceAt } from '../../dsl/symbols.ts';
import { describeSymbol } from '../../dsl/symbols-describe.ts';

const files = bundledPolicyTexts;
const qinzhou = qinzhouText;
const index = indexOf;
// Han characters and the full-width punctuation a Chinese sentence is written with.
const CHINESE = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;

describe('hover texts as messages', () => {
  it.each(files.map((f) => [f.name, f.text] as const))('in %s an English hover has Chinese only in the policy’s own words', (_, text) => {
    const s = index(text);
    for (const o of s.occurrences) {
      const hover = describeSymbol(s, o.target);
      expect(hover).toBeDefined();
      const wording = renderParts(hover!, 'en')
        .filter((p) => !p.content)
        .map((p) => p.text)
        .join('');
      expect(wording, JSON.stringify(o.target)).not.toMatch(CHINESE);
    }
  });

  it('a case field with an enumeration, in Chinese and in English', () => {
    const s = index(qinzhou);
    const o = occurrenceAt(s, qinzhou.indexOf('when: 退出.支付方 == "group"') + 10)!;
    const hover = describeSymbol(s, o.target)!;
    expect(render(hover, 'zh')).toBe(
      [
        '**退出.支付方** · 案件字段 `exit.payer`',
        '',
        '- 类型：取值（group|village|county）',
        '- 取值：group（组集体）、village（村集体）、county（县级）',
      ].join('\n'),
    );
    expect(render(hover, 'en')).toBe(
      [
        '**退出.支付方** · case field `exit.payer`',
        '',
        '- type: enum (group|village|county)',
        '- values: group (组集体), village (村集体), county (县级)',
      ].join('\n'),
    );
  });

  it('a cite not among the articles: one line, both languages as the language server prints it', () => {
    const hover = describeSymbol(index(qinzhou), { kind: 'article', cite: '第九十九条' })!;
    expect(renderBoth(hover)).toBe("**第九十九条** · 条文不在本文件的 articles 中 / not among the file's articles");
    expect(render(hover, 'en')).toBe("**第九十九条** · not among the file's articles");
  });
});
