// Every form of every bundled policy, rendered to HTML for random valid cases (areas, prices, modes,
// payers, dates and a signed contract varied within the case format's bounds), agrees with itself and
// with the engine: 每亩 × area = total to the policy's rounding, the 大写 reads as the figure, the
// mode and the payer are the evaluated ones, a value the case has is never a blank, and no figure is
// negative. The words are read back by an independent parser, not by the function that wrote them.
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateCase } from '../../../dsl/index.ts';
import type { CaseData } from '../../../dsl/case-model.ts';
import type { SignedContract } from '../../../engine/documents/case-input.ts';
import { household } from '../run/fixtures.ts';
import { BUNDLED_POLICIES, bundledPolicy, renderPolicyForm, type LoadedTestPolicy, type RenderedForm } from './policy-forms.ts';

const DIGITS: Record<string, number> = { 零: 0, 壹: 1, 贰: 2, 叁: 3, 肆: 4, 伍: 5, 陆: 6, 柒: 7, 捌: 8, 玖: 9 };
const UNITS: Record<string, bigint> = { 拾: 10n, 佰: 100n, 仟: 1000n };

/** 人民币伍万叁仟叁佰叁拾叁元贰角伍分 → 5333325 分; 壹角 → 10. */
export function wordsToFen(words: string): bigint {
  const w = words.replace(/^人民币/, '').replace(/整$/, '');
  const at = w.indexOf('元'); // under 1 元 there is none: 壹角
  let high = 0n; // 亿 and above
  let wan = 0n; // the 万 group
  let section = 0n;
  let digit = 0n;
  for (const ch of at < 0 ? '' : w.slice(0, at)) {
    if (ch in DIGITS) digit = BigInt(DIGITS[ch]!);
    else if (ch in UNITS) {
      section += (digit || (ch === '拾' ? 1n : 0n)) * UNITS[ch]!;
      digit = 0n;
    } else if (ch === '万') {
      wan += (section + digit) * 10_000n;
      section = digit = 0n;
    } else if (ch === '亿') {
      high = (high + wan + section + digit) * 100_000_000n;
      wan = section = digit = 0n;
    } else throw new Error(`unexpected ${ch} in ${words}`);
  }
  let fen = (high + wan + section + digit) * 100n;
  let d = 0n;
  for (const ch of w.slice(at + 1)) {
    if (ch in DIGITS) d = BigInt(DIGITS[ch]!);
    else if (ch === '角') fen += d * 10n;
    else if (ch === '分') fen += d;
    else throw new Error(`unexpected ${ch} in ${words}`);
  }
  return fen;
}

const fenOf = (amount: string) => BigInt(new Decimal(amount).times(100).toFixed(0));
const money = (x: string) => new Decimal(x).toFixed(2);
const ymd = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const cents = (min: number, max: number) => fc.integer({ min, max }).map((c) => new Decimal(c).div(100).toFixed(2));

const PARCEL_NAMES = ['门口田', '坡地', '河边田', '岭上地', '屋后地'];

interface Drawn {
  parcels: { name: string; area: string; landClass: '水田' | '旱地' | '其他' }[];
  exitPick: boolean[];
  transferPick: boolean[];
  rent: string;
  subsidy: string;
  acquisition: string;
  negotiated: string | null;
  zone: string | null;
  payer: 'group' | 'village' | 'county';
  modeIndex: number;
  noticeOffset: number;
  contractEnd: string;
  transferPrice: string;
  signing: { after: number; payAfter: number | null; seq: number } | null;
}

const area = fc.integer({ min: 1, max: 500_000 }).chain((tenThousandths) =>
  fc.boolean().map((twoPlaces) => {
    const a = new Decimal(tenThousandths).div(10_000);
    // 1.20 as a clerk writes it, or four places (1.2345): both within the case format's bounds
    return twoPlaces ? a.toDecimalPlaces(2, Decimal.ROUND_UP).toFixed(2) : a.toFixed(4);
  }),
);

