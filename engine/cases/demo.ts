// `landflow serve --demo`: a few example cases at different stages, so a newcomer sees a task list
// with something in it. Every command has a fixed idempotency key, so starting with --demo again
// replays instead of duplicating. Dates are in 2026 (the bundled calendar's last year); a step the
// day cannot take yet (a date after today) is skipped and said so.
import { readFileSync } from 'node:fs';
import type { CaseData, ProcedureKind } from '../../dsl/case-model.ts';
import { CaseError } from './errors.ts';
import type { CaseService, User } from './service.ts';

interface DemoCase {
  key: string;
  title: string;
  policy: string;
  procedure: ProcedureKind;
  edit?: (c: CaseData) => void;
  steps: { type: string; payload?: Record<string, unknown> }[];
}

const DEMO_USER: User = { id: 'demo', name: '示例 demo' };

const DEMOS: DemoCase[] = [
  {
    key: 'qz-exit-village',
    title: '钦州 整户退出，村集体支付：表决通过、合同已签，待收回权证、付款、备案',
    policy: 'qinzhou',
    procedure: 'exit',
    edit: (c) => {
      c.exit!.payer = 'village';
      c.exit!.noticeDate = '2026-03-20';
    },
    steps: [
      { type: 'receiveWrittenNotice', payload: { date: '2026-03-20' } },
      { type: 'recordNegotiation', payload: { date: '2026-09-25', agreed: true } },
      { type: 'recordVote', payload: { date: '2026-10-10', body: '成员大会', entitled: 30, present: 25, yes: 20, no: 3, abstain: 2 } },
      { type: 'signContract', payload: { date: '2026-10-20', paymentDue: '2026-11-20' } },
    ],
  },
  {
    key: 'qz-transfer',
    title: '钦州 转让坡地：已申请并公示，待审核',
    policy: 'qinzhou',
    procedure: 'transfer',
    edit: (c) => {
      c.transfer!.applicationDate = '2026-11-16';
      c.transfer!.paymentDate = '2026-12-20';
    },
    steps: [
      { type: 'submitApplication', payload: { date: '2026-11-16' } },
      { type: 'postPublicNotice', payload: { date: '2026-11-17' } },
    ],
  },
  {
    key: 'qz-exit-new',
    title: '钦州 整户退出：刚收到书面通知，等待半年',
    policy: 'qinzhou',
    procedure: 'exit',
    edit: (c) => {
      c.household.head.name = '韦某平';
      c.household.members[0]!.name = '韦某平';
      c.exit!.noticeDate = '2026-11-02';
    },
    steps: [{ type: 'receiveWrittenNotice', payload: { date: '2026-11-02' } }],
  },
  {
    key: 'nj-exit-done',
    title: '内江 整户退出：已办结',
    policy: 'neijiang',
    procedure: 'exit',
    edit: (c) => {
      c.household.head.name = '张某军';
      c.household.members[0]!.name = '张某军';
      c.exit!.noticeDate = '2026-01-15';
    },
    steps: [
      { type: 'receiveWrittenNotice', payload: { date: '2026-01-15' } },
      { type: 'signContract', payload: { date: '2026-03-02', paymentDue: '2026-04-01' } },
      { type: 'recordPayment', payload: { date: '2026-03-30', amount: '__amount__' } },
      { type: 'endWaiting', payload: { date: '2026-07-16' } },
      { type: 'cancelContractAndCertificate', payload: { date: '2026-07-20' } },
    ],
  },
];

export interface DemoReport {
  opened: string[];
  notes: string[];
}

export async function openDemoCases(cases: CaseService, caseFile: string): Promise<DemoReport> {
  const base = JSON.parse(readFileSync(caseFile, 'utf8')) as CaseData;
  const report: DemoReport = { opened: [], notes: [] };
  for (const d of DEMOS) {
    const kase = structuredClone(base);
    d.edit?.(kase);
    try {
      let view = await cases.open({
        policy: d.policy,
        procedure: d.procedure,
        case: kase,
        user: DEMO_USER,
        idempotencyKey: `demo-${d.key}-open`,
      });
      for (let i = 0; i < d.steps.length; i++) {
        const s = d.steps[i]!;
        const payload = { ...(s.payload ?? {}) };
        if (payload.amount === '__amount__') payload.amount = view.state.contract?.outstanding ?? '0';
        const r = await cases.command({
          caseId: view.id,
          type: s.type,
          payload,
          expectedVersion: view.version,
          idempotencyKey: `demo-${d.key}-${i}`,
          user: DEMO_USER,
        });
        view = r.case;
      }
      report.opened.push(`${view.id}  ${d.title}`);
    } catch (e) {
      if (!(e instanceof CaseError)) throw e;
      report.notes.push(`${d.title}: ${e.message}`);
    }
  }
  return report;
}
