// The distributions a population spec may use, checked once and turned into samplers. A sampler
// fills one field for a set of rows of a block (households, or parcels) in a loop of its own, each
// row drawing from its own counter-based stream (random.ts): the draws of a row do not depend on
// the other rows or on the order fields are filled in. `by:` brackets read columns filled before
// (generate.ts fills size, headAge and nonFarmIncomeShare first). Every draw is a number, so
// households go straight into typed-array columns: a number as drawn, an enum as the index of its
// value in the field's list, a yes/no as 1/0, a date as its day number. Each sampler also declares
// the range of its draws and how many decimal places the case file prints, which the columnar
// evaluator's bounds are proven from (docs/populations.md).
import { normalQuantiles, uniforms, type StreamRows } from './random.ts';
import { isJsonObject } from '../../../dsl/json-text.ts';
import { msg, type Message } from '../../../dsl/message.ts';
import { dateOf, dayNumber, isLocalDate } from '../../calendar/date.ts';

export type Scalar = number | string | boolean;

/** What a field expects: numbers come back as numbers, enums as one of the allowed strings. */
export type FieldKind =
  | { kind: 'number'; integer?: boolean; min?: number; max?: number }
  | { kind: 'bool' }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'date' };

export interface SpecIssue {
  path: (string | number)[];
  /** A catalogue message (dsl/phrases/compare.ts: population.* and dist.*). */
  message: Message;
}

/** Household fields a `by:` bracket may read (filled before the fields that depend on them). */
export const BY_FIELDS = ['nonFarmIncomeShare', 'headAge', 'size'] as const;
export type ByField = (typeof BY_FIELDS)[number];
/** The columns `by:` brackets read, by household row of the block. */
export type ByColumns = Record<ByField, Float64Array>;

/**
 * Rows a sampler fills: positions `at[0..m)` of the block's column, each drawing from its stream
 * (random.ts StreamRows), with what a bracket reads.
 */
export interface Rows extends StreamRows {
  /** The household row of each position (parcels), or null when positions are household rows. */
  owner: Int32Array | null;
  by: ByColumns;
}

/**
 * Fills a field (a number per row: see above) and says what is known of every draw: the range
 * [lo, hi] (±Infinity when open), the decimal places of the case value it prints as (`places`, at
 * most 6), and, for numbers with a rounding step, the step and how to print a draw exactly ("1.90").
 */
export interface Sampler {
  /** out[at[j]] for j < m. */
  fill(rows: Rows, out: Float64Array): void;
  lo: number;
  hi: number;
  places: number;
  step?: Step;
  format?: (x: number) => string;
  /** Every draw is this number (a plain value in the spec). */
  value?: number;
}

function sampler(fill: Sampler['fill'], lo: number, hi: number, places: number, step?: Step): Sampler {
  const s: Sampler = { fill, lo, hi, places };
  if (step) {
    s.step = step;
    s.format = (x) => formatStep(x, step);
  }
  return s;
}

/** Digits after the point of a number as the case file prints an unstepped draw (at most 6). */
export function placesOf(x: number): number {
  if (!Number.isFinite(x) || Number.isInteger(x)) return 0;
  const t = String(Math.round(x * 1e6) / 1e6);
  return /e/.test(t) ? 6 : t.includes('.') ? t.split('.')[1]!.length : 0;
}

/** A value of a field as a draw: the number itself, 1/0, the enum index, the day number. */
export function encodeValue(v: Scalar, kind: FieldKind): number {
  switch (kind.kind) {
    case 'number':
      return v as number;
    case 'bool':
      return v ? 1 : 0;
    case 'enum':
      return kind.values.indexOf(v as string);
    case 'date':
      return dayNumber(v as string);
  }
}

/** A draw as the case file writes it (numbers are printed by generate.ts, which knows the step). */
export function decodeValue(x: number, kind: FieldKind): Scalar {
  switch (kind.kind) {
    case 'number':
      return x;
    case 'bool':
      return x === 1;
    case 'enum':
      return kind.values[x]!;
    case 'date':
      return dateOf(x);
  }
}

