// Re-checks everything the store promises, from the rows alone, the same way on both backends:
// every hash recomputed, seqs continuous from 1, each snapshot at its chain's head (and, given a
// reducer, equal to the fold of its events), every idempotency record naming real events, in
// order and without overlap, contract numbers 1, 2, 3 … with no gap per (town, year, kind)
// — and every row against the audit chain, whose MACs only the key can make: a row gone (a deleted
// case, a cut tail, a deleted contract number), changed or added outside landflow is named. Apart
// from any database: the checks are a generator of reads, which each backend answers from one
// read-only snapshot (sqlite-verify.ts, pg/verify.ts), adding its own checks of its files and schema.
import { msg, type Message, type Text } from '../../dsl/message.ts';
import { sha256Hex } from '../../dsl/sha256.ts';
import { canonicalJson } from './canonical-json.ts';
import { GENESIS_HASH, contractNumberText, eventHash } from './chain.ts';
import {
  GENESIS_MAC,
  caseDigest,
  caseRef,
  checkpointMac,
  contractDigest,
  contractRef,
  eventDigest,
  eventRef,
  sameMac,
  securityDigest,
  securityRef,
  type MacKey,
} from './mac.ts';
import { caseFields, type CaseRow, type ContractRow, type EventRow, type SecurityEventRow } from './rows.ts';
import type { ChainScan, SealedEntry } from './verify-chain.ts';
import { storedVersionHash } from './version-hash.ts';
import type { AuditCheckpoint, BrokenEvent, ChainProblem, StoredEvent, VerifyOptions, VerifyResult } from './types.ts';

/** The columns verify reads: kind stays any text, since a tampered row may hold anything. */
export type CaseHead = Omit<CaseRow, 'state'> & { state: string };
export type ContractNumberRow = Omit<ContractRow, 'kind'> & { kind: string };
export interface CommandCheckRow {
  idempotency_key: string;
  first_seq: number;
  last_seq: number;
}

const short = (h: unknown) => (typeof h === 'string' ? h.slice(0, 12) + '…' : String(h));
const keyName = (k: string) => JSON.stringify(k.length > 40 ? k.slice(0, 40) + '…' : k);
const range = (a: number, b: number) => (a === b ? `${a}` : `${a}…${b}`);

/** A case's rows as verify reads them: its snapshot (if the row is there), events in seq order, idempotency records by first_seq. */
export interface CaseBundle {
  row: CaseHead | undefined;
  events: EventRow[];
  commands: CommandCheckRow[];
}

/** What verify reads, whatever holds it; each backend answers these in one read-only snapshot. */
export interface VerifyReads {
  /** Every case id in cases or events, sorted by byte. */
  caseIds(): string[];
  caseBundle(caseId: string): CaseBundle;
  /** Ordered by town, year, kind, seq. */
  contractNumbers(): ContractNumberRow[];
  /** Idempotency records of case ids in neither cases nor events, ordered by case id, first_seq. */
  orphanCommands(): { idempotency_key: string; case_id: string; last_seq: number }[];
  /** Ordered by id. */
  securityEvents(): SecurityEventRow[];
  /** Every stored policy version (none before migration 7), ordered by hash. */
  policyVersions(): { hash: string; policy_id: string; source: string; templates: string | null }[];
  /** Every stored workflow (none before migration 7), ordered by hash. */
  workflows(): { hash: string; id: string; body: string }[];
}

type Read = { [K in keyof VerifyReads]: { op: K; args: Parameters<VerifyReads[K]> } }[keyof VerifyReads];

/** A read of the verification, answered by the backend's driver (runVerifySync, or pg/verify.ts awaiting each). */
export type Verification = Generator<Read, VerifyResult, unknown>;

function* ask<K extends keyof VerifyReads>(
  op: K,
  ...args: Parameters<VerifyReads[K]>
): Generator<Read, ReturnType<VerifyReads[K]>, unknown> {
  return (yield { op, args } as Read) as ReturnType<VerifyReads[K]>;
}

/** Answers each read of `v` from `reads` at once (SQLite's synchronous connection). */
export function runVerifySync(v: Verification, reads: VerifyReads): VerifyResult {
  let step = v.next();
  while (!step.done) {
    const { op, args } = step.value;
    step = v.next((reads[op] as (...a: unknown[]) => unknown)(...args));
  }
  return step.value;
}

