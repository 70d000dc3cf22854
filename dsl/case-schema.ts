// The case model as data: every field with its English key, Chinese label, type and unit. One
// description serves three jobs: names and units for the expression checker, the JSON Schema that
// validates case files (ajv) with the bounds dsl/case-validate.ts enforces, and the generated
// application form in the UI.
import { MAX_VOTE_COUNT } from './case-vote.ts';
import { msg, type Message } from './message.ts';

export type FieldType =
  | { kind: 'string'; maxLength?: number }
  | { kind: 'bool' }
  | { kind: 'date' }
  | { kind: 'integer'; unit?: string; min?: number; max?: number }
  | { kind: 'decimal'; unit: string; bounds?: DecimalBounds } // unit "" = dimensionless; every case field has bounds
  | { kind: 'enum'; values: Record<string, string> } // value → Chinese label
  | { kind: 'record'; fields: Field[] }
  | { kind: 'list'; of: FieldType; minItems?: number; maxItems?: number };

/**
 * What a decimal field may hold, as decimal text: above (or from) `min`, at most `max`, with at
 * most `places` decimals. dsl/case-validate.ts enforces it; docs/case-model.md gives the reasons.
 */
export interface DecimalBounds {
  min: string;
  /** true: the value must be more than min (an area of 0 亩 is no parcel). */
  exclusiveMin: boolean;
  max: string;
  places: number;
}

/** 亩: a parcel of land; no household holds more than 10 000 亩 under a family contract. */
export const AREA_BOUNDS: DecimalBounds = { min: '0', exclusiveMin: true, max: '10000', places: 4 };
/**
 * 元 per 亩 (per year): a price or rent is paid, so it is positive. A rate may go below 分 (an
 * average of subsidies, 500.125 元/亩/年): the amount it yields is rounded where the policy says.
 */
export const RATE_BOUNDS: DecimalBounds = { min: '0', exclusiveMin: true, max: '10000000000', places: 4 };
/** 元 per 亩 per year of a subsidy, which a place may not pay at all. */
export const SUBSIDY_BOUNDS: DecimalBounds = { min: '0', exclusiveMin: false, max: '10000000000', places: 4 };
/** An amount of money paid, in 元 to the 分. */
export const MONEY_BOUNDS: DecimalBounds = { min: '0', exclusiveMin: true, max: '10000000000', places: 2 };
/** A share from 0 to 1 (非农收入占比). */
export const SHARE_BOUNDS: DecimalBounds = { min: '0', exclusiveMin: false, max: '1', places: 4 };
/** 万分之 X per day: X from 0 to 10 000 (the whole price per day). */
export const PENALTY_BOUNDS: DecimalBounds = { min: '0', exclusiveMin: false, max: '10000', places: 2 };

/**
 * Who pays an exit's compensation (a case's exit.payer): each value with its label in Chinese and
 * English, and the name a document prints for it when the policy's payer is words only (a policy's
 * `payer.parties` names its own). Every list of payers and every payer label is read from here.
 */
export const PAYERS = {
  group: { zh: '组集体', en: 'Group collective', formal: '村民小组（组集体）' },
  village: { zh: '村集体', en: 'Village collective', formal: '村集体经济组织（村集体）' },
  county: { zh: '县级', en: 'County', formal: '县级人民政府' },
} as const;
export type PayerParty = keyof typeof PAYERS;
export const PAYER_PARTIES = Object.keys(PAYERS) as readonly PayerParty[];
/** exit.payer's enum: value → Chinese label. */
export const PAYER_VALUES = Object.fromEntries(PAYER_PARTIES.map((p) => [p, PAYERS[p].zh])) as Record<PayerParty, string>;

/** Text fields hold at most this many characters (names, 四至, numbers); free text a little more. */
export const TEXT_MAX = 200;
export const NOTE_MAX = 2000;

export interface Field {
  key: string;
  label: string; // Chinese label usable in expressions
  type: FieldType;
  required?: boolean;
  /** The key may appear as a sensitive personal datum (身份证号): masked in lists and exports. */
  personal?: boolean;
}

const str = (key: string, label: string, required = false, personal = false, maxLength = TEXT_MAX): Field => ({
  key,
  label,
  type: { kind: 'string', maxLength },
  required,
  personal,
});
const bool = (key: string, label: string, required = false): Field => ({ key, label, type: { kind: 'bool' }, required });
const date = (key: string, label: string, required = false): Field => ({ key, label, type: { kind: 'date' }, required });
const dec = (key: string, label: string, unit: string, bounds: DecimalBounds, required = false): Field => ({
  key,
  label,
  type: { kind: 'decimal', unit, bounds },
  required,
});
const int = (key: string, label: string, unit: string | undefined, min: number, max: number, required = false): Field => ({
  key,
  label,
  type: { kind: 'integer', ...(unit ? { unit } : {}), min, max },
  required,
});
const rec = (key: string, label: string, fields: Field[], required = false): Field => ({
  key,
  label,
  type: { kind: 'record', fields },
  required,
});
const list = (key: string, label: string, of: FieldType, minItems: number, maxItems: number, required = false): Field => ({
  key,
  label,
  type: { kind: 'list', of, minItems, maxItems },
  required,
});
const names: FieldType = { kind: 'string', maxLength: TEXT_MAX };

const person: Field[] = [str('name', '姓名', true), str('idNumber', '身份证号', true, true)];
const collective: Field[] = [str('town', '镇', true), str('village', '村', true), str('group', '组', true)];

