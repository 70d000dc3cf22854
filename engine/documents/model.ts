// The document model: everything a form template may print, derived from the case and the
// engine's result. Money, per-亩 figures, the mode, the payer and the notice period are what the
// engine decided (handed over in `result`, see case-input.ts); this module only checks and formats
// them, and sums the case's own areas. Templates compute nothing. Anything the case does not say is
// null, and the template leaves an underlined blank for a person to fill by hand.
// Pure module (no Node APIs): the browser UI can build the same model for a preview.

import { Decimal } from 'decimal.js';
import type { CaseData, Collective, Member, Parcel, Person } from '../../dsl/case-model.ts';
import { PAYERS } from '../../dsl/case-schema.ts';
import { amountInWords, areaInWords, countInWords } from './amount-words.ts';
import { parseDate } from './chinese-date.ts';
import { formatContractNumber, type ContractKind } from './contract-number.ts';
import { DocumentError } from './errors.ts';
import { maskIdNumber } from './idcard.ts';
import { msg, type Message } from '../../dsl/message.ts';

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
  form: {
    id: string;
    title: string;
    /** The title with the region in front (梁平农村土地承包经营权退出合同), unless the title names it already. */
    heading: string;
    copies: number | null;
    copiesWords: string | null;
  };
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
    /** The evaluated mode, as the policy declares it; null when the policy has no modes. */
    mode: string | null;
    /** The policy's label of the mode, and its short form (the label before its parenthesis). */
    modeLabel: string | null;
    modeTitle: string | null;
    /** The policy offers more than one mode: documents say which one this case took. */
    modeChoice: boolean;
    isPermanent: boolean;
    isCurrentTerm: boolean;
    isCustody: boolean;
    /** The policy does not say whether the household keeps the next round: documents print the law's words only. */
    isReturn: boolean;
    /** Every mode the policy offers, the evaluated one `chosen`. */
    modes: ModeView[];
    /** Every contracted parcel leaves: the contract ends and the certificate is cancelled (注销), not changed (变更). */
    isFull: boolean;
    /** The party that pays as evaluated (group | village | county), and the name the policy gives it. */
    payer: string | null;
    payerLabel: string | null;
    noticeDate: string | null;
    /** The written notice the policy asks for (半年, 一年), and where it says so. */
    noticePeriod: string | null;
    noticeSource: string | null;
    applicationDate: string | null;
    /** The payment date agreed when the contract was signed. */
    paymentDate: string | null;
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
    total: string | null;
    totalWords: string | null;
    termStart: string | null;
    termEnd: string;
    termYears: number | null;
    applicationDate: string | null;
    deliveryDate: string | null;
    paymentDate: string | null;
    penaltyPerDay: string | null; // 万分之 X
    purpose: string | null;
    /** The window for objections to the public notice (15日), as the policy gives it. */
    objectionPeriod: string | null;
  } | null;
}

export interface ModeView {
  id: string;
  label: string;
  title: string;
  chosen: boolean;
  isPermanent: boolean;
  isCurrentTerm: boolean;
  isCustody: boolean;
  isReturn: boolean;
}

/** A mode as the policy declares it (dsl Mode, the fields documents read). */
export interface ModeInput {
  id: string;
  label: string;
  keepsNextRound?: boolean;
  membership?: 'kept' | 'mayLeave' | 'mustLeave';
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
  /** What the engine decided for the case (engine/documents/case-input.ts builds it from an Evaluation). */
  result?: {
    compensation?: { amount: string; words?: string; perMu?: string };
    transferTotal?: string;
    /** Exit: the evaluated mode as the policy declares it; null or absent when the policy has none. */
    mode?: ModeInput | null;
    /** Exit: every mode the policy offers. */
    modes?: ModeInput[];
    /** Exit: who pays, as evaluated; `name` as the policy words it. */
    payer?: { party: string; name?: string } | null;
    /** Exit: the policy's written-notice period ("半年") and the citation key of the rule. */
    notice?: { period: string; cite: string } | null;
    /** Transfer: the window for objections to the public notice ("15日"), as the policy gives it. */
    objection?: { period: string; cite: string } | null;
  };
  /** The contract as signed (the case's state): the payment date agreed then. */
  signed?: { paymentDue?: string | null };
  contractNumber?: { year: number; seq: number; text?: string; kind?: ContractKind };
  date?: string;
}

/**
 * Keys naming an article of the policy itself (第十条, 第十条第二款, 第10条). Other citation keys of a
 * policy file ("农村土地承包法第三十条", "论文表1") are not articles of the policy and would misprint
 * after its title in "依据《…办法》第十条等规定", so articlesText leaves them out.
 */
