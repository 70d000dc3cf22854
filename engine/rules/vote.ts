// Vote arithmetic: quorum first, then the threshold, in integers only (「三分之二以上」 passes when
// yes×3 ≥ base×2; 「过半数」 when yes×2 > base). 以上 includes the bound, 超过/过半数 excludes it
// (民法典第一千二百五十九条). Pure: the rule and the vote in, the decision and its reasons out.
import type { Cite, Threshold, VoteBase, VoteRule } from '../../dsl/policy-model.ts';
import type { Vote } from '../../dsl/case-model.ts';

export type { Threshold, VoteBase, VoteRule, Vote };

export interface VoteDecision {
  passed: boolean;
  /** What settled it: the quorum failed, or the threshold was (or was not) met. */
  decidedBy: 'quorum' | 'threshold';
  cite: Cite;
  /** Chinese, then English: "赞成 20 人 ≥ 应到 30 人的三分之二以上 (20×3 ≥ 30×2)，通过 — …". */
  detail: string;
  /** The fewest yes votes that pass the threshold on this base. */
  required: number;
  /** The quorum check, when the rule has one. */
  quorum?: { met: boolean; count: number; base: number; required: number; cite: Cite };
}

export interface VoteError {
  error: string;
  /** The offending field of the vote, e.g. "vote.present". */
  field: string;
}

const BASE_LABEL: Record<VoteBase, { zh: string; en: string }> = {
  entitled: { zh: '应到', en: 'entitled members' },
  present: { zh: '到会', en: 'members present' },
  households: { zh: '户代表', en: 'households' },
  all: { zh: '全体成员', en: 'all members' },
};

const FRACTION_EN: Record<string, string> = { '1/2': 'half', '2/3': 'two thirds', '3/4': 'three quarters', '1/1': 'all', '4/5': 'four fifths' };

function thresholdEn(t: Threshold): string {
  const f = FRACTION_EN[`${t.num}/${t.den}`] ?? `${t.num}/${t.den}`;
  return `${t.inclusive ? 'at least' : 'more than'} ${f}`;
}

/** yes passes t on base (integers only). */
export function meetsThreshold(yes: number, base: number, t: Threshold): boolean {
  return t.inclusive ? yes * t.den >= base * t.num : yes * t.den > base * t.num;
}

/** The fewest votes meeting t on base. */
export function requiredVotes(base: number, t: Threshold): number {
  const p = base * t.num;
  return t.inclusive ? Math.floor((p + t.den - 1) / t.den) : Math.floor(p / t.den) + 1;
}

function checkThreshold(t: Threshold, where: string): VoteError | null {
  if (!t || !Number.isSafeInteger(t.num) || !Number.isSafeInteger(t.den) || t.den <= 0 || t.num < 0 || t.num > t.den) {
    return { error: `表决比例无效 invalid threshold: ${JSON.stringify(t)}`, field: where };
  }
  return null;
}

const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

