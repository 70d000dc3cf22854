// The host loop around the pure runner: load the case, step it, save events and state in the
// store's one transaction (contract numbers taken there too), answer. Each case runs under the
// workflow pinned in its first event and the policy version whose hash it carries, so editing a
// policy file never changes a running case.
import { randomBytes } from 'node:crypto';
import type { CaseData, ProcedureKind } from '../../dsl/case-model.ts';
import { validateCase } from '../../dsl/case-validate.ts';
import { msg, type Text } from '../../dsl/message.ts';
import type { Calendar } from '../calendar/index.ts';
import type { Workflow } from '../compile/index.ts';
import { compileWorkflow, CompileError, noProcedureMessage, unknownModeMessage } from '../compile/index.ts';
import {
  allowedCommands,
  CASE_STATUSES,
  deadlines,
  fold,
  openCase,
  step,
  type AllowedCommand,
  type CaseState,
  type CaseStatus,
  type DeadlineEntry,
  type RunContext,
} from '../run/index.ts';
import {
  ConflictError,
  IdempotencyMismatchError,
  isCaseId,
  NotFoundError,
  StoreInputError,
  type CaseFilter,
  type CaseIndex,
  type CaseListing,
  type CaseRecord,
  type IndexedSummary,
  type IndexedTask,
  type Place,
  type Store,
  type TaskFilter,
  type TaskIndexRow,
  type StoredEvent,
} from '../store/index.ts';
import { timingWarnings, type TimingWarning } from '../plan/timing.ts';
import { policyVersions } from '../store/policy-versions.ts';
import { workflowRef, type WorkflowRef } from '../run/events.ts';
import { deadlinesHoldThrough } from '../run/deadlines-hold.ts';
import { chinaDate, chinaInstant, type Clock } from './clock.ts';
import { CaseError, invalidCase } from './errors.ts';
import type { PinnedPolicy, PolicyCatalog } from './policies.ts';
import { ReadCache } from './read-cache.ts';

export interface User {
  id: string;
  name?: string;
  role?: string;
}

/** A case as the API shows it. */
export interface CaseView {
  id: string;
  policy: string;
  policyHash: string;
  procedure: ProcedureKind;
  mode: string | null;
  version: number;
  status: CaseStatus;
  place: { town: string; village: string; group: string };
  state: CaseState;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

/** A command the case allows now, with the version a client sends back to run it. */
export type OfferedCommand = AllowedCommand & { expectedVersion: number };

export interface CaseSummary extends Omit<CaseView, 'state' | 'status'> {
  /** Null for a case the store holds no index for (made outside this service). */
  status: CaseStatus | null;
  head: string;
  label: string;
  /** Labels of the steps active now. */
  current: string[];
  contractNumber: string | null;
}

export interface EventView {
  seq: number;
  type: string;
  payload: unknown;
  user: string;
  at: string;
  hash: string;
  prevHash: string;
}

export interface TaskEntry {
  caseId: string;
  policy: string;
  head: string;
  step: string;
  label: string;
  deadline: string | null;
  explanation: Text[];
  place: { town: string; village: string; group: string };
  cite: string;
}

/** A task of the day with its column: overdue, due, or waiting on a period still running. */
export interface Task extends TaskEntry {
  kind: 'due' | 'overdue' | 'waiting';
}

/** One page of a list in keyset order; `next` is the `after` of the following page, null at the end. */
export interface Page<T> {
  items: T[];
  next: string | null;
}

export interface PageRequest {
  limit: number;
  /** The `next` of the page before. */
  after?: string;
}

export type CaseListFilter = Omit<CaseFilter, 'limit' | 'offset' | 'after'> & { status?: string };

export interface CaseServiceOptions {
  store: Store;
  policies: PolicyCatalog;
  clock: Clock;
  /** The calendar for a policy's layer ids (policy.meta.calendar). */
  calendarFor: (layers: string[]) => Calendar;
  /** Keep serialised case views until the database changes (default on). */
  readCache?: boolean;
}

export interface OpenInput {
  policy: string;
  procedure: ProcedureKind;
  mode?: string | null;
  case: CaseData;
  user: User;
  idempotencyKey?: string;
}

export interface CommandInput {
  caseId: string;
  type: string;
  payload?: unknown;
  expectedVersion: number;
  idempotencyKey?: string;
  user: User;
}

/** A refusal thrown inside the store's transaction, so that nothing is written. */
class Refused extends Error {
  constructor(readonly error: CaseError) {
    super(error.message);
  }
}

export class CaseService {
  private readonly workflows = new Map<string, Workflow>();
  /**
   * The workflows this process compiled for new cases, by policy version, procedure and mode, with
   * the hash they are stored under: compiling is pure and a stored workflow is never removed
   * (workflows are append-only), so each is compiled and stored once, not at every opening.
   */
  private readonly compiled = new Map<string, { wf: Workflow; hash: string }>();
  /**
   * What each case runs under, by case id: its workflow and policy version are fixed when it opens
   * (its first event, cases.policy_hash), so an entry never goes stale, and a command need not read
   * the case before its transaction to find them. At most PINS entries (then it starts again).
   */
  private readonly pins = new Map<string, { wf: Workflow; pinned: PinnedPolicy }>();
  private readonly cache: ReadCache | null;