/** Answers each read of `v` from `reads`, waiting for each answer (PostgreSQL). */
export async function runVerifyAsync(
  v: Verification,
  reads: { [K in keyof VerifyReads]: (...a: Parameters<VerifyReads[K]>) => Promise<ReturnType<VerifyReads[K]>> },
): Promise<VerifyResult> {
  let step = v.next();
  while (!step.done) {
    const { op, args } = step.value;
    step = v.next(await (reads[op] as (...a: unknown[]) => Promise<unknown>)(...args));
  }
  return step.value;
}

/** The answer when the reading stopped at damage the database itself reported. */
export function stoppedVerification(integrityProblems: Text[], e: unknown): VerifyResult {
  return {
    ok: false,
    cases: 0,
    events: 0,
    contractNumbers: 0,
    securityEvents: 0,
    auditEntries: 0,
    auditHead: { seq: 0, mac: GENESIS_MAC },
    mac: 'unchecked',
    problems: [],
    schemaProblems: [],
    versionProblems: [],
    chainProblems: [],
    integrityProblems: [...integrityProblems, msg('audit.stopped', { error: (e as Error).message })],
    heads: [],
  };
}

/** Migration 1's append-only tables, whose triggers every database has. */
const FIRST_APPEND_ONLY = new Set(['events', 'contract_numbers']);

/**
 * The required triggers (`<table>_append_only_<op>`) that are not in `present`: those of a later
 * migration's table only when `tables` has it (migrations.ts REQUIRED_TRIGGERS).
 */
export function missingTriggers(required: readonly string[], present: ReadonlySet<string>, tables: ReadonlySet<string>): Message[] {
  return required
    .filter((t) => {
      const table = t.replace(/_append_only_[a-z]+$/, '');
      return (FIRST_APPEND_ONLY.has(table) || tables.has(table)) && !present.has(t);
    })
    .map((name) => msg('audit.triggerMissing', { name }));
}

export interface VerifyInput {
  key: MacKey | undefined;
  opts: VerifyOptions;
  /** The backend's own checks of its files or pages. */
  integrityProblems: Text[];
  /** Damage to the schema (missing or disabled append-only triggers …). */
  schemaProblems: Text[];
  /** The audit chain read back (verify-chain.ts), or undefined when the schema has none yet. */
  scan: ChainScan | undefined;
}