/** Checks the vote's own arithmetic: non-negative integers, yes+no+abstain ≤ present ≤ entitled. */
export function validateVote(vote: Vote, rule?: VoteRule): VoteError | null {
  if (!vote || typeof vote !== 'object') return { error: '缺少表决结果 no vote given', field: 'vote' };
  for (const k of ['entitled', 'present', 'yes', 'no', 'abstain'] as const) {
    if (!isCount(vote[k])) return { error: `${k} 应为非负整数 must be a non-negative whole number: ${JSON.stringify(vote[k])}`, field: `vote.${k}` };
  }
  for (const k of ['households', 'householdsPresent'] as const) {
    if (vote[k] !== undefined && !isCount(vote[k])) {
      return { error: `${k} 应为非负整数 must be a non-negative whole number: ${JSON.stringify(vote[k])}`, field: `vote.${k}` };
    }
  }
  const cast = vote.yes + vote.no + vote.abstain;
  if (cast > vote.present) {
    return {
      error: `赞成、反对、弃权合计 ${cast} 人，多于到会 ${vote.present} 人 yes+no+abstain (${vote.yes}+${vote.no}+${vote.abstain} = ${cast}) exceeds those present (${vote.present})`,
      field: 'vote.present',
    };
  }
  if (vote.present > vote.entitled) {
    return { error: `到会 ${vote.present} 人多于应到 ${vote.entitled} 人 more present (${vote.present}) than entitled (${vote.entitled})`, field: 'vote.present' };
  }
  if (vote.households !== undefined && vote.householdsPresent !== undefined && vote.householdsPresent > vote.households) {
    return {
      error: `到会户数 ${vote.householdsPresent} 多于总户数 ${vote.households} more households present than there are`,
      field: 'vote.householdsPresent',
    };
  }
  if (rule) {
    const needsHouseholds = rule.base === 'households' || rule.quorum?.base === 'households';
    if (needsHouseholds && vote.households === undefined) {
      return { error: `按户代表计算须给出总户数 a household base needs vote.households (${rule.body})`, field: 'vote.households' };
    }
    if (rule.quorum?.base === 'households' && vote.householdsPresent === undefined) {
      return { error: `按户计算到会须给出到会户数 a household quorum needs vote.householdsPresent`, field: 'vote.householdsPresent' };
    }
    if (rule.base === 'households') {
      const cap = vote.householdsPresent ?? vote.households!;
      if (vote.yes > cap) return { error: `赞成 ${vote.yes} 户多于到会户数 ${cap} more yes votes than households present`, field: 'vote.yes' };
    }
    // Older callers may still pass a single body name.
    const bodies: string[] = Array.isArray(rule.body) ? rule.body : rule.body ? [rule.body as unknown as string] : [];
    if (bodies.length && vote.body && !bodies.includes(vote.body)) {
      return { error: `表决机构不符 the vote was held by ${vote.body}, the rule needs ${bodies.join(' 或 or ')}`, field: 'vote.body' };
    }
  }
  return null;
}

function baseCount(vote: Vote, base: VoteBase): number {
  switch (base) {
    case 'entitled':
    case 'all':
      return vote.entitled;
    case 'present':
      return vote.present;
    case 'households':
      return vote.households!;
  }
}

const UNIT = (base: VoteBase) => (base === 'households' ? '户' : '人');

/** Decides a vote under a rule: the quorum (if any) on its own base, then the threshold. */
export function decideVote(rule: VoteRule, vote: Vote): VoteDecision | VoteError {
  const bad =
    checkThreshold(rule?.threshold, 'rule.threshold') ??
    (rule?.quorum ? checkThreshold(rule.quorum.threshold, 'rule.quorum.threshold') : null) ??
    (rule?.quorum?.base === 'present' ? { error: '法定人数不能以到会人数为基数 a quorum cannot be counted on those present', field: 'rule.quorum.base' } : null) ??
    (rule && !(rule.base in BASE_LABEL) ? { error: `未知的表决基数 unknown vote base: ${JSON.stringify(rule.base)}`, field: 'rule.base' } : null) ??
    validateVote(vote, rule);
  if (bad) return bad;

  const t = rule.threshold;
  const base = baseCount(vote, rule.base);
  const required = requiredVotes(base, t);
  const u = UNIT(rule.base);
  const label = BASE_LABEL[rule.base];

  let quorum: VoteDecision['quorum'];
  if (rule.quorum) {
    const q = rule.quorum;
    const households = q.base === 'households';
    const count = households ? vote.householdsPresent! : vote.present;
    const qBase = households ? vote.households! : vote.entitled;
    const qRequired = requiredVotes(qBase, q.threshold);
    const met = meetsThreshold(count, qBase, q.threshold);
    quorum = { met, count, base: qBase, required: qRequired, cite: q.cite };
    if (!met) {
      const qu = households ? '户' : '人';
      const qLabel = households ? '总户数' : '应到';
      const rel = q.threshold.inclusive ? '<' : '≤';
      return {
        passed: false,
        decidedBy: 'quorum',
        cite: q.cite,
        required,
        quorum,
        detail:
          `${vote.body ?? ''}到会 ${count} ${qu}，未达${qLabel} ${qBase} ${qu}的${q.threshold.text} (${count}×${q.threshold.den} ${rel} ${qBase}×${q.threshold.num})，至少须 ${qRequired} ${qu}到会，会议不足法定人数，表决无效 — ` +
          `quorum not met: ${count} ${households ? 'households' : 'present'} of ${qBase}, ${thresholdEn(q.threshold)} needed (${qRequired}); the vote does not count`,
      };
    }
  }

  const passed = meetsThreshold(vote.yes, base, t);
  const relYes = t.inclusive ? (passed ? '≥' : '<') : passed ? '>' : '≤';
  const arith = `${vote.yes}×${t.den} ${relYes} ${base}×${t.num}`;
  const quorumNote = quorum ? `到会 ${quorum.count}/${quorum.base}，法定人数已满足；` : '';
  const quorumNoteEn = quorum ? `quorum met (${quorum.count} of ${quorum.base}); ` : '';
  const detail = passed
    ? `${quorumNote}赞成 ${vote.yes} ${u} ${relYes} ${label.zh} ${base} ${u}的${t.text} (${arith})，通过 — ` +
      `${quorumNoteEn}${vote.yes} yes is ${thresholdEn(t)} of ${base} ${label.en} (${arith}): passed`
    : `${quorumNote}赞成 ${vote.yes} ${u}，未达${label.zh} ${base} ${u}的${t.text} (${arith})，至少须 ${required} ${u}，未通过 — ` +
      `${quorumNoteEn}${vote.yes} yes is not ${thresholdEn(t)} of ${base} ${label.en} (${arith}); ${required} needed: not passed`;
  return { passed, decidedBy: 'threshold', cite: rule.cite, detail, required, ...(quorum ? { quorum } : {}) };
}