  constructor(private readonly opts: CaseServiceOptions) {
    // The cache watches a SQLite file; on PostgreSQL every read goes to the database.
    this.cache = opts.readCache === false || opts.store.backend !== 'sqlite' ? null : ReadCache.open(opts.store.target);
  }

  close(): void {
    this.cache?.close();
  }

  get store(): Store {
    return this.opts.store;
  }

  today(): string {
    return chinaDate(this.opts.clock.now());
  }

  // ——— opening

  /** Throws an invalid-input error naming the first bad field (/case/…) unless the case may be opened. */
  checkCase(kase: unknown): void {
    const problems = validateCase(kase, { today: this.today() });
    if (problems.length) throw invalidCase(problems);
  }

  async open(input: OpenInput): Promise<CaseView> {
    // Only a valid case reaches the log: the shape, then what it means (dsl/case-validate.ts).
    this.checkCase(input.case);
    await this.syncPolicies();
    const entry = this.opts.policies.get(input.policy);
    if (!entry)
      throw new CaseError(
        'notFound',
        'POLICY_NOT_FOUND',
        msg('http.unknownPolicy', {
          id: input.policy,
          known: this.opts.policies
            .list()
            .map((p) => p.id)
            .join(', '),
        }),
        { path: '/policy' },
      );
    const pinned = this.opts.policies.current(input.policy);
    if (!pinned) {
      throw new CaseError('unprocessable', 'POLICY_HAS_ERRORS', msg('http.policyErrors.open', { id: input.policy, errors: entry.errors }), {
        path: '/policy',
      });
    }
    if (!pinned.policy.procedures[input.procedure]) {
      throw new CaseError('invalid', 'NO_PROCEDURE', noProcedureMessage(pinned.policy, input.procedure), { path: '/procedure' });
    }
    const mode = this.modeOf(pinned, input);
    const compiledKey = JSON.stringify([pinned.hash, input.procedure, mode]);
    let wf: Workflow;
    try {
      wf = this.compiled.get(compiledKey)?.wf ?? compileWorkflow(pinned.policy, input.procedure, mode);
    } catch (e) {
      if (e instanceof CompileError)
        throw new CaseError(
          e.code === 'UNKNOWN_MODE' ? 'invalid' : 'unprocessable',
          e.code,
          e.text,
          e.code === 'UNKNOWN_MODE' ? { path: '/mode' } : {},
        );
      throw e;
    }
    const now = this.opts.clock.now();
    const ctx = this.context(pinned, input.user, chinaDate(now));
    const r = openCase(wf, input.case, ctx);
    if (!r.ok) throw CaseError.fromRefusal(r.refusal);
    try {
      // The workflow is stored by its hash and the policy version by its own (in the store since
      // sync): the first event names the workflow with what the fold needs (engine/run/events.ts
      // WorkflowRef), and the case names its version by cases.policy_hash.
      const workflowHash = await this.storedWorkflow(compiledKey, wf);
      const first = r.events[0]!;
      first.payload = { ...first.payload, workflow: workflowRef(wf, workflowHash) };
      const rec = await this.opts.store.createCase({
        policyId: pinned.id,
        policyHash: pinned.hash,
        procedure: input.procedure,
        mode: wf.mode,
        place: r.state.place,
        user: input.user.id,
        at: chinaInstant(now),
        idempotencyKey: input.idempotencyKey ?? requestKey('open'),
        initialEvents: r.events,
        state: r.state,
        index: caseIndex(wf, r.state, chinaDate(now)),
        reduce: reduceStored,
      });
      this.pin(rec.id, { wf, pinned });
      return this.view(rec);
    } catch (e) {
      throw mapStoreError(e);
    }
  }

