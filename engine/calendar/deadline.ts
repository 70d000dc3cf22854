// Period arithmetic by 《民法典》 arts. 200–204 and 1259, and working-day periods by 《行政许可法》
// art. 82 / 《行政复议法》 art. 88. Every result carries its explanation: start, rule and article,
// each day skipped and why, the result — line by line as messages (dsl/phrases/time.ts), read in
// both languages on the command line and in one in the UI. The calendar and "today" are arguments.
import { CalendarError } from './errors.ts';
import { addDays, addMonthsCorresponding, dateOf, dateText, dayNumber, daysBetween, requireLocalDate, type LocalDate } from './date.ts';
import {
  addWorkingDays,
  anyProvisional,
  DAY_KIND_LABEL,
  dayInfo,
  nextWorkingDayOnOrAfter,
  workingDaysBetween,
  YEAR_END_SPILL_FROM,
  type Calendar,
  type DayKind,
} from './calendar.ts';
import { describeNotice } from './layer.ts';
import { describePeriod, type Period } from './period.ts';
import { isFailure, isHalfYear, legalTextMessage, readPeriod } from '../../dsl/legal-text/index.ts';
import { clauses, msg, type Arg, type Message } from '../../dsl/message.ts';

export const CITE = {
  calendar: '民法典第二百条',
  startNotCounted: '民法典第二百零一条',
  correspondingDay: '民法典第二百零二条',
  restDayRoll: '民法典第二百零三条',
  endOfLastDay: '民法典第二百零三条第二款',
  override: '民法典第二百零四条',
  bounds: '民法典第一千二百五十九条',
  workingDays: '行政许可法第八十二条；行政复议法第八十八条',
} as const;

/** Art. 204: another counting method, declared explicitly by law or agreement (e.g. a policy). */
export interface CountingOverride {
  /** One or more of: startDayCounted (开始当日计入), noRollForward (不顺延), joined by + , 、 or space. */
  rule: string;
  /** Where the other method is laid down, e.g. the policy's article "第十条". */
  cite: string;
}

interface OverrideFlags {
  startDayCounted: boolean;
  noRollForward: boolean;
}

const OVERRIDE_WORDS: Record<keyof OverrideFlags, string[]> = {
  startDayCounted: ['startDayCounted', '开始当日计入', '开始的当日计入', '当日计入', '含当日', '包括当日'],
  noRollForward: ['noRollForward', '不顺延', '休假日不顺延', '节假日不顺延'],
};

const OVERRIDE_LABEL: Record<keyof OverrideFlags, Message> = {
  startDayCounted: msg('time.override.startDayCounted'),
  noRollForward: msg('time.override.noRollForward'),
};

/** Reads an override rule; anything not understood is an error, never silently ignored. */
export function parseOverride(o: CountingOverride): OverrideFlags {
  const flags: OverrideFlags = { startDayCounted: false, noRollForward: false };
  const tokens = String(o?.rule ?? '')
    .split(/[\s,，、;；+]+/)
    .filter(Boolean);
  if (tokens.length === 0 || !o.cite || !String(o.cite).trim()) {
    throw new CalendarError('BAD_OVERRIDE', msg('calendar.overrideNeedsCite'));
  }
  for (const t of tokens) {
    const key = (Object.keys(OVERRIDE_WORDS) as (keyof OverrideFlags)[]).find((k) => OVERRIDE_WORDS[k].includes(t));
    if (!key) {
      const known = Object.values(OVERRIDE_WORDS)
        .map((w) => w.join(' / '))
        .join('; ');
      throw new CalendarError('BAD_OVERRIDE', msg('calendar.unknownCountingRule', { rule: JSON.stringify(t), known }));
    }
    flags[key] = true;
  }
  return flags;
}

export interface DeadlineInput {
  start: LocalDate;
  period: Period | string;
  calendar: Calendar;
  /** Give the first day on which a "…后" act is allowed instead of the period's last day. */
  after?: boolean;
  override?: CountingOverride;
}

export interface Deadline {
  /** The last day of the period, or with `after` the first day a "…后" act is allowed. */
  end: LocalDate;
  /** The period's last day after 民法典第二百零三条 (equals `end` unless `after`). */
  lastDay: LocalDate;
  /**
   * 暂定: the result depends on a day known only from a computed arrangement (a year whose notice
   * is not out, or a layer marked provisional). Show it with the date; recompute when the
   * arrangement is published (confirmProvisional).
   */
  provisional: boolean;
  /** The arrangement years the result relied on that are provisional (empty when not). */
  provisionalYears: number[];
  /** What was computed, so that it can be computed again on a newer calendar. */
  request: DeadlineRequest;
  /** How, line by line. */
  explanation: Message[];
}

