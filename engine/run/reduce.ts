// The fold: CaseOpened makes the state, every later event changes a copy of it — the core events
// here, each step kind's events by the reducers of its module (engine/run/steps/). Both tables
// are exhaustive by type: an event without a reducer does not compile.
import type { CaseState } from './state.ts';
import { msg, type Text } from '../../dsl/message.ts';
import { CASE_STATE_FORMAT, clone, ReduceError, stepOf } from './state.ts';
import { CORE_EVENT_TYPES, defined, type CaseEvent, type CoreEventPayloads, type StoredEvent } from './events.ts';
import { KIND_REDUCERS } from './steps/index.ts';

type Later = Exclude<keyof CoreEventPayloads, 'CaseOpened'>;

/**
 * Events recorded before their words were messages (dsl/message.ts) hold each line, reason or
 * error as one string in both languages: read back as a text that says the same in either.
 */
function said(l: unknown): Text {
  return typeof l === 'string' ? { zh: l, en: l } : (l as Text);
}

const CORE_REDUCERS: { [T in Later]: (s: CaseState, p: CoreEventPayloads[T]) => void } = {
  StepActivated: (s, p) => {
    const st = stepOf(s, p.step);
    st.status = 'active';
    st.activatedOn = p.on;
  },
  StepCompleted: (s, p) => {
    const st = stepOf(s, p.step);
    st.status = 'done';
    st.doneOn = p.on;
    if (p.result) st.result = clone(p.result);
  },
  StepSkipped: (s, p) => {
    const st = stepOf(s, p.step);
    st.status = 'skipped';
    st.doneOn = p.on;
    st.result = { reason: said(p.reason) };
  },
  TimerSet: (s, p) => {
    const timer = clone(p.timer);
    timer.explanation = timer.explanation.map(said);
    if (timer.error !== undefined) timer.error = said(timer.error);
    s.timers[timer.id] = timer;
  },
  CaseClosed: (s, p) => {
    s.status = p.status;
    s.outcome = defined({ on: p.on, status: p.status, reason: said(p.reason), cite: p.cite });
  },
  // A fact kept in the trail only; the CaseClosed after it carries what the state needs.
  Terminated: () => {},
};

// Stored events are read back as written by the runner: once the type is known, its payload is
// the one that type was written with.
const REDUCERS = new Map<string, (s: CaseState, p: never) => void>([...Object.entries(CORE_REDUCERS), ...KIND_REDUCERS]);

function opened(p: CoreEventPayloads['CaseOpened']): CaseState {
  return {
    format: CASE_STATE_FORMAT,
    workflow: p.workflow.id,
    policy: { id: p.workflow.policy.id, hash: p.workflow.policy.hash },
    procedure: p.workflow.procedure,
    mode: p.workflow.mode ?? null,
    status: 'open',
    openedOn: p.on,
    place: clone(p.place),
    case: clone(p.case),
    steps: Object.fromEntries(p.workflow.states.map((st) => [st.id, { status: 'pending' }])),
    timers: {},
    objections: [],
    votes: [],
    contract: null,
    payments: [],
    outcome: null,
  };
}

/**
 * Events applied one after another to a state of their own: the first event changes a copy of
 * `from`, the later ones change that copy in place. No one else sees it until the run ends, so a
 * command costs one copy of its case's state, not one per event (step() and fold()).
 */
export class Folding {
  #state: CaseState;
  #own: boolean;
  /** `own`: the state is already this run's own (just made by CaseOpened). */
  constructor(from: CaseState, own = false) {
    this.#state = from;
    this.#own = own;
  }
  get state(): CaseState {
    return this.#state;
  }
  apply(event: CaseEvent | StoredEvent): void {
    if (event.type === 'CaseOpened') throw new ReduceError(msg('reduce.openedTwice'));
    const apply = REDUCERS.get(event.type);
    if (!apply) throw new ReduceError(msg('reduce.unknownEvent', { type: event.type }));
    if (!this.#own) {
      this.#state = clone(this.#state);
      this.#own = true;
    }
    apply(this.#state, (event.payload ?? {}) as never);
  }
}

/** Applies one event to the state. Pure: returns a new state, never mutates its argument. */
export function reduce(prev: CaseState | undefined, event: CaseEvent | StoredEvent): CaseState {
  return fold([event], prev)!;
}

/** The state after all the events, in order (undefined for none). Pure, like reduce(). */
export function fold(events: readonly (CaseEvent | StoredEvent)[], from?: CaseState): CaseState | undefined {
  if (events.length === 0) return from;
  let rest = events;
  let folding: Folding;
  if (from) folding = new Folding(from);
  else {
    const first = events[0]!;
    if (first.type !== 'CaseOpened') throw new ReduceError(msg('reduce.beforeOpened', { type: first.type }));
    folding = new Folding(opened(first.payload as CoreEventPayloads['CaseOpened']), true);
    rest = events.slice(1);
  }
  for (const e of rest) folding.apply(e);
  return folding.state;
}

/** Every event type the runner writes and reduces: the core ones, then each step kind's. */
export const EVENT_TYPES: readonly string[] = [...CORE_EVENT_TYPES, ...KIND_REDUCERS.map(([type]) => type)];
