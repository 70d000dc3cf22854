// The case model as data: every field with its English key, Chinese label, type and unit. One
// description serves three jobs: names and units for the expression checker, the JSON Schema that
// validates case files (ajv), and the generated application form in the UI.

export type FieldType =
  | { kind: 'string' }
  | { kind: 'bool' }
  | { kind: 'date' }
  | { kind: 'integer'; unit?: string }
  | { kind: 'decimal'; unit: string } // unit "" = dimensionless
  | { kind: 'enum'; values: Record<string, string> } // value → Chinese label
  | { kind: 'record'; fields: Field[] }
  | { kind: 'list'; of: FieldType };

export interface Field {
  key: string;
  label: string; // Chinese label usable in expressions
  type: FieldType;
  required?: boolean;
  /** The key may appear as a sensitive personal datum (身份证号): masked in lists and exports. */
  personal?: boolean;
}

const str = (key: string, label: string, required = false, personal = false): Field => ({ key, label, type: { kind: 'string' }, required, personal });
const bool = (key: string, label: string, required = false): Field => ({ key, label, type: { kind: 'bool' }, required });
const date = (key: string, label: string, required = false): Field => ({ key, label, type: { kind: 'date' }, required });
const dec = (key: string, label: string, unit: string, required = false): Field => ({ key, label, type: { kind: 'decimal', unit }, required });
const int = (key: string, label: string, unit?: string, required = false): Field => ({ key, label, type: { kind: 'integer', unit }, required });
const rec = (key: string, label: string, fields: Field[], required = false): Field => ({ key, label, type: { kind: 'record', fields }, required });

const person: Field[] = [str('name', '姓名', true), str('idNumber', '身份证号', true, true)];
const collective: Field[] = [str('town', '镇', true), str('village', '村', true), str('group', '组', true)];

export const memberFields: Field[] = [
  ...person,
  str('relation', '关系', true),
  bool('coOwner', '家庭共有人', true),
  bool('consents', '同意'),
  int('age', '年龄', '岁'),
];

export const parcelFields: Field[] = [
  str('name', '地块名称', true),
  { key: 'landClass', label: '地类', type: { kind: 'enum', values: { 水田: '水田', 旱地: '旱地', 其他: '其他' } }, required: true },
  bool('isArable', '耕地', true),
  dec('area', '面积', '亩', true),
  rec('bounds', '四至', [str('east', '东', true), str('south', '南', true), str('west', '西', true), str('north', '北', true)], true),
  str('contractNo', '承包合同编号'),
  str('certificateNo', '承包经营权证编号'),
  str('grade', '等级'),
];

const vote: Field[] = [
  str('body', '会议', true),
  int('entitled', '应到人数', '人', true),
  int('present', '实到人数', '人', true),
  int('yes', '赞成', '人', true),
  int('no', '反对', '人', true),
  int('abstain', '弃权', '人', true),
  int('households', '户数', '户'),
  int('householdsPresent', '到会户数', '户'),
];

/** The fields of a case file (domain.md §8). */
export const caseFields: Field[] = [
  rec('household', '户', [
    rec('head', '户主', person, true),
    { key: 'members', label: '家庭成员', type: { kind: 'list', of: { kind: 'record', fields: memberFields } }, required: true },
    rec('collective', '集体', collective, true),
    { key: 'hukou', label: '户籍', type: { kind: 'enum', values: { rural: '农业户口', urban: '城镇户口' } }, required: true },
    bool('urbanHome', '城镇住所'),
    bool('stableNonFarmIncome', '稳定非农收入'),
    bool('socialInsurance', '社会保障'),
    dec('nonFarmIncomeShare', '非农收入占比', ''),
    int('headAge', '户主年龄', '岁'),
    int('size', '家庭人口', '人'),
    bool('settlingInTown', '进城落户'),
  ], true),
  rec('contract', '承包合同', [str('number', '合同编号', true), date('start', '起始日期', true), date('end', '截止日期', true)], true),
  { key: 'parcels', label: '地块', type: { kind: 'list', of: { kind: 'record', fields: parcelFields } }, required: true },
  rec('market', '市场', [
    int('year', '年度'),
    dec('rentPerMuYear', '流转费', '元/亩/年', true),
    dec('subsidyPerMuYear', '地力补贴', '元/亩/年', true),
    dec('acquisitionStandardPerMu', '征地补偿标准', '元/亩'),
    str('zone', '片区'),
    dec('landPricePerMu', '区片综合地价', '元/亩'),
  ], true),
  rec('exit', '退出', [
    { key: 'parcels', label: '地块', type: { kind: 'list', of: { kind: 'string' } }, required: true },
    { key: 'mode', label: '模式', type: { kind: 'enum', values: { permanent: '永久退出', currentTerm: '本轮承包期退出', custody: '土地托管' } }, required: true },
    { key: 'payer', label: '支付方', type: { kind: 'enum', values: { group: '组集体', village: '村集体', county: '县级' } }, required: true },
    date('noticeDate', '书面通知日期'),
    date('applicationDate', '申请日期'),
    dec('negotiatedPricePerMu', '协商价格', '元/亩'),
    str('reason', '退出原因'),
    rec('vote', '表决', vote),
    bool('leaveMembership', '退出成员资格'),
  ]),
  rec('transfer', '转让', [
    rec('transferee', '受让方', [
      rec('head', '户主', person, true),
      rec('collective', '集体', collective, true),
      { key: 'members', label: '家庭成员', type: { kind: 'list', of: { kind: 'record', fields: memberFields } } },
    ], true),
    { key: 'parcels', label: '地块', type: { kind: 'list', of: { kind: 'string' } }, required: true },
    dec('pricePerMu', '每亩价款', '元/亩', true),
    date('termEnd', '转让截止日期', true),
    date('termStart', '转让起始日期'),
    date('applicationDate', '申请日期'),
    date('deliveryDate', '交付日期'),
    date('paymentDate', '付款日期'),
    dec('penaltyPerDayPerTenThousand', '违约金比例', ''),
    str('purpose', '经营项目'),
  ]),
];

/**
 * Collections derived from the case, available to expressions by name. Each resolves to a list of
 * records with the given fields: parcels named in exit.parcels, in transfer.parcels, and the members
 * marked coOwner.
 */
export const derivedCollections: { key: string; label: string; fields: Field[]; doc: string }[] = [
  { key: 'exitParcels', label: '退出地块', fields: parcelFields, doc: 'parcels whose names are listed in exit.parcels' },
  { key: 'transferParcels', label: '转让地块', fields: parcelFields, doc: 'parcels whose names are listed in transfer.parcels' },
  { key: 'coOwners', label: '家庭共有人', fields: memberFields, doc: 'household members with coOwner = true' },
];