/** Re-checks every row against its chain, its snapshot, its idempotency records and the audit chain. */
export function* verification({ key, opts, integrityProblems, schemaProblems, scan }: VerifyInput): Verification {
  const max = opts.maxProblems ?? 100;
  const problems: BrokenEvent[] = [];
  const chainProblems: ChainProblem[] = [];
  const add = (list: BrokenEvent[]) => {
    for (const p of list) if (problems.length < max) problems.push(p);
  };
  const addChain = (p: ChainProblem) => {
    if (chainProblems.length < max) chainProblems.push(p);
  };

  if (scan) scan.problems.forEach(addChain);
  else {
    addChain({ subject: msg('audit.subject.chain'), reason: msg('audit.noChain') });
  }
  const sealedCheck = (kind: 'case' | 'event' | 'contract' | 'security', ref: string, digest: string, subject: Message) => {
    if (!scan) return;
    const e = scan.take(kind, ref);
    const what = msg(`audit.what.${kind}`);
    if (!e) addChain({ subject, reason: msg('audit.unsealed', { what }) });
    else if (e.digest !== digest) {
      addChain({ gseq: e.gseq, subject, reason: msg('audit.rewritten', { gseq: e.gseq, what }) });
    }
  };

  const ids = yield* ask('caseIds');
  const versions = new Map<string, number>();
  const lastSeqs = new Map<string, number>();
  const heads: VerifyResult['heads'] = [];
  const unsealedTails: { caseId: string; seqs: number[] }[] = [];
  let cases = 0;
  let events = 0;

  for (const caseId of ids) {
    const { row, events: evs, commands } = yield* ask('caseBundle', caseId);
    const found: BrokenEvent[] = [];
    const at = (seq: number, reason: Message) => found.push({ caseId, seq, reason });
    events += evs.length;
    if (row) sealedCheck('case', caseRef(caseId), caseDigest(caseFields(row)), msg('audit.subject.case', { caseId }));

    const bySeq = new Map<number, EventRow>();
    let expected = 1;
    // The hash the next event must be computed over: the stored one of the event before (an event
    // keeps no copy of it). Across a gap, the missing event's hash as the audit chain sealed it; none: unknown.
    let prev: string | undefined = GENESIS_HASH;
    let folded: unknown = undefined;
    let foldable = opts.reduce !== undefined;
    // Since migration 17 the chain seals a request's last event only: the events before it are
    // covered by its hash, which is computed over theirs (each recomputed below). An event that no
    // sealed event at or after it covers was written outside landflow (unsealedTails, below).
    let unsealed: number[] = [];
    for (const ev of evs) {
      bySeq.set(ev.seq, ev);
      if (scan?.sealed('event', eventRef(caseId, ev.seq))) {
        sealedCheck('event', eventRef(caseId, ev.seq), eventDigest(ev.hash), msg('audit.subject.event', { caseId, seq: ev.seq }));
        unsealed = [];
      } else unsealed.push(ev.seq);
      if (ev.seq !== expected) {
        at(expected, msg('audit.eventsMissing', { from: expected, to: ev.seq - expected > 1 ? ev.seq - 1 : undefined, next: ev.seq }));
        foldable = false;
        prev = ev.seq === 1 ? GENESIS_HASH : scan?.sealed('event', eventRef(caseId, ev.seq - 1))?.digest;
      }
      let payload: unknown;
      try {
        payload = JSON.parse(ev.payload);
      } catch {
        at(ev.seq, msg('audit.payloadNotJson'));
        foldable = false;
        prev = ev.hash;
        expected = ev.seq + 1;
        continue;
      }
      const recomputed =
        prev === undefined
          ? undefined
          : eventHash(prev, { caseId: ev.case_id, seq: ev.seq, type: ev.type, payload, user: ev.user, at: ev.at });
      if (recomputed !== undefined && recomputed !== ev.hash) {
        at(
          ev.seq,
          ev.seq === 1
            ? msg('audit.hashMismatchFirst', { stored: short(ev.hash), recomputed: short(recomputed) })
            : msg('audit.hashMismatch', { prev: ev.seq - 1, stored: short(ev.hash), recomputed: short(recomputed) }),
        );
      }
      if (foldable) {
        try {
          folded = opts.reduce!(folded, {
            caseId,
            seq: ev.seq,
            type: ev.type,
            payload,
            user: ev.user,
            at: ev.at,
            prevHash: prev!,
            hash: ev.hash,
          } satisfies StoredEvent);
        } catch (e) {
          at(ev.seq, msg('audit.reducerFailed', { error: (e as Error)?.message ?? String(e) }));
          foldable = false;
        }
      }
      // Continue from the stored hash: one altered event is reported once, not at every later link.
      prev = ev.hash;
      expected = ev.seq + 1;
    }
    if (unsealed.length) unsealedTails.push({ caseId, seqs: unsealed });
    const lastSeq = evs.length ? evs[evs.length - 1]!.seq : 0;
    lastSeqs.set(caseId, lastSeq);

    if (!row) {
      at(evs[0]!.seq, msg('audit.caseRowMissing'));
    } else {
      cases++;
      versions.set(caseId, row.version);
      if (evs.length === 0) {
        at(1, msg('audit.noEvents', { version: row.version }));
      } else if (row.version > lastSeq) {
        at(lastSeq + 1, msg('audit.snapshotAhead', { version: row.version, last: lastSeq }));
      } else if (row.version < lastSeq) {
        at(row.version + 1, msg('audit.snapshotBehind', { version: row.version, last: lastSeq }));
      } else {
        if (row.last_hash !== prev) {
          at(lastSeq, msg('audit.lastHashMismatch', { stored: short(row.last_hash), expected: short(prev) }));
        }
        const last = evs[evs.length - 1]!;
        if (row.updated_at !== last.at || row.updated_by !== last.user) {
          at(lastSeq, msg('audit.snapshotStamp', { at: row.updated_at, by: row.updated_by, lastAt: last.at, lastBy: last.user }));
        }
        heads.push({ caseId, version: row.version, hash: row.last_hash });
      }
      let snapshot: unknown;
      let snapshotOk = true;
      try {
        snapshot = JSON.parse(row.state);
      } catch {
        snapshotOk = false;
        at(Math.max(lastSeq, 1), msg('audit.snapshotNotJson'));
      }
      if (foldable && snapshotOk && evs.length > 0 && row.version === lastSeq) {
        let same = false;
        try {
          same = canonicalJson(folded) === canonicalJson(snapshot);
        } catch {
          same = false;
        }
        if (!same) at(lastSeq, msg('audit.snapshotDiffers'));
      }
    }
    found.sort((a, b) => a.seq - b.seq);
    // The chain's own problems first: an idempotency record is only as good as the events it names.
    add(found.concat(checkCommands(caseId, commands, bySeq, lastSeq)));
  }

  let contractNumbers = 0;
  const rows = yield* ask('contractNumbers');
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
    const at = (reason: Message) => found.push({ caseId: r.case_id, seq: r.version, reason });
    if (r.seq !== expected) {
      at(msg('audit.contractGap', { town: r.town, missing: contractNumberText(r.kind, r.year, expected), next: r.text }));
    }
    if (r.text !== contractNumberText(r.kind, r.year, r.seq)) {
      at(msg('audit.contractText', { text: r.text, expected: contractNumberText(r.kind, r.year, r.seq) }));
    }
    const v = versions.get(r.case_id);
    if (v === undefined) at(msg('audit.contractNoCase', { text: r.text }));
    else if (r.version > v) at(msg('audit.contractLater', { text: r.text, version: r.version, caseVersion: v }));
    add(found);
    sealedCheck(
      'contract',
      contractRef(r.town, r.year, r.kind, r.seq),
      contractDigest({
        town: r.town,
        year: r.year,
        kind: r.kind,
        seq: r.seq,
        text: r.text,
        caseId: r.case_id,
        version: r.version,
        at: r.at,
      }),
      msg('audit.subject.contract', { town: r.town, text: r.text }),
    );
    expected = r.seq + 1;
  }

  // Idempotency records of cases that are gone altogether (a case deleted with its events).
  const orphans = yield* ask('orphanCommands');
  add(
    orphans.map((o) => ({
      caseId: o.case_id,
      seq: o.last_seq,
      reason: msg('audit.orphanRecord', { key: keyName(o.idempotency_key) }),
    })),
  );

  let securityEvents = 0;
  if (scan) {
    for (const s of yield* ask('securityEvents')) {
      securityEvents++;
      sealedCheck(
        'security',
        securityRef(s.id),
        securityDigest({ id: s.id, type: s.type, actor: s.actor, subject: s.subject, detailJson: s.detail, at: s.at }),
        msg('audit.subject.security', { id: s.id }),
      );
    }
  }

  // Content addresses: a version's text and templates, a workflow's body, must still hash to the
  // name cases are pinned to (the triggers keep landflow from rewriting them; this finds anyone else).
  const versionProblems: Message[] = [];
  for (const v of yield* ask('policyVersions')) {
    let recomputed: string;
    try {
      recomputed = storedVersionHash(v.source, v.templates === null ? null : (JSON.parse(v.templates) as Record<string, string>));
    } catch {
      versionProblems.push(msg('audit.versionTemplatesUnreadable', { hash: v.hash, policyId: v.policy_id }));
      continue;
    }
    if (recomputed !== v.hash) {
      versionProblems.push(msg('audit.versionRewritten', { hash: v.hash, policyId: v.policy_id, recomputed: short(recomputed) }));
    }
  }
  for (const w of yield* ask('workflows')) {
    const recomputed = sha256Hex(w.body);
    if (recomputed !== w.hash)
      versionProblems.push(msg('audit.workflowRewritten', { hash: w.hash, id: w.id, recomputed: short(recomputed) }));
  }

  if (scan) {
    // A case's last events without an entry of their own: covered by a sealed event after them
    // that is gone (a cut tail, which gone names), or else written outside landflow.
    const sealedAfter = new Map<string, number>();
    for (const e of scan.leftovers('event')) {
      const [id, seq] = refParts(e.ref);
      sealedAfter.set(String(id), Math.max(sealedAfter.get(String(id)) ?? 0, Number(seq)));
    }
    for (const { caseId, seqs } of unsealedTails)
      for (const seq of seqs)
        if (!((sealedAfter.get(caseId) ?? 0) > seq))
          sealedCheck('event', eventRef(caseId, seq), '', msg('audit.subject.event', { caseId, seq }));
    for (const p of gone(scan, lastSeqs, versions)) addChain(p);
    if (opts.against)
      for (const p of checkCheckpoint(opts.against, scan, key, { cases, events, contractNumbers, securityEvents })) addChain(p);
  }

  const mac = scan?.mac ?? 'unchecked';
  const macOk = mac === 'verified' || (mac === 'noKey' && opts.allowNoKey === true);
  return {
    ok:
      macOk &&
      problems.length === 0 &&
      schemaProblems.length === 0 &&
      versionProblems.length === 0 &&
      chainProblems.length === 0 &&
      integrityProblems.length === 0,
    cases,
    events,
    contractNumbers,
    ...(problems.length ? { firstBroken: problems[0] } : {}),
    problems,
    schemaProblems,
    versionProblems,
    heads,
    securityEvents,
    auditEntries: scan?.entries ?? 0,
    auditHead: scan?.head ?? { seq: 0, mac: GENESIS_MAC },
    mac,
    chainProblems,
    integrityProblems,
  };
}

