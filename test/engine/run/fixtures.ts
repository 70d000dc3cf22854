// Shared by the compile, run, cases and server tests: the bundled policies (checked once), the
// example household, and a RunContext for a given day with a counting contract-number allocator.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CaseData, ProcedureKind } from '../../../dsl/case-model.ts';
import { bundledCalendar } from '../../../engine/calendar/index.ts';
import { PolicyRegistry, type PinnedPolicy } from '../../../engine/cases/policies.ts';
import { compileWorkflow, type Workflow } from '../../../engine/compile/index.ts';
import type { CaseState, RunContext, StepResult } from '../../../engine/run/index.ts';
import { openCase, step } from '../../../engine/run/index.ts';
import { renderBoth } from '../../../dsl/messages.ts';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const POLICY_IDS = ['qinzhou', 'liangping', 'pingluo', 'neijiang', 'leling', 'model-scheme'] as const;

let registry: PolicyRegistry | undefined;
export function policies(): PolicyRegistry {
  registry ??= PolicyRegistry.fromDir(path.join(REPO, 'policies'));
  return registry;
}

export function pinned(id: string): PinnedPolicy {
  const p = policies().current(id);
  if (!p) throw new Error(`policy ${id} does not check`);
  return p;
}

/** A fresh copy of examples/household-qinzhou.json. */
export function household(edit?: (c: CaseData) => void): CaseData {
  const c = JSON.parse(readFileSync(path.join(REPO, 'examples/household-qinzhou.json'), 'utf8')) as CaseData;
  edit?.(c);
  return c;
}

export function contextFor(p: PinnedPolicy, today: string, numbers?: { n: number }): RunContext {
  const counter = numbers ?? { n: 0 };
  return {
    today,
    calendar: bundledCalendar(),
    user: 'clerk-1',
    evaluate: (i) => p.evaluate(i),
    holds: (e, k) => p.holds(e, k),
    allocateContractNumber: (kind, _town, year) => {
      counter.n++;
      return { text: `${kind}（${year}）第 ${String(counter.n).padStart(3, '0')} 号`, seq: counter.n, year };
    },
  };
}

/** Drives one case through the pure runner, keeping every event (for fold checks). */
export class Runner {
  readonly wf: Workflow;
  readonly p: PinnedPolicy;
  state!: CaseState;
  events: { type: string; payload: Record<string, unknown> }[] = [];
  last: StepResult | undefined;
  private readonly numbers = { n: 0 };

  constructor(policy: string, procedure: ProcedureKind, mode: string | null, kase: CaseData, openedOn: string) {
    this.p = pinned(policy);
    this.wf = compileWorkflow(this.p.policy, procedure, mode);
    const r = openCase(this.wf, kase, contextFor(this.p, openedOn, this.numbers));
    if (!r.ok) throw new Error(`open refused: ${renderBoth(r.refusal.message)}`);
    this.state = r.state;
    this.events.push(...r.events);
  }

  /** Runs a command on `today`; returns the result and keeps the state when accepted. */
  send(today: string, type: string, payload: Record<string, unknown> = {}): StepResult {
    const r = step(this.wf, this.state, { type, payload }, contextFor(this.p, today, this.numbers));
    this.last = r;
    if (r.ok) {
      this.state = r.state;
      this.events.push(...r.events);
    }
    return r;
  }

  /** As send, but fails the test with the refusal's message when refused. */
  ok(today: string, type: string, payload: Record<string, unknown> = {}): Extract<StepResult, { ok: true }> {
    const r = this.send(today, type, payload);
    if (!r.ok) throw new Error(`${type} refused: ${r.refusal.code} ${renderBoth(r.refusal.message)}`);
    return r;
  }

  /** Runs a command that must be refused; the refusal with its message as the command line prints it. */
  refused(today: string, type: string, payload: Record<string, unknown> = {}) {
    const r = this.send(today, type, payload);
    if (r.ok) throw new Error(`${type} was accepted, expected a refusal`);
    return { ...r.refusal, message: renderBoth(r.refusal.message) };
  }

  status(step: string): string | undefined {
    return this.state.steps[step]?.status;
  }
}

/** 模型方案 permanent exit opened on 2026-01-15, its written notice received that day. */
export function modelSchemeNoticed(): Runner {
  const r = new Runner(
    'model-scheme',
    'exit',
    'permanent',
    household((c) => (c.exit!.mode = 'permanent')),
    '2026-01-15',
  );
  r.ok('2026-01-15', 'receiveWrittenNotice');
  return r;
}

/** 模型方案 permanent exit whose cooling-off ended on 2026-02-15: the dual review is active. */
export function modelSchemeUnderReview(): Runner {
  const r = modelSchemeNoticed();
  r.ok('2026-02-15', 'endCoolingOff');
  return r;
}

/** 模型方案 permanent exit, done and handed over on 2026-07-20: its re-entry window is open. */
export function modelSchemeHandedOver(): Runner {
  const r = modelSchemeUnderReview();
  r.ok('2026-02-20', 'recordComplianceReview', { approved: true });
  r.ok('2026-02-24', 'recordCollectiveAssessment', { approved: true });
  r.ok('2026-03-02', 'signContract', { paymentDue: '2026-04-01' });
  r.ok('2026-03-10', 'recordPayment', { amount: '81075.00' });
  r.ok('2026-07-16', 'endWaiting');
  r.ok('2026-07-20', 'cancelContractAndCertificate');
  return r;
}
