// Units of the policy language: dimensions, exact conversion factors and the canonical spelling.
// A unit is a product of base dimensions with integer exponents ("元/亩/年" = 元¹·亩⁻¹·年⁻¹) and an
// exact rational scale relative to the canonical runtime units (元, 亩, 年, 日, 工作日, 人, 户, 岁).
// Days and working days are separate dimensions on purpose: a working-day period cannot be turned
// into calendar days or months without a holiday calendar (domain.md §1).
import { msg, type Message } from './message.ts';

/** Base dimensions, in the order they are printed. */
export const BASE_DIMENSIONS = ['元', '亩', '年', '日', '工作日', '人', '户', '岁'] as const;
export type BaseDimension = (typeof BASE_DIMENSIONS)[number];

/** Non-zero exponents only; the empty object is dimensionless. */
export type Dimension = Readonly<Partial<Record<BaseDimension, number>>>;

/** An exact positive rational (bigint numerator / denominator, reduced). */
export interface Ratio {
  readonly n: bigint;
  readonly d: bigint;
}

export interface Unit {
  readonly dimension: Dimension;
  /** Value in canonical units = written value × scale. */
  readonly scale: Ratio;
  /** Canonical spelling of the dimension ("元/亩/年"; "" when dimensionless). */
  readonly canonical: string;
}

interface UnitWord {
  base: BaseDimension;
  scale: Ratio;
}

const r = (n: bigint, d: bigint = 1n): Ratio => reduce(n, d);

/** Every unit word the language knows, with its factor to the canonical unit of its dimension. */
const UNIT_WORDS: Record<string, UnitWord> = {
  元: { base: '元', scale: r(1n) },
  千元: { base: '元', scale: r(1000n) },
  万元: { base: '元', scale: r(10000n) },
  亿元: { base: '元', scale: r(100000000n) },
  亩: { base: '亩', scale: r(1n) },
  // 1 公顷 = 10 000 m² = 15 亩, hence 1 m² = 15/10 000 亩 exactly.
  公顷: { base: '亩', scale: r(15n) },
  平方米: { base: '亩', scale: r(15n, 10000n) },
  '㎡': { base: '亩', scale: r(15n, 10000n) },
  年: { base: '年', scale: r(1n) },
  月: { base: '年', scale: r(1n, 12n) },
  个月: { base: '年', scale: r(1n, 12n) },
  日: { base: '日', scale: r(1n) },
  天: { base: '日', scale: r(1n) },
  工作日: { base: '工作日', scale: r(1n) },
  人: { base: '人', scale: r(1n) },
  户: { base: '户', scale: r(1n) },
  岁: { base: '岁', scale: r(1n) },
};

/** The unit words (for suggestions and for the expression parser). */
export const unitWords: readonly string[] = Object.keys(UNIT_WORDS);

export function isUnitWord(word: string): boolean {
  return Object.prototype.hasOwnProperty.call(UNIT_WORDS, word);
}

export const DIMENSIONLESS: Unit = { dimension: {}, scale: r(1n), canonical: '' };

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

export function reduce(n: bigint, d: bigint): Ratio {
  if (d === 0n) throw new RangeError('zero denominator');
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const g = gcd(n, d) || 1n;
  return { n: n / g, d: d / g };
}

export function ratioMul(a: Ratio, b: Ratio): Ratio {
  return reduce(a.n * b.n, a.d * b.d);
}

export function ratioDiv(a: Ratio, b: Ratio): Ratio {
  return reduce(a.n * b.d, a.d * b.n);
}

function ratioPow(a: Ratio, e: number): Ratio {
  let out: Ratio = { n: 1n, d: 1n };
  const base = e < 0 ? { n: a.d, d: a.n } : a;
  for (let i = 0; i < Math.abs(e); i++) out = ratioMul(out, base);
  return out;
}