const OWN_ARTICLE = /^第[一二三四五六七八九十百零〇\d]+条/;

/** The name a document prints for a payer the policy does not name (its payer is words only, not `parties`). */
function formalPayerName(party: string): string {
  return Object.hasOwn(PAYERS, party) ? PAYERS[party as keyof typeof PAYERS].formal : party;
}

/** Statutes as citation keys name them → their full titles, for a printed 《…》 reference. */
const STATUTES: Record<string, string> = {
  农村土地承包法: '中华人民共和国农村土地承包法',
  民法典: '中华人民共和国民法典',
  农村集体经济组织法: '中华人民共和国农村集体经济组织法',
  村民委员会组织法: '中华人民共和国村民委员会组织法',
};

const HUKOU_LABELS: Record<string, string> = { rural: '农业户口', urban: '城镇户口' };

function decimalAt(value: unknown, where: string, what: Message, maxPlaces?: number): Decimal {
  if (typeof value !== 'string' && typeof value !== 'number') {
    throw new DocumentError('MODEL_INVALID', msg('doc.missingDecimal', { what }), where);
  }
  const text = String(value).trim();
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text)) {
    throw new DocumentError('MODEL_INVALID', msg('doc.notDecimal', { what, value: JSON.stringify(value) }), where);
  }
  const d = new Decimal(text);
  if (d.isNegative() && !d.isZero()) {
    throw new DocumentError('MODEL_INVALID', msg('doc.negative', { what, value: text }), where);
  }
  if (maxPlaces !== undefined && d.decimalPlaces() > maxPlaces) {
    throw new DocumentError('MODEL_INVALID', msg('doc.tooManyPlaces', { what, places: maxPlaces, value: text }), where);
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
    throw new DocumentError('MODEL_INVALID', msg('doc.noName'), where);
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
  if (!c) throw new DocumentError('MODEL_INVALID', msg('doc.noCollective'), where);
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
  for (const a of areas) total = total.plus(decimalAt(a.value, a.where, msg('doc.what.area')));
  return total.toFixed(places);
}

