// The calendars shipped with landflow: the national layer from the bundled holiday-cn files, and
// the stacking of layers for a place. Pure (JSON modules, no fs), so it also runs in the browser.
import { holidayCnCommit, holidayCnYears } from './data/index.ts';
import { buildCalendar, type Calendar } from './calendar.ts';
import { CalendarError } from './errors.ts';
import { nationalLayerFromHolidayCn, type CalendarLayer } from './layer.ts';

export const nationalLayer: CalendarLayer = nationalLayerFromHolidayCn(holidayCnYears);

export const bundledSourceCommit = holidayCnCommit;

/**
 * Layers known without further input. No regional layer is bundled: a region's own holidays
 * (e.g. 广西「三月三」) may only come from that region's official notice, passed in as a layer.
 */
export const bundledLayers: Readonly<Record<string, CalendarLayer>> = Object.freeze({ national: nationalLayer });

// Building an index costs a few milliseconds: keep one per set of known layers and stack.
const cache = new WeakMap<object, Map<string, Calendar>>();

/**
 * The calendar for a place: the named layers stacked national → regional → local. The national
 * layer is added when not named. Unknown ids are an error listing the known ones.
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
      `未知的日历 unknown calendar: ${unknown.join(', ')}; 已知 known: ${Object.keys(known).join(', ')}`,
    );
  }
  const layers = ids.map((id) => known[id]!);
  if (!layers.some((l) => l.level === 'national')) {
    const national = Object.values(known).find((l) => l.level === 'national');
    if (!national) throw new CalendarError('UNKNOWN_LAYER', '没有全国日历层 no national calendar layer is known');
    layers.unshift(national);
  }
  const key = layers.map((l) => l.id).join('+');
  let byKey = cache.get(known);
  if (!byKey) cache.set(known, (byKey = new Map()));
  let cal = byKey.get(key);
  if (!cal) byKey.set(key, (cal = buildCalendar(layers)));
  return cal;
}

/**
 * The bundled calendar for the layers a policy names; layers that are not bundled fall back to the
 * national calendar (said in every explanation's calendar line), so a case can still be counted.
 */
export function calendarForOrNational(layerIds: readonly string[]): Calendar {
  try {
    return calendarFor(layerIds);
  } catch (e) {
    if (e instanceof CalendarError && e.code === 'UNKNOWN_LAYER') return bundledCalendar();
    throw e;
  }
}

/** The bundled calendar for the given layer ids (default: national). */
export function bundledCalendar(ids?: string[]): Calendar {
  return calendarFor(ids ?? ['national']);
}
