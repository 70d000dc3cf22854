// The document model: everything a form template may print, derived from the case and the
// engine's result. Templates never compute money or areas; they print strings made here with
// decimal.js (totals) or handed over by the engine (compensation). Anything the case does not
// say is null, and the template leaves an underlined blank for a person to fill by hand.
// Pure module (no Node APIs): the browser UI can build the same model for a preview.

import { Decimal } from 'decimal.js';
import type { CaseData, Collective, Member, Parcel, Person } from '../../dsl/case-model.ts';
import { amountInWords, areaInWords, countInWords } from './amount-words.ts';
import { parseDate } from './chinese-date.ts';
import { formatContractNumber, type ContractKind } from './contract-number.ts';
import { DocumentError } from './errors.ts';
import { maskIdNumber } from './idcard.ts';

export interface PersonView {
  name: string;
  idNumber: string;
  idMasked: string;
}

export interface MemberView extends PersonView {
  relation: string;
  coOwner: boolean;
  consents: boolean | null;
}

export interface CollectiveView {
  town: string;
  village: string;
  group: string;
  /** 钦南区某镇某村第三村民小组 */
  full: string;
}

export interface ParcelRow {
  seq: number;
  name: string;
  landClass: string;
  isArable: boolean;
  area: string; // as written in the case
  bounds: { east: string; south: string; west: string; north: string };
  contractNo: string | null;
  certificateNo: string | null;
  /** For the forms' 原承包权证或合同编号 column: the certificate number, else the contract number. */
  registerNo: string | null;
  grade: string | null;
}

export interface ParcelSet {
  rows: ParcelRow[];
  count: number;
  countWords: string; // 二
  names: string; // 门口田、坡地
  totalArea: string; // decimal sum, as many places as the most precise input
  totalAreaWords: string; // 贰点叁伍
  classTotals: { paddy: string; dry: string; other: string }; // 水田 / 旱地 / 其他, 亩
}

export interface DocumentModel {
  policy: {
    id: string;
    name: string;
    shortName: string;
    regionName: string;
    region: { province: string; city: string | null; county: string | null };
    articles: { key: string; text: string }[];
    articlesText: string; // 第十条、第十一条 — only the policy's own articles (see OWN_ARTICLE)
  };
  form: { id: string; title: string; copies: number | null; copiesWords: string | null };
  contractNumber: { kind: ContractKind; year: number; seq: number; text: string } | null;
  /** The document's own date (signing, publication), YYYY-MM-DD; null leaves 年 月 日 blanks. */
  date: string | null;
  household: {
    head: PersonView;
    members: MemberView[];
    memberNames: string;
    coOwners: MemberView[];
    coOwnerNames: string;
    size: number;
    labour: number | null;
    hukou: string;
    hukouLabel: string;
    collective: CollectiveView;
  };
  contract: { number: string; start: string; end: string };
  /** Distinct certificate numbers of the household's parcels, joined with 、. */
  certificateNo: string | null;
  /** All the household's contracted parcels. */
  land: ParcelSet;
  exit: {
    mode: string;
    modeLabel: string;
    isPermanent: boolean;
    isCurrentTerm: boolean;
    isCustody: boolean;
    /** Every contracted parcel leaves: the contract ends and the certificate is cancelled (注销), not changed (变更). */
    isFull: boolean;
    payer: string;
    payerLabel: string;
    noticeDate: string | null;
    applicationDate: string | null;
    reason: string | null;
    leaveMembership: boolean;
    /** The policy's mode makes the household give up collective membership (e.g. 平罗 2017): printed as the policy says. */
    membershipMustLeave: boolean;
    parcels: ParcelSet;
    compensation: { amount: string; words: string; perMu: string | null } | null;
    vote: { body: string; entitled: number; present: number; yes: number; no: number; abstain: number } | null;
  } | null;
  transfer: {
    transferee: { head: PersonView; collective: CollectiveView; memberNames: string | null };
    parcels: ParcelSet;
    pricePerMu: string;
    total: string;
    totalWords: string;
    termStart: string | null;
    termEnd: string;
    termYears: number | null;
    applicationDate: string | null;
    deliveryDate: string | null;
    paymentDate: string | null;
    penaltyPerDay: string | null; // 万分之 X
    purpose: string | null;
  } | null;
}