  /** The hash `wf` is stored under, storing it the first time this process opens a case under it. */
  private async storedWorkflow(key: string, wf: Workflow): Promise<string> {
    const known = this.compiled.get(key);
    if (known) return known.hash;
    const hash = await (await policyVersions(this.opts.store)).putWorkflow(wf);
    this.compiled.set(key, { wf, hash });
    this.workflows.set(wf.id, wf);
    return hash;
  }

  private pin(caseId: string, pins: { wf: Workflow; pinned: PinnedPolicy }): void {
    if (this.pins.size >= PINS) this.pins.clear();
    this.pins.set(caseId, pins);
  }

  /** The workflow and policy version case `id` runs under; undefined when there is no such case. */
  private async pinsOf(id: string): Promise<{ wf: Workflow; pinned: PinnedPolicy } | undefined> {
    const hit = this.pins.get(id);
    if (hit) return hit;
    const rec = isCaseId(id) ? await this.opts.store.getCase(id) : undefined;
    if (!rec) return undefined;
    const pins = { wf: await this.workflowOf(rec), pinned: await this.pinnedOf(rec) };
    this.pin(id, pins);
    return pins;
  }

  private modeOf(pinned: PinnedPolicy, input: OpenInput): string | null {
    const proc = pinned.policy.procedures[input.procedure]!;
    const modes = proc.modes ?? [];
    const fromCase = input.procedure === 'exit' ? input.case?.exit?.mode : undefined;
    if (input.mode != null && input.mode !== '') {
      if (!modes.some((m) => m.id === input.mode)) {
        throw new CaseError('invalid', 'UNKNOWN_MODE', unknownModeMessage(modes, input.mode), { path: '/mode' });
      }
      if (fromCase && fromCase !== input.mode) {
        throw new CaseError('invalid', 'MODE_MISMATCH', msg('http.modeMismatch', { mode: input.mode, fromCase }), { path: '/mode' });
      }
      return input.mode;
    }
    if (fromCase) {
      if (modes.length && !modes.some((m) => m.id === fromCase)) {
        throw new CaseError('unprocessable', 'UNKNOWN_MODE', unknownModeMessage(modes, fromCase), {
          path: '/case/exit/mode',
          cite: proc.cite,
        });
      }
      return modes.length ? fromCase : null;
    }
    return modes[0]?.id ?? null;
  }

  // ——— commands

