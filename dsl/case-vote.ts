// A vote's tally as case data (exit.vote, the recordVote command): which unit each body counts
// in, when a tally is impossible or empty, and the size a body must have. Pure; case validation
// (dsl/case-validate.ts) and the vote arithmetic (engine/rules/vote.ts) both ask here, so a tally
// the case file may carry and a tally a vote can be decided on are the same thing.
// Sources and reading: docs/votes.md.
import type { Vote } from './case-model.ts';

/**
 * What one vote is: a household (户主会议: one representative per household), a member of the
 * collective (成员大会, 农村集体经济组织法第二十七条 「一人一票」), a representative (成员代表大会,
 * 第二十八条; 村民代表会议), a villager (村民会议, 村民小组会议), or a person of a body the law
 * does not describe.
 */
export type VoteUnit = 'household' | 'member' | 'representative' | 'villager' | 'person';

export const VOTE_UNITS: Record<VoteUnit, { zh: string; en: string; counter: string }> = {
  household: { zh: '户', en: 'households', counter: '户' },
  member: { zh: '成员', en: 'members', counter: '人' },
  representative: { zh: '代表', en: 'representatives', counter: '人' },
  villager: { zh: '村民', en: 'villagers', counter: '人' },
  person: { zh: '人', en: 'persons', counter: '人' },
};

const BODY_UNITS: Record<string, VoteUnit> = {
  户主会议: 'household',
  组级户主会议: 'household',
  成员大会: 'member',
  成员代表大会: 'representative',
  村民代表会议: 'representative',
  村民会议: 'villager',
  村民小组会议: 'villager',
};

/** The unit every count of a vote by `body` is in (entitled, present, yes, no, abstain alike). */
export function unitOfBody(body: string): VoteUnit {
  return Object.hasOwn(BODY_UNITS, body) ? BODY_UNITS[body]! : 'person';
}

/** The least a body must number to vote at all, where a statute says so. */
export interface BodySize {
  /** Strictly more than this many (「多于二十人」 excludes twenty, 民法典第一千二百五十九条 reading). */
  moreThan: number;
  cite: string;
}

const BODY_SIZES: Record<string, BodySize> = {
  // 「设立成员代表大会的，一般每五户至十五户选举代表一人，代表人数应当多于二十人」
  成员代表大会: { moreThan: 20, cite: '农村集体经济组织法第二十八条' },
};

export function minimumSizeOf(body: string): BodySize | undefined {
  return Object.hasOwn(BODY_SIZES, body) ? BODY_SIZES[body] : undefined;
}

export const VOTE_COUNTS = ['entitled', 'present', 'yes', 'no', 'abstain'] as const;
export type VoteCount = (typeof VOTE_COUNTS)[number];

/** The most any count may be: no collective has a million members. */
export const MAX_VOTE_COUNT = 1_000_000;

export interface TallyProblem {
  /** impossible: the numbers contradict each other; empty: consistent, but nobody could vote. */
  kind: 'impossible' | 'empty';
  /** The count at fault. */
  field: VoteCount;
  /** Chinese, then English. */
  message: string;
}

const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 && n <= MAX_VOTE_COUNT;

/** What is wrong with a tally as numbers, or null when it can be decided on. */
export function tallyProblem(vote: Pick<Vote, 'body' | VoteCount>): TallyProblem | null {
  for (const k of VOTE_COUNTS) {
    if (!isCount(vote[k])) {
      return {
        kind: 'impossible',
        field: k,
        message: `${k} 应为 0 至 ${MAX_VOTE_COUNT} 的整数 must be a whole number from 0 to ${MAX_VOTE_COUNT}: ${JSON.stringify(vote[k])}`,
      };
    }
  }
  const u = VOTE_UNITS[unitOfBody(vote.body)];
  if (vote.present > vote.entitled) {
    return {
      kind: 'impossible',
      field: 'present',
      message: `到会 ${vote.present} ${u.counter}多于应到 ${vote.entitled} ${u.counter} — more ${u.en} present (${vote.present}) than entitled (${vote.entitled})`,
    };
  }
  const cast = vote.yes + vote.no + vote.abstain;
  if (cast !== vote.present) {
    return {
      kind: 'impossible',
      field: 'present',
      message:
        `赞成、反对、弃权合计 ${cast} ${u.counter}，与到会 ${vote.present} ${u.counter}不符 — ` +
        `yes + no + abstain (${vote.yes} + ${vote.no} + ${vote.abstain} = ${cast}) must equal the ${u.en} present (${vote.present})`,
    };
  }
  if (vote.entitled === 0) {
    return {
      kind: 'empty',
      field: 'entitled',
      message: `应到 0 ${u.counter}：无人有表决权，表决不成立 — nobody is entitled to vote, so nothing can pass`,
    };
  }
  return null;
}