export interface DocumentModelInput {
  policy: {
    id: string;
    name: string;
    shortName: string;
    region: { province: string; city?: string; county?: string } | string;
    /** Articles the document cites: keys ("第十条"), or the policy's articles map (key → text). */
    articles?: string[] | Record<string, string>;
  };
  form: { id: string; title: string; copies?: number; numbering?: { prefix: string } };
  kase: CaseData;
  result?: {
    compensation?: { amount: string; words?: string; perMu?: string };
    transferTotal?: string;
  };
  contractNumber?: { year: number; seq: number; text?: string; kind?: ContractKind };
  date?: string;
  /** The membership consequence the policy's exit mode declares. */
  modeMembership?: 'kept' | 'mayLeave' | 'mustLeave';
}

/**
 * Keys naming an article of the policy itself (第十条, 第十条第二款, 第10条). Other citation keys of a
 * policy file ("农村土地承包法第三十条", "论文表1") are not articles of the policy and would misprint
 * after its title in "依据《…办法》第十条等规定", so articlesText leaves them out.
 */
const OWN_ARTICLE = /^第[一二三四五六七八九十百零〇\d]+条/;

const MODE_LABELS: Record<string, string> = {
  permanent: '永久退出',
  currentTerm: '本轮承包期退出',
  custody: '托管',
};

const PAYER_LABELS: Record<string, string> = {
  group: '村民小组（组集体）',
  village: '村股份经济合作联合社（村集体）',
  county: '县级人民政府',
};

const HUKOU_LABELS: Record<string, string> = { rural: '农业户口', urban: '城镇户口' };

function decimalAt(value: unknown, where: string, what: string, maxPlaces?: number): Decimal {
  if (typeof value !== 'string' && typeof value !== 'number') {
    throw new DocumentError('MODEL_INVALID', `${what}缺失或不是十进制数 ${what} is missing or not a decimal`, where);
  }
  const text = String(value).trim();
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text)) {
    throw new DocumentError('MODEL_INVALID', `${what}不是十进制数 is not a decimal: ${JSON.stringify(value)}`, where);
  }
  const d = new Decimal(text);
  if (d.isNegative() && !d.isZero()) {
    throw new DocumentError('MODEL_INVALID', `${what}不能为负 must not be negative: ${text}`, where);
  }
  if (maxPlaces !== undefined && d.decimalPlaces() > maxPlaces) {
    throw new DocumentError(
      'MODEL_INVALID',
      `${what}超过${maxPlaces}位小数，须先按政策舍入 has more than ${maxPlaces} decimal places; round it by the policy first: ${text}`,
      where,
    );
  }
  return d;
}

function dateAt(value: unknown, where: string): string | null {
  if (value === undefined || value === null || value === '') return null;
  parseDate(value as string, where);
  return value as string;
}

function personView(p: Person | undefined, where: string): PersonView {
  if (!p || typeof p.name !== 'string') {
    throw new DocumentError('MODEL_INVALID', '缺少姓名 missing person name', where);
  }
  const idNumber = typeof p.idNumber === 'string' ? p.idNumber : '';
  return { name: p.name, idNumber, idMasked: maskIdNumber(idNumber) };
}

function memberView(m: Member, where: string): MemberView {
  return {
    ...personView(m, where),
    relation: m.relation ?? '',
    coOwner: m.coOwner === true,
    consents: typeof m.consents === 'boolean' ? m.consents : null,
  };
}