  async command(input: CommandInput): Promise<{ case: CaseView; events: EventView[]; replayed: boolean }> {
    const now = this.opts.clock.now();
    const today = chinaDate(now);
    const key = input.idempotencyKey ?? requestKey('cmd');
    try {
      // decide runs inside the store's transaction and cannot wait: what it needs of the case that
      // never changes (its workflow, its policy version) is known before. An unknown case is a 404
      // before anything else (an idempotency key reused on it included), without reading the case
      // once more for it: its pins are in memory after its first request.
      const pinnedCase = await this.pinsOf(input.caseId);
      if (!pinnedCase) throw caseNotFound(input.caseId);
      const { wf, pinned } = pinnedCase;
      const res = await this.opts.store.runCommand({
        caseId: input.caseId,
        expectedVersion: input.expectedVersion,
        idempotencyKey: key,
        user: input.user.id,
        at: chinaInstant(now),
        command: { type: input.type, payload: input.payload ?? null },
        decide: (current, tools) => {
          const ctx = this.context(pinned, input.user, today, (kind, town, year) => tools.allocateContractNumber(kind, town, year));
          const r = step(wf, current.state as CaseState, { type: input.type, payload: input.payload }, ctx);
          if (!r.ok) throw new Refused(CaseError.fromRefusal(r.refusal));
          return { events: r.events, state: r.state, index: caseIndex(wf, r.state, today) };
        },
        reduce: reduceStored,
      });
      return { case: this.view(res.record), events: res.events.map(eventView), replayed: res.replayed };
    } catch (e) {
      if (e instanceof Refused) throw e.error;
      throw mapStoreError(e);
    }
  }

  // ——— reading

  async record(id: string): Promise<CaseRecord> {
    const rec = isCaseId(id) ? await this.opts.store.getCase(id) : undefined;
    if (!rec) throw caseNotFound(id);
    return rec;
  }

  async get(id: string): Promise<CaseView> {
    return this.view(await this.record(id));
  }

  /** The case as JSON bytes (what GET /api/cases/:id sends), from the read cache when unchanged. */
  async getJson(id: string): Promise<Buffer> {
    const make = async () => Buffer.from(JSON.stringify(await this.get(id)));
    return this.cache && isCaseId(id) ? this.cache.get(id, make) : make();
  }

  /**
   * The cases matching `filter`, `page.limit` at a time in id order. Every filter applies before
   * the limit, in the store's query, and each case is shown from the index written with its
   * events (status and summary: caseIndex), so a page reads no snapshot and no workflow; one case
   * beyond the page tells whether there is a next one.
   */
  async list(filter: CaseListFilter, page: PageRequest): Promise<Page<CaseSummary>> {
    const rows = await this.opts.store.listCases({
      ...filter,
      limit: page.limit + 1,
      ...(page.after !== undefined ? { after: page.after } : {}),
    });
    const items = rows.slice(0, page.limit).map(summaryView);
    return { items, next: rows.length > page.limit ? items[items.length - 1]!.id : null };
  }

  async events(id: string): Promise<EventView[]> {
    await this.record(id);
    return (await this.opts.store.getEvents(id)).map(eventView);
  }

  async deadlines(id: string, today = this.today()): Promise<DeadlineEntry[]> {
    const rec = await this.record(id);
    return deadlines(await this.workflowOf(rec), rec.state as CaseState, today);
  }

  /**
   * The case's timing conflicts on its own dates (a deadline before its step can be done, a notice
   * that may close while objections run, a window over before its step starts): engine/plan/timing.ts,
   * the runner planned on from where the case stands. The acting user does not matter to a plan.
   */
  async timing(id: string): Promise<TimingWarning[]> {
    const rec = await this.record(id);
    const { today: _today, ...context } = this.context(await this.pinnedOf(rec), { id: 'landflow-plan' }, this.today());
    return timingWarnings(await this.workflowOf(rec), rec.state as CaseState, context);
  }

  async commands(id: string): Promise<OfferedCommand[]> {
    const rec = await this.record(id);
    return allowedCommands(await this.workflowOf(rec), rec.state as CaseState).map((c) => ({ ...c, expectedVersion: rec.version }));
  }

  async workflow(id: string): Promise<Workflow> {
    return this.workflowOf(await this.record(id));
  }