/** Every household gets this value. */
export function constantSampler(v: Scalar, kind: FieldKind): Sampler {
  const x = encodeValue(v, kind);
  const s = sampler(
    (rows, out) => {
      const { m, at } = rows;
      for (let j = 0; j < m; j++) out[at[j]!] = x;
    },
    x,
    x,
    kind.kind === 'number' ? placesOf(x) : 0,
  );
  s.value = x;
  return s;
}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** A rounding step written as a decimal ("0.01", "1", "100"): integer arithmetic formats it. */
export interface Step {
  places: number; // digits after the point
  units: number; // step × 10^places, a positive integer
  value: number; // units / 10^places, the step as a double (what a draw is divided by)
  pow: number; // 10^places
}

/** The step of `units` × 10^-places. */
export function stepOf(places: number, units: number): Step {
  return { places, units, value: units / 10 ** places, pow: 10 ** places };
}

export function parseStep(v: unknown): Step | null {
  if (!isNum(v) || v <= 0) return null;
  const text = String(v);
  if (!/^\d+(\.\d+)?$/.test(text)) return null;
  const places = text.includes('.') ? text.split('.')[1]!.length : 0;
  const units = Math.round(v * 10 ** places);
  if (units <= 0 || places > 6) return null;
  return stepOf(places, units);
}

/** x rounded to a multiple of the step, in units of 10^-places: the integer formatStep prints. */
export function stepUnits(x: number, step: Step): number {
  return Math.round(x / step.value) * step.units;
}

/**
 * Number(formatStep(x, step)) without the string: the division of an exact integer below 2^53 by
 * 10^places is correctly rounded, as parsing the decimal is.
 */
export function stepRound(x: number, step: Step): number {
  const k = stepUnits(x, step);
  return Math.abs(k) <= Number.MAX_SAFE_INTEGER ? k / step.pow : Number(formatStep(x, step));
}

/** x rounded to a multiple of the step, as an exact decimal string ("1.20", "650", "14000"). */
export function formatStep(x: number, step: Step): string {
  const scaled = stepUnits(x, step); // an integer
  if (step.places === 0) return String(scaled);
  const neg = scaled < 0;
  const abs = Math.abs(scaled);
  const div = step.pow;
  const int = Math.floor(abs / div);
  const frac = String(abs - int * div).padStart(step.places, '0');
  return `${neg ? '-' : ''}${int}.${frac}`;
}

interface Ctx {
  issues: SpecIssue[];
  path: (string | number)[];
}

const issue = (c: Ctx, sub: (string | number)[], message: Message) => {
  c.issues.push({ path: [...c.path, ...sub], message });
};

function weightsOf(c: Ctx, v: unknown, kind: FieldKind): { keys: Scalar[]; cum: number[] } | null {
  if (!isJsonObject(v) || Object.keys(v).length === 0) {
    issue(c, ['choice'], msg('dist.choiceMap'));
    return null;
  }
  const keys: Scalar[] = [];
  const cum: number[] = [];
  let total = 0;
  for (const [k, w] of Object.entries(v)) {
    if (!isNum(w) || w < 0) {
      issue(c, ['choice', k], msg('dist.badWeight', { got: JSON.stringify(w) }));
      continue;
    }
    const value = coerceKey(c, ['choice', k], k, kind);
    if (value === undefined) continue;
    total += w;
    keys.push(value);
    cum.push(total);
  }
  if (keys.length && total <= 0) {
    issue(c, ['choice'], msg('dist.zeroWeights'));
    return null;
  }
  return keys.length === Object.keys(v).length ? { keys, cum } : null;
}

/** A choice key (always a string in YAML maps) read as the field's type. */
function coerceKey(c: Ctx, sub: (string | number)[], k: string, kind: FieldKind): Scalar | undefined {
  switch (kind.kind) {
    case 'number': {
      const n = Number(k);
      if (k.trim() === '' || !Number.isFinite(n)) {
        issue(c, sub, msg('dist.valueNumber', { got: JSON.stringify(k) }));
        return undefined;
      }
      return checkNumber(c, sub, n, kind) ? n : undefined;
    }
    case 'bool':
      if (k === 'true' || k === 'false') return k === 'true';
      issue(c, sub, msg('dist.valueBool', { got: JSON.stringify(k) }));
      return undefined;
    case 'enum':
      if (kind.values.includes(k)) return k;
      issue(c, sub, msg('dist.unknownValue', { got: JSON.stringify(k), allowed: kind.values.join(', ') }));
      return undefined;
    case 'date':
      if (isLocalDate(k)) return k;
      issue(c, sub, msg('calendar.badDate', { value: JSON.stringify(k) }));
      return undefined;
  }
}