export interface DeadlineRequest {
  start: LocalDate;
  period: Period;
  after: boolean;
  override?: CountingOverride;
  /** The calendar's id, e.g. "national+guangxi". */
  calendar: string;
}

const VALID_UNITS = new Set(['日', '工作日', '月', '年']);

function requirePeriod(p: Period | string): Period {
  if (typeof p === 'string') {
    const r = readPeriod(p);
    if (isFailure(r)) throw new CalendarError('BAD_PERIOD', legalTextMessage(r.error));
    return r;
  }
  if (!p || !VALID_UNITS.has(p.unit) || !Number.isSafeInteger(p.amount) || p.amount < 1) {
    throw new CalendarError('BAD_PERIOD', msg('calendar.badPeriod', { period: JSON.stringify(p) }));
  }
  return p;
}

/** Several parts of one line, "a；b；c" (a list of two or more). */
function joined(parts: Arg[]): Arg {
  return parts.reduce((a, b) => (a === undefined ? b : msg('time.and', { a, b })), undefined as Arg);
}

const PROVISIONAL = msg('time.provisionalMark');

/**
 * "跳过 skipped …" lines for the rest days among from..to (inclusive): one line per run of rest
 * days under one name (a holiday block, or plain weekend days), naming each day's kind.
 */
function restRuns(cal: Calendar, from: LocalDate, to: LocalDate, lines: Message[], onWorking?: (d: LocalDate, k: number) => void): void {
  type Run = {
    from: LocalDate;
    to: LocalDate;
    key: string;
    label: string;
    days: { date: LocalDate; kind: DayKind }[];
    provisional: boolean;
  };
  let run: Run | null = null;
  const flush = () => {
    if (!run) return;
    const r: Run = run;
    const kinds = [...new Set(r.days.map((d) => d.kind))];
    const what =
      kinds.length === 1
        ? DAY_KIND_LABEL[kinds[0]!]
        : joined(
            kinds.map((k) =>
              msg('time.kindDates', {
                kind: DAY_KIND_LABEL[k],
                dates: r.days
                  .filter((d) => d.kind === k)
                  .map((d) => d.date.slice(5))
                  .join('、'),
              }),
            ),
          );
    const body = r.label ? msg('time.labelled', { label: r.label, what }) : what;
    const mark = r.provisional ? PROVISIONAL : undefined;
    lines.push(
      r.days.length === 1
        ? msg('time.line.skipOne', { date: dateText(r.from), body, mark })
        : msg('time.line.skipRun', { from: r.from, to: r.to, n: r.days.length, body, mark }),
    );
    run = null;
  };
  let k = 0;
  for (let n = dayNumber(from), last = dayNumber(to); n <= last; n++) {
    const d = dateOf(n);
    const info = dayInfo(cal, d);
    if (info.working) {
      flush();
      k++;
      onWorking?.(d, k);
      continue;
    }
    const where = info.mark && info.mark.layer.level !== 'national' ? `${info.mark.layer.name} ` : '';
    const label = info.mark ? `${where}${info.mark.name}` : '';
    const key = info.mark ? `${info.mark.layer.id}:${info.mark.name}` : '';
    if (run && run.key === key) {
      run.to = d;
      run.days.push({ date: d, kind: info.kind });
      run.provisional ||= info.provisional;
    } else {
      flush();
      run = { from: d, to: d, key, label, days: [{ date: d, kind: info.kind }], provisional: info.provisional };
    }
  }
  flush();
}