  /**
   * What is due, overdue and waiting on `date` in a place (town/village/group): the open cases'
   * tasks in case-id order, `page.limit` tasks at a time. A page may end inside a case: its cursor
   * is then `<case id>:<tasks of it already given>`, else the last case's id.
   *
   * Read from the store's task index, written with each command for its day and the days after on
   * which its tasks stay the same (engine/run/deadlines-hold.ts): a case whose rows hold on `date`
   * is answered from them; any other case on the page (a task turned overdue since, a day asked
   * before the rows were written) is worked out again from its state. Either way a page reads
   * about `page.limit` rows, whatever the number of cases.
   */
  async tasks(
    opts: { date: string; town?: string; village?: string; group?: string; policyId?: string },
    page: PageRequest,
  ): Promise<{ date: string } & Page<Task>> {
    const filter: TaskFilter = {};
    for (const k of ['town', 'village', 'group', 'policyId'] as const) if (opts[k]) filter[k] = opts[k];
    const cursor = parseTaskCursor(page.after);
    // Resuming inside a case: read it from its first row, and skip the tasks of it already given (a
    // case worked out again may have more tasks than rows, e.g. one the migration left without any).
    let from: TaskFilter['from'] = cursor && (cursor.skip > 0 ? { caseId: cursor.caseId, ord: 0 } : { caseId: cursor.caseId });
    let given = cursor && cursor.skip > 0 ? { caseId: cursor.caseId, count: cursor.skip } : null;
    const items: Task[] = [];
    for (;;) {
      // One task beyond the page tells whether there is a next one.
      const limit = Math.min(1000, page.limit + 1 - items.length);
      const rows = await this.opts.store.listTasks({ ...filter, limit, ...(from ? { from } : {}) });
      const cases: TaskIndexRow[][] = [];
      for (const r of rows) {
        const last = cases[cases.length - 1];
        if (last?.[0]!.caseId === r.caseId) last.push(r);
        else cases.push([r]);
      }
      const stale = new Set(cases.filter((g) => !g.every((r) => holdsOn(r, opts.date))).map((g) => g[0]!.caseId));
      const records = new Map((stale.size ? await this.opts.store.getCases([...stale]) : []).map((r) => [r.id, r]));
      for (const g of cases) {
        const first = g[0]!;
        // Each task with its place among the case's tasks (what a cursor counts).
        let own: { task: Task; at: number }[];
        if (!stale.has(first.caseId)) own = g.map((r) => ({ task: taskOf(r, r.task!), at: r.ord }));
        else {
          const rec = records.get(first.caseId);
          own = (rec ? await this.openTasks(rec, opts.date) : []).map((task, at) => ({ task, at }));
        }
        const skip = given?.caseId === first.caseId ? given.count : 0;
        for (const { task, at } of own.filter((t) => t.at >= skip)) {
          if (items.length === page.limit)
            return { date: opts.date, items, next: at === 0 ? items[items.length - 1]!.caseId : `${task.caseId}:${at}` };
          items.push(task);
        }
        // The next read goes on after what this case gave: its next row, or (worked out whole) the next case.
        const next = g[g.length - 1]!.ord + 1;
        from = stale.has(first.caseId) ? { caseId: first.caseId } : { caseId: first.caseId, ord: next };
        given = { caseId: first.caseId, count: next };
      }
      if (rows.length < limit) return { date: opts.date, items, next: null };
    }
  }

  /** An open case's tasks on `date`, in its workflow's order (none for a closed case). */
  private async openTasks(rec: CaseRecord, date: string): Promise<Task[]> {
    const c = { caseId: rec.id, policyId: rec.policyId, place: rec.place };
    return openTasksOf(await this.workflowOf(rec), rec.state as CaseState, date).map((t) => taskOf(c, t));
  }

  // ——— pinning

  /**
   * The workflow the case opened under: named by hash in its first event and read from the store,
   * or (a case opened before schema 7) carried whole in it. Cached by workflow id (one process
   * compiles an id one way).
   */
  async workflowOf(rec: CaseRecord): Promise<Workflow> {
    const id = (rec.state as CaseState).workflow;
    const hit = this.workflows.get(id);
    if (hit) return hit;
    const first = (await this.opts.store.getEvents(rec.id))[0];
    const pinned = (first?.payload as { workflow?: WorkflowRef | Workflow } | undefined)?.workflow;
    const ref = pinned && 'hash' in pinned ? pinned.hash : undefined;
    const wf = ref
      ? ((await (await policyVersions(this.opts.store)).getWorkflow(ref)) as Workflow | undefined)
      : (pinned as Workflow | undefined);
    if (!wf || wf.version !== 1)
      throw new Error(`case ${rec.id}: no workflow ${ref ?? 'in its first event'} (version ${String(wf?.version)})`);
    this.workflows.set(id, wf);
    return wf;
  }

