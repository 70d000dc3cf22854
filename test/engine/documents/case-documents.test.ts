// Every document matches its case: each figure and wording of a bundled policy's form is the one the
// engine evaluated (per-亩, total, mode, payer, notice period) or the one the case's state recorded
// (payment date agreed at signing), never a second decision of the document layer.
import { describe, expect, it } from 'vitest';
import type { CaseData } from '../../../dsl/case-model.ts';
import { caseModelInput } from '../../../engine/documents/case-input.ts';
import { renderCaseDocument } from '../../../engine/documents/case-document.ts';
import { buildDocumentModel } from '../../../engine/documents/model.ts';
import { renderHtml } from '../../../engine/documents/render-html.ts';
import { household, Runner } from '../run/fixtures.ts';
import { bundledPolicy, policyFromText, renderPolicyForm, templateSource, visibleText } from './policy-forms.ts';

const withCase = (edit: (c: CaseData) => void) => household(edit);

describe('钦州 退出合同: the per-亩 figure is the standard of 第十条, not the negotiated price', () => {
  it('prints 每亩 22695.00 元 beside 共计 53333.25 元 for 2.35 亩', () => {
    const r = renderPolicyForm(bundledPolicy('qinzhou'), '退出合同', household());
    expect(r.evaluation.compensation).toMatchObject({ amount: '53333.25', perMu: '22695.00' });
    expect(r.text).toContain('退出下表中合计面积共2.35亩土地的承包经营权');
    expect(r.text).toContain('退出价款为一次性每亩人民币22695.00元，共计53333.25元(大写：伍万叁仟叁佰叁拾叁元贰角伍分)；');
    // the household's negotiated price (exit.negotiatedPricePerMu: 14000) is no figure of 钦州's formula
    expect(r.text).not.toContain('14000');
  });

  it('a contract signed in a case keeps 每亩 22695.00 and prints the payment date agreed at signing', () => {
    const run = new Runner(
      'qinzhou',
      'exit',
      'permanent',
      withCase((c) => (c.exit!.payer = 'village')),
      '2026-01-15',
    );
    run.ok('2026-01-20', 'receiveWrittenNotice');
    run.ok('2026-07-16', 'recordNegotiation', { agreed: true, pricePerMu: '14000' });
    run.ok('2026-07-27', 'recordVote', { body: '成员大会', entitled: 30, present: 25, yes: 20, no: 3, abstain: 2 });
    run.ok('2026-08-03', 'signContract', { paymentDue: '2026-08-31' });
    expect(run.state.contract).toMatchObject({ amount: '53333.25', pricePerMu: '22695.00', paymentDue: '2026-08-31' });

    const policy = bundledPolicy('qinzhou').policy;
    const form = policy.forms.find((f) => f.id === '退出合同')!;
    const evaluation = run.p.evaluate({ procedure: 'exit', mode: 'permanent', kase: run.state.case });
    const model = buildDocumentModel(
      caseModelInput({
        policy,
        form,
        kase: run.state.case,
        evaluation,
        signed: run.state.contract,
        date: run.state.steps.contract!.doneOn!,
      }),
    );
    const t = visibleText(renderHtml(templateSource(form.template), model));
    expect(t).toContain('合同编号：退出（2026）第001号');
    expect(t).toContain('每亩人民币22695.00元，共计53333.25元(大写：伍万叁仟叁佰叁拾叁元贰角伍分)');
    expect(t).toContain('2.退出补偿价款于2026年8月31日前全部支付完毕。');
    expect(t).toContain('签订日期：2026年8月3日');
  });
});

describe("乐陵 rendered for 本轮承包期退出 says that mode over that mode's amount", () => {
  it("the case says permanent, --mode currentTerm: the clause, the heading and the figures are currentTerm's", () => {
    const r = renderPolicyForm(bundledPolicy('leling'), '退出合同', household(), { mode: 'currentTerm' });
    expect(r.evaluation.mode).toBe('currentTerm');
    expect(r.evaluation.compensation).toMatchObject({ amount: '2214.88', perMu: '942.50' });
    expect(r.text).toContain('乐陵农村土地承包经营权退出合同（本轮承包期退出）');
    expect(r.text).toContain(
      '乙方自愿退出上述土地在本轮承包期内的承包经营权，退出期限自本合同生效之日起至本轮承包期届满之日（2027年12月31日）止',
    );
    expect(r.text).toContain('退出补偿为每亩人民币942.50元，共计人民币2214.88元（大写：人民币贰仟贰佰壹拾肆元捌角捌分）');
    expect(r.text).not.toContain('乙方自愿永久退出');
  });

  it('so does `landflow render --mode currentTerm` (renderCaseDocument)', () => {
    const { policy, compiled } = bundledPolicy('leling');
    const form = policy.forms.find((f) => f.id === '退出合同')!;
    const { html, evaluation } = renderCaseDocument({
      policy,
      compiled,
      templates: { [form.template]: templateSource(form.template) },
      formId: '退出合同',
      kase: household(),
      mode: 'currentTerm',
    });
    const t = visibleText(html);
    expect(evaluation.mode).toBe('currentTerm');
    expect(t).toContain('乙方自愿退出上述土地在本轮承包期内的承包经营权');
    expect(t).toContain('每亩人民币942.50元，共计人民币2214.88元');
    expect(t).not.toContain('乙方自愿永久退出');
  });

  it('the application ticks the evaluated mode', () => {
    const t = renderPolicyForm(bundledPolicy('leling'), '退出申请书', household(), { mode: 'currentTerm' }).text;
    expect(t).toContain('☐永久退出：');
    expect(t).toContain('☑本轮承包期退出：退出至本轮承包期届满之日（2027年12月31日）止');
  });
});

