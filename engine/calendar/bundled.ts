// The calendars shipped with landflow: the national layer from the bundled holiday-cn files (with
// each year's notice, and provisional years up to PROVISIONAL_LAST_YEAR), the regional layers in
// layers/, and the stacking of layers for a place. Pure (JSON modules, no fs), so it also runs in
// the browser; years imported by `landflow calendar import` come in through load.ts.
import { holidayCnCommit, holidayCnYears } from './data/index.ts';
import bundledNotices from './data/notices.json' with { type: 'json' };
import guangxi from './layers/guangxi.json' with { type: 'json' };
import { buildCalendar, type Calendar } from './calendar.ts';
import { CalendarError } from './errors.ts';
import { nationalLayerFromHolidayCn, PROVISIONAL_LAST_YEAR, validateLayer, type CalendarLayer, type Notice } from './layer.ts';
import { msg } from '../../dsl/message.ts';

export const bundledSourceCommit = holidayCnCommit;

const notices = bundledNotices.notices as Record<string, Notice[]>;

/** The years of the bundled holiday-cn files. */
export const bundledYears: readonly number[] = holidayCnYears.map((f) => (f as { year: number }).year).sort((a, b) => a - b);

/**
 * The national layer: the bundled years, each replaced by an imported file of the same year if one
 * is given, plus the imported years; every other year up to PROVISIONAL_LAST_YEAR is provisional.
 */
export function nationalLayerWith(imported: readonly unknown[] = []): CalendarLayer {
  const importedYears = new Set(imported.map((f) => (f as { year?: unknown })?.year));
  const kept = holidayCnYears.filter((f) => !importedYears.has((f as { year: number }).year));
  return nationalLayerFromHolidayCn([...kept, ...imported], { notices, provisionalThrough: PROVISIONAL_LAST_YEAR });
}

export const nationalLayer: CalendarLayer = nationalLayerWith();

/** Regional layers shipped as data files (layers/*.json), each naming its source. */
export const regionalLayers: readonly CalendarLayer[] = [validateLayer(guangxi, 'engine/calendar/layers/guangxi.json')];

function layersOf(national: CalendarLayer): Readonly<Record<string, CalendarLayer>> {
  return Object.freeze(Object.fromEntries([national, ...regionalLayers].map((l) => [l.id, l])));
}

/** Layers known without further input: national and the bundled regional layers. */
export const bundledLayers: Readonly<Record<string, CalendarLayer>> = layersOf(nationalLayer);

/** The known layers when some years were imported (their national layer rebuilt with them). */
export function layersWithImported(imported: readonly unknown[]): Readonly<Record<string, CalendarLayer>> {
  return imported.length ? layersOf(nationalLayerWith(imported)) : bundledLayers;
}

// Building an index costs a few milliseconds: keep one per set of known layers and stack.
const cache = new WeakMap<object, Map<string, Calendar>>();

/**
 * The calendar for a place: the named layers stacked national → regional → local. The national
 * layer is added when not named. Unknown ids are an error listing the known ones, never a fallback.
 */
export function calendarFor(
  layerIds: readonly string[] = ['national'],
  known: Readonly<Record<string, CalendarLayer>> = bundledLayers,
): Calendar {
  const ids = [...new Set(layerIds.map((s) => s.trim()).filter(Boolean))];
  const unknown = ids.filter((id) => !Object.hasOwn(known, id));
  if (unknown.length) {
    throw new CalendarError(
      'UNKNOWN_LAYER',
      msg('calendar.unknownLayer', { ids: unknown.join(', '), known: Object.keys(known).join(', ') }),
    );
  }
  const layers = ids.map((id) => known[id]!);
  if (!layers.some((l) => l.level === 'national')) {
    const national = Object.values(known).find((l) => l.level === 'national');
    if (!national) throw new CalendarError('UNKNOWN_LAYER', msg('calendar.noNational'));
    layers.unshift(national);
  }
  const key = layers.map((l) => l.id).join('+');
  let byKey = cache.get(known);
  if (!byKey) cache.set(known, (byKey = new Map()));
  let cal = byKey.get(key);
  if (!cal) byKey.set(key, (cal = buildCalendar(layers)));
  return cal;
}

/** The bundled calendar for the given layer ids (default: national). */
export function bundledCalendar(ids?: string[]): Calendar {
  return calendarFor(ids ?? ['national']);
}