  /** The policy version the case is pinned to, by its hash (in memory, else from the store). */
  async pinnedOf(rec: CaseRecord): Promise<PinnedPolicy> {
    const pinned = await this.opts.policies.version(this.opts.store, rec.policyHash);
    if (!pinned) throw new Error(`case ${rec.id}: policy version ${rec.policyHash.slice(0, 12)} is not in the store`);
    return pinned;
  }

  /** Adopts the policy versions published on any instance since the last call (the first seeds the store). */
  async syncPolicies(): Promise<void> {
    await this.opts.policies.sync(this.opts.store, chinaInstant(this.opts.clock.now()));
  }

  private context(pinned: PinnedPolicy, user: User, today: string, allocate?: RunContext['allocateContractNumber']): RunContext {
    return {
      today,
      user: user.id,
      calendar: this.opts.calendarFor(pinned.policy.meta.calendar ?? ['national']),
      evaluate: (i) => pinned.evaluate(i),
      holds: (expr, kase) => pinned.holds(expr, kase),
      ...(allocate ? { allocateContractNumber: allocate } : {}),
    };
  }

  // ——— views

  view(rec: CaseRecord): CaseView {
    const state = rec.state as CaseState;
    return {
      id: rec.id,
      policy: rec.policyId,
      policyHash: rec.policyHash,
      procedure: rec.procedure,
      mode: rec.mode,
      version: rec.version,
      status: state.status,
      place: rec.place,
      state,
      createdAt: rec.createdAt,
      createdBy: rec.createdBy,
      updatedAt: rec.updatedAt,
      updatedBy: rec.updatedBy,
    };
  }
}

/**
 * The idempotency key of a request sent without one, which no client holds to retry with: 96
 * random bits in 16 characters, kept in its record and that record's index (a UUID took 36:
 * docs/database.md).
 */
function requestKey(kind: 'open' | 'cmd'): string {
  return `${kind}-${randomBytes(12).toString('base64url')}`;
}

/**
 * A case as its list shows it, from its listing. A case the store was given no index for (made
 * outside this service) has no status and no summary: it shows its procedure and nothing else.
 */
function summaryView(l: CaseListing): CaseSummary {
  const s = l.summary;
  return {
    id: l.id,
    policy: l.policyId,
    policyHash: l.policyHash,
    procedure: l.procedure,
    mode: l.mode,
    version: l.version,
    status: (CASE_STATUSES as readonly (string | null)[]).includes(l.status) ? (l.status as CaseStatus) : null,
    place: l.place,
    createdAt: l.createdAt,
    createdBy: l.createdBy,
    updatedAt: l.updatedAt,
    updatedBy: l.updatedBy,
    head: s?.head ?? '',
    label: s?.label ?? l.procedure,
    current: s?.current ?? [],
    contractNumber: s?.contractNumber ?? null,
  };
}

/** What a case list shows of a case in this state (CaseIndex.summary): labels as its workflow gives them. */
function summaryOf(wf: Workflow, state: CaseState): IndexedSummary {
  return {
    head: state.case?.household?.head?.name ?? '',
    label: `${wf.policy.shortName}·${wf.label}`,
    current: wf.states.filter((s) => state.steps[s.id]?.status === 'active').map((s) => s.label),
    contractNumber: state.contract?.number ?? null,
  };
}

/** How many cases' pins a service keeps (CaseService.pins). */
const PINS = 10_000;

/** What the task index keeps of a task beside its columns (IndexedTask.detail). */
interface TaskDetail {
  head: string;
  explanation: TaskEntry['explanation'];
  cite: string;
}

/** A case state's tasks on `date`: its deadlines() but the done ones, none unless it is open. */
function openTasksOf(wf: Workflow, state: CaseState, date: string): IndexedTask[] {
  if (state.status !== 'open') return [];
  const head = state.case.household?.head?.name ?? '';
  return deadlines(wf, state, date).flatMap((d) => {
    if (d.kind === 'done') return [];
    const detail: TaskDetail = { head, explanation: d.explanation, cite: d.cite };
    return [{ kind: d.kind, step: d.step, label: d.label, due: d.due, timer: d.timer ?? null, detail }];
  });
}

/** The index the store writes with a command's events: the new state's status, its tasks on the command's day and how long they hold. */
export function caseIndex(wf: Workflow, state: CaseState, today: string): CaseIndex {
  const tasks = openTasksOf(wf, state, today);
  return {
    status: state.status,
    asOf: today,
    validThrough: tasks.length ? deadlinesHoldThrough(wf, state, today) : null,
    tasks,
    summary: summaryOf(wf, state),
  };
}

/** Whether an index row holds the case's task for `date` as the case's state would give it. */
function holdsOn(r: TaskIndexRow, date: string): boolean {
  return r.asOf !== null && r.asOf <= date && (r.validThrough === null || date <= r.validThrough);
}

/** A task as the list shows it, from a task of the case (worked out now or read from the index). */
function taskOf(c: { caseId: string; policyId: string; place: Place }, t: IndexedTask): Task {
  const d = t.detail as TaskDetail;
  return {
    kind: t.kind as Task['kind'],
    caseId: c.caseId,
    policy: c.policyId,
    head: d.head,
    step: t.step,
    label: t.label,
    deadline: t.due,
    explanation: d.explanation,
    place: c.place,
    cite: d.cite,
  };
}

/** A task page's cursor: a case id, with `:n` when the page ended after n of that case's tasks. */
function parseTaskCursor(after: string | undefined): { caseId: string; skip: number } | undefined {
  if (after === undefined) return undefined;
  const i = after.lastIndexOf(':');
  const caseId = i < 0 ? after : after.slice(0, i);
  const skip = i < 0 ? 0 : Number(after.slice(i + 1));
  if (!isCaseId(caseId) || !Number.isSafeInteger(skip) || skip < 0) {
    throw new CaseError('invalid', 'BAD_CURSOR', msg('http.badCursor', { after: JSON.stringify(after) }), { path: '/after' });
  }
  return { caseId, skip };
}

export function eventView(e: StoredEvent): EventView {
  return { seq: e.seq, type: e.type, payload: e.payload, user: e.user, at: e.at, hash: e.hash, prevHash: e.prevHash };
}

function caseNotFound(id: string): CaseError {
  return new CaseError('notFound', 'CASE_NOT_FOUND', msg('store.caseNotFound', { caseId: id }));
}

/** The store's deliberate errors as client errors; anything else is re-thrown (a 500). */
export function mapStoreError(e: unknown): unknown {
  if (e instanceof CaseError) return e;
  if (e instanceof ConflictError) {
    return new CaseError('conflict', 'STALE_VERSION', e.text ?? e.message, {
      path: '/expectedVersion',
      expectedVersion: e.expectedVersion,
      actualVersion: e.actualVersion,
    });
  }
  if (e instanceof NotFoundError) return new CaseError('notFound', 'CASE_NOT_FOUND', e.text ?? e.message);
  if (e instanceof IdempotencyMismatchError)
    return new CaseError('unprocessable', 'IDEMPOTENCY_KEY_REUSED', e.text ?? e.message, { path: '/idempotencyKey' });
  if (e instanceof StoreInputError)
    return new CaseError('invalid', 'BAD_INPUT', e.text ?? e.message, { path: '/' + e.field.replace(/[.[\]]+/g, '/').replace(/\/$/, '') });
  return e;
}

/** Re-folds a case's events (audit): the store's reducer for verifyAll. */
export function reduceStored(state: unknown, event: StoredEvent): unknown {
  return fold([event], state as CaseState | undefined);
}