// ——— Threshold text: 三分之二以上, 2/3以上, 过半数, 半数以上, 四分之三以上, 超过50%, 50%以上, 全体一致

const CN_DIGIT: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

function cnSmall(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  if (s.length === 1 && s in CN_DIGIT) return CN_DIGIT[s]!;
  return null;
}

/** Reads a threshold as written in a policy or statute; errors are returned, not thrown. */
export function parseThreshold(text: string): Threshold | { error: string } {
  const written = typeof text === 'string' ? text.trim() : '';
  const fail = { error: `无法识别的表决比例 unrecognised threshold: ${JSON.stringify(text)} (应为 expected e.g. 三分之二以上, 2/3以上, 过半数, 半数以上, 超过50%, 50%以上)` };
  let s = written.replace(/[\s\u3000]+/g, '').replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 48)).replace(/％/g, '%').replace(/／/g, '/');
  if (!s) return fail;
  if (/^(?:全体一致|一致同意|全体同意|全票|全体成员一致同意)$/.test(s)) return { num: 1, den: 1, inclusive: true, text: written };

  // Exclusive prefix (超过 …, 过 …) or an inclusive/exclusive suffix (…以上, …及以上).
  let inclusive: boolean | null = null;
  const pre = /^(超过|多于|过)(.+)$/.exec(s);
  if (pre) {
    inclusive = false;
    s = pre[2]!;
  }
  const suf = /^(.+?)(及以上|以上)$/.exec(s);
  if (suf) {
    if (inclusive === false) return fail; // "超过…以上" contradicts itself
    inclusive = true;
    s = suf[1]!;
  }
  if (inclusive === null) return fail;

  let num: number;
  let den: number;
  let m: RegExpExecArray | null;
  if (s === '半数' || s === '半' || s === '二分之一' || s === '一半') {
    num = 1;
    den = 2;
  } else if ((m = /^(.+)分之(.+)$/.exec(s))) {
    const d = cnSmall(m[1]!);
    const n = cnSmall(m[2]!);
    if (d === null || n === null) return fail;
    num = n;
    den = d;
  } else if ((m = /^(\d+)\/(\d+)$/.exec(s))) {
    num = Number(m[1]);
    den = Number(m[2]);
  } else if ((m = /^(\d+)(?:\.(\d+))?%$/.exec(s))) {
    const frac = m[2] ?? '';
    num = Number(m[1]! + frac);
    den = 100 * 10 ** frac.length;
  } else {
    return fail;
  }
  if (den <= 0 || num <= 0 || num > den) return fail;
  const g = gcd(num, den);
  return { num: num / g, den: den / g, inclusive, text: written };
}
