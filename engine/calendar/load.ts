// The calendar's only door to the file system: reading a holiday-cn directory (for the refresh
// script), a layer file (for --layer), and the folder of years added by `landflow calendar import`.
// Everything else in engine/calendar is pure.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { localDataDir } from '../store/db-target.ts';
import { calendarFor, layersWithImported } from './bundled.ts';
import type { Calendar } from './calendar.ts';
import { CalendarError } from './errors.ts';
import { validateHolidayCnYear, validateLayer, type CalendarLayer, type HolidayCnYear } from './layer.ts';
import { msg } from '../../dsl/message.ts';

function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new CalendarError(
      'BAD_LAYER',
      msg('calendar.cannotRead', { path, code: (e as NodeJS.ErrnoException).code ?? (e as Error).message }),
    );
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new CalendarError('BAD_LAYER', msg('calendar.notJson', { path, detail: (e as Error).message }));
  }
}

export interface HolidayCnDir {
  dir: string;
  years: { year: number; file: string; text: string; data: HolidayCnYear }[];
  license: string;
  /** The source commit, from SOURCE_COMMIT.txt or the checkout's .git/HEAD. */
  commit: string;
}

function commitOf(dir: string): string | null {
  const f = join(dir, 'SOURCE_COMMIT.txt');
  if (existsSync(f)) return readFileSync(f, 'utf8').trim().split(/\s+/)[0] ?? null;
  const head = join(dir, '.git', 'HEAD');
  if (!existsSync(head)) return null;
  const ref = readFileSync(head, 'utf8').trim();
  if (/^[0-9a-f]{40}$/.test(ref)) return ref;
  const m = /^ref: (.+)$/.exec(ref);
  const refFile = m ? join(dir, '.git', m[1]!) : '';
  return m && existsSync(refFile) ? readFileSync(refFile, 'utf8').trim() : null;
}

/** Reads every YYYY.json of a holiday-cn checkout or copy, with its LICENSE and source commit. */
export function readHolidayCnDir(dir: string, fromYear = 0): HolidayCnDir {
  if (!existsSync(dir)) throw new CalendarError('BAD_LAYER', msg('file.noDirectory', { dir }));
  const files = readdirSync(dir)
    .filter((f) => /^\d{4}\.json$/.test(f))
    .sort();
  const years = files
    .filter((f) => Number(f.slice(0, 4)) >= fromYear)
    .map((f) => {
      const file = join(dir, f);
      const text = readFileSync(file, 'utf8');
      const data = validateHolidayCnYear(readJson(file), f);
      if (data.year !== Number(f.slice(0, 4))) {
        throw new CalendarError('BAD_LAYER', msg('calendar.yearMismatch', { file: f, year: data.year }));
      }
      return { year: data.year, file, text, data };
    });
  if (years.length === 0) throw new CalendarError('BAD_LAYER', msg('calendar.noYearFiles', { dir, from: fromYear || undefined }));
  const licenseFile = join(dir, 'LICENSE');
  if (!existsSync(licenseFile)) throw new CalendarError('BAD_LAYER', msg('calendar.noLicense', { dir }));
  const commit = commitOf(dir);
  if (!commit || !/^[0-9a-f]{7,40}$/.test(commit)) {
    throw new CalendarError('BAD_LAYER', msg('calendar.noCommit', { dir }));
  }
  return { dir, years, license: readFileSync(licenseFile, 'utf8'), commit };
}

/** Reads a layer file: {id, name, level, source, years?, days: [{date, name, isOffDay}]}. */
export function readLayerFile(path: string): CalendarLayer {
  return validateLayer(readJson(path), path);
}

/**
 * The folder of imported years: $LANDFLOW_CALENDAR_DIR, else `calendar/` in the database's local
 * folder (engine/store/db-target.ts localDataDir: data/calendar/ for the default data/landflow.db
 * and for PostgreSQL). Relative paths resolve against `cwd`.
 */
export function calendarDir(opts: { env: Record<string, string | undefined>; cwd: string; target: string }): string {
  const chosen = opts.env.LANDFLOW_CALENDAR_DIR;
  return chosen ? resolve(opts.cwd, chosen) : join(localDataDir(opts.target, opts.cwd), 'calendar');
}

/** The YYYY.json files of an imported-years folder, checked; a missing folder holds none. */
export function readImportedYears(dir: string): HolidayCnYear[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /^\d{4}\.json$/.test(f))
    .sort()
    .map((f) => {
      const data = validateHolidayCnYear(readJson(join(dir, f)), join(dir, f));
      if (data.year !== Number(f.slice(0, 4))) {
        throw new CalendarError('BAD_LAYER', msg('calendar.yearMismatch', { file: join(dir, f), year: data.year }));
      }
      return data;
    });
}

/** The known layers with the years imported into `dir` (the bundled ones when it holds none). */
export function installedLayers(dir: string): Readonly<Record<string, CalendarLayer>> {
  return layersWithImported(readImportedYears(dir));
}

/** A calendar source for a host (server, case CLI): the installed layers of `dir`, read once. */
export function installedCalendarFor(dir: string): (layers: string[]) => Calendar {
  const known = installedLayers(dir);
  return (layers) => calendarFor(layers, known);
}
