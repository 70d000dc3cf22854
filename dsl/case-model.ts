// The case model shared by every policy (domain.md §8): one household, one collective, parcels,
// and the transfer or exit it asks for. JSON keys are English; each has a Chinese label that policy
// expressions may use instead (户主.姓名 ≡ household.head.name). Decimal values travel as strings.

import type { PayerParty } from './case-schema.ts';

export type DecimalString = string; // "1.20", "650", "0.85"
export type DateString = string; // "YYYY-MM-DD"

export interface Person {
  name: string;
  idNumber: string;
}

export interface Member extends Person {
  relation: string; // 户主 | 配偶 | 子 | 女 | 父 | 母 | …
  coOwner: boolean; // 家庭共有人
  consents?: boolean; // 同意退出/转让
  age?: number;
}

export interface Collective {
  town: string; // 镇
  village: string; // 村
  group: string; // 组
}

export interface Household {
  head: Person;
  members: Member[];
  collective: Collective;
  hukou: 'rural' | 'urban';
  urbanHome?: boolean; // 城镇固定住所
  stableNonFarmIncome?: boolean; // 稳定非农收入
  socialInsurance?: boolean; // 社会保障
  nonFarmIncomeShare?: DecimalString; // 非农收入占比 0..1
  headAge?: number;
  size?: number;
  settlingInTown?: boolean; // 进城落户
}

export interface Bounds {
  east: string;
  south: string;
  west: string;
  north: string;
}

export interface Parcel {
  name: string;
  landClass: '水田' | '旱地' | '其他';
  isArable: boolean;
  area: DecimalString; // 亩
  bounds: Bounds;
  contractNo?: string;
  certificateNo?: string;
  grade?: string;
}

export interface Contract {
  number: string;
  start: DateString;
  end: DateString;
}

export interface Market {
  year?: number; // 年度
  rentPerMuYear: DecimalString; // 元/亩/年
  subsidyPerMuYear: DecimalString; // 元/亩/年
  acquisitionStandardPerMu?: DecimalString; // 元/亩
  zone?: string; // 片区 (平罗's graded zones)
  landPricePerMu?: DecimalString; // 区片综合地价 元/亩
}

/** A vote's tally; every count is in the unit of the body (households for a 户主会议, dsl/case-vote.ts). */
export interface Vote {
  body: string; // 成员大会 | 成员代表大会 | 户主会议 | 村民会议 | 村民代表会议
  entitled: number; // 应到
  present: number; // 实到
  yes: number;
  no: number;
  abstain: number;
}

export interface ExitRequest {
  parcels: string[]; // parcel names
  mode: 'permanent' | 'currentTerm' | 'custody';
  payer: PayerParty; // dsl/case-schema.ts PAYERS
  noticeDate?: DateString;
  applicationDate?: DateString;
  negotiatedPricePerMu?: DecimalString;
  reason?: string;
  vote?: Vote;
  leaveMembership?: boolean;
}

export interface TransferRequest {
  transferee: { head: Person; collective: Collective; members?: Member[] };
  parcels: string[];
  pricePerMu: DecimalString;
  termEnd: DateString;
  termStart?: DateString;
  applicationDate?: DateString;
  deliveryDate?: DateString;
  paymentDate?: DateString;
  penaltyPerDayPerTenThousand?: DecimalString; // 万分之 X per day
  purpose?: string;
}

export interface CaseData {
  household: Household;
  contract: Contract;
  parcels: Parcel[];
  market: Market;
  exit?: ExitRequest;
  transfer?: TransferRequest;
}

/** The two procedures a policy may write, in the order they are shown and listed. */
export const PROCEDURE_KINDS = ['exit', 'transfer'] as const;
export type ProcedureKind = (typeof PROCEDURE_KINDS)[number];