describe('平罗 names the payer its policy gives (县级收储, an assumption marked as such)', () => {
  it('the policy marks its payer assumed, with a note', () => {
    const c = bundledPolicy('pingluo').policy.procedures.exit!.compensation!;
    expect(c.payer).toBe('县级收储');
    expect(c.payerParties).toEqual({ county: '县级土地收储机构' });
    expect(c.payerAssumed).toBe(true);
    expect(c.payerNote).toContain('推定');
  });

  for (const payer of ['group', 'village', 'county'] as const) {
    it(`a case whose payer is ${payer}: the contract says 由县级土地收储机构支付`, () => {
      const r = renderPolicyForm(
        bundledPolicy('pingluo'),
        '退出合同',
        withCase((c) => (c.exit!.payer = payer)),
      );
      expect(r.evaluation.compensation).toMatchObject({ payerParty: 'county', payerName: '县级土地收储机构', payerAssumed: true });
      expect(r.text).toContain('共计人民币21150.00元（大写：人民币贰万壹仟壹佰伍拾元整），由县级土地收储机构支付。');
      expect(r.text).not.toContain('村民小组（组集体）支付');
      expect(r.evaluation.notes).toEqual(
        payer === 'county' ? [] : [{ code: 'evaluate.payerReplaced', args: { asked: payer, party: 'county', name: '县级土地收储机构' } }],
      );
    });
  }

  it('钦州 keeps the payer the case chose among the two its 第十条 allows', () => {
    const group = renderPolicyForm(bundledPolicy('qinzhou'), '退出合同', household()).evaluation.compensation!;
    const village = renderPolicyForm(
      bundledPolicy('qinzhou'),
      '退出合同',
      withCase((c) => (c.exit!.payer = 'village')),
    ).evaluation.compensation!;
    expect([group.payerParty, group.payerName]).toEqual(['group', '村民小组（组集体）']);
    expect([village.payerParty, village.payerName]).toEqual(['village', '村股份经济合作联合社（村集体）']);
  });
});

describe('the payment date entered at signing is on the contract', () => {
  const signed = (amount: string, pricePerMu: string | null) => ({
    number: '退出（2026）第 004 号',
    year: 2026,
    seq: 4,
    kind: '退出' as const,
    amount,
    words: null,
    pricePerMu,
    paymentDue: '2026-09-30',
  });

  it('梁平 (generic contract)', () => {
    const r = renderPolicyForm(bundledPolicy('liangping'), '退出合同', household(), {
      signed: signed('32900.00', '14000.00'),
      date: '2026-08-01',
    });
    expect(r.text).toContain('补偿款于2026年9月30日前一次性支付至乙方指定账户');
    expect(r.text).toContain('合同编号：退出（2026）第004号');
  });

  it('钦州 转让合同: the date agreed at signing replaces the one the application proposed', () => {
    const r = renderPolicyForm(bundledPolicy('qinzhou'), '转让合同', household(), {
      signed: { ...signed('24150.00', '21000'), kind: '转让', number: '转让（2026）第 002 号' },
    });
    expect(r.text).toContain('转让价款于2026年9月30日前全部支付完毕。');
    expect(r.text).not.toContain('2026年11月30日');
  });

  it('unsigned, the 钦州 exit contract leaves the payment date blank rather than inventing one', () => {
    expect(renderPolicyForm(bundledPolicy('qinzhou'), '退出合同', household()).text).toContain('2.退出补偿价款于年月日前全部支付完毕。');
  });
});

