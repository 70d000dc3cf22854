// Vote arithmetic: the tally first (it must add up, and somebody must be entitled), the body's
// size where a statute sets one, the quorum, then the threshold — in integers only (「三分之二以上」
// passes when yes×3 ≥ base×2; 「过半数」 when yes×2 > base). 以上 includes the bound, 超过/过半数
// excludes it (民法典第一千二百五十九条). Every count is in the unit of the body that voted
// (dsl/case-vote.ts), and the decision says which. Pure: the rule and the vote in, the decision and
// its reasons out. Threshold texts are read by dsl/legal-text (readThreshold). Sources and
// reading: docs/votes.md.
import type { Cite, Threshold, VoteBase, VoteRule } from '../../dsl/policy-model.ts';
import type { Vote } from '../../dsl/case-model.ts';
import { minimumSizeOf, tallyProblem, unitOfBody, VOTE_UNITS, type VoteUnit } from '../../dsl/case-vote.ts';
import { msg, type Message } from '../../dsl/message.ts';

export type { Threshold, VoteBase, VoteRule, Vote, VoteUnit };

export interface VoteDecision {
  passed: boolean;
  /**
   * What settled it: an empty tally (nobody entitled), the body's size (成员代表大会 of 20 or
   * fewer), the quorum, or the threshold (met or not).
   */
  decidedBy: 'tally' | 'size' | 'quorum' | 'threshold';
  /** The policy's vote rule that decided ("approval.votes.1"), when the caller named it. */
  rule?: string;
  /** The article that decided: the rule's, its quorum's, or the statute on the body's size. */
  cite: Cite;
  /** The unit every count is in: households for a 户主会议, members for a 成员大会 … */
  unit: VoteUnit;
  /** Why, as a message: "赞成 20 人 ≥ 应到 30 人的三分之二以上 (20×3 ≥ 30×2)，通过 — …". */
  detail: Message;
  /** The fewest yes votes that pass the threshold on this base. */
  required: number;
  /** The quorum check, when the rule has one. */
  quorum?: { met: boolean; count: number; base: number; required: number; cite: Cite };
}

export interface VoteError {
  error: Message;
  /** The offending field of the vote or rule, e.g. "vote.present", "rule.base". */
  field: string;
}

/** The id a step's vote rule goes by in decisions and refusals: "<step>.votes.<index>". */
export function voteRuleId(step: string, index: number): string {
  return `${step}.votes.${index}`;
}

const FRACTION_WORD: Record<string, string> = {
  '1/2': 'vote.half',
  '2/3': 'vote.twoThirds',
  '3/4': 'vote.threeQuarters',
  '1/1': 'vote.all',
  '4/5': 'vote.fourFifths',
};

/** A threshold in words: as written in Chinese, "at least two thirds" in English. */
function share(t: Threshold): Message {
  const word = FRACTION_WORD[`${t.num}/${t.den}`];
  return msg('vote.share', {
    text: t.text,
    bound: msg(t.inclusive ? 'vote.atLeast' : 'vote.moreThan'),
    fraction: word ? msg(word) : `${t.num}/${t.den}`,
  });
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
    return { error: msg('vote.badThreshold', { threshold: JSON.stringify(t) ?? 'undefined' }), field: where };
  }
  return null;
}

const BASES: readonly VoteBase[] = ['entitled', 'present', 'households', 'all'];

/** The rule itself, against the body that voted: a rule that cannot decide this vote is an error. */
function ruleError(rule: VoteRule, vote: Vote): VoteError | null {
  const bad =
    checkThreshold(rule?.threshold, 'rule.threshold') ??
    (rule?.quorum ? checkThreshold(rule.quorum.threshold, 'rule.quorum.threshold') : null) ??
    (rule?.quorum?.base === 'present' ? { error: msg('vote.quorumOnPresent'), field: 'rule.quorum.base' } : null) ??
    (rule && !BASES.includes(rule.base)
      ? { error: msg('vote.unknownBase', { base: JSON.stringify(rule.base) ?? 'undefined' }), field: 'rule.base' }
      : null);
  if (bad) return bad;
  if (!vote || typeof vote !== 'object') return { error: msg('vote.noVote'), field: 'vote' };
  const bodies: string[] = Array.isArray(rule.body) ? rule.body : [];
  if (typeof vote.body !== 'string' || (bodies.length && !bodies.includes(vote.body))) {
    return {
      error: msg('vote.wrongBody', {
        body: String(vote.body),
        bodies: bodies.join('或'),
        bodiesEn: bodies.join(' or '),
        bodiesBoth: bodies.join(' 或 or '),
      }),
      field: 'vote.body',
    };
  }
  // One unit per body: a households base on a body that votes by person would mix 户 and 人.
  const unit = unitOfBody(vote.body);
  for (const [base, field] of [
    [rule.base, 'rule.base'],
    [rule.quorum?.base, 'rule.quorum.base'],
  ] as const) {
    if (base === 'households' && unit !== 'household') {
      return {
        error: msg('vote.mixedUnits', { body: vote.body, unit: { zh: VOTE_UNITS[unit].zh, en: VOTE_UNITS[unit].en } }),
        field,
      };
    }
  }
  return null;
}

