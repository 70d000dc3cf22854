// Re-checks everything the store promises, from the rows alone: every hash recomputed, seqs
// continuous from 1, each snapshot at its chain's head (and, given a reducer, equal to the fold of
// its events), contract numbers 1, 2, 3 … with no gap per (town, year, kind), append-only triggers
// in place. Runs in one read transaction, so a concurrent writer cannot cause a false alarm.
import type Database from 'better-sqlite3';
import { canonicalJson } from './canonical-json.ts';
import { GENESIS_HASH, contractNumberText, eventHash } from './chain.ts';
import { REQUIRED_TRIGGERS } from './migrations.ts';
import type { CaseRow, ContractRow, EventRow } from './rows.ts';
import type { BrokenEvent, StoredEvent, VerifyOptions, VerifyResult } from './types.ts';

/** The columns verify reads: kind stays any text, since a tampered row may hold anything. */
type CaseHead = Pick<CaseRow, 'id' | 'state' | 'version' | 'last_hash'>;
type ContractNumberRow = Omit<ContractRow, 'kind' | 'at'> & { kind: string };

const short = (h: string) => (typeof h === 'string' ? h.slice(0, 12) + '…' : String(h));

export function verifyDatabase(db: Database.Database, opts: VerifyOptions = {}): VerifyResult {
  return db.transaction(() => verifyInTransaction(db, opts))();
}

