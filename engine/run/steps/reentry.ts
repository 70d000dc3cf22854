// 反悔窗口 (dsl/steps/reentry.ts): re-entry within a window after the exit, by a household that
// passed the collective's 资格复审, on parcels it gave up, up to the share the policy allows to be
// bought back (论文3.4: 「按原承包面积的一定比例」) — which ends the case as re-entered.
import { Decimal } from 'decimal.js';
import type { Parcel } from '../../../dsl/case-model.ts';
import { Fraction } from '../../../dsl/expr/decimal.ts';
import { parameterInfo } from '../../../dsl/parameters.ts';
import type { Policy } from '../../../dsl/policy-model.ts';
import { CompileError } from '../../compile/errors.ts';
import type { WorkflowState } from '../../compile/workflow.ts';
import { procedureParcels, sumArea } from '../context.ts';
import { date, note } from './fields.ts';
import { stepKindTools } from './kind.ts';
import { msg, type Message } from '../../../dsl/message.ts';

interface Events {
  ReEntered: { step: string; date: string; parcels: string[]; area: string; requalified: true; note?: string };
}

const { define, command, ev } = stepKindTools<'reentry', Events>();

/** The buy-back share a re-entry step is bounded by: the parameter the policy marks buyBackShare. */
function buyBackOf(policy: Policy): WorkflowState['buyBack'] {
  const p = policy.parameters.find((x) => x.compare === 'buyBackShare');
  if (!p) return undefined;
  const info = parameterInfo(p, p.unit);
  if (info.kind !== 'value' || info.type.kind !== 'number' || info.type.unit !== '') {
    throw new CompileError('BAD_STEP', msg('compile.notAShare', { name: p.name }));
  }
  const v = info.value as unknown;
  const [num, den] = v instanceof Fraction ? [v.n.toString(), v.d.toString()] : [String(v), '1'];
  return { parameter: p.name, num, den, text: p.value ?? String(v), cite: p.cite };
}

export default define({
  kind: 'reentry',
  commands: {
    reEnter: command({
      label: { zh: '反悔重新承包', en: 're-entry within the window' },
      fields: [
        date,
        { key: 'requalified', label: '已通过集体经济组织资格复审', type: 'boolean', required: true },
        { key: 'parcels', label: '重新承包地块（须为退出的地块）', type: 'list', required: true },
        { key: 'area', label: '面积', type: 'decimal', unit: '亩', required: true },
        note,
      ],
      absent: msg('run.noReentry'),
      handle: (c) => {
        const refuse = (path: string, message: Message) =>
          ({ code: 'REENTRY_RULE', kind: 'refusedByRule', path, message, cite: c.def.cite }) as const;
        // 论文3.4: re-entry is for a household that passes the collective's 资格复审.
        if (c.p.requalified !== true) {
          return refuse('/payload/requalified', msg('run.requalifyFirst'));
        }
        const kase = c.state.case;
        const givenUp = procedureParcels(kase, c.wf.procedure);
        const names = c.p.parcels;
        const chosen: Parcel[] = [];
        for (let i = 0; i < names.length; i++) {
          const p = givenUp.find((x) => x.name === names[i]);
          if (!p)
            return refuse(
              `/payload/parcels/${i}`,
              msg('run.notGivenUp', { name: names[i], parcels: givenUp.map((x) => x.name).join('、') }),
            );
          if (chosen.includes(p)) return refuse(`/payload/parcels/${i}`, msg('case.listedTwice', { name: names[i] }));
          chosen.push(p);
        }
        const area = new Decimal(c.p.area);
        const named = chosen.reduce((s, p) => s.plus(p.area), new Decimal(0));
        if (area.gt(named)) {
          return refuse('/payload/area', msg('run.moreThanNamed', { area: c.p.area, named: named.toString() }));
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
                msg('run.overBuyBack', {
                  area: c.p.area,
                  total: total.toString(),
                  share: share.text,
                  most: most.toString(),
                  parameter: share.parameter,
                }),
              ),
              cite: share.cite,
            };
          }
        }
        const result = { date: c.date, parcels: names, area: c.p.area, requalified: true as const, note: c.p.note };
        return {
          events: [ev('ReEntered', { step: c.def.id, ...result })],
          complete: { date: c.date },
          close: { status: 'reentered', reason: msg('run.reentered'), cite: c.def.cite },
        };
      },
    }),
  },
  // A fact kept in the trail only; StepCompleted and CaseClosed carry what the state needs.
  reducers: { ReEntered: () => {} },
  compile: ({ policy }) => {
    const buyBack = buyBackOf(policy);
    return buyBack ? { buyBack } : {};
  },
});
