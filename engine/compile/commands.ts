// The command catalogue: which commands each kind of step accepts and what each command carries.
// The server builds its request schemas from these fields and the UI its forms, so a command is
// described once.
import { STEP_KIND_DECLS, STEP_KINDS, type StepCommand, type StepKind } from '../../dsl/steps/index.ts';
import type { CommandField, CommandSpec, CommandType } from './workflow.ts';

const date: CommandField = { key: 'date', label: '日期', type: 'date', required: false };
const note: CommandField = { key: 'note', label: '备注', type: 'string', required: false };
const consents: CommandField = { key: 'consents', label: '家庭共有人意见 [{name, consents}]', type: 'list', required: false };
const caseField: CommandField = { key: 'case', label: '案件资料（整份替换）', type: 'object', required: false };
// Counts are in the unit of the body that voted (households for a 户主会议: dsl/case-vote.ts).
const count = (key: string, label: string): CommandField => ({ key, label, type: 'integer', required: true });

const CATALOGUE: Record<CommandType, CommandSpec> = {
  submitApplication: {
    type: 'submitApplication',
    label: '提交书面申请 submit the written application',
    fields: [date, consents, caseField, note],
  },
  receiveWrittenNotice: {
    type: 'receiveWrittenNotice',
    label: '收到书面通知 written notice received',
    fields: [date, consents, caseField, note],
  },
  recordConsent: {
    type: 'recordConsent',
    label: "记录家庭共有人意见 record a co-owner's consent",
    fields: [
      date,
      { key: 'name', label: '共有人姓名', type: 'string', required: true },
      { key: 'consents', label: '同意', type: 'boolean', required: true },
      note,
    ],
  },
  postPublicNotice: {
    type: 'postPublicNotice',
    label: '张贴公示 post the public notice',
    fields: [date, { key: 'place', label: '公示地点', type: 'string', required: false }, note],
  },
  recordObjection: {
    type: 'recordObjection',
    label: '记录异议 record an objection',
    fields: [
      date,
      { key: 'by', label: '异议人', type: 'string', required: true },
      { key: 'text', label: '异议内容', type: 'string', required: true },
    ],
  },
  closePublicNotice: {
    type: 'closePublicNotice',
    label: '公示期满 close the public notice',
    fields: [date, { key: 'objectionsResolved', label: '异议已处理', type: 'boolean', required: false }, note],
  },
  recordReview: {
    type: 'recordReview',
    label: '审核决定 review decision',
    fields: [
      date,
      { key: 'approved', label: '同意', type: 'boolean', required: true },
      { key: 'reasons', label: '书面理由（不同意时必填）', type: 'string', required: false },
    ],
  },
  recordNegotiation: {
    type: 'recordNegotiation',
    label: '记录公开协商结果 record the negotiation result',
    fields: [
      date,
      { key: 'agreed', label: '达成一致', type: 'boolean', required: true },
      { key: 'pricePerMu', label: '协商价格', type: 'decimal', unit: '元/亩', required: false },
      { key: 'payer', label: '支付方', type: 'enum', values: { group: '组集体', village: '村集体', county: '县级' }, required: false },
      note,
    ],
  },
  recordVote: {
    type: 'recordVote',
    label: '记录表决 record the vote',
    fields: [
      date,
      { key: 'body', label: '会议', type: 'string', required: true },
      count('entitled', '应到'),
      count('present', '实到'),
      count('yes', '赞成'),
      count('no', '反对'),
      count('abstain', '弃权'),
    ],
  },
  endWaiting: { type: 'endWaiting', label: '等待期届满 the waiting period is over', fields: [date] },
  signContract: {
    type: 'signContract',
    label: '签订合同 sign the contract',
    fields: [
      date,
      { key: 'paymentDue', label: '约定付款日期', type: 'date', required: false },
      { key: 'penaltyPerDayPerTenThousand', label: '逾期违约金（每日万分之）', type: 'decimal', unit: '', required: false },
      note,
    ],
  },
  recordPayment: {
    type: 'recordPayment',
    label: '记录付款 record a payment',
    fields: [date, { key: 'amount', label: '金额', type: 'decimal', unit: '元', required: true }, note],
  },
  cancelContractAndCertificate: {
    type: 'cancelContractAndCertificate',
    label: '收回承包合同和权证并加盖作废章 take back the contract and certificate and stamp them 作废',
    fields: [
      date,
      { key: 'contractNo', label: '承包合同编号', type: 'string', required: false },
      { key: 'certificateNo', label: '权证编号', type: 'string', required: false },
      note,
    ],
  },
  fileWithTown: {
    type: 'fileWithTown',
    label: '报镇人民政府备案 file with the town',
    fields: [
      date,
      { key: 'office', label: '备案机关', type: 'string', required: false },
      { key: 'filingNo', label: '备案编号', type: 'string', required: false },
    ],
  },
  recordRegistration: {
    type: 'recordRegistration',
    label: '变更或注销登记 registration change or cancellation',
    fields: [
      date,
      { key: 'kind', label: '登记类型', type: 'enum', values: { change: '变更登记', cancellation: '注销登记' }, required: false },
      { key: 'registrationNo', label: '登记编号', type: 'string', required: false },
    ],
  },
  endCoolingOff: { type: 'endCoolingOff', label: '冷静期届满 the cooling-off period is over', fields: [date] },
  withdraw: {
    type: 'withdraw',
    label: '冷静期内撤回 withdraw within the cooling-off period',
    fields: [date, { key: 'reason', label: '理由', type: 'string', required: false }],
  },
  reEnter: {
    type: 'reEnter',
    label: '反悔重新承包 re-entry within the window',
    fields: [
      date,
      { key: 'requalified', label: '已通过集体经济组织资格复审', type: 'boolean', required: true },
      { key: 'parcels', label: '重新承包地块（须为退出的地块）', type: 'list', required: true },
      { key: 'area', label: '面积', type: 'decimal', unit: '亩', required: true },
      note,
    ],
  },
  terminate: {
    type: 'terminate',
    label: '终止办理 close the case without completing it',
    fields: [date, { key: 'reason', label: '理由', type: 'string', required: true }],
  },
};

// Two steps of one kind may be active at once (模型方案: insurance premium and compensation are both
// payments): `step` names the one meant.
const stepField: CommandField = { key: 'step', label: '步骤（有多个步骤可办理时指明）', type: 'string', required: false };

export const COMMANDS: Record<CommandType, CommandSpec> = Object.fromEntries(
  Object.entries(CATALOGUE).map(([k, spec]) => [k, k === 'terminate' ? spec : { ...spec, fields: [...spec.fields, stepField] }]),
) as Record<CommandType, CommandSpec>;

// A step kind names its commands as text (dsl/ knows no engine types); this typing fails to compile
// when a kind names a command the catalogue does not describe.
export const commandList = (cs: readonly StepCommand[]): CommandType[] => [...cs];

/** The commands a step of each kind accepts while active, and the ones that complete it (dsl/steps/). */
export const STEP_COMMANDS = Object.fromEntries(
  STEP_KINDS.map((k) => [k, { commands: commandList(STEP_KIND_DECLS[k].commands), completes: commandList(STEP_KIND_DECLS[k].completes) }]),
) as Record<StepKind, { commands: CommandType[]; completes: CommandType[] }>;
