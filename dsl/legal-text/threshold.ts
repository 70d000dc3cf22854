// Voting thresholds as statutes and policies write them: 三分之二以上, 2/3以上, 过半数, 半数以上,
// 超过三分之二, 四分之三以上, 百分之五十以上, 50%以上, 超过50%, 全体一致. Whether the bound itself
// passes follows 民法典第一千二百五十九条: 以上 includes the number, 超过 excludes it (过/多于 read
// as 超过); a share with neither (三分之二) is refused rather than guessed. docs/votes.md.
import type { Threshold } from '../policy-model.ts';
import { failure, isFailure, type LegalTextFailure } from './errors.ts';
import { normaliseLegalText, readFraction } from './numerals.ts';

export type { Threshold };

const UNANIMOUS = new Set(['全体一致', '一致同意', '全体同意', '全票', '全体成员一致同意']);
const HALF = new Set(['半数', '半', '一半']);
/** Lower bounds: the vote passes from the bound (以上) or beyond it (超过). */
const EXCLUSIVE_PREFIX = /^(超过|多于|过)(.+)$/;
const INCLUSIVE_SUFFIX = /^(.+?)(及以上|以上)$/;
/** Upper bounds (民法典第一千二百五十九条's 以下, 以内, 不满, 以外, and their kin): never a pass mark. */
const UPPER_PREFIX = /^(不满|不足|不超过|少于|低于)./;
const UPPER_SUFFIX = /.(以下|以内|之内|以外)$/;

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** The share a threshold names, without its bound: 半数, 三分之二, 2/3, 50%, 66.7%. */
function readShare(s: string, text: string): { num: number; den: number } | LegalTextFailure | null {
  if (HALF.has(s)) return { num: 1, den: 2 };
  if (s.includes('分之')) return readFraction(s, 'threshold', text);
  let m = /^(\d+)\/(\d+)$/.exec(s);
  if (m) return { num: Number(m[1]), den: Number(m[2]) };
  m = /^(\d+)(?:\.(\d+))?%$/.exec(s);
  if (m) {
    const decimals = m[2] ?? '';
    return { num: Number(m[1]! + decimals), den: 100 * 10 ** decimals.length };
  }
  return null;
}

/** Reads a threshold as written in a policy or statute; a problem comes back as data. */
export function readThreshold(text: string): Threshold | LegalTextFailure {
  if (typeof text !== 'string') return failure('NOT_TEXT', { reading: 'threshold', text: String(text) });
  const written = text.trim();
  const args = { reading: 'threshold' as const, text: written };
  let s = normaliseLegalText(written);
  if (UNANIMOUS.has(s)) return { num: 1, den: 1, inclusive: true, text: written };
  const upper = UPPER_PREFIX.exec(s) ?? UPPER_SUFFIX.exec(s);
  if (upper) return failure('THRESHOLD_UPPER_BOUND', { ...args, word: upper[1]! });

  let inclusive: boolean | null = null;
  const pre = EXCLUSIVE_PREFIX.exec(s);
  if (pre) {
    inclusive = false;
    s = pre[2]!;
  }
  const suf = INCLUSIVE_SUFFIX.exec(s);
  if (suf) {
    if (inclusive === false) return failure('THRESHOLD_CONTRADICTS', args);
    inclusive = true;
    s = suf[1]!;
  }
  const share = readShare(s, written);
  if (share === null) return failure('THRESHOLD_FORM', args);
  if (isFailure(share)) return share;
  if (inclusive === null) return failure('THRESHOLD_NO_BOUND', args);
  const { num, den } = share;
  if (!Number.isSafeInteger(num) || !Number.isSafeInteger(den) || den <= 0 || num <= 0 || num > den)
    return failure('THRESHOLD_RANGE', args);
  const g = gcd(num, den);
  return { num: num / g, den: den / g, inclusive, text: written };
}