function verifyInTransaction(db: Database.Database, opts: VerifyOptions): VerifyResult {
  const max = opts.maxProblems ?? 100;
  const problems: BrokenEvent[] = [];
  const add = (list: BrokenEvent[]) => {
    for (const p of list) if (problems.length < max) problems.push(p);
  };

  const triggers = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").pluck().all() as string[]);
  const schemaProblems = REQUIRED_TRIGGERS.filter((t) => !triggers.has(t)).map(
    (t) => `只追加触发器缺失 append-only trigger missing: ${t}`,
  );

  const getCase = db.prepare('SELECT id, state, version, last_hash FROM cases WHERE id = ?');
  const getEvents = db.prepare('SELECT * FROM events WHERE case_id = ? ORDER BY seq');
  const ids = db.prepare('SELECT id FROM cases UNION SELECT case_id FROM events ORDER BY 1').pluck().all() as string[];
  const versions = new Map<string, number>();
  const heads: VerifyResult['heads'] = [];
  let cases = 0;
  let events = 0;

  for (const caseId of ids) {
    const row = getCase.get(caseId) as CaseHead | undefined;
    const evs = getEvents.all(caseId) as EventRow[];
    const found: BrokenEvent[] = [];
    const at = (seq: number, reason: string) => found.push({ caseId, seq, reason });
    events += evs.length;

    let expected = 1;
    let prev = GENESIS_HASH;
    let folded: unknown = undefined;
    let foldable = opts.reduce !== undefined;
    for (const ev of evs) {
      if (ev.seq !== expected) {
        at(expected, `事件缺失 missing event${ev.seq - expected > 1 ? `s ${expected}…${ev.seq - 1}` : ''} (next stored is seq ${ev.seq})`);
        foldable = false;
      } else if (ev.prev_hash !== prev) {
        at(
          ev.seq,
          ev.seq === 1
            ? `首个事件的 prev_hash 不是创世哈希 prev_hash of the first event is not the genesis hash (${short(ev.prev_hash)})`
            : `prev_hash 与事件 ${ev.seq - 1} 的哈希不符 prev_hash does not match the hash of event ${ev.seq - 1} (${short(ev.prev_hash)} ≠ ${short(prev)})`,
        );
      }
      let payload: unknown;
      try {
        payload = JSON.parse(ev.payload);
      } catch {
        at(ev.seq, 'payload 不是有效 JSON payload is not valid JSON');
        foldable = false;
        prev = ev.hash;
        expected = ev.seq + 1;
        continue;
      }
      const recomputed = eventHash(ev.prev_hash, { caseId: ev.case_id, seq: ev.seq, type: ev.type, payload, user: ev.user, at: ev.at });
      if (recomputed !== ev.hash) {
        at(ev.seq, `哈希不符，事件内容被改动 hash mismatch, the event was altered (stored ${short(ev.hash)}, recomputed ${short(recomputed)})`);
      }
      if (foldable) {
        try {
          folded = opts.reduce!(folded, { caseId, seq: ev.seq, type: ev.type, payload, user: ev.user, at: ev.at, prevHash: ev.prev_hash, hash: ev.hash } satisfies StoredEvent);
        } catch (e) {
          at(ev.seq, `折叠失败 the reducer failed on this event: ${(e as Error)?.message ?? String(e)}`);
          foldable = false;
        }
      }
      // Continue from the stored hash: one altered event is reported once, not at every later link.
      prev = ev.hash;
      expected = ev.seq + 1;
    }
    const lastSeq = evs.length ? evs[evs.length - 1]!.seq : 0;

    if (!row) {
      at(evs[0]!.seq, '案件表中没有此案件 events for a case that is missing from the cases table');
    } else {
      cases++;
      versions.set(caseId, row.version);
      if (evs.length === 0) {
        at(1, `案件没有任何事件 the case has no events (snapshot version ${row.version})`);
      } else if (row.version > lastSeq) {
        at(lastSeq + 1, `事件缺失 missing event: the snapshot is at version ${row.version} but the last event is seq ${lastSeq}`);
      } else if (row.version < lastSeq) {
        at(row.version + 1, `快照落后 the snapshot is at version ${row.version} but events go on to seq ${lastSeq}`);
      } else {
        if (row.last_hash !== prev) {
          at(lastSeq, `快照的 last_hash 与末事件不符 the snapshot's last_hash does not match the last event (${short(row.last_hash)} ≠ ${short(prev)})`);
        }
        heads.push({ caseId, version: row.version, hash: row.last_hash });
      }
      let snapshot: unknown;
      let snapshotOk = true;
      try {
        snapshot = JSON.parse(row.state);
      } catch {
        snapshotOk = false;
        at(Math.max(lastSeq, 1), '快照状态不是有效 JSON the snapshot state is not valid JSON');
      }
      if (foldable && snapshotOk && evs.length > 0 && row.version === lastSeq) {
        let same = false;
        try {
          same = canonicalJson(folded) === canonicalJson(snapshot);
        } catch {
          same = false;
        }
        if (!same) at(lastSeq, '快照状态与事件折叠结果不符 the snapshot state differs from the fold of its events');
      }
    }
    add(found.sort((a, b) => a.seq - b.seq));
  }

  let contractNumbers = 0;
  const rows = db.prepare('SELECT town, year, kind, seq, text, case_id, version FROM contract_numbers ORDER BY town, year, kind, seq').all() as ContractNumberRow[];
  let group = '';
  let expected = 1;
  for (const r of rows) {
    contractNumbers++;
    const g = JSON.stringify([r.town, r.year, r.kind]);
    if (g !== group) {
      group = g;
      expected = 1;
    }
    const found: BrokenEvent[] = [];
    const at = (reason: string) => found.push({ caseId: r.case_id, seq: r.version, reason });
    if (r.seq !== expected) {
      at(`合同编号断号 contract number gap in ${r.town}: ${contractNumberText(r.kind, r.year, expected)} is missing (next is ${r.text})`);
    }
    if (r.text !== contractNumberText(r.kind, r.year, r.seq)) {
      at(`合同编号文字不符 contract number text "${r.text}" does not match ${contractNumberText(r.kind, r.year, r.seq)}`);
    }
    const v = versions.get(r.case_id);
    if (v === undefined) at(`合同编号指向不存在的案件 ${r.text} belongs to a case that does not exist`);
    else if (r.version > v) at(`合同编号晚于案件版本 ${r.text} was taken at version ${r.version}, after the case's version ${v}`);
    add(found);
    expected = r.seq + 1;
  }

  return {
    ok: problems.length === 0 && schemaProblems.length === 0,
    cases,
    events,
    contractNumbers,
    ...(problems.length ? { firstBroken: problems[0] } : {}),
    problems,
    schemaProblems,
    heads,
  };
}