function checkNumber(c: Ctx, sub: (string | number)[], n: number, kind: FieldKind & { kind: 'number' }): boolean {
  if (kind.integer && !Number.isInteger(n)) {
    issue(c, sub, msg('dist.wholeNumber', { n }));
    return false;
  }
  if (kind.min !== undefined && n < kind.min) {
    issue(c, sub, msg('dist.atLeast', { min: kind.min, n }));
    return false;
  }
  if (kind.max !== undefined && n > kind.max) {
    issue(c, sub, msg('dist.atMost', { max: kind.max, n }));
    return false;
  }
  return true;
}

const CONTINUOUS = ['uniform', 'normal', 'lognormal', 'beta'] as const;
const SHAPE_KEYS = ['choice', 'p', 'by', 'dateRange', ...CONTINUOUS] as const;
const MODIFIERS = ['min', 'max', 'round', 'brackets'];

/**
 * Checks a distribution for a field and returns its sampler, or null after recording issues.
 * Numbers come back as numbers (rounded by `round`, clamped by `min`/`max` and the field's range).
 */
export function compileDist(raw: unknown, kind: FieldKind, issues: SpecIssue[], path: (string | number)[]): Sampler | null {
  const c: Ctx = { issues, path };
  // A plain value: every household gets it.
  if (!isJsonObject(raw)) {
    if (kind.kind === 'date' && (typeof raw === 'string' || (raw as unknown) instanceof Date)) {
      const text = typeof raw === 'string' ? raw : (raw as unknown as Date).toISOString().slice(0, 10);
      if (!isLocalDate(text)) {
        issue(c, [], msg('calendar.badDate', { value: JSON.stringify(raw) }));
        return null;
      }
      return constantSampler(text, kind);
    }
    if (typeof raw === 'number' || typeof raw === 'string' || typeof raw === 'boolean') {
      const v = coerceKey(c, [], String(raw), kind);
      if (v === undefined) return null;
      return constantSampler(v, kind);
    }
    issue(c, [], msg('dist.missing', { shapes: `{ ${SHAPE_KEYS.join(' | ')} }` }));
    return null;
  }
  const shapes = SHAPE_KEYS.filter((k) => k in raw);
  const unknown = Object.keys(raw).filter((k) => !(SHAPE_KEYS as readonly string[]).includes(k) && !MODIFIERS.includes(k));
  for (const k of unknown) issue(c, [k], msg('population.unknownField', { field: k, allowed: [...SHAPE_KEYS, ...MODIFIERS].join(', ') }));
  if (shapes.length !== 1) {
    issue(c, [], msg('dist.oneShape', { shapes: SHAPE_KEYS.join(', '), got: shapes.join(', ') }));
    return null;
  }
  if (unknown.length) return null;
  const shape = shapes[0]!;

  if (shape === 'choice') {
    const w = weightsOf(c, raw.choice, kind);
    if (!w) return null;
    const keys = Float64Array.from(w.keys.map((k) => encodeValue(k, kind)));
    const cum = Float64Array.from(w.cum);
    const total = cum[cum.length - 1]!;
    const lo = Math.min(...keys);
    const hi = Math.max(...keys);
    const places = kind.kind === 'number' ? Math.max(...Array.from(keys, placesOf)) : 0;
    if (keys.length === 1) return constantSampler(w.keys[0]!, kind);
    const last = keys.length - 1;
    return sampler(
      (rows, out) => {
        const { m, at } = rows;
        const u = uniforms(rows, 0);
        for (let j = 0; j < m; j++) {
          const r = at[j]!;
          // The first value whose cumulative weight exceeds x: how many do not (cum only grows),
          // counted without a jump per value.
          const x = u[j]! * total;
          let i = 0;
          for (let k = 0; k < last; k++) i += +(x >= cum[k]!);
          out[r] = keys[i]!;
        }
      },
      lo,
      hi,
      places,
    );
  }
  if (shape === 'p') {
    if (kind.kind !== 'bool') {
      issue(c, ['p'], msg('dist.pOnlyBool'));
      return null;
    }
    const p = raw.p;
    if (!isNum(p) || p < 0 || p > 1) {
      issue(c, ['p'], msg('dist.probability', { got: JSON.stringify(p) }));
      return null;
    }
    return sampler(
      (rows, out) => {
        const { m, at } = rows;
        const u = uniforms(rows, 0);
        for (let j = 0; j < m; j++) out[at[j]!] = +(u[j]! < p);
      },
      0,
      1,
      0,
    );
  }
  if (shape === 'by') return compileBy(c, raw, kind);
  if (shape === 'dateRange') {
    if (kind.kind !== 'date') {
      issue(c, ['dateRange'], msg('dist.dateRangeOnlyDate'));
      return null;
    }
    const r = raw.dateRange;
    const days =
      Array.isArray(r) && r.length === 2
        ? r.map((x) => {
            const text = x instanceof Date ? x.toISOString().slice(0, 10) : String(x);
            return isLocalDate(text) ? dayNumber(text) : null;
          })
        : null;
    if (!days || days[0] === null || days[1] === null || days[0]! > days[1]!) {
      issue(c, ['dateRange'], msg('dist.dateRange'));
      return null;
    }
    const first = days[0]!;
    const span = days[1]! - first + 1;
    return sampler(
      (rows, out) => {
        const { m, at } = rows;
        const u = uniforms(rows, 0);
        for (let j = 0; j < m; j++) out[at[j]!] = first + Math.floor(u[j]! * span);
      },
      first,
      days[1]!,
      0,
    );
  }
  // Continuous shapes: numbers only.
  if (kind.kind !== 'number') {
    issue(c, [shape], msg('dist.onlyNumeric', { shape }));
    return null;
  }
  const cont = continuous(c, shape, raw[shape]);
  if (!cont) return null;
  const lo = raw.min ?? kind.min;
  const hi = raw.max ?? kind.max;
  if (lo !== undefined && !isNum(lo)) return (issue(c, ['min'], msg('dist.number', { key: 'min' })), null);
  if (hi !== undefined && !isNum(hi)) return (issue(c, ['max'], msg('dist.number', { key: 'max' })), null);
  if (isNum(lo) && isNum(hi) && lo > hi) return (issue(c, ['min'], msg('dist.minAboveMax', { lo, hi })), null);
  let step: Step | null = null;
  if (raw.round !== undefined) {
    step = parseStep(raw.round);
    if (!step) return (issue(c, ['round'], msg('dist.round', { got: JSON.stringify(raw.round) })), null);
  } else if (kind.integer) step = stepOf(0, 1);
  const s = step;
  const draw = cont.fill;
  const min = isNum(lo) ? lo : -Infinity;
  const max = isNum(hi) ? hi : Infinity;
  // A clamped draw is printed rounded to the step again: it may lie half a step outside [min, max].
  const half = s ? s.units / 10 ** s.places / 2 : 0;
  const range = [Math.max(min, cont.lo) - half, Math.min(max, cont.hi) + half] as const;
  // Without a step the case file prints at most 6 places; with one, the step's.
  const places = s ? s.places : 6;
  // The shape's raw draws, then rounding and clamping in a second loop over the same rows.
  const fill: Sampler['fill'] = s
    ? (rows, out) => {
        draw(rows, out);
        const { m, at } = rows;
        for (let j = 0; j < m; j++) {
          const r = at[j]!;
          let x = stepRound(out[r]!, s);
          if (x < min) x = min;
          if (x > max) x = max;
          out[r] = x;
        }
      }
    : (rows, out) => {
        draw(rows, out);
        const { m, at } = rows;
        for (let j = 0; j < m; j++) {
          const r = at[j]!;
          let x = out[r]!;
          if (x < min) x = min;
          if (x > max) x = max;
          out[r] = x;
        }
      };
  return sampler(fill, range[0], range[1], places, s ?? undefined);
}

