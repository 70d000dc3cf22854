// The case page names every event engine/run writes in both languages, and finds when and how each
// co-owner's consent came into the record.
import { describe, expect, it } from 'vitest';
import { EVENT_TYPES as REDUCED } from '../../engine/run/index.ts';
import { consentHistory, consentNote, EVENT_TYPES, eventLabel } from '../../ui/src/cases/events.ts';
import { setLang } from '../../ui/src/i18n.ts';
import type { CaseEvent } from '../../ui/src/api.ts';

const event = (seq: number, type: string, payload: unknown): CaseEvent => ({
  seq,
  type,
  payload,
  user: 'clerk',
  at: '2026-01-15T00:00:00Z',
  hash: `h${seq}`,
  prevHash: `h${seq - 1}`,
});

describe('case events in words', () => {
  it('every event type engine/run writes has a name in Chinese and in English, never its internal type', () => {
    // The runner's reducers (engine/run/reduce.ts): CaseOpened, the core events and every step kind's.
    expect([...EVENT_TYPES].sort()).toEqual([...new Set(REDUCED)].sort());
    expect(REDUCED).toContain('ReviewDecided');
    expect(REDUCED).toContain('CollectiveAssessed');
    expect(REDUCED.length).toBe(27);
    for (const lang of ['zh', 'en'] as const) {
      setLang(lang);
      for (const type of EVENT_TYPES) {
        const label = eventLabel(type);
        expect(label, type).not.toBe('');
        expect(label, type).not.toBe(type);
        if (lang === 'en') expect(label, type).not.toMatch(/[\u4e00-\u9fff]/);
        else expect(label, type).toMatch(/[\u4e00-\u9fff]/);
      }
    }
    setLang('zh');
    expect(eventLabel('SomethingNew')).toBe('其他记录');
  });

  it('finds a consent given at opening, one brought by the written notice with its note, and one recorded alone', () => {
    const members = (li: boolean | undefined, qiang: boolean) => ({
      household: {
        members: [
          { name: '黄某明', consents: true },
          { name: '李某芳', consents: li },
          { name: '黄某强', consents: qiang },
        ],
      },
    });
    const note = consentNote([{ name: '李某芳', consents: true, date: '2026-01-14', how: '书面签字' }]);
    expect(note).toBe('家庭共有人意见：李某芳 同意（书面签字，2026-01-14）');
    const h = consentHistory([
      event(1, 'CaseOpened', { case: members(undefined, false), on: '2026-01-10' }),
      event(2, 'WrittenNoticeReceived', { date: '2026-01-15', case: members(true, false), note }),
      event(3, 'ConsentRecorded', { name: '黄某强', consents: true, date: '2026-01-16', note: '按手印' }),
    ]);
    expect(h.get('黄某明')).toEqual({ consents: true, date: '2026-01-10', seq: 1, atOpening: true });
    expect(h.get('李某芳')).toEqual({ consents: true, date: '2026-01-15', seq: 2, atOpening: false, note });
    expect(h.get('黄某强')).toEqual({ consents: true, date: '2026-01-16', seq: 3, atOpening: false, note: '按手印' });
  });
});
