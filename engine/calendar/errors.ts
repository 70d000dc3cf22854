// The one error type of the calendar. Callers tell the cases apart by `code`; a missing-data
// error also carries the year, so a caller can say which State Council arrangement is needed.
// A message given as data (dsl/message.ts) is kept as such (`text`, dsl/messages.ts TextError) for
// readers of one language; a string is a message its caller still writes in both languages.
import type { Text } from '../../dsl/message.ts';
import { TextError } from '../../dsl/messages.ts';

export type CalendarErrorCode =
  | 'NO_DATA' // a computation touched a day of a year without holiday data
  | 'BAD_DATE' // not a real YYYY-MM-DD date
  | 'BAD_PERIOD' // period text not understood
  | 'BAD_OVERRIDE' // 民法典第二百零四条 override not understood
  | 'UNKNOWN_LAYER' // calendar layer id not known
  | 'BAD_LAYER' // layer data malformed
  | 'YEAR_EXISTS'; // an imported year is already bundled or imported (needs --replace)

export class CalendarError extends TextError {
  override name = 'CalendarError';
  constructor(
    readonly code: CalendarErrorCode,
    message: string | Text,
    /** For NO_DATA: the year whose arrangement is missing. */
    readonly year?: number,
  ) {
    super(message);
  }
}