function parcelSet(parcels: { parcel: Parcel; index: number }[]): ParcelSet {
  const rows: ParcelRow[] = parcels.map(({ parcel: p, index }, i) => {
    const where = `parcels[${index}]`;
    decimalAt(p.area, `${where}.area`, msg('doc.what.area'));
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
  if (!Array.isArray(names)) throw new DocumentError('MODEL_INVALID', msg('doc.noParcelList'), where);
  return names.map((name, i) => {
    const index = kase.parcels.findIndex((p) => p.name === name);
    if (index < 0) {
      const known = kase.parcels.map((p) => p.name).join('、');
      throw new DocumentError('MODEL_INVALID', msg('doc.unknownParcel', { name: String(name), known }), `${where}[${i}]`);
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
    if (dayBefore.getUTCFullYear() === e.year && dayBefore.getUTCMonth() + 1 === e.month && dayBefore.getUTCDate() === e.day) {
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
    throw new DocumentError('MODEL_INVALID', msg('doc.wordsMismatch', { amount, expected, words }), where);
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

/** A citation key as a document prints it: 《…办法》第十条第一项, 《中华人民共和国农村土地承包法》第三十条; null for a source a contract cannot cite (论文1). */
function citationText(key: string, policyName: string): string | null {
  if (OWN_ARTICLE.test(key)) return `《${policyName}》${key}`;
  for (const [short, full] of Object.entries(STATUTES)) {
    if (key.startsWith(short) && OWN_ARTICLE.test(key.slice(short.length))) return `《${full}》${key.slice(short.length)}`;
  }
  return null;
}

/** The label before its explanation: 「永久退出（彻底放弃……）」 → 「永久退出」. */
function shortLabel(label: string): string {
  return label.split(/[（(]/)[0]!.trim() || label;
}

function modeView(m: ModeInput, chosen: boolean): ModeView {
  const isCustody = m.id === 'custody';
  return {
    id: m.id,
    label: m.label,
    title: shortLabel(m.label),
    chosen,
    isCustody,
    // What the household keeps is the policy's declaration (keepsNextRound), not the mode's id.
    isCurrentTerm: !isCustody && m.keepsNextRound === true,
    isPermanent: !isCustody && m.keepsNextRound === false,
    isReturn: !isCustody && m.keepsNextRound === undefined,
  };
}

/** 桃源县退出合同 stays as it is for 桃源; 退出合同 becomes 梁平退出合同. */
function headingOf(title: string, shortName: string, region: DocumentModel['policy']['region']): string {
  const names = [shortName, region.county, region.city].filter((n): n is string => !!n);
  return names.some((n) => title.includes(n)) ? title : shortName + title;
}

function regionView(region: DocumentModelInput['policy']['region']): DocumentModel['policy']['region'] {
  if (typeof region === 'string') return { province: region, city: null, county: null };
  return { province: region.province, city: region.city ?? null, county: region.county ?? null };
}

export function buildDocumentModel(input: DocumentModelInput): DocumentModel {
  const { policy, form, kase, result = {} } = input;
  if (!kase || !kase.household || !Array.isArray(kase.parcels)) {
    throw new DocumentError('MODEL_INVALID', msg('doc.noHousehold'), 'case');
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
      throw new DocumentError('MODEL_INVALID', msg('doc.copies', { value: String(form.copies) }), 'form.copies');
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
      decimalAt(comp.amount, 'result.compensation.amount', msg('doc.what.compensation'), 2);
      if (comp.perMu !== undefined) decimalAt(comp.perMu, 'result.compensation.perMu', msg('doc.what.perMu'));
      compensation = {
        amount: comp.amount,
        words: checkedWords(comp.amount, comp.words, 'result.compensation.words'),
        perMu: comp.perMu ?? null,
      };
    }
    const exitParcels = pickParcels(kase, e.parcels, 'exit.parcels');
    const mode = result.mode ?? null;
    const view = mode ? modeView(mode, true) : null;
    const offered = result.modes ?? (mode ? [mode] : []);
    const payer = result.payer ?? null;
    const notice = result.notice ?? null;
    exit = {
      mode: mode?.id ?? null,
      modeLabel: mode?.label ?? null,
      modeTitle: view?.title ?? null,
      modeChoice: offered.length > 1,
      isPermanent: view?.isPermanent ?? false,
      isCurrentTerm: view?.isCurrentTerm ?? false,
      isCustody: view?.isCustody ?? false,
      isReturn: view?.isReturn ?? false,
      modes: offered.map((m) => modeView(m, m.id === mode?.id)),
      isFull: kase.parcels.every((p) => exitParcels.some((x) => x.parcel === p)),
      payer: payer?.party ?? null,
      payerLabel: payer ? (payer.name ?? formalPayerName(payer.party)) : null,
      noticeDate: dateAt(e.noticeDate, 'exit.noticeDate'),
      noticePeriod: notice?.period ?? null,
      noticeSource: notice ? citationText(notice.cite, policy.name) : null,
      applicationDate: dateAt(e.applicationDate, 'exit.applicationDate'),
      paymentDate: dateAt(input.signed?.paymentDue, 'signed.paymentDue'),
      reason: e.reason ?? null,
      leaveMembership: e.leaveMembership === true,
      membershipMustLeave: mode?.membership === 'mustLeave',
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
    decimalAt(t.pricePerMu, 'transfer.pricePerMu', msg('doc.what.pricePerMu'));
    // The total is the engine's (the policy's formula and rounding); without it the form leaves a blank.
    const total =
      result.transferTotal === undefined
        ? null
        : decimalAt(result.transferTotal, 'result.transferTotal', msg('doc.what.transferTotal'), 2).toFixed(2);
    const termStart = dateAt(t.termStart, 'transfer.termStart');
    const termEnd = dateAt(t.termEnd, 'transfer.termEnd');
    if (termEnd === null) throw new DocumentError('MODEL_INVALID', msg('doc.noTermEnd'), 'transfer.termEnd');
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
      totalWords: total === null ? null : amountInWords(total),
      termStart,
      termEnd,
      termYears: termStart ? wholeYears(termStart, termEnd) : null,
      applicationDate: dateAt(t.applicationDate, 'transfer.applicationDate'),
      deliveryDate: dateAt(t.deliveryDate, 'transfer.deliveryDate'),
      // A date agreed at signing replaces the one the application proposed.
      paymentDate: dateAt(
        input.signed?.paymentDue ?? t.paymentDate,
        input.signed?.paymentDue ? 'signed.paymentDue' : 'transfer.paymentDate',
      ),
      penaltyPerDay: t.penaltyPerDayPerTenThousand ?? null,
      purpose: t.purpose ?? null,
      objectionPeriod: result.objection?.period ?? null,
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
      articlesText: articles
        .filter((a) => OWN_ARTICLE.test(a.key))
        .map((a) => a.key)
        .join('、'),
    },
    form: {
      id: form.id,
      title: form.title,
      heading: headingOf(form.title, policy.shortName, region),
      copies,
      copiesWords: copies === null ? null : countInWords(copies),
    },
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
