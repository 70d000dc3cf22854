// The case index, apart from any database (both backends write and read it through these): the
// status the case lists filter on and the task rows the task list reads, as the host gave them in
// CreateCaseInput.index or Decision.index, checked at the store's door and turned into rows.
//
// The rows are the host's answer for one day (CaseIndex.asOf): a task becomes overdue at midnight
// without any command, so a reader asking about another day works the case's tasks out again from
// its state (engine/cases/service.ts tasks); the rows still say which cases have tasks, in which
// order, so a page costs its own rows whatever the number of cases (docs/database.md). The summary
// a case list shows (CaseIndex.summary) goes into the case's own row beside its status, so a page
// of the list reads those columns and never a snapshot (migration 13).
import { msg } from '../../dsl/message.ts';
import { StoreInputError } from './errors.ts';
import type { CaseRow, ListingRow, TaskRow } from './rows.ts';
import type { CaseIndex, IndexedSummary, TaskFilter, TaskIndexRow } from './types.ts';
import * as check from './validate.ts';

/** More would be no task list but a bug in the host. */
const MAX_TASKS = 1000;
/** More steps active at once would be no summary but a bug in the host. */
const MAX_CURRENT = 100;

export interface CheckedIndex {
  status: string;
  asOf: string;
  validThrough: string | null;
  tasks: { kind: string; step: string; label: string; due: string | null; timer: string | null; detailJson: string }[];
  summary: IndexedSummary;
}

function label(field: string, v: unknown): string {
  if (typeof v !== 'string') throw new StoreInputError(field, msg('text.notText', { got: v === null ? 'null' : typeof v }));
  if (v.length > 1000) throw new StoreInputError(field, msg('store.tooLong', { length: v.length, max: 1000 }));
  return v;
}

function array(field: string, v: unknown, max: number): unknown[] {
  if (!Array.isArray(v)) throw new StoreInputError(field, msg('store.array'));
  if (v.length > max) throw new StoreInputError(field, msg('store.tooMany', { count: v.length, max }));
  return v;
}

function checkSummary(field: string, v: IndexedSummary): IndexedSummary {
  if (v === null || typeof v !== 'object') throw new StoreInputError(field, msg('store.object'));
  return {
    head: label(`${field}.head`, v.head),
    label: label(`${field}.label`, v.label),
    current: array(`${field}.current`, v.current, MAX_CURRENT).map((l, i) => label(`${field}.current[${i}]`, l)),
    contractNumber: v.contractNumber === null ? null : check.text(`${field}.contractNumber`, v.contractNumber),
  };
}

/** The index given with a creation or a decision, checked; null when there is none. */
export function checkIndex(field: string, v: CaseIndex | undefined): CheckedIndex | null {
  if (v === undefined) return null;
  if (v === null || typeof v !== 'object') throw new StoreInputError(field, msg('store.indexShape'));
  array(`${field}.tasks`, v.tasks, MAX_TASKS);
  const asOf = check.date(`${field}.asOf`, v.asOf);
  const validThrough = v.validThrough === null ? null : check.date(`${field}.validThrough`, v.validThrough);
  if (validThrough !== null && validThrough < asOf) {
    throw new StoreInputError(`${field}.validThrough`, msg('store.beforeAsOf', { validThrough, asOf }));
  }
  return {
    status: check.text(`${field}.status`, v.status, 50),
    asOf,
    validThrough,
    tasks: v.tasks.map((t, i) => {
      const f = `${field}.tasks[${i}]`;
      if (t === null || typeof t !== 'object') throw new StoreInputError(f, msg('store.object'));
      return {
        kind: check.text(`${f}.kind`, t.kind, 50),
        step: check.text(`${f}.step`, t.step),
        label: label(`${f}.label`, t.label),
        due: t.due === null ? null : check.date(`${f}.due`, t.due),
        timer: t.timer === null ? null : check.text(`${f}.timer`, t.timer),
        detailJson: check.json(`${f}.detail`, t.detail === undefined ? null : t.detail),
      };
    }),
    summary: checkSummary(`${field}.summary`, v.summary),
  };
}