export const memberFields: Field[] = [
  ...person,
  str('relation', '关系', true),
  bool('coOwner', '家庭共有人', true),
  bool('consents', '同意'),
  int('age', '年龄', '岁', 0, 150),
];

export const parcelFields: Field[] = [
  str('name', '地块名称', true),
  { key: 'landClass', label: '地类', type: { kind: 'enum', values: { 水田: '水田', 旱地: '旱地', 其他: '其他' } }, required: true },
  bool('isArable', '耕地', true),
  dec('area', '面积', '亩', AREA_BOUNDS, true),
  rec('bounds', '四至', [str('east', '东', true), str('south', '南', true), str('west', '西', true), str('north', '北', true)], true),
  str('contractNo', '承包合同编号'),
  str('certificateNo', '承包经营权证编号'),
  str('grade', '等级'),
];

// Every count is in the unit of the body that voted (dsl/case-vote.ts): households for a 户主会议.
const voteCount = (key: string, label: string): Field => int(key, label, undefined, 0, MAX_VOTE_COUNT, true);
const vote: Field[] = [
  str('body', '会议', true),
  voteCount('entitled', '应到'),
  voteCount('present', '实到'),
  voteCount('yes', '赞成'),
  voteCount('no', '反对'),
  voteCount('abstain', '弃权'),
];

/** The fields of a case file (domain.md §8). */
export const caseFields: Field[] = [
  rec(
    'household',
    '户',
    [
      rec('head', '户主', person, true),
      list('members', '家庭成员', { kind: 'record', fields: memberFields }, 1, 100, true),
      rec('collective', '集体', collective, true),
      { key: 'hukou', label: '户籍', type: { kind: 'enum', values: { rural: '农业户口', urban: '城镇户口' } }, required: true },
      bool('urbanHome', '城镇住所'),
      bool('stableNonFarmIncome', '稳定非农收入'),
      bool('socialInsurance', '社会保障'),
      dec('nonFarmIncomeShare', '非农收入占比', '', SHARE_BOUNDS),
      int('headAge', '户主年龄', '岁', 0, 150),
      int('size', '家庭人口', '人', 1, 100),
      bool('settlingInTown', '进城落户'),
    ],
    true,
  ),
  rec('contract', '承包合同', [str('number', '合同编号', true), date('start', '起始日期', true), date('end', '截止日期', true)], true),
  list('parcels', '地块', { kind: 'record', fields: parcelFields }, 1, 1000, true),
  rec(
    'market',
    '市场',
    [
      int('year', '年度', undefined, 1949, 2100),
      dec('rentPerMuYear', '流转费', '元/亩/年', RATE_BOUNDS, true),
      dec('subsidyPerMuYear', '地力补贴', '元/亩/年', SUBSIDY_BOUNDS, true),
      dec('acquisitionStandardPerMu', '征地补偿标准', '元/亩', RATE_BOUNDS),
      str('zone', '片区'),
      dec('landPricePerMu', '区片综合地价', '元/亩', RATE_BOUNDS),
    ],
    true,
  ),
  rec('exit', '退出', [
    list('parcels', '地块', names, 1, 1000, true),
    {
      key: 'mode',
      label: '模式',
      type: { kind: 'enum', values: { permanent: '永久退出', currentTerm: '本轮承包期退出', custody: '土地托管' } },
      required: true,
    },
    {
      key: 'payer',
      label: '支付方',
      type: { kind: 'enum', values: PAYER_VALUES },
      required: true,
    },
    date('noticeDate', '书面通知日期'),
    date('applicationDate', '申请日期'),
    dec('negotiatedPricePerMu', '协商价格', '元/亩', RATE_BOUNDS),
    str('reason', '退出原因', false, false, NOTE_MAX),
    rec('vote', '表决', vote),
    bool('leaveMembership', '退出成员资格'),
  ]),
  rec('transfer', '转让', [
    rec(
      'transferee',
      '受让方',
      [
        rec('head', '户主', person, true),
        rec('collective', '集体', collective, true),
        list('members', '家庭成员', { kind: 'record', fields: memberFields }, 1, 100),
      ],
      true,
    ),
    list('parcels', '地块', names, 1, 1000, true),
    dec('pricePerMu', '每亩价款', '元/亩', RATE_BOUNDS, true),
    date('termEnd', '转让截止日期', true),
    date('termStart', '转让起始日期'),
    date('applicationDate', '申请日期'),
    date('deliveryDate', '交付日期'),
    date('paymentDate', '付款日期'),
    dec('penaltyPerDayPerTenThousand', '违约金比例', '', PENALTY_BOUNDS),
    str('purpose', '经营项目', false, false, NOTE_MAX),
  ]),
];

/**
 * Collections derived from the case, available to expressions by name. Each resolves to a list of
 * records with the given fields: parcels named in exit.parcels, in transfer.parcels, and the members
 * marked coOwner.
 */
export const derivedCollections: { key: string; label: string; fields: Field[]; doc: Message }[] = [
  { key: 'exitParcels', label: '退出地块', fields: parcelFields, doc: msg('hover.derived.exitParcels') },
  { key: 'transferParcels', label: '转让地块', fields: parcelFields, doc: msg('hover.derived.transferParcels') },
  { key: 'coOwners', label: '家庭共有人', fields: memberFields, doc: msg('hover.derived.coOwners') },
];