/** The date a court would compute for a period, with its explanation. Throws CalendarError. */
export function computeDeadline(input: DeadlineInput): Deadline {
  const { calendar: cal } = input;
  const start = requireLocalDate(input.start, msg('calendar.what.start'));
  const period = requirePeriod(input.period);
  const flags = input.override ? parseOverride(input.override) : { startDayCounted: false, noRollForward: false };
  const lines: Message[] = [
    msg('time.line.start', { date: dateText(start) }),
    msg('time.line.period', { period: describePeriod(period), cite: CITE.calendar }),
    msg('time.line.calendar', { layers: cal.layers.map((l) => `${l.id} (${l.name})`).join(' + ') }),
  ];
  if (input.override) {
    const active = (Object.keys(flags) as (keyof OverrideFlags)[]).filter((k) => flags[k]).map((k) => OVERRIDE_LABEL[k]);
    lines.push(msg('time.line.override', { active: joined(active), cite: input.override.cite, article: CITE.override }));
  }

  let lastDay: LocalDate;
  // The days whose status the result depends on (none when no day is looked up).
  let consulted: [LocalDate, LocalDate] | null;
  if (period.unit === '工作日') {
    lastDay = workingDayPeriod(cal, start, period.amount, flags, lines);
    consulted = [addDays(flags.startDayCounted ? addDays(start, -1) : start, 1), lastDay];
  } else {
    const nominal = calendarPeriod(start, period, flags, lines);
    lastDay = rollForward(cal, nominal, flags, lines);
    consulted = flags.noRollForward ? null : [nominal, lastDay];
  }
  const provisionalYears = consulted && anyProvisional(cal, consulted[0], consulted[1]) ? provisionalYearsIn(cal, consulted) : [];
  const provisional = provisionalYears.length > 0;
  lines.splice(3, 0, ...(consulted ? basisLines(cal, consulted) : []));
  if (provisional) {
    lines.push(msg('time.line.provisional', { yearsZh: provisionalYears.join('、'), years: provisionalYears.join(', ') }));
  }
  const mark = provisional ? PROVISIONAL : undefined;

  let end = lastDay;
  if (input.after) {
    end = addDays(lastDay, 1);
    lines.push(msg('time.line.after', { lastDay, endCite: CITE.endOfLastDay, cites: `${CITE.startNotCounted}、${CITE.restDayRoll}` }));
    lines.push(msg('time.line.resultAfter', { date: dateText(end), mark }));
  } else {
    lines.push(msg('time.line.resultLastDay', { date: dateText(end), mark }));
  }
  const request: DeadlineRequest = {
    start,
    period,
    after: input.after === true,
    ...(input.override ? { override: input.override } : {}),
    calendar: cal.id,
  };
  return { end, lastDay, provisional, provisionalYears, request, explanation: lines };
}

/** The arrangement years deciding the days in [from, to]: late December also needs the next year's. */
function arrangementYears([from, to]: [LocalDate, LocalDate]): number[] {
  const out: number[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) {
    out.push(y);
    if (to >= `${y}-${YEAR_END_SPILL_FROM}` && from <= `${y}-12-31`) out.push(y + 1);
  }
  return [...new Set(out)];
}

function provisionalYearsIn(cal: Calendar, range: [LocalDate, LocalDate]): number[] {
  return arrangementYears(range).filter((y) => cal.provisionalYears.includes(y));
}

/** 「依据 basis」 lines: the notice, or the provisional basis, of each layer's arrangement years. */
function basisLines(cal: Calendar, range: [LocalDate, LocalDate]): Message[] {
  const years = arrangementYears(range).filter((y) => cal.years.includes(y));
  const out: Message[] = [];
  for (const layer of cal.layers) {
    if (layer.level === 'local') continue; // a closure is named on the day it decides
    const provisional = years.filter((y) => layer.provisionalYears?.includes(y));
    for (const y of years.filter((x) => !provisional.includes(x))) {
      const ns = (layer.notices ?? []).filter((n) => n.year === y);
      out.push(
        msg('time.line.basis', {
          year: y,
          layer: layer.name,
          basis: ns.length === 1 ? describeNotice(ns[0]!) : ns.length ? clauses(ns.map(describeNotice)) : layer.source,
        }),
      );
    }
    if (provisional.length)
      out.push(msg('time.line.basis', { year: provisional.join('、'), layer: layer.name, basis: layer.provisionalBasis }));
  }
  return out;
}