const drawn: fc.Arbitrary<Drawn> = fc.uniqueArray(fc.constantFrom(...PARCEL_NAMES), { minLength: 1, maxLength: 3 }).chain((names) =>
  fc.record({
    parcels: fc.tuple(
      ...names.map((name) =>
        fc.record({ name: fc.constant(name), area, landClass: fc.constantFrom('水田' as const, '旱地' as const, '其他' as const) }),
      ),
    ),
    exitPick: fc.array(fc.boolean(), { minLength: names.length, maxLength: names.length }),
    transferPick: fc.array(fc.boolean(), { minLength: names.length, maxLength: names.length }),
    rent: cents(1, 300_000),
    subsidy: cents(0, 30_000),
    acquisition: cents(100_000, 8_000_000),
    negotiated: fc.option(cents(100_000, 8_000_000), { nil: null }),
    zone: fc.constantFrom(null, '一级', '二级', '三级'),
    payer: fc.constantFrom('group' as const, 'village' as const, 'county' as const),
    modeIndex: fc.nat({ max: 5 }),
    noticeOffset: fc.integer({ min: 0, max: 1_275 }), // 2024-01-01 … 2027-06-29
    contractEnd: fc.constantFrom('2027-12-31', '2057-12-31'),
    transferPrice: cents(100_000, 5_000_000),
    signing: fc.option(
      fc.record({
        after: fc.integer({ min: 0, max: 400 }),
        payAfter: fc.option(fc.integer({ min: 0, max: 120 }), { nil: null }),
        seq: fc.integer({ min: 1, max: 999 }),
      }),
      { nil: null },
    ),
  }),
);

/** A pick of at least one parcel: the drawn booleans, or the first parcel when none is drawn. */
const pick = (names: string[], flags: boolean[]) => {
  const chosen = names.filter((_, i) => flags[i]);
  return chosen.length ? chosen : [names[0]!];
};

function caseOf(d: Drawn): CaseData {
  return household((c) => {
    const names = d.parcels.map((p) => p.name);
    c.parcels = d.parcels.map((p, i) => ({
      name: p.name,
      landClass: p.landClass,
      isArable: p.landClass !== '其他',
      area: p.area,
      bounds: { east: `东${i}`, south: `南${i}`, west: `西${i}`, north: `北${i}` },
      contractNo: c.contract.number,
      certificateNo: '450702202300123J',
    }));
    c.contract.end = d.contractEnd;
    c.market.rentPerMuYear = d.rent;
    c.market.subsidyPerMuYear = d.subsidy;
    c.market.acquisitionStandardPerMu = d.acquisition;
    if (d.zone) c.market.zone = d.zone;
    const exit = c.exit!;
    exit.parcels = pick(names, d.exitPick);
    exit.payer = d.payer;
    exit.noticeDate = addDays('2024-01-01', d.noticeOffset);
    if (d.negotiated) exit.negotiatedPricePerMu = d.negotiated;
    else delete exit.negotiatedPricePerMu;
    const t = c.transfer!;
    t.parcels = pick(names, d.transferPick);
    t.pricePerMu = d.transferPrice;
    t.termEnd = d.contractEnd;
  });
}

/** The figures of a 「每亩人民币 X 元，共（计）Y 元（大写：W）」 clause, blanks as empty strings. */
const MONEY_CLAUSE = /每亩人民币([\d.]*)元，共计?(?:人民币)?([\d.]*)元[（(]大写：(?:人民币)?([^）)]*)[）)]/g;

