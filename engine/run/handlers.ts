// One handler per command: given the step it is for and the checked payload, the events that
// record what happened, whether the step is now done, and whether the case ends.
import { Decimal } from 'decimal.js';
import type { Parcel, Vote } from '../../dsl/case-model.ts';
import type { VoteRule } from '../../dsl/policy-model.ts';
import { daysBetween } from '../calendar/index.ts';
import type { CommandType } from '../compile/workflow.ts';
import { decideVote, voteRuleId } from '../rules/vote.ts';
import { ev, isFull, mainPaymentStep, money, procedureParcels, sumArea, type Handler } from './context.ts';
import { evaluateCase, lateness } from './guards.ts';
import type { TimerState } from './state.ts';

const initiate: Handler = (c) => {
  const type = c.def.kind === 'writtenNotice' ? 'WrittenNoticeReceived' : 'ApplicationSubmitted';
  // The note keeps what the record needs beside the facts (e.g. how each co-owner consented: 书面签字, 按手印).
  return { events: [ev(type, { step: c.def.id, date: c.date, case: c.p.case, note: c.p.note })], complete: { date: c.date } };
};

export const handlers: Record<CommandType, Handler> = {
  submitApplication: initiate,
  receiveWrittenNotice: initiate,

  recordConsent: (c) => {
    const kase = c.state.case;
    const member = kase.household.members.find((m) => m.name === c.p.name);
    if (!member)
      return {
        code: 'BAD_PAYLOAD',
        status: 400,
        path: '/payload/name',
        message: `家庭成员中没有 ${c.p.name} — no household member named ${c.p.name}`,
      };
    const events = [ev('ConsentRecorded', { step: c.def.id, date: c.date, name: c.p.name, consents: c.p.consents, note: c.p.note })];
    const after = kase.household.members.map((m) => (m.name === c.p.name ? { ...m, consents: c.p.consents } : m));
    const all = after.filter((m) => m.coOwner).every((m) => m.consents === true);
    return all ? { events, complete: { date: c.date } } : { events };
  },

  postPublicNotice: (c) => {
    if (c.st.postedOn) {
      return {
        code: 'NOT_ALLOWED',
        status: 409,
        message: `公示已于 ${c.st.postedOn} 张贴 the notice was already posted on ${c.st.postedOn}`,
        cite: c.def.cite,
      };
    }
    return { events: [ev('PublicNoticePosted', { step: c.def.id, date: c.date, place: c.p.place, note: c.p.note })] };
  },

  recordObjection: (c) => {
    if (!c.st.postedOn)
      return { code: 'NOT_ALLOWED', status: 409, message: '公示尚未张贴 the notice has not been posted yet', cite: c.def.cite };
    if (c.date < c.st.postedOn) {
      return {
        code: 'BAD_DATE',
        status: 422,
        path: '/payload/date',
        message: `异议日期早于公示张贴日 ${c.st.postedOn} — before the notice was posted`,
        cite: c.def.cite,
      };
    }
    return { events: [ev('ObjectionRecorded', { step: c.def.id, date: c.date, by: c.p.by, text: c.p.text })] };
  },

  closePublicNotice: (c) => {
    if (!c.st.postedOn)
      return { code: 'NOT_ALLOWED', status: 409, message: '公示尚未张贴 the notice has not been posted yet', cite: c.def.cite };
    const objections = c.state.objections.filter((o) => o.step === c.def.id);
    if (objections.length > 0 && c.p.objectionsResolved !== true) {
      return {
        code: 'OBJECTIONS_PENDING',
        status: 422,
        message: `公示期内有 ${objections.length} 项异议，须处理后（objectionsResolved: true）方可结束公示 — ${objections.length} objection(s) must be resolved before the notice closes`,
        cite: c.def.cite,
      };
    }
    const result = { date: c.date, postedOn: c.st.postedOn, objections: objections.length, resolved: objections.length > 0 };
    return { events: [ev('PublicNoticeClosed', { step: c.def.id, ...result, note: c.p.note })], complete: result };
  },

  recordReview: (c) => {
    if (!c.p.approved && !(typeof c.p.reasons === 'string' && c.p.reasons.trim())) {
      return {
        code: 'REASONS_REQUIRED',
        status: 422,
        path: '/payload/reasons',
        message: '不同意的，应当书面说明理由 a refusal must give its reasons in writing',
        cite: c.def.cite,
      };
    }
    const late = lateness(c);
    const payload = {
      step: c.def.id,
      date: c.date,
      approved: c.p.approved,
      reasons: c.p.reasons,
      late: late ? true : undefined,
      deadline: late?.deadline,
    };
    const events = [ev('ReviewDecided', payload)];
    if (c.p.approved) return { events, complete: { date: c.date, approved: true } };
    return {
      events,
      close: {
        status: 'refused',
        reason: `审核不同意：${c.p.reasons}${late ? `（书面说明理由逾期，期限为 ${late.deadline}）` : ''}`,
        cite: c.def.cite,
      },
    };
  },

  recordNegotiation: (c) => {
    const events = [
      ev('NegotiationRecorded', {
        step: c.def.id,
        date: c.date,
        agreed: c.p.agreed,
        pricePerMu: c.p.pricePerMu,
        payer: c.p.payer,
        note: c.p.note,
      }),
    ];
    return c.p.agreed
      ? { events, complete: { date: c.date, agreed: true, ...(c.p.pricePerMu ? { pricePerMu: c.p.pricePerMu } : {}) } }
      : { events };
  },

  recordVote: (c) => {
    const vote: Vote = { body: c.p.body, entitled: c.p.entitled, present: c.p.present, yes: c.p.yes, no: c.p.no, abstain: c.p.abstain };
    const guard = c.wf.guards.find((g) => g.kind === 'vote' && c.def.guards.includes(g.id));
    const rules = guard?.votes ?? [];
    const kase = c.state.case;
    const bodies = (r: VoteRule): string[] => (Array.isArray(r.body) ? r.body : [r.body as unknown as string]);
    const index = rules.findIndex((r) => (!r.when || !c.run.holds || c.run.holds(r.when, kase)) && bodies(r).includes(vote.body));
    if (index < 0) {
      const allowed = [...new Set(rules.filter((r) => !r.when || !c.run.holds || c.run.holds(r.when, kase)).flatMap(bodies))];
      return {
        code: 'VOTE_BODY',
        status: 422,
        path: '/payload/body',
        message: `本案应由 ${allowed.join('、') || '（无）'} 表决，不是 ${vote.body} — this case is voted on by ${allowed.join(' / ') || '(none)'}, not ${vote.body}`,
        cite: c.def.cite,
      };
    }
    const decision = decideVote(rules[index]!, vote, voteRuleId(c.def.id, index));
    if ('error' in decision) {
      return {
        code: 'BAD_PAYLOAD',
        status: 400,
        path: `/payload/${decision.field.replace(/^(vote|rule)\./, '')}`,
        message: decision.error,
      };
    }
    // A meeting nobody was entitled to attend is no vote to record.
    if (decision.decidedBy === 'tally')
      return { code: 'BAD_PAYLOAD', status: 400, path: '/payload/entitled', message: decision.detail, cite: decision.cite };
    const verdict = {
      passed: decision.passed,
      decidedBy: decision.decidedBy,
      rule: decision.rule,
      unit: decision.unit,
      cite: decision.cite,
      detail: decision.detail,
    };
    const events = [ev('VoteRecorded', { step: c.def.id, date: c.date, vote, ...verdict, required: decision.required })];
    return decision.passed ? { events, complete: { date: c.date, ...verdict } } : { events };
  },

  endWaiting: (c) => ({ events: [ev('WaitingEnded', { step: c.def.id, date: c.date })], complete: { date: c.date } }),
  endCoolingOff: (c) => ({ events: [ev('CoolingOffEnded', { step: c.def.id, date: c.date })], complete: { date: c.date } }),

  withdraw: (c) => ({
    events: [ev('Withdrawn', { step: c.def.id, date: c.date, reason: c.p.reason })],
    close: {
      status: 'withdrawn',
      reason: `冷静期内撤回 withdrawn within the cooling-off period${c.p.reason ? `：${c.p.reason}` : ''}`,
      cite: c.def.cite,
    },
  }),

  signContract: (c) => {
    const kase = c.state.case;
    const r = evaluateCase(c, kase);
    if ('code' in r) return r;
    const amount = r.compensation?.amount;
    if (!amount) {
      return {
        code: 'NO_AMOUNT',
        status: 422,
        message: '按政策无法计算合同价款 the policy gives no amount for this case',
        cite: c.def.cite,
      };
    }
    const transfer = c.wf.procedure === 'transfer';
    const paymentDue = (c.p.paymentDue as string | undefined) ?? (transfer ? kase.transfer?.paymentDate : undefined);
    if (paymentDue && paymentDue < c.date) {
      return {
        code: 'BAD_DATE',
        status: 422,
        path: c.p.paymentDue ? '/payload/paymentDue' : '/payload',
        message: `约定付款日期 ${paymentDue} 早于签约日 ${c.date}；请在 paymentDue 给出新的付款日期 — the payment date is before signing; give paymentDue`,
        cite: c.def.cite,
      };
    }
    const penalty =
      (c.p.penaltyPerDayPerTenThousand as string | undefined) ?? (transfer ? kase.transfer?.penaltyPerDayPerTenThousand : undefined);
    // Only a numbered form takes a number (a 托管 agreement has none).
    const series = c.def.numbering;
    const number = series ? c.run.allocateContractNumber?.(series, c.state.place.town, Number(c.date.slice(0, 4))) : undefined;
    // The contract's 每亩 is the policy's own per-亩 figure; a negotiated price is only an input to it.
    const pricePerMu = transfer ? kase.transfer?.pricePerMu : r.compensation?.perMu;
    const signed = {
      step: c.def.id,
      date: c.date,
      kind: series ?? (transfer ? '转让' : '退出'),
      number: number?.text,
      seq: number?.seq,
      year: number?.year,
      amount,
      words: r.compensation?.words,
      area: sumArea(kase, c.wf.procedure),
      pricePerMu,
      paymentDue,
      penaltyPerDayPerTenThousand: penalty,
    };
    const events = [ev('ContractSigned', signed)];
    const pay = c.wf.states.find((s) => s.id === mainPaymentStep(c.wf));
    if (pay && paymentDue) {
      const timer: TimerState = {
        id: `${pay.id}:due`,
        step: pay.id,
        kind: 'deadline',
        label: '合同约定的付款日期',
        parameter: null,
        period: null,
        start: c.date,
        end: paymentDue,
        lastDay: paymentDue,
        explanation: [
          `合同约定的付款日期 payment date agreed in the contract: ${paymentDue}（${pay.cite}）`,
          ...(penalty
            ? [`逾期每日按应支付费用总额的万分之 ${penalty} 承担违约金 — a late payment costs ${penalty}/10000 of the total per day`]
            : []),
        ],
        cite: pay.cite,
      };
      events.push(ev('TimerSet', { timer }));
    }
    return { events, complete: { date: c.date, number: number?.text ?? null, amount } };
  },

  recordPayment: (c) => {
    const amount = new Decimal(c.p.amount);
    // More than zero, to the 分: the payload's bounds (engine/run/payload.ts) have seen to that.
    if (c.def.id !== mainPaymentStep(c.wf)) {
      // Another payment (e.g. an insurance premium): recorded, not counted against the contract price.
      return {
        events: [ev('PaymentRecorded', { step: c.def.id, date: c.date, amount: money(amount), separate: true, note: c.p.note })],
        complete: { date: c.date, paid: money(amount) },
      };
    }
    const k = c.state.contract;
    if (!k) return { code: 'NOT_ALLOWED', status: 409, message: '尚未签订合同 no contract yet', cite: c.def.cite };
    const outstanding = new Decimal(k.outstanding);
    if (amount.gt(outstanding)) {
      return {
        code: 'BAD_PAYLOAD',
        status: 400,
        path: '/payload/amount',
        message: `付款 ${money(amount)} 元超过未付金额 ${k.outstanding} 元 — more than the ${k.outstanding} 元 outstanding`,
      };
    }
    const lateDays = k.paymentDue && c.date > k.paymentDue ? daysBetween(k.paymentDue, c.date) : 0;
    const paidTotal = new Decimal(k.paid).plus(amount);
    const left = outstanding.minus(amount);
    let penalty: string | undefined;
    let penaltyExplanation: string | undefined;
    if (left.isZero() && lateDays > 0 && k.penaltyPerDayPerTenThousand) {
      // 附件1: 「每延迟一天，按应支付费用总额的万分之＿承担违约金」 — the contract total, per day late.
      const p = new Decimal(k.amount).times(k.penaltyPerDayPerTenThousand).div(10000).times(lateDays);
      penalty = money(p);
      penaltyExplanation = `违约金 = 应支付费用总额 ${k.amount} 元 × 万分之 ${k.penaltyPerDayPerTenThousand} × 逾期 ${lateDays} 日（${k.paymentDue} 之后至 ${c.date}）= ${penalty} 元 — penalty: total × ${k.penaltyPerDayPerTenThousand}/10000 × ${lateDays} days late`;
    }
    const events = [
      ev('PaymentRecorded', {
        step: c.def.id,
        date: c.date,
        amount: money(amount),
        paidTotal: money(paidTotal),
        outstanding: money(left),
        lateDays,
        penalty,
        penaltyExplanation,
        note: c.p.note,
      }),
    ];
    return left.isZero()
      ? { events, complete: { date: c.date, paid: money(paidTotal), penalty: penalty ?? '0.00', lateDays } }
      : { events };
  },

  cancelContractAndCertificate: (c) => {
    const kase = c.state.case;
    const certs = [
      ...new Set(
        procedureParcels(kase, c.wf.procedure)
          .map((p) => p.certificateNo)
          .filter((x): x is string => !!x),
      ),
    ];
    const result = {
      date: c.date,
      contractNo: (c.p.contractNo as string | undefined) ?? kase.contract.number,
      certificateNo: (c.p.certificateNo as string | undefined) ?? (certs.join('、') || undefined),
      full: isFull(kase, c.wf.procedure),
    };
    return { events: [ev('ContractCancelled', { step: c.def.id, ...result, note: c.p.note })], complete: result };
  },

  fileWithTown: (c) => {
    const result = {
      date: c.date,
      office: (c.p.office as string | undefined) ?? `${c.state.place.town}人民政府农村土地承包管理部门`,
      filingNo: c.p.filingNo,
    };
    return { events: [ev('FiledWithTown', { step: c.def.id, ...result })], complete: result };
  },

  recordRegistration: (c) => {
    const full = isFull(c.state.case, c.wf.procedure);
    const expected = full ? 'cancellation' : 'change';
    const kind = (c.p.kind as string | undefined) ?? expected;
    const guarded = c.def.guards.some((g) => g.endsWith(':registration'));
    if (guarded && kind !== expected) {
      return {
        code: 'REGISTRATION_KIND',
        status: 422,
        path: '/payload/kind',
        message: full
          ? '全部退出的，应当交回承包合同和权证并申请注销登记 — a full exit needs a cancellation (注销), not a change'
          : '部分退出的，应当申请变更登记 — a partial exit needs a change (变更), not a cancellation',
        cite: c.def.cite,
      };
    }
    const result = { date: c.date, kind, full, registrationNo: c.p.registrationNo };
    return { events: [ev('RegistrationRecorded', { step: c.def.id, ...result })], complete: result };
  },

  reEnter: (c) => {
    const refuse = (path: string, message: string) => ({ code: 'REENTRY_RULE', status: 422 as const, path, message, cite: c.def.cite });
    // 论文3.4: re-entry is for a household that passes the collective's 资格复审.
    if (c.p.requalified !== true) {
      return refuse(
        '/payload/requalified',
        "须先通过集体经济组织资格复审，方可重新承包 — re-entry needs the collective's qualification re-review first",
      );
    }
    const kase = c.state.case;
    const givenUp = procedureParcels(kase, c.wf.procedure);
    const names = c.p.parcels as string[];
    const chosen: Parcel[] = [];
    for (let i = 0; i < names.length; i++) {
      const p = givenUp.find((x) => x.name === names[i]);
      if (!p)
        return refuse(
          `/payload/parcels/${i}`,
          `「${names[i]}」不是本户退出的地块，只能重新承包退出的地块（${givenUp.map((x) => x.name).join('、')}）— only parcels given up may be re-entered`,
        );
      if (chosen.includes(p)) return refuse(`/payload/parcels/${i}`, `地块「${names[i]}」列了两次 — ${names[i]} is listed twice`);
      chosen.push(p);
    }
    const area = new Decimal(c.p.area);
    const named = chosen.reduce((s, p) => s.plus(p.area), new Decimal(0));
    if (area.gt(named)) {
      return refuse(
        '/payload/area',
        `重新承包面积 ${c.p.area} 亩大于所列地块面积合计 ${named.toString()} 亩 — more than the parcels named`,
      );
    }
    const share = c.def.buyBack;
    if (share) {
      // area ≤ given up × num / den, in exact decimals.
      const total = new Decimal(sumArea(kase, c.wf.procedure));
      if (area.times(share.den).gt(total.times(share.num))) {
        const most = total.times(share.num).div(share.den);
        return {
          ...refuse(
            '/payload/area',
            `重新承包面积 ${c.p.area} 亩超过退出面积 ${total.toString()} 亩的${share.text}（至多 ${most.toString()} 亩，${share.parameter}）— more than the share of the area given up that may be bought back`,
          ),
          cite: share.cite,
        };
      }
    }
    const result = { date: c.date, parcels: names, area: c.p.area, requalified: true, note: c.p.note };
    return {
      events: [ev('ReEntered', { step: c.def.id, ...result })],
      complete: { date: c.date },
      close: { status: 'reentered', reason: '退出方在反悔期内重新承包 the household re-entered within the window', cite: c.def.cite },
    };
  },

  terminate: () => {
    throw new Error('terminate is handled before step lookup');
  },
};
