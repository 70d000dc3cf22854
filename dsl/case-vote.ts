// A vote's tally as case data (exit.vote, the recordVote command): which unit each body counts
// in, when a tally is impossible or empty, and the size a body must have. Pure; case validation
// (dsl/case-validate.ts) and the vote arithmetic (engine/rules/vote.ts) both ask here, so a tally
// the case file may carry and a tally a vote can be decided on are the same thing.
// Sources and reading: docs/votes.md.
import type { Vote } from './case-model.ts';
import { msg, type Message } from './message.ts';

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
  /** What is wrong (dsl/phrases/case.ts `vote.*`). */
  message: Message;
}

const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 && n <= MAX_VOTE_COUNT;

/** What is wrong with a tally as numbers, or null when it can be decided on. */
export function tallyProblem(vote: Pick<Vote, 'body' | VoteCount>): TallyProblem | null {
  for (const k of VOTE_COUNTS) {
    if (!isCount(vote[k])) {
      return {
        kind: 'impossible',
        field: k,
        message: msg('vote.notACount', { field: k, max: MAX_VOTE_COUNT, value: JSON.stringify(vote[k]) ?? 'undefined' }),
      };
    }
  }
  const u = VOTE_UNITS[unitOfBody(vote.body)];
  const unit = { counter: u.counter, who: { zh: u.zh, en: u.en } };
  if (vote.present > vote.entitled) {
    return {
      kind: 'impossible',
      field: 'present',
      message: msg('vote.presentOverEntitled', { ...unit, present: vote.present, entitled: vote.entitled }),
    };
  }
  const cast = vote.yes + vote.no + vote.abstain;
  if (cast !== vote.present) {
    return {
      kind: 'impossible',
      field: 'present',
      message: msg('vote.castNotPresent', { ...unit, cast, present: vote.present, yes: vote.yes, no: vote.no, abstain: vote.abstain }),
    };
  }
  if (vote.entitled === 0) {
    return {
      kind: 'empty',
      field: 'entitled',
      message: msg('vote.nobodyEntitled', unit),
    };
  }
  return null;
}
