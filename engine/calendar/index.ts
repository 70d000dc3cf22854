// Legal time: the working-day calendar and period arithmetic (《民法典》第二百条至第二百零四条、
// 第一千二百五十九条). The public face of engine/calendar; everything here is pure.
export { CalendarError, type CalendarErrorCode } from './errors.ts';
export {
  addDays,
  addMonthsCorresponding,
  compareDates,
  daysBetween,
  isLocalDate,
  parseLocalDate,
  weekday,
  weekdayLabel,
  type LocalDate,
} from './date.ts';
export { parsePeriod, parseChineseNumber, describePeriod, type Period, type PeriodUnit } from './period.ts';
export {
  addWorkingDays,
  buildCalendar,
  dayInfo,
  isKnownDay,
  isWorkingDay,
  listedDays,
  nextWorkingDayOnOrAfter,
  requireYear,
  workingDaysBetween,
  YEAR_END_SPILL_FROM,
  type Calendar,
  type DayInfo,
  type DayMark,
  type LayerInfo,
} from './calendar.ts';
export {
  nationalLayerFromHolidayCn,
  validateHolidayCnYear,
  validateLayer,
  type CalendarLayer,
  type HolidayCnYear,
  type LayerDay,
  type LayerLevel,
} from './layer.ts';
export {
  CITE,
  checkPeriod,
  computeDeadline,
  deadlineStatus,
  meetsQualifier,
  parseOverride,
  qualifierIncludesBound,
  QUALIFIERS,
  type CountingOverride,
  type Deadline,
  type DeadlineInput,
  type DeadlineStatus,
  type Qualifier,
} from './deadline.ts';
export { bundledCalendar, bundledLayers, bundledSourceCommit, calendarFor, calendarForOrNational, nationalLayer } from './bundled.ts';