/** A continuous shape's raw draws (Sampler.fill) and their range before rounding and clamping. */
interface Continuous {
  fill: Sampler['fill'];
  lo: number;
  hi: number;
}

function continuous(c: Ctx, shape: (typeof CONTINUOUS)[number], p: unknown): Continuous | null {
  const need = (keys: string[]) => {
    if (!isJsonObject(p) && !(shape === 'uniform' && Array.isArray(p))) {
      issue(c, [shape], msg('dist.needsParams', { shape, keys: `{ ${keys.join(', ')} }` }));
      return null;
    }
    return p as Record<string, unknown>;
  };
  switch (shape) {
    case 'uniform': {
      const arr = Array.isArray(p) ? p : null;
      if (!arr || arr.length !== 2 || !isNum(arr[0]) || !isNum(arr[1]) || arr[0] > arr[1]) {
        issue(c, ['uniform'], msg('dist.uniform'));
        return null;
      }
      const [a, b] = arr as [number, number];
      return {
        fill: (rows, out) => {
          const { m, at } = rows;
          const u = uniforms(rows, 0);
          for (let j = 0; j < m; j++) out[at[j]!] = a + (b - a) * u[j]!;
        },
        lo: a,
        hi: b,
      };
    }
    case 'normal': {
      const q = need(['mean', 'sd']);
      if (!q) return null;
      if (!isNum(q.mean) || !isNum(q.sd) || q.sd < 0) {
        issue(c, ['normal'], msg('dist.normal'));
        return null;
      }
      const mean = q.mean;
      const sd = q.sd;
      return {
        // By the quantile function: one uniform per draw.
        fill: (rows, out) => {
          const { m, at } = rows;
          const z = uniforms(rows, 0);
          normalQuantiles(z, m);
          for (let j = 0; j < m; j++) out[at[j]!] = mean + sd * z[j]!;
        },
        lo: sd === 0 ? mean : -Infinity,
        hi: sd === 0 ? mean : Infinity,
      };
    }
    case 'lognormal': {
      const q = need(['median', 'sigma']);
      if (!q) return null;
      if (!isNum(q.median) || q.median <= 0 || !isNum(q.sigma) || q.sigma < 0) {
        issue(c, ['lognormal'], msg('dist.lognormal'));
        return null;
      }
      const mu = Math.log(q.median);
      const sigma = q.sigma;
      return {
        fill: (rows, out) => {
          const { m, at } = rows;
          const z = uniforms(rows, 0);
          normalQuantiles(z, m);
          for (let j = 0; j < m; j++) out[at[j]!] = Math.exp(mu + sigma * z[j]!);
        },
        lo: sigma === 0 ? Math.exp(mu) : 0,
        hi: sigma === 0 ? Math.exp(mu) : Infinity,
      };
    }
    case 'beta': {
      const q = need(['a', 'b']);
      if (!q) return null;
      if (!isNum(q.a) || q.a <= 0 || !isNum(q.b) || q.b <= 0) {
        issue(c, ['beta'], msg('dist.beta'));
        return null;
      }
      const a = q.a;
      const b = q.b;
      const ga = gammaSampler(a, 0);
      const gb = gammaSampler(b, GAMMA_DRAWS);
      let y = new Float64Array(0);
      return {
        // X / (X + Y) of two gammas, each from its own range of the stream's draws.
        fill: (rows, out) => {
          const { m, at } = rows;
          if (y.length < out.length) y = new Float64Array(out.length);
          ga(rows, out);
          gb(rows, y);
          for (let j = 0; j < m; j++) {
            const r = at[j]!;
            const x = out[r]!;
            out[r] = x / (x + y[r]!);
          }
        },
        lo: 0,
        hi: 1,
      };
    }
  }
}