function combine(a: Dimension, b: Dimension, sign: 1 | -1): Dimension {
  const out: Partial<Record<BaseDimension, number>> = {};
  for (const base of BASE_DIMENSIONS) {
    const e = (a[base] ?? 0) + sign * (b[base] ?? 0);
    if (e !== 0) out[base] = e;
  }
  return out;
}

export const mulDimension = (a: Dimension, b: Dimension): Dimension => combine(a, b, 1);
export const divDimension = (a: Dimension, b: Dimension): Dimension => combine(a, b, -1);

/** "元/亩/年", "元·亩", "亩^2", "1/年", "" — one spelling per dimension, so equal dimensions print equal. */
export function formatDimension(dim: Dimension): string {
  let num = '';
  let den = '';
  for (const base of BASE_DIMENSIONS) {
    const e = dim[base];
    if (!e) continue;
    const word = Math.abs(e) === 1 ? base : `${base}^${Math.abs(e)}`;
    if (e > 0) num += (num ? '·' : '') + word;
    else den += '/' + word;
  }
  if (!num && den) num = '1';
  return num + den;
}

export function sameDimension(a: Dimension, b: Dimension): boolean {
  return BASE_DIMENSIONS.every((base) => (a[base] ?? 0) === (b[base] ?? 0));
}

export function isDimensionless(dim: Dimension): boolean {
  return BASE_DIMENSIONS.every((base) => !dim[base]);
}

/** A unit for messages: "元/亩/年" as written, or the word for none when dimensionless. */
export function unitWord(canonical: string): string | Message {
  return canonical === '' ? msg('unit.dimensionless') : canonical;
}

export type UnitParse = { unit: Unit } | { error: Message; word?: string };

/**
 * Parses a unit as written in a policy: words joined by "/" (divide) and "·" or "*" (multiply),
 * each optionally raised with "^n" ("元/亩/年", "万元/亩", "公顷", "工作日", "1/年", "亩^2").
 * The empty string is dimensionless.
 */
export function parseUnit(text: string): UnitParse {
  const src = text.replace(/\s+/g, '');
  if (src === '') return { unit: DIMENSIONLESS };
  let dimension: Dimension = {};
  let scale: Ratio = { n: 1n, d: 1n };
  // Split keeping the operators: "元/亩·年" → ["元", "/", "亩", "·", "年"].
  const parts = src.split(/([/·*])/);
  let sign: 1 | -1 = 1;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (i % 2 === 1) {
      sign = part === '/' ? -1 : 1;
      continue;
    }
    if (part === '') return { error: msg('unit.malformed', { text }) };
    if (part === '1' && i === 0) continue;
    const m = /^(.+?)(?:\^(-?\d+)|([²³]))?$/.exec(part)!;
    const wordText = m[1]!;
    const exp = (m[2] ? Number(m[2]) : m[3] === '²' ? 2 : m[3] === '³' ? 3 : 1) * sign;
    const word = UNIT_WORDS[wordText];
    if (!word) return { error: msg('unit.unknown', { word: wordText }), word: wordText };
    dimension = combine(dimension, { [word.base]: exp }, 1);
    scale = ratioMul(scale, ratioPow(word.scale, exp));
  }
  return { unit: { dimension, scale, canonical: formatDimension(dimension) } };
}

/** The canonical spelling of a unit, or undefined when it does not parse. */
export function canonicalUnit(text: string): string | undefined {
  const p = parseUnit(text);
  return 'unit' in p ? p.unit.canonical : undefined;
}

/** The exact factor converting a value written in `from` into `to` (same dimension), or an error. */
export function conversionFactor(from: string, to: string): { factor: Ratio } | { error: Message } {
  const a = parseUnit(from);
  if ('error' in a) return a;
  const b = parseUnit(to);
  if ('error' in b) return b;
  if (!sameDimension(a.unit.dimension, b.unit.dimension)) {
    return { error: msg('unit.noConversion', { from: unitWord(a.unit.canonical), to: unitWord(b.unit.canonical) }) };
  }
  return { factor: ratioDiv(a.unit.scale, b.unit.scale) };
}
