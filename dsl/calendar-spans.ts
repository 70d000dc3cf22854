// How many calendar days a period can take on the national calendar of 2020–2050
// (official years and the provisional ones engine/calendar computes): the least and the most
// days from a period's start day (not counted, 民法典第二百零一条) to its last day, with the first
// start where the most is reached and the rest days it crosses. The policy checker reads these in
// the browser, which has no holiday data (dsl/check/timing.ts). Generated from engine/calendar by
// tools/generate-calendar-spans.ts; test/engine/calendar/spans.test.ts fails when it is stale. Do not edit.

export interface SpanFact {
  n: number;
  min: number;
  max: number;
  from: string;
  crosses: string;
}

export interface CalendarSpans {
  calendar: string;
  years: [number, number];
  /** The longest run of rest days: the most 民法典第二百零三条 can move a last day on. */
  longestRest: { days: number; from: string; crosses: string };
  /** n 工作日, n = 1, 2, …: the span to the n-th working day. */
  workingDays: SpanFact[];
  /** n 月, n = 1, 2, …: the span to the corresponding day (民法典第二百零二条), before any roll past rest days. */
  months: SpanFact[];
}

export const CALENDAR_SPANS: CalendarSpans = {
  calendar: 'national',
  years: [2020, 2050],
  longestRest: { days: 10, from: '2020-01-24', crosses: '春节' },
  workingDays: [
    { n: 1, min: 1, max: 11, from: '2020-01-23', crosses: '春节' },
    { n: 2, min: 2, max: 12, from: '2020-01-22', crosses: '春节' },
    { n: 3, min: 3, max: 13, from: '2020-01-21', crosses: '春节' },
    { n: 4, min: 4, max: 15, from: '2037-09-23', crosses: '中秋节、国庆节' },
    { n: 5, min: 5, max: 17, from: '2027-01-29', crosses: '春节' },
    { n: 6, min: 6, max: 19, from: '2037-09-23', crosses: '中秋节、国庆节' },
    { n: 7, min: 7, max: 20, from: '2037-09-18', crosses: '中秋节、国庆节' },
    { n: 8, min: 9, max: 21, from: '2037-09-17', crosses: '中秋节、国庆节' },
    { n: 9, min: 10, max: 24, from: '2037-09-18', crosses: '中秋节、国庆节' },
    { n: 10, min: 11, max: 25, from: '2037-09-17', crosses: '中秋节、国庆节' },
    { n: 11, min: 12, max: 26, from: '2037-09-16', crosses: '中秋节、国庆节' },
    { n: 12, min: 14, max: 27, from: '2030-09-11', crosses: '中秋节、国庆节' },
    { n: 13, min: 16, max: 28, from: '2030-09-10', crosses: '中秋节、国庆节' },
    { n: 14, min: 17, max: 31, from: '2037-09-11', crosses: '中秋节、国庆节' },
    { n: 15, min: 18, max: 32, from: '2030-09-06', crosses: '中秋节、国庆节' },
    { n: 16, min: 19, max: 33, from: '2027-12-31', crosses: '元旦、春节' },
    { n: 17, min: 21, max: 34, from: '2027-12-30', crosses: '元旦、春节' },
    { n: 18, min: 23, max: 38, from: '2046-12-28', crosses: '元旦、春节' },
    { n: 19, min: 24, max: 39, from: '2046-12-27', crosses: '元旦、春节' },
    { n: 20, min: 25, max: 40, from: '2046-12-26', crosses: '元旦、春节' },
    { n: 21, min: 26, max: 41, from: '2046-12-25', crosses: '元旦、春节' },
    { n: 22, min: 28, max: 42, from: '2040-12-28', crosses: '元旦、春节' },
    { n: 23, min: 30, max: 45, from: '2040-12-28', crosses: '元旦、春节' },
    { n: 24, min: 31, max: 46, from: '2040-12-27', crosses: '元旦、春节' },
    { n: 25, min: 32, max: 47, from: '2040-12-26', crosses: '元旦、春节' },
    { n: 26, min: 33, max: 48, from: '2040-12-25', crosses: '元旦、春节' },
    { n: 27, min: 35, max: 49, from: '2031-12-31', crosses: '元旦、春节' },
    { n: 28, min: 37, max: 52, from: '2040-12-21', crosses: '元旦、春节' },
    { n: 29, min: 38, max: 53, from: '2040-12-20', crosses: '元旦、春节' },
    { n: 30, min: 39, max: 54, from: '2031-12-26', crosses: '元旦、春节' },
    { n: 31, min: 41, max: 55, from: '2031-12-25', crosses: '元旦、春节' },
    { n: 32, min: 42, max: 56, from: '2031-12-24', crosses: '元旦、春节' },
    { n: 33, min: 44, max: 59, from: '2031-12-26', crosses: '元旦、春节' },
    { n: 34, min: 45, max: 60, from: '2031-12-25', crosses: '元旦、春节' },
    { n: 35, min: 46, max: 61, from: '2031-12-19', crosses: '元旦、春节' },
    { n: 36, min: 48, max: 62, from: '2031-12-18', crosses: '元旦、春节' },
    { n: 37, min: 49, max: 63, from: '2031-12-17', crosses: '元旦、春节' },
    { n: 38, min: 51, max: 66, from: '2031-12-19', crosses: '元旦、春节' },
    { n: 39, min: 52, max: 67, from: '2031-12-18', crosses: '元旦、春节' },
    { n: 40, min: 53, max: 68, from: '2031-12-12', crosses: '元旦、春节' },
    { n: 41, min: 55, max: 69, from: '2031-12-11', crosses: '元旦、春节' },
    { n: 42, min: 56, max: 70, from: '2031-12-10', crosses: '元旦、春节' },
    { n: 43, min: 58, max: 73, from: '2031-12-12', crosses: '元旦、春节' },
    { n: 44, min: 59, max: 74, from: '2031-12-11', crosses: '元旦、春节' },
    { n: 45, min: 60, max: 78, from: '2045-02-15', crosses: '春节、清明节、劳动节' },
    { n: 46, min: 62, max: 79, from: '2045-02-14', crosses: '春节、清明节、劳动节' },
    { n: 47, min: 63, max: 82, from: '2045-02-15', crosses: '春节、清明节、劳动节' },
    { n: 48, min: 65, max: 83, from: '2045-02-10', crosses: '春节、清明节、劳动节' },
    { n: 49, min: 66, max: 84, from: '2045-02-09', crosses: '春节、清明节、劳动节' },
    { n: 50, min: 67, max: 87, from: '2029-02-09', crosses: '春节、清明节、劳动节' },
    { n: 51, min: 69, max: 88, from: '2029-02-08', crosses: '春节、清明节、劳动节' },
    { n: 52, min: 70, max: 90, from: '2035-02-06', crosses: '春节、清明节、劳动节' },
    { n: 53, min: 72, max: 91, from: '2035-02-05', crosses: '春节、清明节、劳动节' },
    { n: 54, min: 73, max: 94, from: '2035-02-02', crosses: '春节、清明节、劳动节' },
    { n: 55, min: 74, max: 95, from: '2035-02-01', crosses: '春节、清明节、劳动节' },
    { n: 56, min: 76, max: 96, from: '2035-01-31', crosses: '春节、清明节、劳动节' },
    { n: 57, min: 77, max: 97, from: '2035-01-30', crosses: '春节、清明节、劳动节' },
    { n: 58, min: 79, max: 98, from: '2035-01-29', crosses: '春节、清明节、劳动节' },
    { n: 59, min: 80, max: 101, from: '2035-01-26', crosses: '春节、清明节、劳动节' },
    { n: 60, min: 81, max: 102, from: '2035-01-25', crosses: '春节、清明节、劳动节' },
  ],
  months: [
    { n: 1, min: 28, max: 31, from: '2020-01-01', crosses: '' },
    { n: 2, min: 59, max: 62, from: '2020-07-01', crosses: '' },
    { n: 3, min: 89, max: 92, from: '2020-03-01', crosses: '' },
    { n: 4, min: 120, max: 123, from: '2020-05-01', crosses: '' },
    { n: 5, min: 150, max: 153, from: '2020-03-01', crosses: '' },
    { n: 6, min: 181, max: 184, from: '2020-03-01', crosses: '' },
    { n: 7, min: 212, max: 215, from: '2020-07-01', crosses: '' },
    { n: 8, min: 242, max: 245, from: '2020-03-01', crosses: '' },
    { n: 9, min: 273, max: 276, from: '2020-05-01', crosses: '' },
    { n: 10, min: 303, max: 306, from: '2020-03-01', crosses: '' },
    { n: 11, min: 334, max: 337, from: '2020-03-01', crosses: '' },
    { n: 12, min: 365, max: 366, from: '2020-01-01', crosses: '' },
    { n: 13, min: 393, max: 397, from: '2020-01-01', crosses: '' },
    { n: 14, min: 424, max: 428, from: '2023-07-01', crosses: '' },
    { n: 15, min: 454, max: 458, from: '2023-03-01', crosses: '' },
    { n: 16, min: 485, max: 489, from: '2023-05-01', crosses: '' },
    { n: 17, min: 515, max: 519, from: '2023-03-01', crosses: '' },
    { n: 18, min: 546, max: 550, from: '2023-03-01', crosses: '' },
    { n: 19, min: 577, max: 581, from: '2023-07-01', crosses: '' },
    { n: 20, min: 607, max: 611, from: '2023-03-01', crosses: '' },
    { n: 21, min: 638, max: 642, from: '2023-05-01', crosses: '' },
    { n: 22, min: 668, max: 672, from: '2023-03-01', crosses: '' },
    { n: 23, min: 699, max: 703, from: '2023-03-01', crosses: '' },
    { n: 24, min: 730, max: 731, from: '2020-01-01', crosses: '' },
    { n: 25, min: 758, max: 762, from: '2020-01-01', crosses: '' },
    { n: 26, min: 789, max: 793, from: '2022-07-01', crosses: '' },
    { n: 27, min: 819, max: 823, from: '2022-03-01', crosses: '' },
    { n: 28, min: 850, max: 854, from: '2022-05-01', crosses: '' },
    { n: 29, min: 880, max: 884, from: '2022-03-01', crosses: '' },
    { n: 30, min: 911, max: 915, from: '2022-03-01', crosses: '' },
    { n: 31, min: 942, max: 946, from: '2022-07-01', crosses: '' },
    { n: 32, min: 972, max: 976, from: '2022-03-01', crosses: '' },
    { n: 33, min: 1003, max: 1007, from: '2022-05-01', crosses: '' },
    { n: 34, min: 1033, max: 1037, from: '2022-03-01', crosses: '' },
    { n: 35, min: 1064, max: 1068, from: '2022-03-01', crosses: '' },
    { n: 36, min: 1095, max: 1096, from: '2020-01-01', crosses: '' },
  ],
};
