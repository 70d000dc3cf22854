// Migration 13 on SQLite: the summary columns of the cases that were indexed before them (status
// not NULL), read out of their snapshots and workflows, as migration 6 read the status out of the
// state. What it reads is the host's JSON as it was written up to this schema (engine/run/state.ts
// CaseState, engine/compile Workflow); from then on the host gives the summary with each command
// (engine/cases/service.ts caseIndex), and this code answers for the cases from before only. The
// PostgreSQL migration (pg/migrations.ts) reads the same fields in SQL.
import type Database from 'better-sqlite3';
import { canonicalJson } from './canonical-json.ts';
import { stateJsonOf } from './state.ts';

interface StoredWorkflow {
  label?: string;
  policy?: { shortName?: string };
  states?: { id: string; label: string }[];
}

interface StoredState {
  case?: { household?: { head?: { name?: string } } };
  steps?: Record<string, { status?: string } | undefined>;
  contract?: { number?: string } | null;
}

/** Cases read at a time: a snapshot is inflated and parsed once, never all of them held at once. */
const PAGE = 500;

export function backfillSummaries(db: Database.Database): void {
  const page = db.prepare('SELECT id, procedure, state FROM cases WHERE status IS NOT NULL AND id > ? ORDER BY id LIMIT ?');
  const firstPayload = db.prepare('SELECT payload FROM events WHERE case_id = ? AND seq = 1').pluck();
  const workflowBody = db.prepare('SELECT body FROM workflows WHERE hash = ?').pluck();
  const update = db.prepare('UPDATE cases SET head = ?, label = ?, current_steps = ?, contract_number = ? WHERE id = ?');
  const byHash = new Map<string, StoredWorkflow | undefined>();
  // The workflow the case runs under: named by hash in its first event, or there whole (before migration 7).
  const workflowOf = (caseId: string): StoredWorkflow | undefined => {
    const payload = firstPayload.get(caseId) as string | undefined;
    const pinned = payload === undefined ? undefined : (JSON.parse(payload) as { workflow?: StoredWorkflow & { hash?: string } }).workflow;
    const hash = pinned?.hash;
    if (typeof hash !== 'string') return pinned;
    if (!byHash.has(hash)) {
      const body = workflowBody.get(hash) as string | undefined;
      byHash.set(hash, body === undefined ? undefined : (JSON.parse(body) as StoredWorkflow));
    }
    return byHash.get(hash);
  };
  for (let after = ''; ;) {
    const rows = page.all(after, PAGE) as { id: string; procedure: string; state: string | Buffer }[];
    for (const r of rows) {
      const json = stateJsonOf(r.state, undefined); // migration 15 has not repacked them yet: deflated alone (migration 12)
      // A snapshot that does not inflate is audit verify's to report; its case lists with what is known.
      const state = (json === undefined ? {} : JSON.parse(json)) as StoredState;
      const wf = workflowOf(r.id);
      const states = wf && Array.isArray(wf.states) ? wf.states : undefined;
      const current = (states ?? []).filter((s) => state.steps?.[s.id]?.status === 'active').map((s) => s.label);
      const named = states && typeof wf!.policy?.shortName === 'string' && typeof wf!.label === 'string';
      update.run(
        state.case?.household?.head?.name ?? '',
        named ? `${wf!.policy!.shortName}·${wf!.label}` : r.procedure,
        canonicalJson(current),
        state.contract?.number ?? null,
        r.id,
      );
    }
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1]!.id;
  }
}