function collectiveView(c: Collective | undefined, where: string): CollectiveView {
  if (!c) throw new DocumentError('MODEL_INVALID', '缺少集体经济组织 missing collective', where);
  const town = c.town ?? '';
  const village = c.village ?? '';
  const group = c.group ?? '';
  return { town, village, group, full: town + village + group };
}

/** Decimal places as written ("1.20" → 2), which decimal.js would normalise away. */
function writtenPlaces(text: string): number {
  return (String(text).split('.')[1] ?? '').length;
}

/** Sum of decimal strings, printed with `places` decimals ("1.20"+"1.15" → "2.35"). */
function sumAreas(areas: { value: string; where: string }[], places: number): string {
  let total = new Decimal(0);
  for (const a of areas) total = total.plus(decimalAt(a.value, a.where, '面积 area'));
  return total.toFixed(places);
}

function parcelSet(parcels: { parcel: Parcel; index: number }[]): ParcelSet {
  const rows: ParcelRow[] = parcels.map(({ parcel: p, index }, i) => {
    const where = `parcels[${index}]`;
    decimalAt(p.area, `${where}.area`, '面积 area');
    const b = p.bounds ?? { east: '', south: '', west: '', north: '' };
    return {
      seq: i + 1,
      name: p.name,
      landClass: p.landClass,
      isArable: p.isArable === true,
      area: String(p.area),
      bounds: { east: b.east ?? '', south: b.south ?? '', west: b.west ?? '', north: b.north ?? '' },
      contractNo: p.contractNo ?? null,
      certificateNo: p.certificateNo ?? null,
      registerNo: p.certificateNo ?? p.contractNo ?? null,
      grade: p.grade ?? null,
    };
  });
  // Totals and subtotals all print with the most precise area's places: 1.20 + 1.15 = 2.35, 其他 0.00.
  const places = Math.max(0, ...parcels.map(({ parcel }) => writtenPlaces(parcel.area)));
  const areas = (cls?: string) =>
    sumAreas(
      parcels
        .filter(({ parcel }) => cls === undefined || parcel.landClass === cls)
        .map(({ parcel, index }) => ({ value: parcel.area, where: `parcels[${index}].area` })),
      places,
    );
  const totalArea = areas();
  return {
    rows,
    count: rows.length,
    countWords: countInWords(rows.length),
    names: rows.map((r) => r.name).join('、'),
    totalArea,
    totalAreaWords: areaInWords(totalArea),
    classTotals: { paddy: areas('水田'), dry: areas('旱地'), other: areas('其他') },
  };
}

function pickParcels(kase: CaseData, names: string[] | undefined, where: string): { parcel: Parcel; index: number }[] {
  if (!Array.isArray(names)) throw new DocumentError('MODEL_INVALID', '缺少地块列表 missing parcel list', where);
  return names.map((name, i) => {
    const index = kase.parcels.findIndex((p) => p.name === name);
    if (index < 0) {
      const known = kase.parcels.map((p) => p.name).join('、');
      throw new DocumentError(
        'MODEL_INVALID',
        `未知地块 unknown parcel: ${name}（已有 known: ${known}）`,
        `${where}[${i}]`,
      );
    }
    return { parcel: kase.parcels[index], index };
  });
}

/** N when end is the day before start + N years (a term of whole years), else null. */
export function wholeYears(start: string, end: string): number | null {
  const s = parseDate(start);
  const e = parseDate(end);
  for (let n = 1; n <= 100; n++) {
    // 民法典 第二百零二条: the corresponding day, or the month's last day when it has none.
    const y = s.year + n;
    const lastDay = new Date(Date.UTC(y, s.month, 0)).getUTCDate();
    const anniversary = Date.UTC(y, s.month - 1, Math.min(s.day, lastDay));
    const dayBefore = new Date(anniversary - 86_400_000);
    if (
      dayBefore.getUTCFullYear() === e.year &&
      dayBefore.getUTCMonth() + 1 === e.month &&
      dayBefore.getUTCDate() === e.day
    ) {
      return n;
    }
    if (y > e.year + 1) break;
  }
  return null;
}