describe('the generic contract says only what the policy says', () => {
  for (const id of ['liangping', 'neijiang']) {
    it(`${id}: no 「永久退出」 where the sources never say it; the words of 农村土地承包法第三十条 instead`, () => {
      for (const form of ['退出合同', '退出申请书']) {
        const t = renderPolicyForm(bundledPolicy(id), form, household()).text;
        expect(t).not.toContain('永久');
      }
      const contract = renderPolicyForm(bundledPolicy(id), '退出合同', household()).text;
      expect(contract).toContain(
        '乙方自愿将上述土地交回甲方，退出上述土地的承包经营权。依照《中华人民共和国农村土地承包法》第三十条，乙方在承包期内不得再要求承包土地。',
      );
    });
  }

  it('平罗 declares its mode permanent (keepsNextRound: false): its contract says 永久退出', () => {
    expect(renderPolicyForm(bundledPolicy('pingluo'), '退出合同', household()).text).toContain('乙方自愿永久退出上述土地的承包经营权。');
  });

  it('model scheme, custody: no compensation clause and no payer', () => {
    const t = renderPolicyForm(
      bundledPolicy('model-scheme'),
      '退出合同',
      withCase((c) => (c.exit!.mode = 'custody')),
      { mode: 'custody' },
    ).text;
    expect(t).toContain('模型方案农村土地承包经营权退出合同（土地托管）');
    expect(t).toContain('托管不属于土地承包经营权有偿退出，甲方不支付退出补偿。');
    expect(t).not.toContain('支付。补偿款');
  });

  const TAOYUAN = `landflow: 1
meta:
  id: taoyuan
  name: 桃源县农村土地承包经营权退出办法
  shortName: 桃源
  region: { province: 湖南省, city: 常德市, county: 桃源县 }
  source: { title: 测试来源 }
  status: 试行
  version: "1"
  effective: { from: 2024-01-01 }
  calendar: [national]
articles:
  第五条: 退出应当提前一年以书面形式通知发包方。
  第六条: 退出补偿按退出面积乘以每亩价格计算。
parameters:
  通知期:
    value: 一年
    cite: 第五条
    compare: noticePeriod
  每亩价格:
    value: 10000 元/亩
    cite: 第六条
procedures:
  exit:
    label: 退出
    cite: 第五条
    eligibility:
      - id: co-owner-consent
        label: 家庭共有人一致同意
        implements: coOwnerConsent
        rule: all(家庭共有人.同意)
        cite: 第五条
        message: 退出应当取得家庭共有人一致意见
    steps:
      - id: notice
        kind: writtenNotice
        label: 书面通知
        form: 退出申请书
        from: exit.noticeDate
        period: 通知期
        cite: 第五条
      - id: contract
        kind: contract
        label: 签订合同
        after: [notice]
        form: 退出合同
        cite: 第六条
    compensation:
      formula: sum(退出地块.面积) * 每亩价格
      round: { to: 0.01 元, mode: half-up }
      cite: 第六条
forms:
  - id: 退出申请书
    title: 桃源县农村土地承包经营权退出申请书
    template: generic/退出申请书
    procedure: exit
    cite: 第五条
  - id: 退出合同
    title: 桃源县农村土地承包经营权退出合同
    template: generic/退出合同
    procedure: exit
    cite: 第六条
`;

  it('a policy whose region is 桃源县 is titled once, and its one-year notice is printed as it asks', () => {
    const p = policyFromText(TAOYUAN, 'taoyuan.yaml');
    const contract = renderPolicyForm(p, '退出合同', household()).text;
    expect(contract.startsWith('桃源县农村土地承包经营权退出合同桃源县农村土地承包经营权退出合同合同编号')).toBe(true); // <title>, then <h1>
    expect(contract).not.toContain('桃源桃源县');
    expect(contract).toContain('（《桃源县农村土地承包经营权退出办法》第五条：应当提前一年以书面形式通知发包方）');
    expect(contract).not.toContain('提前半年');
    const application = renderPolicyForm(p, '退出申请书', household()).text;
    expect(application).toContain('本户知悉：退出应当提前一年以书面形式通知发包方');
    expect(application).not.toContain('提前半年');
  });

  it('a policy whose formula gives a total only leaves 每亩 blank rather than dividing', () => {
    const r = renderPolicyForm(policyFromText(TAOYUAN, 'taoyuan.yaml'), '退出合同', household());
    expect(r.evaluation.compensation).toMatchObject({ amount: '23500.00' });
    expect(r.evaluation.compensation!.perMu).toBeUndefined();
    expect(r.text).toContain('退出补偿为每亩人民币元，共计人民币23500.00元（大写：人民币贰万叁仟伍佰元整）');
    // no modes declared: no mode is claimed; it names no payer, so the case's payer stands
    expect(r.model.exit).toMatchObject({
      mode: null,
      modeChoice: false,
      isReturn: false,
      payer: 'group',
      payerLabel: '村民小组（组集体）',
    });
    expect(r.text).toContain('乙方自愿将上述土地交回甲方');
  });
});
