// One concept, one message: no two catalogue entries (dsl/messages.ts and every family under
// dsl/phrases/) have the same Chinese or the same English, so a refusal is not worded twice and a
// change of wording is not made in one place only. The few entries that share a text stand below,
// each with why; a listed group that no longer shares its text fails too, so the list stays short.
import { describe, expect, it } from 'vitest';
import { catalogueEntries } from '../../dsl/messages.ts';

interface Shared {
  codes: string[];
  reason: string;
}

const SAME_WORD = 'one word, two things: a type, a field or a unit named alike, not one sentence said twice';
const PLURAL = 'Chinese has no plural: the unit and its plural are one word in Chinese, two in English';

/** Groups of codes allowed to share their Chinese (zh) or English (en) text. */
const EXCEPTIONS: Record<'zh' | 'en', Shared[]> = {
  zh: [
    { codes: ['type.date', 'calendar.what.date'], reason: SAME_WORD },
    { codes: ['type.period', 'legal.reading.period'], reason: SAME_WORD },
    { codes: ['type.list', 'tpl.shape.list'], reason: SAME_WORD },
    { codes: ['unit.none', 'evaluate.none'], reason: SAME_WORD },
    { codes: ['case.exit', 'proc.exit'], reason: SAME_WORD },
    { codes: ['case.transfer', 'proc.transfer'], reason: SAME_WORD },
    { codes: ['day.kind.workday', 'time.unit.workingDay', 'time.unit.workingDays'], reason: PLURAL },
    { codes: ['time.unit.day', 'time.unit.days'], reason: PLURAL },
    { codes: ['time.unit.month', 'time.unit.months', 'time.by.month'], reason: PLURAL },
    { codes: ['time.unit.year', 'time.unit.years', 'time.by.year'], reason: PLURAL },
  ],
  en: [
    { codes: ['type.list', 'tpl.shape.list'], reason: SAME_WORD },
    { codes: ['unit.none', 'unit.dimensionless', 'evaluate.none'], reason: SAME_WORD },
    { codes: ['case.exit', 'proc.exit'], reason: SAME_WORD },
    { codes: ['case.transfer', 'proc.transfer'], reason: SAME_WORD },
    { codes: ['day.kind.workday', 'time.unit.workingDay'], reason: SAME_WORD },
    { codes: ['time.unit.month', 'time.by.month'], reason: SAME_WORD },
    { codes: ['time.unit.year', 'time.by.year'], reason: SAME_WORD },
  ],
};

/** Each text said by more than one code, as its sorted codes. */
function shared(lang: 'zh' | 'en'): string[][] {
  const byText = new Map<string, string[]>();
  for (const e of catalogueEntries()) byText.set(e[lang], [...(byText.get(e[lang]) ?? []), e.code]);
  return [...byText.values()].filter((codes) => codes.length > 1).map((codes) => codes.sort());
}

describe('the catalogues say each concept once', () => {
  for (const lang of ['zh', 'en'] as const) {
    it(`no two entries share their ${lang} text but the listed ones`, () => {
      const allowed = EXCEPTIONS[lang].map((s) => [...s.codes].sort());
      const found = shared(lang);
      const key = (codes: string[]) => codes.join(' ');
      expect(found.map(key).filter((k) => !allowed.map(key).includes(k))).toEqual([]);
      // A listed group that no longer shares its text is taken off the list.
      expect(allowed.map(key).filter((k) => !found.map(key).includes(k))).toEqual([]);
      for (const s of EXCEPTIONS[lang]) expect(s.reason, key(s.codes)).not.toBe('');
    });
  }
});