/** The columns of a case row that hold its index's summary: all null without an index. */
export function summaryColumns(index: CheckedIndex | null): Pick<CaseRow, 'head' | 'label' | 'current_steps' | 'contract_number'> {
  const s = index?.summary;
  return {
    head: s?.head ?? null,
    label: s?.label ?? null,
    current_steps: s ? check.json('summary.current', s.current) : null,
    contract_number: s?.contractNumber ?? null,
  };
}

/** The columns of the cases table a case list reads (ListingRow): every one but the snapshot. */
export const LISTING_COLUMNS =
  'id, policy_id, policy_hash, procedure, mode, town, village, grp, version, last_hash, created_at, created_by, updated_at, updated_by, ' +
  'status, head, label, current_steps, contract_number';

/** A listed case's summary, from its row's columns (null: the case was created without an index). */
export function summaryOf(row: ListingRow): IndexedSummary | null {
  if (row.label === null) return null;
  return {
    head: row.head ?? '',
    label: row.label,
    current: JSON.parse(row.current_steps ?? '[]') as string[],
    contractNumber: row.contract_number,
  };
}

/** The task rows of a case row with this index, in order. */
export function taskRows(row: CaseRow, index: CheckedIndex | null): TaskRow[] {
  return (index?.tasks ?? []).map((t, ord) => ({
    case_id: row.id,
    ord,
    town: row.town,
    village: row.village,
    grp: row.grp,
    policy_id: row.policy_id,
    as_of: index!.asOf,
    valid_through: index!.validThrough,
    kind: t.kind,
    step: t.step,
    label: t.label,
    due: t.due,
    timer: t.timer,
    detail: t.detailJson,
  }));
}

export function toTaskIndexRow(r: TaskRow): TaskIndexRow {
  return {
    caseId: r.case_id,
    ord: r.ord,
    place: { town: r.town, village: r.village, group: r.grp },
    policyId: r.policy_id,
    asOf: r.as_of,
    validThrough: r.valid_through,
    task:
      r.as_of === null
        ? null
        : { kind: r.kind!, step: r.step!, label: r.label!, due: r.due, timer: r.timer, detail: JSON.parse(r.detail!) as unknown },
  };
}

/** The task filter's fields and the columns they compare, in the order the WHERE clause lists them. */
export const TASK_FILTER_COLUMNS: readonly [keyof Omit<TaskFilter, 'limit' | 'from'>, string][] = [
  ['town', 'town'],
  ['village', 'village'],
  ['group', 'grp'],
  ['policyId', 'policy_id'],
];

/** A task page's limit and start, checked. */
export function checkTaskPage(filter: TaskFilter): { limit: number; from: { caseId: string; ord: number | null } | null } {
  const limit = filter.limit ?? 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
    throw new StoreInputError('limit', msg('store.integerRange', { min: 1, max: 1000, got: String(limit) }));
  const f = filter.from;
  if (f === undefined) return { limit, from: null };
  if (f === null || typeof f !== 'object') throw new StoreInputError('from', msg('store.pageFrom'));
  const caseId = check.caseId('from.caseId', f.caseId);
  if (f.ord !== undefined && (!Number.isSafeInteger(f.ord) || f.ord < 0 || f.ord > 2 ** 31 - 1)) {
    throw new StoreInputError('from.ord', msg('store.nonNegativeInteger', { got: JSON.stringify(f.ord) }));
  }
  return { limit, from: { caseId, ord: f.ord ?? null } };
}

/** At most this many ids a getCases call. */
export function checkIds(ids: unknown): string[] {
  if (!Array.isArray(ids)) throw new StoreInputError('ids', msg('store.array'));
  if (ids.length > 1000) throw new StoreInputError('ids', msg('store.tooMany', { count: ids.length, max: 1000 }));
  return ids.map((id, i) => check.caseId(`ids[${i}]`, id));
}
