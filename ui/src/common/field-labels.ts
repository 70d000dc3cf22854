// English names for the case schema's Chinese labels (the schema itself is Chinese: the labels
// are what policy files and clerks use). Chinese stays the default.
import { caseFields, PAYERS, type Field } from '../../../dsl/case-schema.ts';
import { getLang } from '../i18n.ts';

const en: Record<string, string> = {
  户: 'Household',
  户主: 'Head of household',
  姓名: 'Name',
  身份证号: 'ID number',
  家庭成员: 'Members',
  关系: 'Relation',
  家庭共有人: 'Co-owner',
  同意: 'Consents',
  年龄: 'Age',
  集体: 'Collective',
  镇: 'Town',
  村: 'Village',
  组: 'Group',
  户籍: 'Hukou',
  城镇住所: 'Home in town',
  稳定非农收入: 'Stable non-farm income',
  社会保障: 'Social insurance',
  非农收入占比: 'Non-farm income share',
  户主年龄: 'Age of head',
  家庭人口: 'Household size',
  进城落户: 'Settling in town',
  承包合同: 'Contract',
  合同编号: 'Contract number',
  起始日期: 'Start',
  截止日期: 'End',
  地块: 'Parcels',
  地块名称: 'Parcel',
  地类: 'Land class',
  耕地: 'Arable',
  面积: 'Area',
  四至: 'Bounds',
  东: 'East',
  南: 'South',
  西: 'West',
  北: 'North',
  承包合同编号: 'Contract no.',
  承包经营权证编号: 'Certificate no.',
  等级: 'Grade',
  市场: 'Market',
  年度: 'Year',
  流转费: 'Rent',
  地力补贴: 'Fertility subsidy',
  征地补偿标准: 'Acquisition standard',
  片区: 'Zone',
  区片综合地价: 'Zone land price',
  退出: 'Exit',
  模式: 'Mode',
  支付方: 'Payer',
  书面通知日期: 'Written notice date',
  申请日期: 'Application date',
  协商价格: 'Negotiated price',
  退出原因: 'Reason',
  表决: 'Vote',
  退出成员资格: 'Leave membership',
  转让: 'Transfer',
  受让方: 'Transferee',
  每亩价款: 'Price per mu',
  转让截止日期: 'Term end',
  转让起始日期: 'Term start',
  交付日期: 'Delivery date',
  付款日期: 'Payment date',
  违约金比例: 'Late penalty (‱/day)',
  经营项目: 'Purpose',
  会议: 'Meeting',
  应到人数: 'Entitled',
  实到人数: 'Present',
  赞成: 'Yes',
  反对: 'No',
  弃权: 'Abstain',
  户数: 'Households',
  到会户数: 'Households present',
  农业户口: 'Rural',
  城镇户口: 'Urban',
  永久退出: 'Permanent exit',
  本轮承包期退出: 'Exit for the current term',
  土地托管: 'Custody',
  ...Object.fromEntries(Object.values(PAYERS).map((p) => [p.zh, p.en])),
  水田: 'Paddy',
  旱地: 'Dry land',
  其他: 'Other',
  // The fields of the workflow's commands (engine/compile/commands.ts).
  日期: 'Date',
  备注: 'Note',
  公示地点: 'Where posted',
  共有人姓名: 'Co-owner',
  异议人: 'Objector',
  异议内容: 'Objection',
  异议已处理: 'Objections resolved',
  '书面理由（不同意时必填）': 'Written reasons (required when refusing)',
  达成一致: 'Agreed',
  约定付款日期: 'Payment due',
  '逾期违约金（每日万分之）': 'Late penalty (‱/day)',
  金额: 'Amount',
  权证编号: 'Certificate no.',
  备案机关: 'Filing office',
  备案编号: 'Filing no.',
  登记类型: 'Registration kind',
  登记编号: 'Registration no.',
  变更登记: 'Change',
  注销登记: 'Cancellation',
  理由: 'Reason',
  已通过集体经济组织资格复审: 'Requalified by the collective',
  '重新承包地块（须为退出的地块）': 'Parcels taken back (exited ones)',
  应到: 'Entitled',
  实到: 'Present',
  // Units of the case model's fields.
  岁: 'years',
  人: 'people',
  亩: 'mu',
  元: 'yuan',
  '元/亩': 'yuan/mu',
  '元/亩/年': 'yuan/mu/year',
  '‱/日': '‱/day',
};

/** A Chinese schema text in the current language. */
export function tr(zh: string): string {
  return getLang() === 'en' ? (en[zh] ?? zh) : zh;
}

export function labelOf(f: Field): string {
  return tr(f.label);
}

/** A case path ("exit.noticeDate") in words ("退出·书面通知日期"); the path itself if unknown. */
export function caseLabel(path: string): string {
  let fields: Field[] = caseFields;
  const words: string[] = [];
  for (const part of path.split('.')) {
    if (/^\d+$/.test(part)) continue;
    const f = fields.find((x) => x.key === part || x.label === part);
    if (!f) return path;
    words.push(tr(f.label));
    fields = f.type.kind === 'record' ? f.type.fields : f.type.kind === 'list' && f.type.of.kind === 'record' ? f.type.of.fields : [];
  }
  return words.join('·');
}