/**
 * Each idempotency record must cover the next events, in order: a replay answers with the record
 * those events give back (operations.ts replayRecord), their user and time its own (migration 16).
 */
function checkCommands(caseId: string, commands: CommandCheckRow[], bySeq: Map<number, EventRow>, lastSeq: number): BrokenEvent[] {
  const found: BrokenEvent[] = [];
  let next = 1;
  for (const c of commands) {
    const key = keyName(c.idempotency_key);
    const at = (seq: number, problem: Message) => found.push({ caseId, seq, reason: msg('audit.idempotencyRecord', { key, problem }) });
    if (c.first_seq > next) at(next, msg('audit.unrecordedBefore', { range: range(next, c.first_seq - 1) }));
    else if (c.first_seq < next) at(c.first_seq, msg('audit.overlaps', { range: range(c.first_seq, Math.min(c.last_seq, next - 1)) }));
    next = Math.max(next, c.last_seq + 1);
    if (c.last_seq < c.first_seq) {
      at(c.first_seq, msg('audit.invalidRange', { first: c.first_seq, last: c.last_seq }));
      continue;
    }
    const missing: number[] = [];
    for (let s = c.first_seq; s <= c.last_seq; s++) if (!bySeq.has(s)) missing.push(s);
    if (missing.length) {
      at(missing[0]!, msg('audit.producedGone', { range: range(missing[0]!, missing[missing.length - 1]!) }));
    }
  }
  if (next <= lastSeq)
    found.push({
      caseId,
      seq: next,
      reason: msg('audit.unrecorded', { range: range(next, lastSeq) }),
    });
  return found.sort((a, b) => a.seq - b.seq);
}