/** 日/月/年: the nominal last day, before 民法典第二百零三条. */
function calendarPeriod(start: LocalDate, period: Period, flags: OverrideFlags, lines: Message[]): LocalDate {
  if (flags.startDayCounted) lines.push(msg('time.line.startCounted', { date: start, cite: CITE.override }));
  else lines.push(msg('time.line.startNotCounted', { date: addDays(start, 1), cite: CITE.startNotCounted }));
  if (period.unit === '日') {
    const nominal = addDays(start, flags.startDayCounted ? period.amount - 1 : period.amount);
    lines.push(msg('time.line.days', { n: period.amount, date: dateText(nominal), day: nominal }));
    return nominal;
  }
  const months = period.unit === '年' ? period.amount * 12 : period.amount;
  if (isHalfYear(period)) lines.push(msg('time.line.halfYear'));
  const { date: corresponding, monthEnd } = addMonthsCorresponding(start, months);
  const by = msg(period.unit === '年' ? 'time.by.year' : 'time.by.month');
  if (monthEnd) {
    const [month, day] = [corresponding.slice(0, 7), Number(start.slice(8))];
    lines.push(msg('time.line.monthEnd', { by, month, day, date: corresponding, cite: CITE.correspondingDay }));
  } else {
    lines.push(msg('time.line.corresponding', { by, date: corresponding, cite: CITE.correspondingDay }));
  }
  if (!flags.startDayCounted) return corresponding;
  // With the start day counted, the period ends the day before the corresponding day.
  const nominal = addDays(corresponding, -1);
  lines.push(msg('time.line.startCountedEarlier', { date: nominal, cite: CITE.override }));
  return nominal;
}

/** 民法典第二百零三条: a last day on a rest day moves to the first working day after it. */
function rollForward(cal: Calendar, nominal: LocalDate, flags: OverrideFlags, lines: Message[]): LocalDate {
  if (flags.noRollForward) {
    lines.push(msg('time.line.noRoll', { date: dateText(nominal), cite: CITE.override, roll: CITE.restDayRoll }));
    return nominal;
  }
  const info = dayInfo(cal, nominal);
  if (info.working) {
    const why =
      info.mark && !info.mark.isOffDay
        ? msg('time.why.makeup', { reason: info.reason })
        : msg('time.why.working', { mark: info.provisional ? PROVISIONAL : undefined });
    lines.push(msg('time.line.lastDayWorking', { date: dateText(nominal), why, cite: CITE.restDayRoll }));
    return nominal;
  }
  const rolled = nextWorkingDayOnOrAfter(cal, nominal);
  lines.push(msg('time.line.lastDayRest', { date: dateText(nominal), reason: info.reason, rolled, cite: CITE.restDayRoll }));
  restRuns(cal, nominal, addDays(rolled, -1), lines);
  return rolled;
}

/** 工作日: count working days only, the start day not counted. */
function workingDayPeriod(cal: Calendar, start: LocalDate, n: number, flags: OverrideFlags, lines: Message[]): LocalDate {
  const base = flags.startDayCounted ? addDays(start, -1) : start;
  lines.push(
    flags.startDayCounted
      ? msg('time.line.workingDaysStartCounted', { cites: `${CITE.workingDays}；${CITE.override}` })
      : msg('time.line.workingDaysCounted', { cites: `${CITE.workingDays}；${CITE.startNotCounted}` }),
  );
  if (flags.noRollForward) lines.push(msg('time.line.noRollWorkingDays'));
  const end = addWorkingDays(cal, base, n);
  restRuns(cal, addDays(base, 1), end, lines, (d, k) => {
    const info = dayInfo(cal, d);
    const special = info.mark !== undefined;
    // Every day is listed for short periods; for long ones, only the 调休 days and the last.
    if (n <= 10 || special || k === n)
      lines.push(
        msg('time.line.workingDay', {
          k,
          date: dateText(d),
          reason: special ? info.reason : undefined,
          mark: info.provisional && !special ? PROVISIONAL : undefined,
        }),
      );
  });
  const skipped = daysBetween(base, end) - n;
  lines.push(msg('time.line.workingDaysTotal', { n, skipped }));
  return end;
}

// ——— 民法典第一千二百五十九条: 以上、以下、以内、届满 include the number; 不满、超过、以外 exclude it.

export type Qualifier = '以上' | '以下' | '以内' | '届满' | '不满' | '超过' | '以外';

export const QUALIFIERS: readonly Qualifier[] = ['以上', '以下', '以内', '届满', '不满', '超过', '以外'];

export function qualifierIncludesBound(q: Qualifier): boolean {
  return q === '以上' || q === '以下' || q === '以内' || q === '届满';
}

/** value against bound under a qualifier: 以上/届满 ≥, 以下/以内 ≤, 超过/以外 >, 不满 <. */
export function meetsQualifier(value: number, bound: number, q: Qualifier): boolean {
  switch (q) {
    case '以上':
    case '届满':
      return value >= bound;
    case '以下':
    case '以内':
      return value <= bound;
    case '超过':
    case '以外':
      return value > bound;
    case '不满':
      return value < bound;
  }
}

