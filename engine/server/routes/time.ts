// Legal time over HTTP: a year's listed days (holidays and 调休), and a deadline with its
// explanation. A year the calendar only knows provisionally is flagged (provisional: true); one it
// cannot compute at all is a 422 naming the year, never a guess.
import type { FastifyInstance } from 'fastify';
import { CalendarError, computeDeadline, isProvisionalDay, listedDays, requireYear, type Calendar } from '../../calendar/index.ts';
import { CaseError } from '../../cases/errors.ts';
import { calendarResponse, deadlineResponse } from '../responses.ts';
import { calendarQuery, deadlineBody } from '../schemas.ts';

function calendarError(e: unknown, paths: Partial<Record<string, string>>): unknown {
  if (!(e instanceof CalendarError)) return e;
  const path = paths[e.code];
  if (e.code === 'NO_DATA') return new CaseError('unprocessable', 'NO_CALENDAR', e.message, { ...(e.year ? { year: e.year } : {}) });
  return new CaseError('invalid', e.code, e.message, path ? { path } : {});
}

export function timeRoutes(app: FastifyInstance, calendarFor: (layers: string[]) => Calendar): void {
  const layers = (s: string | undefined) => (s ? s.split(/[,+\s]+/).filter(Boolean) : ['national']);

  app.get<{ Querystring: { year: string; calendar?: string } }>(
    '/api/calendar',
    {
      schema: {
        summary: "A year's holidays and make-up working days",
        tags: ['time'],
        querystring: calendarQuery,
        response: calendarResponse,
      },
    },
    async (req) => {
      const year = Number(req.query.year);
      try {
        const cal = calendarFor(layers(req.query.calendar));
        requireYear(cal, year);
        const days = listedDays(cal, year).map((d) => ({
          date: d.date,
          name: d.name,
          isOffDay: d.isOffDay,
          layer: d.layer.id,
          provisional: isProvisionalDay(cal, d.date),
        }));
        return { year, calendar: cal.id, provisional: cal.provisionalYears.includes(year), days };
      } catch (e) {
        throw calendarError(e, { UNKNOWN_LAYER: '/calendar' });
      }
    },
  );

  app.post<{ Body: { start: string; period: string; after?: boolean; calendar?: string } }>(
    '/api/deadline',
    { schema: { summary: 'Count a legal period', tags: ['time'], body: deadlineBody, response: deadlineResponse } },
    async (req) => {
      try {
        const cal = calendarFor(layers(req.body.calendar));
        const d = computeDeadline({ start: req.body.start, period: req.body.period, calendar: cal, after: req.body.after === true });
        return {
          end: d.end,
          lastDay: d.lastDay,
          provisional: d.provisional,
          provisionalYears: d.provisionalYears,
          explanation: d.explanation,
        };
      } catch (e) {
        throw calendarError(e, { BAD_DATE: '/start', BAD_PERIOD: '/period', UNKNOWN_LAYER: '/calendar' });
      }
    },
  );
}
