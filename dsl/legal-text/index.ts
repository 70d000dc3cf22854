// The one reader of legal text (issue #13): numbers, periods and voting thresholds as policies,
// statutes and clerks write them. Pure TypeScript: the checker, the compiler, the calendar, the
// vote rules, the expression language and the browser editor all read with these functions, so a
// text means the same wherever it is read.
export {
  legalTextMessage,
  isFailure,
  LEGAL_TEXT_MESSAGES,
  MAX_PERIOD_AMOUNT,
  type LegalTextCode,
  type LegalTextError,
  type LegalTextFailure,
  type Reading,
} from './errors.ts';
export { normaliseLegalText, readChineseNumber, readFraction, readNumeral } from './numerals.ts';
export { comparePeriods, isHalfYear, looksLikePeriod, readPeriod, samePeriod, type Period, type PeriodUnit } from './period.ts';
export { readThreshold, type Threshold } from './threshold.ts';