function checkedWords(amount: string, words: string | undefined, where: string): string {
  const expected = amountInWords(amount);
  if (words === undefined) return expected;
  // 票据法 第八条: 大写 and 小写 must agree, so a mismatch is refused rather than printed.
  if (words !== expected && words !== '人民币' + expected) {
    throw new DocumentError(
      'MODEL_INVALID',
      `大写金额与小写不一致 amount in words does not match the figures: ${amount} → ${expected}, got ${words}`,
      where,
    );
  }
  return expected;
}

function contractKind(form: DocumentModelInput['form'], given?: ContractKind): ContractKind {
  if (given) return given;
  const prefix = form.numbering?.prefix;
  if (prefix === '转让' || prefix === '退出') return prefix;
  if (`${form.id}${form.title}`.includes('转让')) return '转让';
  return '退出';
}

function regionView(region: DocumentModelInput['policy']['region']): DocumentModel['policy']['region'] {
  if (typeof region === 'string') return { province: region, city: null, county: null };
  return { province: region.province, city: region.city ?? null, county: region.county ?? null };
}

export function buildDocumentModel(input: DocumentModelInput): DocumentModel {
  const { policy, form, kase, result = {} } = input;
  if (!kase || !kase.household || !Array.isArray(kase.parcels)) {
    throw new DocumentError('MODEL_INVALID', '案件缺少 household 或 parcels case lacks household or parcels', 'case');
  }
  const region = regionView(policy.region);
  const articles = Array.isArray(policy.articles)
    ? policy.articles.map((key) => ({ key, text: '' }))
    : Object.entries(policy.articles ?? {}).map(([key, text]) => ({ key, text }));

  const h = kase.household;
  const members = (h.members ?? []).map((m, i) => memberView(m, `household.members[${i}]`));
  const coOwners = members.filter((m) => m.coOwner);
  const allParcels = kase.parcels.map((parcel, index) => ({ parcel, index }));
  const certificates = [...new Set(kase.parcels.map((p) => p.certificateNo).filter((c): c is string => !!c))];

  let copies: number | null = null;
  if (form.copies !== undefined) {
    if (!Number.isInteger(form.copies) || form.copies < 1) {
      throw new DocumentError('MODEL_INVALID', `份数须为正整数 copies must be a positive integer: ${form.copies}`, 'form.copies');
    }
    copies = form.copies;
  }

  let contractNumber: DocumentModel['contractNumber'] = null;
  if (input.contractNumber) {
    const kind = contractKind(form, input.contractNumber.kind);
    const { year, seq } = input.contractNumber;
    contractNumber = { kind, year, seq, text: input.contractNumber.text ?? formatContractNumber({ kind, year, seq }) };
  }

  let exit: DocumentModel['exit'] = null;
  if (kase.exit) {
    const e = kase.exit;
    const comp = result.compensation;
    let compensation: NonNullable<DocumentModel['exit']>['compensation'] = null;
    if (comp) {
      decimalAt(comp.amount, 'result.compensation.amount', '补偿金额 compensation', 2);
      if (comp.perMu !== undefined) decimalAt(comp.perMu, 'result.compensation.perMu', '每亩补偿 compensation per 亩');
      compensation = {
        amount: comp.amount,
        words: checkedWords(comp.amount, comp.words, 'result.compensation.words'),
        perMu: comp.perMu ?? null,
      };
    }
    const exitParcels = pickParcels(kase, e.parcels, 'exit.parcels');
    exit = {
      mode: e.mode,
      modeLabel: MODE_LABELS[e.mode] ?? e.mode,
      isPermanent: e.mode === 'permanent',
      isCurrentTerm: e.mode === 'currentTerm',
      isCustody: e.mode === 'custody',
      isFull: kase.parcels.every((p) => exitParcels.some((x) => x.parcel === p)),
      payer: e.payer,
      payerLabel: PAYER_LABELS[e.payer] ?? e.payer,
      noticeDate: dateAt(e.noticeDate, 'exit.noticeDate'),
      applicationDate: dateAt(e.applicationDate, 'exit.applicationDate'),
      reason: e.reason ?? null,
      leaveMembership: e.leaveMembership === true,
      membershipMustLeave: input.modeMembership === 'mustLeave',
      parcels: parcelSet(exitParcels),
      compensation,
      vote: e.vote
        ? { body: e.vote.body, entitled: e.vote.entitled, present: e.vote.present, yes: e.vote.yes, no: e.vote.no, abstain: e.vote.abstain }
        : null,
    };
  }

  let transfer: DocumentModel['transfer'] = null;
  if (kase.transfer) {
    const t = kase.transfer;
    const parcels = parcelSet(pickParcels(kase, t.parcels, 'transfer.parcels'));
    const price = decimalAt(t.pricePerMu, 'transfer.pricePerMu', '每亩价款 price per 亩');
    let total: string;
    if (result.transferTotal !== undefined) {
      total = decimalAt(result.transferTotal, 'result.transferTotal', '转让总价 transfer total', 2).toFixed(2);
    } else {
      // No policy rounding was handed over: 元 to 分, half up, as banks round.
      total = price.times(parcels.totalArea).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
    }
    const termStart = dateAt(t.termStart, 'transfer.termStart');
    const termEnd = dateAt(t.termEnd, 'transfer.termEnd');
    if (termEnd === null) throw new DocumentError('MODEL_INVALID', '缺少转让期限终止日 missing transfer term end', 'transfer.termEnd');
    const transferee = t.transferee;
    transfer = {
      transferee: {
        head: personView(transferee?.head, 'transfer.transferee.head'),
        collective: collectiveView(transferee?.collective, 'transfer.transferee.collective'),
        memberNames: transferee?.members?.length ? transferee.members.map((m) => m.name).join('、') : null,
      },
      parcels,
      pricePerMu: String(t.pricePerMu),
      total,
      totalWords: amountInWords(total),
      termStart,
      termEnd,
      termYears: termStart ? wholeYears(termStart, termEnd) : null,
      applicationDate: dateAt(t.applicationDate, 'transfer.applicationDate'),
      deliveryDate: dateAt(t.deliveryDate, 'transfer.deliveryDate'),
      paymentDate: dateAt(t.paymentDate, 'transfer.paymentDate'),
      penaltyPerDay: t.penaltyPerDayPerTenThousand ?? null,
      purpose: t.purpose ?? null,
    };
  }

  return {
    policy: {
      id: policy.id,
      name: policy.name,
      shortName: policy.shortName,
      regionName: [region.province, region.city, region.county].filter(Boolean).join(''),
      region,
      articles,
      articlesText: articles.filter((a) => OWN_ARTICLE.test(a.key)).map((a) => a.key).join('、'),
    },
    form: { id: form.id, title: form.title, copies, copiesWords: copies === null ? null : countInWords(copies) },
    contractNumber,
    date: dateAt(input.date, 'date'),
    household: {
      head: personView(h.head, 'household.head'),
      members,
      memberNames: members.map((m) => m.name).join('、'),
      coOwners,
      coOwnerNames: coOwners.map((m) => m.name).join('、'),
      size: h.size ?? members.length,
      labour: null,
      hukou: h.hukou,
      hukouLabel: HUKOU_LABELS[h.hukou] ?? h.hukou,
      collective: collectiveView(h.collective, 'household.collective'),
    },
    contract: { number: kase.contract?.number ?? '', start: kase.contract?.start ?? '', end: kase.contract?.end ?? '' },
    certificateNo: certificates.length ? certificates.join('、') : null,
    land: parcelSet(allParcels),
    exit,
    transfer,
  };
}