/** Draws of a stream one gamma variate may take: a boost uniform, then two per try. */
const GAMMA_DRAWS = 32768;
/** The last try whose two draws lie in the variate's range: 16 383 tries in all. */
const LAST_TRY = Math.floor((GAMMA_DRAWS - 3) / 2);

/**
 * Gamma(shape, 1) by Marsaglia–Tsang, column by column: try t of every row still rejected takes
 * draws base + 1 + 2t (a normal, by its quantile) and base + 2 + 2t (the uniform of the test), so
 * all the rows of a try draw together. shape < 1 by the boost gamma(shape + 1) × U^(1/shape), U
 * being draw `base`. A row still rejected after LAST_TRY + 1 tries (each accepts with probability
 * above 0.95) takes its last candidate.
 */
function gammaSampler(shape: number, base: number): (rows: Rows, out: Float64Array) => void {
  const boost = shape < 1;
  const a = boost ? shape + 1 : shape;
  const d = a - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  let open = new Int32Array(0);
  let next = new Int32Array(0);
  let z = new Float64Array(0);
  let w = new Float64Array(0);
  return (rows, out) => {
    const m = rows.m;
    if (open.length < m) {
      open = new Int32Array(m);
      next = new Int32Array(m);
      z = new Float64Array(m);
      w = new Float64Array(m);
    }
    open.set(rows.at.subarray(0, m));
    const trying: StreamRows = { ...rows, at: open, m };
    for (let t = 0; trying.m > 0; t++) {
      uniforms(trying, base + 1 + 2 * t, z);
      normalQuantiles(z, trying.m);
      uniforms(trying, base + 2 + 2 * t, w);
      const last = t === LAST_TRY;
      let k = 0;
      for (let j = 0; j < trying.m; j++) {
        const r = open[j]!;
        const x = z[j]!;
        let v = 1 + c * x;
        if (v > 0) {
          v = v * v * v;
          const u = w[j]!;
          if (last || u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
            out[r] = d * v;
            continue;
          }
        } else if (last) {
          out[r] = d;
          continue;
        }
        next[k++] = r;
      }
      [open, next] = [next, open];
      trying.at = open;
      trying.m = k;
    }
    if (boost) {
      const u = uniforms(rows, base);
      for (let j = 0; j < m; j++) {
        const r = rows.at[j]!;
        out[r] = out[r]! * Math.pow(u[j]!, 1 / shape);
      }
    }
  };
}