/**
 * Whether `date` stands in the qualified relation to a period from `start`, e.g. an exit on `date`
 * after a notice on `start` given 「提前半年以上」: date ≥ the period's last day (exactly six months
 * suffices). 以内: date ≤ last day; 超过: date > last day; 不满: date < last day.
 */
export function checkPeriod(input: Omit<DeadlineInput, 'after'> & { date: LocalDate; qualifier: Qualifier }): {
  holds: boolean;
  lastDay: LocalDate;
  explanation: Message[];
} {
  const date = requireLocalDate(input.date, msg('calendar.what.date'));
  if (!QUALIFIERS.includes(input.qualifier)) {
    throw new CalendarError(
      'BAD_PERIOD',
      msg('calendar.unknownQualifier', { qualifier: JSON.stringify(input.qualifier), known: QUALIFIERS.join(' ') }),
    );
  }
  const d = computeDeadline({ ...input, after: false });
  const cmp = date < d.lastDay ? -1 : date > d.lastDay ? 1 : 0;
  const holds = meetsQualifier(cmp, 0, input.qualifier);
  const inc = msg(qualifierIncludesBound(input.qualifier) ? 'time.includesBound' : 'time.excludesBound');
  const op = { 以上: '≥', 届满: '≥', 以下: '≤', 以内: '≤', 超过: '>', 以外: '>', 不满: '<' }[input.qualifier];
  const explanation = [
    ...d.explanation.slice(0, -1),
    msg('time.line.qualifier', { q: input.qualifier, inc, cite: CITE.bounds, date, op, lastDay: d.lastDay }),
    msg('time.line.holds', { verdict: msg(holds ? 'time.holds' : 'time.notHolds') }),
  ];
  return { holds, lastDay: d.lastDay, explanation };
}

export interface DeadlineStatus {
  /** running: before the last day; lastDay: today is it; passed: it has run out. */
  state: 'running' | 'lastDay' | 'passed';
  /** Calendar days from today to the last day (negative once passed). */
  daysLeft: number;
  /** Working days in (today, end]; absent when the calendar cannot tell. */
  workingDaysLeft?: number;
  /** workingDaysLeft counts days known only provisionally (暂定). */
  provisional?: true;
}

/** Where `today` stands against a deadline's last day. `today` is an input, never the clock. */
export function deadlineStatus(input: { today: LocalDate; end: LocalDate; calendar: Calendar }): DeadlineStatus {
  const today = requireLocalDate(input.today, msg('calendar.what.today'));
  const end = requireLocalDate(input.end, msg('calendar.what.end'));
  const daysLeft = daysBetween(today, end);
  const state = daysLeft > 0 ? 'running' : daysLeft === 0 ? 'lastDay' : 'passed';
  try {
    const workingDaysLeft = workingDaysBetween(input.calendar, today, end);
    const [lo, hi] = today < end ? [addDays(today, 1), end] : [addDays(end, 1), today];
    return { state, daysLeft, workingDaysLeft, ...(anyProvisional(input.calendar, lo, hi) ? { provisional: true as const } : {}) };
  } catch (e) {
    if (e instanceof CalendarError && e.code === 'NO_DATA') return { state, daysLeft };
    throw e;
  }
}

export interface ProvisionalCheck {
  /**
   * confirmed: the calendar now settles every day the result depends on, and the dates stand;
   * changed: it settles them and a date moved; provisional: it still relies on a computed year.
   */
  status: 'confirmed' | 'changed' | 'provisional';
  before: { end: LocalDate; lastDay: LocalDate };
  after: Deadline;
}

/**
 * A result computed earlier (perhaps provisionally) against the same request on `calendar`, e.g.
 * once the State Council's notice for a provisional year has been imported. Pure.
 */
export function confirmProvisional(result: Pick<Deadline, 'end' | 'lastDay' | 'request'>, calendar: Calendar): ProvisionalCheck {
  const { start, period, after, override } = result.request;
  const fresh = computeDeadline({ start, period, calendar, after, ...(override ? { override } : {}) });
  const same = fresh.end === result.end && fresh.lastDay === result.lastDay;
  const status = fresh.provisional ? (same ? 'provisional' : 'changed') : same ? 'confirmed' : 'changed';
  return { status, before: { end: result.end, lastDay: result.lastDay }, after: fresh };
}
