// The clock is an input. The host reads it once per request: the instant goes into the store as
// the event time, and the date in China (UTC+8, no daylight saving) is the case's "today".

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that says what it is told (tests, demos). */
export function fixedClock(at: string | Date): Clock & { set(at: string | Date): void } {
  let t = new Date(at);
  return {
    now: () => new Date(t.getTime()),
    set(next) {
      t = new Date(next);
    },
  };
}

const CHINA_OFFSET_MS = 8 * 3600 * 1000;

/** The calendar date in China at this instant, YYYY-MM-DD. */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant as an ISO timestamp with China's offset, e.g. 2026-03-01T09:30:00.000+08:00. */
export function chinaInstant(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().replace('Z', '+08:00');
}