/** { by: nonFarmIncomeShare, brackets: [{ below: 0.5, p: 0.1 }, { below: 0.8, value: … }, { p: 0.9 }] } */
function compileBy(c: Ctx, raw: Record<string, unknown>, kind: FieldKind): Sampler | null {
  const by = raw.by;
  if (typeof by !== 'string' || !(BY_FIELDS as readonly string[]).includes(by)) {
    issue(c, ['by'], msg('dist.by', { fields: BY_FIELDS.join(', '), got: JSON.stringify(by) }));
    return null;
  }
  const extra = Object.keys(raw).filter((k) => k !== 'by' && k !== 'brackets');
  for (const k of extra) issue(c, [k], msg('dist.besideBy', { key: k }));
  const list = raw.brackets;
  if (!Array.isArray(list) || list.length === 0) {
    issue(c, ['brackets'], msg('dist.brackets'));
    return null;
  }
  const bounds: number[] = [];
  const samplers: Sampler[] = [];
  let ok = extra.length === 0;
  list.forEach((b, i) => {
    const sub: Ctx = { issues: c.issues, path: [...c.path, 'brackets', i] };
    if (!isJsonObject(b)) {
      issue(sub, [], msg('dist.bracketShape'));
      ok = false;
      return;
    }
    const last = i === list.length - 1;
    if (last ? b.below !== undefined : !isNum(b.below)) {
      issue(sub, ['below'], last ? msg('dist.lastBracket') : msg('dist.belowNumber'));
      ok = false;
    }
    if (!last && bounds.length && isNum(b.below) && b.below <= bounds[bounds.length - 1]!) {
      issue(sub, ['below'], msg('dist.belowIncreasing'));
      ok = false;
    }
    const keys = Object.keys(b).filter((k) => k !== 'below');
    const value = 'value' in b ? b.value : 'p' in b ? { p: b.p } : undefined;
    if (keys.length !== 1 || value === undefined) {
      issue(sub, [], msg('dist.pOrValue'));
      ok = false;
      return;
    }
    const s = compileDist(value, kind, c.issues, 'value' in b ? [...sub.path, 'value'] : sub.path);
    if (!s) {
      ok = false;
      return;
    }
    if (!last) bounds.push(b.below as number);
    samplers.push(s);
  });
  if (!ok) return null;
  const field = by as ByField;
  // No step of its own: a number is printed as any unstepped draw (at most 6 places), unless every
  // bracket is a plain value or choice whose places are known.
  const places =
    kind.kind !== 'number' ? 0 : samplers.some((s) => s.step || s.places === 6) ? 6 : Math.max(...samplers.map((s) => s.places));
  const k = samplers.length;
  const nb = bounds.length;
  const counts = new Int32Array(k);
  // Each bracket's rows, reused from block to block (grown when a block is larger).
  let parts: Int32Array[] = [];
  return sampler(
    (rows, out) => {
      const { m, at, owner } = rows;
      const col = rows.by[field];
      if (!parts[0] || parts[0].length < m) parts = samplers.map(() => new Int32Array(m));
      counts.fill(0);
      for (let j = 0; j < m; j++) {
        const r = at[j]!;
        const x = col[owner === null ? r : owner[r]!]!;
        let i = 0;
        for (let b = 0; b < nb; b++) i += +(x >= bounds[b]!); // bounds increase: the bracket's index
        parts[i]![counts[i]!++] = r;
      }
      for (let i = 0; i < k; i++) if (counts[i]! > 0) samplers[i]!.fill({ ...rows, m: counts[i]!, at: parts[i]! }, out);
    },
    Math.min(...samplers.map((s) => s.lo)),
    Math.max(...samplers.map((s) => s.hi)),
    places,
  );
}
