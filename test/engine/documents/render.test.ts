import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildDocumentModel, renderForm, renderHtml, loadTemplate, DocumentError } from '../../../engine/documents/index.ts';
import { msg } from '../../../dsl/message.ts';
import { render as say } from '../../../dsl/messages.ts';
import { loadCase, qinzhouInput, QINZHOU_FORMS, QINZHOU_POLICY } from './fixtures.ts';

const POLICIES = fileURLToPath(new URL('../../../policies/', import.meta.url));

function render(formId: string, input = qinzhouInput(formId)): string {
  return renderForm({ template: loadTemplate(POLICIES, `templates/qinzhou/${formId}.hbs`), model: buildDocumentModel(input) });
}

/** Text content of the HTML, tags removed, whitespace dropped: what a reader sees, in order. */
function text(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, '');
}

describe('钦州 退出合同 for the shared household', () => {
  const html = render('退出合同');
  const t = text(html);

  it('shows the area, the compensation in figures and in words, and the parcels', () => {
    for (const s of ['2.35', '53333.25', '伍万叁仟叁佰叁拾叁元贰角伍分', '门口田', '坡地', '22695.00']) expect(html).toContain(s);
    expect(t).toContain('退出价款为一次性每亩人民币22695.00元，共计53333.25元(大写：伍万叁仟叁佰叁拾叁元贰角伍分)；');
    expect(t).toContain('乙方自愿退出下表中合计面积共2.35亩土地的承包经营权');
    expect(t).toContain('合计（大写）贰点叁伍亩（小写）2.35亩');
  });

  it('fills the contract number, the parties and the table rows', () => {
    expect(t).toContain('合同编号：退出（2026）第001号');
    expect(t).toContain('甲方：钦南区某镇某村第三村民小组');
    expect(t).toContain('乙方：钦南区某镇某村第三村民小组黄某明户');
    expect(t).toContain('经第三村民小组和某村股份经济合作联合社同意');
    expect(t).toContain('1门口田水田1.20黄某光田水渠村道李某田450702202300123J');
    expect(t).toContain('2坡地旱地1.15山脚黄某光地林地村道450702202300123J');
    expect(t).toContain('签订日期：2026年8月20日');
    // the form pre-prints 4 rows: rows 3 and 4 stay empty
    expect(html).toMatch(/<td>3<\/td>(<td><\/td>){4}/);
  });

  it('is a self-contained A4 page with the CJK font stack', () => {
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('@page { size: A4;');
    expect(html).toContain('"Noto Serif CJK SC", "Noto Sans CJK SC", serif');
    expect(html).not.toMatch(/<link|<script|src=|url\(/);
  });

  it('leaves blanks where the case says nothing', () => {
    // 交回 date and payment date are not in the case: underlined blanks, not invented dates.
    expect(t).toContain('亩土地在年月日前交回甲方');
    expect(t).toContain('退出补偿价款于年月日前全部支付完毕');
  });

  it('renders blanks for everything when there is no result or number', () => {
    const input = qinzhouInput('退出合同');
    input.result = {};
    input.contractNumber = undefined;
    const t2 = text(render('退出合同', input));
    expect(t2).toContain('合同编号：退出（）第号');
    expect(t2).toContain('每亩人民币元，共计元(大写：)');
  });
});

describe('钦州 转让申请表', () => {
  const t = text(render('转让申请表'));
  it('lists 坡地 with its 四至 and the totals', () => {
    expect(t).toContain('坡地山脚黄某光地林地村道1.15旱地450702202300123J');
    expect(t).toContain('（大写）壹点壹伍亩。（小写）1.15亩。');
    expect(t).toContain('申请人(承包方)黄某明');
    expect(t).toContain('受让方韦某华');
    expect(t).toContain('至2027年12月31日（转让期限最长不得超过二轮土地承包期剩余年限）');
    expect(t).toContain('2026年9月30日'); // application date
  });
  it('lists only the transferred parcel', () => {
    expect(t).not.toContain('门口田');
  });
});

describe('钦州 转让合同, 转让公示, 退出申请书', () => {
  it('转让合同: parties with full ID numbers, price, total and words, penalty, copies', () => {
    const t = text(render('转让合同'));
    expect(t).toContain('合同编号：转让（2026）第001号');
    expect(t).toContain('甲方（转让方）：黄某明身份证号码：450702196803151235');
    expect(t).toContain('乙方（受让方）：韦某华身份证号码：450702197504191530');
    expect(t).toContain('位于钦南区某镇某村第三村民小组的1.15亩土地(详见下表)');
    expect(t).toContain('转让价款为一次性每亩人民币21000.00元，共24150.00元(大写：贰万肆仟壹佰伍拾元整)');
    expect(t).toContain('转让价款于2026年11月30日前全部支付完毕');
    expect(t).toContain('按应支付费用总额的万分之5承担违约金');
    expect(t).toContain('本合同一式四份');
  });
  it('转让公示: household, members, contract and certificate numbers, transferee', () => {
    const t = text(render('转让公示'));
    expect(t).toContain(
      '本村第三村民小组农户黄某明（家庭成员：黄某明、李某芳、黄某强）承包的2.35亩土地（土地承包合同号4507022023000123，土地承包经营权证号450702202300123J）',
    );
    expect(t).toContain('1坡地旱地1.15山脚林地黄某光地村道'); // this form orders 东 西 南 北
    expect(t).toContain('将上述1块地共1.15亩土地承包经营权转让给钦南区某镇某村第三村民小组韦某华农户经营');
    expect(t).toContain('请在15日内向第三村民小组和某村股份经济合作联合社反馈');
  });
  it('退出申请书: household size, land by class, co-owners, date', () => {
    const t = text(render('退出申请书'));
    expect(t).toContain('第三村民小组：');
    expect(t).toContain('家庭人口3人，劳动力人，承包耕地2.35亩，其中：水田1.20亩，旱地1.15亩，其他0.00亩。');
    expect(t).toContain('本户自愿退出下表中合计面积共2.35亩土地的承包经营权');
    expect(t).toContain('李某芳配偶450702197006212247');
    expect(t).toContain('申请日期：2026年1月15日');
  });
});

describe('rendering is deterministic and escapes data', () => {
  it('same input, same bytes', () => {
    for (const f of QINZHOU_FORMS) expect(render(f)).toBe(render(f));
  });

  it('escapes names from the case', () => {
    const kase = loadCase();
    kase.household.head.name = '<script>alert(1)</script>&';
    const html = render('退出合同', { ...qinzhouInput('退出合同'), kase });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&amp;');
  });
});

describe('generic exit templates', () => {
  const liangping = {
    id: 'liangping',
    name: '重庆市梁平区农村土地承包经营权退出试点办法',
    shortName: '梁平',
    region: { province: '重庆市', county: '梁平区' },
    articles: ['第八条', '第十二条'],
  };
  // A policy offering three modes, each declaring what the household keeps (as 乐陵 and the model scheme do).
  const MODES = [
    { id: 'permanent', label: '永久退出（未来不再参与土地承包分配）', keepsNextRound: false },
    { id: 'currentTerm', label: '本轮承包期退出', keepsNextRound: true },
    { id: 'custody', label: '土地托管', keepsNextRound: true },
  ];
  function generic(formId: '退出申请书' | '退出合同', mode: 'permanent' | 'currentTerm' | 'custody') {
    const kase = loadCase();
    kase.exit!.mode = mode;
    kase.exit!.parcels = ['坡地'];
    kase.exit!.vote = { body: '成员大会', entitled: 30, present: 25, yes: 21, no: 2, abstain: 2 };
    const model = buildDocumentModel({
      policy: liangping,
      form: { id: formId, title: `农村土地承包经营权${formId}`, copies: 4 },
      kase,
      result: {
        compensation: { amount: '16100.00', perMu: '14000.00' },
        mode: MODES.find((m) => m.id === mode)!,
        modes: MODES,
        payer: { party: 'group', name: '村民小组（组集体）' },
        notice: { period: '半年', cite: '农村土地承包法第三十条' },
      },
      contractNumber: { year: 2026, seq: 7 },
      date: '2026-08-01',
    });
    return text(renderForm({ template: loadTemplate(POLICIES, `generic/${formId}`), model }));
  }

  it('退出合同, permanent: region, articles, compensation, vote, partial exit', () => {
    const t = generic('退出合同', 'permanent');
    expect(t).toContain('梁平农村土地承包经营权退出合同（永久退出）');
    expect(t).toContain('《重庆市梁平区农村土地承包经营权退出试点办法》第八条、第十二条等规定');
    expect(t).toContain('乙方自愿永久退出上述土地的承包经营权');
    expect(t).toContain('共计人民币16100.00元（大写：人民币壹万陆仟壹佰元整），由村民小组（组集体）支付');
    expect(t).toContain('补偿方案已经成员大会表决通过（应到30人，实到25人，同意21人，反对2人，弃权2人）');
    expect(t).toContain('属部分退出');
    expect(t).toContain('办理土地承包合同和土地承包经营权证变更');
    expect(t).toContain('本合同一式四份');
    expect(t).toContain('合同编号：退出（2026）第007号');
    expect(t).not.toContain('本轮承包期届满后');
  });

  it('退出合同, current term: keeps the next round', () => {
    const t = generic('退出合同', 'currentTerm');
    expect(t).toContain('（本轮承包期退出）');
    expect(t).toContain('至本轮承包期届满之日（2027年12月31日）止');
    expect(t).toContain('本轮承包期届满后，乙方依法享有的承包资格不因本合同而丧失');
    expect(t).not.toContain('乙方自愿永久退出');
  });

  it('退出合同, custody: says it is not an exit', () => {
    expect(generic('退出合同', 'custody')).toContain('托管不属于土地承包经营权退出');
  });

  it('退出申请书 ticks the chosen mode and serves as the written notice', () => {
    const p = generic('退出申请书', 'permanent');
    expect(p).toContain('梁平农村土地承包经营权退出申请书');
    expect(p).toContain('☑永久退出：');
    expect(p).toContain('☐本轮承包期退出：');
    expect(p).toContain('☐土地托管：');
    expect(p).toContain('本申请书即为本户依《中华人民共和国农村土地承包法》第三十条向发包方提交的书面通知');
    expect(p).toContain('不是本户进城落户的条件');
    const c = generic('退出申请书', 'currentTerm');
    expect(c).toContain('☐永久退出：');
    expect(c).toContain('☑本轮承包期退出：');
  });
});

describe('renderForm and loadTemplate errors', () => {
  const model = buildDocumentModel(qinzhouInput('退出合同'));

  it('refuses a template with unknown fields, naming file:line:column', () => {
    const dir = mkdtempSync(join(tmpdir(), 'landflow-tpl-'));
    mkdirSync(join(dir, 'templates'));
    writeFileSync(join(dir, 'templates', 'bad.hbs'), '<html>\n<body>\n{{household.nmae}}\n{{money}}\n</body>');
    try {
      renderForm({ template: loadTemplate(dir, 'templates/bad.hbs'), model });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DocumentError);
      expect((e as DocumentError).code).toBe('TEMPLATE_INVALID');
      expect((e as Error).message).toMatch(/bad\.hbs:3:3: 未知字段 unknown field: household\.nmae/);
      expect((e as Error).message).toMatch(/bad\.hbs:4:3: money 需要 1 个参数/);
    }
  });

  it('says why a template is refused as data: its findings one a line, each where it is with its code', () => {
    let e: unknown;
    try {
      renderForm({ template: { file: 'bad.hbs', source: '<p>{{money}}</p>' }, model });
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(DocumentError);
    const d = e as DocumentError;
    expect(d.code).toBe('TEMPLATE_INVALID');
    const finding = msg('at.problem', {
      where: 'bad.hbs:1:6',
      problem: msg('tpl.coded', { problem: msg('tpl.arity', { name: 'money', want: '1', got: 0 }), code: 'TPL007' }),
    });
    expect(d.text).toEqual(msg('tpl.invalid', { problems: msg('text.lines', { first: finding }) }));
    expect(say(d.text!, 'zh')).toBe('模板有错误：\nbad.hbs:1:6：money 需要 1 个参数，实有 0 个 [TPL007]');
    expect(say(d.text!, 'en')).toBe('the template has errors:\nbad.hbs:1:6: money takes 1 argument(s), got 0 [TPL007]');
    expect(d.message).toBe(
      '模板有错误 template has errors:\nbad.hbs:1:6: money 需要 1 个参数，实有 0 个 takes 1 argument(s), got 0 [TPL007]',
    );
  });

  it('finds bundled templates by id and refuses paths outside the policy folder', () => {
    expect(loadTemplate(POLICIES, 'generic/退出合同').file).toMatch(/policies\/templates\/generic\/退出合同\.hbs$/);
    expect(() => loadTemplate(POLICIES, '../../etc/passwd')).toThrowError(/template/);
    expect(() => loadTemplate(POLICIES, 'templates/qinzhou/不存在.hbs')).toThrowError(/找不到模板 template not found/);
  });

  it('reports a helper error during rendering with the template name', () => {
    expect(() => renderHtml('{{amountWords "1.005"}}', model, 'x.hbs')).toThrowError(/x\.hbs: .*两位小数/);
  });

  it('the policy metadata used here is the 钦州 one', () => {
    expect(model.policy.shortName).toBe(QINZHOU_POLICY.shortName);
  });
});