function checkForm(p: LoadedTestPolicy, r: RenderedForm, kase: CaseData, signed: SignedContract | null, date: string | null): void {
  const where = `${p.policy.meta.id} ${r.form.id}${signed ? ' (signed)' : ''}`;
  const { text, model, evaluation: ev } = r;
  const generic = r.form.template.includes('generic/');
  const isContract = r.form.id.endsWith('合同');
  const exitForm = r.form.procedure === 'exit';
  const parcels = exitForm ? model.exit!.parcels : model.transfer!.parcels;

  // No negative figure anywhere.
  expect(/[-−]\s*\d/.test(text), where).toBe(false);
  expect(/负[零壹贰叁肆伍陆柒捌玖]/.test(text), where).toBe(false); // a negative amount in words (负责 is no figure)

  // 每亩 × area = total to the policy's rounding; 大写 = the figure; the figures are the engine's.
  const comp = (exitForm ? p.policy.procedures.exit : p.policy.procedures.transfer)?.compensation;
  const modeComp = exitForm ? p.policy.procedures.exit?.modes.find((m) => m.id === ev.mode)?.compensation : undefined;
  const unit = new Decimal(10).pow(-((modeComp ?? comp)?.round.places ?? 2));
  const amount = signed?.amount ?? ev.compensation?.amount;
  const perMu = exitForm ? (signed ? signed.pricePerMu : ev.compensation?.perMu) : kase.transfer!.pricePerMu;
  for (const [, per, total, words] of text.matchAll(MONEY_CLAUSE)) {
    expect(total, `${where}: total`).toBe(amount ? money(amount) : '');
    expect(per, `${where}: 每亩`).toBe(perMu ? money(perMu) : '');
    if (per && total) {
      const gap = new Decimal(per).times(parcels.totalArea).minus(total).abs();
      expect(gap.lte(unit.times(new Decimal(parcels.totalArea).plus(1))), `${where}: ${per} × ${parcels.totalArea} vs ${total}`).toBe(true);
    }
    if (total) expect(wordsToFen(words!), `${where}: ${words} vs ${total}`).toBe(fenOf(total));
  }

  // The mode is the evaluated one, worded as the policy declares it.
  const modes = p.policy.procedures.exit?.modes ?? [];
  const mode = modes.find((m) => m.id === ev.mode);
  if (exitForm && generic) {
    if (!`${p.policy.meta.name}${modes.map((m) => m.label).join('')}`.includes('永久')) expect(text.includes('永久'), where).toBe(false);
    const title = mode ? mode.label.split(/[（(]/)[0] : null;
    if (title && modes.length > 1) expect(text, where).toContain(`${r.form.title}（${title}）`);
    if (r.form.id === '退出合同') {
      const clause =
        !mode || (mode.id !== 'custody' && mode.keepsNextRound === undefined)
          ? '乙方自愿将上述土地交回甲方'
          : mode.id === 'custody'
            ? '乙方将上述土地委托甲方托管经营'
            : mode.keepsNextRound
              ? '乙方自愿退出上述土地在本轮承包期内的承包经营权'
              : '乙方自愿永久退出上述土地的承包经营权';
      expect(text, where).toContain(clause);
      // The payer is the evaluated one (平罗: the county, whatever the case says).
      if (mode?.id === 'custody') expect(text, where).toContain('甲方不支付退出补偿');
      else if (ev.compensation?.payerName) expect(text, where).toContain(`由${ev.compensation.payerName}支付`);
    } else if (title) {
      expect(text.split('☑').length - 1, where).toBe(1);
      expect(text, where).toContain(`☑${title}：`);
    }
    const notice = p.policy.parameters.find((x) => x.compare === 'noticePeriod')!.period!.text;
    expect(text, where).toContain(`提前${notice}以书面形式通知发包方`);
  }

  // The objection window of a public notice is the policy's (钦州 附件3: 15 日).
  const objection = p.policy.procedures.transfer?.steps.find((s) => s.kind === 'publicNotice')?.periods?.objections;
  if (r.form.id === '转让公示' && objection) {
    const period = p.policy.parameters.find((x) => x.name === objection)!.period!.text.replace(/\s+/g, '');
    expect(text, where).toContain(`请在${period}内`);
  }

  // A value the case has is printed, not left blank.
  expect(text, where).toContain(kase.household.head.name);
  for (const row of parcels.rows) expect(text, where).toContain(row.name);
  // Custody is no paid exit: its agreement has no compensation, so no figure and no payment date.
  const paid = !(generic && mode?.id === 'custody');
  if (isContract) {
    if (paid && amount) expect(text, where).toContain(`${money(amount)}元`);
    if (paid && perMu) expect(text, where).toContain(`每亩人民币${money(perMu)}元`);
    if (signed) expect(text, where).toContain(signed.number!.replace(/\s+/g, ''));
    if (paid && signed?.paymentDue) expect(text, where).toContain(ymd(signed.paymentDue));
    else if (!exitForm && kase.transfer!.paymentDate) expect(text, where).toContain(ymd(kase.transfer!.paymentDate));
    if (date) expect(text, where).toContain(ymd(date));
    if (generic) expect(text, where).toContain(`乙方已于${ymd(kase.exit!.noticeDate!)}以书面形式通知甲方`);
  } else if (exitForm) {
    expect(text, where).toContain(ymd(kase.exit!.applicationDate ?? kase.exit!.noticeDate!));
  }
}

describe('every form of every bundled policy, for random valid cases', () => {
  it('agrees with itself and with the engine', () => {
    const policies = BUNDLED_POLICIES.map((id) => bundledPolicy(id));
    fc.assert(
      fc.property(drawn, (d) => {
        const base = caseOf(d);
        expect(validateCase(base)).toEqual([]);
        for (const p of policies) {
          const modes = p.policy.procedures.exit?.modes ?? [];
          for (const form of p.policy.forms) {
            const mode = form.procedure === 'exit' && modes.length ? modes[d.modeIndex % modes.length]!.id : undefined;
            const kase = structuredClone(base);
            const r = renderPolicyForm(p, form.id, kase, { ...(mode ? { mode } : {}) });
            const k = mode ? { ...kase, exit: { ...kase.exit!, mode: mode as NonNullable<CaseData['exit']>['mode'] } } : kase;
            checkForm(p, r, k, null, null);
            const amount = r.evaluation.compensation?.amount;
            if (!form.id.endsWith('合同') || !d.signing || !amount) continue;
            const date = addDays(kase.exit!.noticeDate!, d.signing.after);
            const kind = form.procedure === 'transfer' ? '转让' : '退出';
            const signed: SignedContract = {
              number: `${kind}（${date.slice(0, 4)}）第 ${String(d.signing.seq).padStart(3, '0')} 号`,
              year: Number(date.slice(0, 4)),
              seq: d.signing.seq,
              kind,
              amount,
              words: r.evaluation.compensation!.words,
              pricePerMu: form.procedure === 'transfer' ? kase.transfer!.pricePerMu : (r.evaluation.compensation!.perMu ?? null),
              paymentDue: d.signing.payAfter === null ? null : addDays(date, d.signing.payAfter),
            };
            const s = renderPolicyForm(p, form.id, kase, { ...(mode ? { mode } : {}), signed, date });
            checkForm(p, s, k, signed, date);
          }
        }
      }),
      { numRuns: 50 },
    );
  });

  it('reads 大写 back independently (the parser the property relies on)', () => {
    expect(wordsToFen('伍万叁仟叁佰叁拾叁元贰角伍分')).toBe(5_333_325n);
    expect(wordsToFen('人民币壹拾万柒仟元零伍角叁分')).toBe(10_700_053n);
    expect(wordsToFen('叁佰贰拾伍元零肆分')).toBe(32_504n);
    expect(wordsToFen('壹亿零壹仟元整')).toBe(10_000_100_000n);
    expect(wordsToFen('零元整')).toBe(0n);
    expect(wordsToFen('壹角')).toBe(10n);
    expect(wordsToFen('伍分')).toBe(5n);
  });
});