/** The key an entry's ref names (mac.ts caseRef, eventRef …); a ref that is no JSON array, as one part. */
function refParts(ref: string): unknown[] {
  try {
    const v = JSON.parse(ref);
    return Array.isArray(v) ? v : [ref];
  } catch {
    return [ref];
  }
}

/** Entries no row claimed: the rows they sealed are gone. Events are grouped per case so a deleted case or a cut tail reads as one finding. */
function gone(scan: ChainScan, lastSeqs: Map<string, number>, versions: Map<string, number>): ChainProblem[] {
  const out: ChainProblem[] = [];
  const at = (e: SealedEntry[]) => (e.length === 1 ? `#${e[0]!.gseq}` : `#${e[0]!.gseq}…#${e[e.length - 1]!.gseq}`);

  const byCase = new Map<string, { seq: number; entry: SealedEntry }[]>();
  for (const e of scan.leftovers('event')) {
    const [id, seq] = refParts(e.ref);
    const list = byCase.get(String(id)) ?? [];
    list.push({ seq: Number(seq), entry: e });
    byCase.set(String(id), list);
  }
  const describe = (list: { seq: number; entry: SealedEntry }[]) => {
    list.sort((a, b) => a.seq - b.seq);
    const seqs = list.map((x) => x.seq);
    return msg('audit.sealedEvents', {
      seqs: seqs.length > 3 ? `${seqs[0]}…${seqs[seqs.length - 1]} (${seqs.length})` : seqs.join(', '),
      at: at(list.map((x) => x.entry)),
    });
  };
  for (const e of scan.leftovers('case')) {
    const id = String(refParts(e.ref)[0]);
    const evs = byCase.get(id);
    byCase.delete(id);
    out.push({
      gseq: e.gseq,
      subject: msg('audit.subject.case', { caseId: id }),
      reason: msg('audit.caseDeleted', { gseq: e.gseq, events: evs ? describe(evs) : undefined }),
    });
  }
  for (const [id, list] of byCase) {
    const lastStored = lastSeqs.get(id) ?? 0;
    const events = describe(list);
    const reason =
      !versions.has(id) && lastStored === 0
        ? msg('audit.allEventsGone', { events })
        : list[0]!.seq > lastStored
          ? msg('audit.tailCut', { events, last: lastStored })
          : msg('audit.eventsDeleted', { events });
    out.push({ gseq: list[0]!.entry.gseq, subject: msg('audit.subject.case', { caseId: id }), reason });
  }
  for (const e of scan.leftovers('contract')) {
    const [town, year, kind, seq] = refParts(e.ref);
    const text = contractNumberText(String(kind), Number(year), Number(seq));
    out.push({
      gseq: e.gseq,
      subject: msg('audit.subject.contract', { town: String(town), text }),
      reason: msg('audit.contractDeleted', { gseq: e.gseq }),
    });
  }
  for (const e of scan.leftovers('security')) {
    out.push({
      gseq: e.gseq,
      subject: msg('audit.subject.security', { id: String(refParts(e.ref)[0]) }),
      reason: msg('audit.securityDeleted', { gseq: e.gseq }),
    });
  }
  return out.sort((a, b) => (a.gseq ?? 0) - (b.gseq ?? 0));
}

