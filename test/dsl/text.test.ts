// Typed names and short texts (dsl/text.ts): one normal form, and the characters that hide or
// reorder text refused with their code point.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkText, MAX_NAME_LENGTH, MAX_TEXT_LENGTH } from '../../dsl/text.ts';
import { render, renderBoth } from '../../dsl/messages.ts';

describe('checkText', () => {
  it('normalises with NFKC and trims: full-width letters, digits and spaces are the plain ones', () => {
    expect(checkText('　钦南区某镇 ')).toEqual({ ok: true, value: '钦南区某镇' });
    expect(checkText('ａｄｍｉｎ１')).toEqual({ ok: true, value: 'admin1' });
    expect(checkText('第３村民小组')).toEqual({ ok: true, value: '第3村民小组' });
  });

  it('refuses NUL, controls, bidi overrides and isolates, zero-width marks, naming the code point', () => {
    for (const [s, cp] of [
      ['某镇\u0000', 'U+0000'],
      ['某\u202e镇', 'U+202E'],
      ['某\u2066镇', 'U+2066'],
      ['某\u200b镇', 'U+200B'],
      ['某\u200f镇', 'U+200F'],
      ['某\u0085镇', 'U+0085'],
      ['某\ufeff镇', 'U+FEFF'],
      ['两\n行', 'U+000A'],
    ] as const) {
      const r = checkText(s);
      expect([s, r.ok]).toEqual([s, false]);
      if (!r.ok) expect(r.message).toEqual({ code: 'text.hidden', args: { cp } });
    }
    expect(checkText('a\ud800b')).toEqual({ ok: false, message: { code: 'text.loneSurrogate' } });
  });

  it('bounds the length in characters after normalising: 64 for names, 200 for free text', () => {
    expect(checkText('镇'.repeat(MAX_NAME_LENGTH)).ok).toBe(true);
    expect(checkText('镇'.repeat(MAX_NAME_LENGTH + 1))).toEqual({ ok: false, message: { code: 'text.tooLong', args: { max: 64, n: 65 } } });
    expect(checkText('说'.repeat(MAX_TEXT_LENGTH), { max: MAX_TEXT_LENGTH, multiline: true }).ok).toBe(true);
    expect(checkText('说'.repeat(MAX_TEXT_LENGTH + 1), { max: MAX_TEXT_LENGTH, multiline: true }).ok).toBe(false);
    // A ligature that widens under NFKC counts as what it becomes.
    expect(checkText('㍿'.repeat(17)).ok).toBe(false);
  });

  it('free text may have line breaks and tabs, never the hidden characters', () => {
    expect(checkText('第一行\n第二行\t完', { multiline: true, max: MAX_TEXT_LENGTH })).toEqual({ ok: true, value: '第一行\n第二行\t完' });
    expect(checkText('第一行\u202e', { multiline: true }).ok).toBe(false);
  });

  it('refuses the empty and what is not a string', () => {
    expect(checkText('   ')).toEqual({ ok: false, message: { code: 'S006' } });
    expect(checkText(42)).toEqual({ ok: false, message: { code: 'text.notText', args: { got: 'number' } } });
    expect(checkText(null)).toEqual({ ok: false, message: { code: 'text.notText', args: { got: 'null' } } });
  });

  it('says why as a message (dsl/phrases/case.ts): Chinese as before, real English, both on one line as before', () => {
    const why = (v: unknown) => {
      const r = checkText(v);
      if (r.ok) throw new Error('accepted');
      return [render(r.message, 'zh'), render(r.message, 'en'), renderBoth(r.message)];
    };
    expect(why(42)).toEqual(['须为文字（实为 number）', 'must be text (got number)', '须为文字 must be text (got number)']);
    expect(why('a\ud800b')).toEqual([
      '含有不成对的代理字符',
      'holds an unpaired surrogate',
      '含有不成对的代理字符 holds an unpaired surrogate',
    ]);
    expect(why('某\u202e镇')).toEqual([
      '含有不可见或控制字符 U+202E',
      'holds an invisible or control character U+202E',
      '含有不可见或控制字符 U+202E holds an invisible or control character U+202E',
    ]);
    expect(why(' ')).toEqual(['不能为空', 'must not be empty', '不能为空 / must not be empty']);
    expect(why('镇'.repeat(65))).toEqual([
      '最多 64 个字符，实为 65',
      'at most 64 characters, got 65',
      '最多 64 个字符，实为 65 at most 64 characters, got 65',
    ]);
  });

  it('property: whatever it accepts is already normal, trimmed, bounded and free of hidden characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (s) => {
        const r = checkText(s);
        if (!r.ok) return;
        expect(r.value).toBe(r.value.normalize('NFKC').trim());
        expect([...r.value].length).toBeLessThanOrEqual(MAX_NAME_LENGTH);
        expect(r.value).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200b-\u200f]/);
        expect(checkText(r.value)).toEqual(r);
      }),
      { numRuns: 1000 },
    );
  });
});