/** The count a base stands for; every base counts the body's own unit. */
function baseCount(vote: Vote, base: VoteBase): number {
  switch (base) {
    case 'entitled':
    case 'all':
    case 'households':
      return vote.entitled;
    case 'present':
      return vote.present;
  }
}

function baseLabel(base: VoteBase, unit: VoteUnit): Message {
  const who = { zh: VOTE_UNITS[unit].zh, en: VOTE_UNITS[unit].en };
  switch (base) {
    case 'entitled':
    case 'households':
      return msg('vote.base.entitled', { who });
    case 'present':
      return msg('vote.base.present', { who });
    case 'all':
      return msg('vote.base.all', { who, unit: unit === 'person' ? undefined : VOTE_UNITS[unit].zh });
  }
}

/**
 * Decides a vote under a rule. A tally that contradicts itself, or a rule that cannot decide it,
 * is an error (nothing is decided); an empty meeting, a body too small, a quorum not met or a
 * threshold not reached is a decision that the vote did not pass, with its reason.
 */
export function decideVote(rule: VoteRule, vote: Vote, ruleId?: string): VoteDecision | VoteError {
  const bad = ruleError(rule, vote);
  if (bad) return bad;
  const unit = unitOfBody(vote.body);
  const u = VOTE_UNITS[unit];
  const t = rule.threshold;
  const base = baseCount(vote, rule.base);
  const required = requiredVotes(base, t);
  const id = ruleId ? { rule: ruleId } : {};
  const fail = (decidedBy: VoteDecision['decidedBy'], cite: Cite, detail: Message, quorum?: VoteDecision['quorum']): VoteDecision => ({
    passed: false,
    decidedBy,
    ...id,
    cite,
    unit,
    detail,
    required,
    ...(quorum ? { quorum } : {}),
  });

  const tally = tallyProblem(vote);
  if (tally?.kind === 'impossible') return { error: tally.message, field: `vote.${tally.field}` };
  if (tally) return fail('tally', rule.cite, msg('vote.tally', { body: vote.body, problem: tally.message }));

  const size = minimumSizeOf(vote.body);
  if (size && vote.entitled <= size.moreThan) {
    return fail('size', size.cite, msg('vote.tooSmall', { body: vote.body, n: vote.entitled, moreThan: size.moreThan, cite: size.cite }));
  }

  let quorum: VoteDecision['quorum'];
  if (rule.quorum) {
    const q = rule.quorum;
    const qBase = vote.entitled;
    const qRequired = requiredVotes(qBase, q.threshold);
    const met = meetsThreshold(vote.present, qBase, q.threshold);
    quorum = { met, count: vote.present, base: qBase, required: qRequired, cite: q.cite };
    if (!met) {
      const rel = q.threshold.inclusive ? '<' : '≤';
      const detail = msg('vote.quorumNotMet', {
        body: vote.body,
        present: vote.present,
        counter: u.counter,
        base: qBase,
        text: q.threshold.text,
        arith: `${vote.present}×${q.threshold.den} ${rel} ${qBase}×${q.threshold.num}`,
        required: qRequired,
        who: { zh: u.zh, en: u.en },
        share: share(q.threshold),
      });
      return fail('quorum', q.cite, detail, quorum);
    }
  }

  const label = baseLabel(rule.base, unit);
  const passed = meetsThreshold(vote.yes, base, t);
  const relYes = t.inclusive ? (passed ? '≥' : '<') : passed ? '>' : '≤';
  const arith = `${vote.yes}×${t.den} ${relYes} ${base}×${t.num}`;
  const said = {
    quorum: quorum ? msg('vote.quorumMet', { count: quorum.count, base: quorum.base, counter: u.counter }) : undefined,
    yes: vote.yes,
    counter: u.counter,
    label,
    base,
    text: t.text,
    arith,
    share: share(t),
  };
  const detail = passed ? msg('vote.passed', { ...said, rel: relYes }) : msg('vote.notPassed', { ...said, required });
  if (!passed) return fail('threshold', rule.cite, detail, quorum);
  return { passed, decidedBy: 'threshold', ...id, cite: rule.cite, unit, detail, required, ...(quorum ? { quorum } : {}) };
}