const HEX64 = /^[0-9a-f]{64}$/;

/** The chain must still hold the checkpoint's head: as long, with the same MAC at its seq. */
function checkCheckpoint(cp: AuditCheckpoint, scan: ChainScan, key: MacKey | undefined, now: AuditCheckpoint['counts']): ChainProblem[] {
  const subject = msg('audit.subject.checkpoint', { at: typeof cp?.at === 'string' ? cp.at : '?' });
  const c = cp as Partial<AuditCheckpoint>;
  const counts = c?.counts as Partial<AuditCheckpoint['counts']> | undefined;
  const countNames = ['cases', 'events', 'contractNumbers', 'securityEvents'] as const;
  if (
    c?.format !== 'landflow-audit-checkpoint/1' ||
    !Number.isSafeInteger(c.globalSeq) ||
    c.globalSeq! < 0 ||
    typeof c.lastMac !== 'string' ||
    !HEX64.test(c.lastMac) ||
    typeof c.mac !== 'string' ||
    typeof c.keyId !== 'string' ||
    typeof c.at !== 'string' ||
    !counts ||
    countNames.some((n) => !Number.isSafeInteger(counts[n]))
  ) {
    return [{ subject, reason: msg('audit.notCheckpoint') }];
  }
  const out: ChainProblem[] = [];
  if (scan.keyId !== undefined && cp.keyId !== scan.keyId) {
    out.push({ subject, reason: msg('audit.checkpointOtherKey', { keyId: cp.keyId, sealedBy: scan.keyId }) });
  } else if (key && scan.mac === 'verified') {
    const { mac, ...body } = cp;
    if (!sameMac(checkpointMac(key, body), mac)) out.push({ subject, reason: msg('audit.checkpointForged') });
  }
  if (scan.head.seq < cp.globalSeq) {
    out.push({
      gseq: scan.head.seq + 1,
      subject,
      reason: msg('audit.chainCutBack', { recorded: cp.globalSeq, head: scan.head.seq }),
    });
  } else if (scan.macAtWanted === undefined || scan.macAtWanted !== cp.lastMac) {
    out.push({
      gseq: cp.globalSeq,
      subject,
      reason: msg('audit.checkpointDiffers', { gseq: cp.globalSeq }),
    });
  }
  for (const n of countNames) {
    if (now[n] < counts[n]!) out.push({ subject, reason: msg('audit.fewerThanCheckpoint', { name: n, now: now[n], then: counts[n] }) });
  }
  return out;
}
