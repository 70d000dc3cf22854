// Policy versions in the store (migration 7), content-addressed: a version (policy text and the
// sources of its form templates) is stored once under its version hash (version-hash.ts), a
// compiled workflow once under the sha256 of its canonical JSON, and which version of a policy
// new cases open under is the last row of the append-only publications log. A case
// names its version by hash (cases.policy_hash) and its workflow by hash (its CaseOpened event), so
// its own rows hold only its own events; every instance on the database reads the same versions.
// All three tables are append-only (triggers): a hash never comes to mean other content.
//
// Reached through policyVersions(store), one object per store, for either backend.
import { msg } from '../../dsl/message.ts';
import { sha256Hex } from '../../dsl/sha256.ts';
import { canonicalJson } from './canonical-json.ts';
import { StoreInputError } from './errors.ts';
import { SqliteStore } from './sqlite-store.ts';
import type { SecurityEventInput, Store } from './types.ts';
import { lazyStatements } from './users.ts';
import * as check from './validate.ts';

export interface PolicyVersionInput {
  /** The version hash: policy text and templates (version-hash.ts). */
  hash: string;
  policyId: string;
  /** The policy's file name (qinzhou.yaml): the checker ties meta.id to it. */
  fileName: string;
  source: string;
  /** Template name → source; null for a version stored before cases pinned their templates (read from the policy folder). */
  templates: Record<string, string> | null;
}

export interface PolicyVersionRecord extends PolicyVersionInput {
  storedAt: string;
  storedBy: string;
}

/** One entry of the publications log: from it on, `hash` is the version new cases of `policyId` open under. */
export interface PolicyPublication {
  seq: number;
  policyId: string;
  hash: string;
  at: string;
  by: string;
}

export interface PublishOptions {
  at: string;
  by: string;
  /** Sealed into the audit chain in the publication's transaction (the officer's policyPublished). */
  event?: SecurityEventInput;
  /** Publish only if the version was never stored (the seeding of bundled files: an older file does not undo a later publication). */
  ifNew?: boolean;
}

export interface PolicyVersionStore {
  /** Stores a version unless its hash is there already (the same hash is the same content). */
  put(v: PolicyVersionInput, at: string, by: string): Promise<void>;
  get(hash: string): Promise<PolicyVersionRecord | undefined>;
  /**
   * Stores the version (if new) and appends it to the publications log, with `event`, in one
   * transaction. null when `ifNew` and the version was stored before (nothing written).
   */
  publish(v: PolicyVersionInput, opts: PublishOptions): Promise<PolicyPublication | null>;
  /** The current publication of every policy (its last), in policy id order. */
  current(): Promise<PolicyPublication[]>;
  /** The seq of the last publication (0 before the first): whether current() can have changed, cheaply. */
  lastPublication(): Promise<number>;
  /** Stores a compiled workflow under the sha256 of its canonical JSON (returned). */
  putWorkflow(workflow: { id: string }): Promise<string>;
  getWorkflow(hash: string): Promise<unknown>;
}

/** The sha256 of a workflow's canonical JSON: its name in the store. */
export function workflowHash(workflow: unknown): string {
  return sha256Hex(canonicalJson(workflow));
}

const HASH = /^[0-9a-f]{64}$/;
const MAX_SOURCE = 4 * 1024 * 1024;

export interface CheckedVersion {
  hash: string;
  policyId: string;
  fileName: string;
  source: string;
  templatesJson: string | null;
}

export function checkHash(field: string, v: unknown): string {
  if (typeof v !== 'string' || !HASH.test(v)) throw new StoreInputError(field, msg('store.hex64', { got: check.quoted(v) }));
  return v;
}

/** A version's fields as the store writes them (the texts may hold newlines, unlike check.text). */
export function checkVersion(v: PolicyVersionInput): CheckedVersion {
  const body = (field: string, s: unknown): string => {
    if (typeof s !== 'string') throw new StoreInputError(field, msg('text.notText', { got: s === null ? 'null' : typeof s }));
    if (s.length > MAX_SOURCE) throw new StoreInputError(field, msg('store.tooLong', { length: s.length, max: MAX_SOURCE }));
    if (check.LONE_SURROGATE.test(s)) throw new StoreInputError(field, msg('store.loneSurrogate'));
    return s;
  };
  const templates = v.templates;
  if (templates !== null && (typeof templates !== 'object' || Array.isArray(templates)))
    throw new StoreInputError('templates', msg('store.objectOrNull'));
  if (templates) for (const [name, src] of Object.entries(templates)) body(`templates.${name}`, src);
  return {
    hash: checkHash('hash', v.hash),
    policyId: check.text('policyId', v.policyId, 200),
    fileName: check.text('fileName', v.fileName, 255),
    source: body('source', v.source),
    templatesJson: templates === null ? null : check.json('templates', templates),
  };
}

export interface VersionRow {
  hash: string;
  policy_id: string;
  file_name: string;
  source: string;
  templates: string | null;
  stored_at: string;
  stored_by: string;
}

export function toVersion(r: VersionRow): PolicyVersionRecord {
  return {
    hash: r.hash,
    policyId: r.policy_id,
    fileName: r.file_name,
    source: r.source,
    templates: r.templates === null ? null : (JSON.parse(r.templates) as Record<string, string>),
    storedAt: r.stored_at,
    storedBy: r.stored_by,
  };
}

export interface PublicationRow {
  seq: number;
  policy_id: string;
  hash: string;
  published_at: string;
  published_by: string;
}

export function toPublication(r: PublicationRow): PolicyPublication {
  return { seq: Number(r.seq), policyId: r.policy_id, hash: r.hash, at: r.published_at, by: r.published_by };
}

/** The current publication of each policy: the last row of the log per policy id. */
export const CURRENT_SQL = `SELECT p.seq, p.policy_id, p.hash, p.published_at, p.published_by FROM policy_publications p
  WHERE p.seq = (SELECT max(q.seq) FROM policy_publications q WHERE q.policy_id = p.policy_id) ORDER BY p.policy_id`;

class SqlitePolicyVersionStore implements PolicyVersionStore {
  private readonly q;

  constructor(private readonly store: SqliteStore) {
    const lazy = lazyStatements(store.db);
    this.q = {
      insert: lazy(`INSERT OR IGNORE INTO policy_versions (hash, policy_id, file_name, source, templates, stored_at, stored_by)
        VALUES (?, ?, ?, ?, ?, ?, ?)`),
      get: lazy('SELECT * FROM policy_versions WHERE hash = ?'),
      publish: lazy(`INSERT INTO policy_publications (policy_id, hash, published_at, published_by) VALUES (?, ?, ?, ?)
        RETURNING seq, policy_id, hash, published_at, published_by`),
      current: lazy(CURRENT_SQL),
      last: lazy('SELECT coalesce(max(seq), 0) FROM policy_publications'),
      insertWorkflow: lazy('INSERT OR IGNORE INTO workflows (hash, id, body) VALUES (?, ?, ?)'),
      getWorkflow: lazy('SELECT body FROM workflows WHERE hash = ?'),
    };
  }

  private insert(v: CheckedVersion, at: string, by: string): boolean {
    return this.q.insert().run(v.hash, v.policyId, v.fileName, v.source, v.templatesJson, at, by).changes > 0;
  }

  put(v: PolicyVersionInput, at: string, by: string): Promise<void> {
    return this.store.write(() => {
      const c = checkVersion(v);
      this.insert(c, check.instant('at', at), check.text('by', by, 200));
    });
  }

  get(hash: string): Promise<PolicyVersionRecord | undefined> {
    return this.store.read(() => {
      const row = this.q.get().get(hash) as VersionRow | undefined;
      return row && toVersion(row);
    });
  }

  publish(v: PolicyVersionInput, opts: PublishOptions): Promise<PolicyPublication | null> {
    return this.store.write(() => {
      const c = checkVersion(v);
      const at = check.instant('at', opts.at);
      const by = check.text('by', opts.by, 200);
      return this.store.db
        .transaction(() => {
          const added = this.insert(c, at, by);
          if (opts.ifNew && !added) return null;
          const row = this.q.publish().get(c.policyId, c.hash, at, by) as PublicationRow;
          if (opts.event) this.store.sealSecurityEvent(opts.event);
          return toPublication(row);
        })
        .immediate();
    });
  }

  current(): Promise<PolicyPublication[]> {
    return this.store.read(() => (this.q.current().all() as PublicationRow[]).map(toPublication));
  }

  lastPublication(): Promise<number> {
    return this.store.read(() => this.q.last().pluck().get() as number);
  }

  putWorkflow(workflow: { id: string }): Promise<string> {
    return this.store.write(() => {
      const body = check.json('workflow', workflow);
      const hash = sha256Hex(body);
      this.q.insertWorkflow().run(hash, check.text('workflow.id', workflow.id, 500), body);
      return hash;
    });
  }

  getWorkflow(hash: string): Promise<unknown> {
    return this.store.read(() => {
      const body = this.q.getWorkflow().pluck().get(hash) as string | undefined;
      return body === undefined ? undefined : (JSON.parse(body) as unknown);
    });
  }
}

const opened = new WeakMap<Store, PolicyVersionStore>();

/** The policy versions of a store (either backend), one object per store. */
export async function policyVersions(store: Store): Promise<PolicyVersionStore> {
  const hit = opened.get(store);
  if (hit) return hit;
  let made: PolicyVersionStore | undefined;
  if (store instanceof SqliteStore) made = new SqlitePolicyVersionStore(store);
  else {
    // Loaded only for a PostgreSQL store, as openStore loads the client (index.ts).
    const { PgPolicyVersionStore } = await import('./pg/policy-versions.ts');
    made = PgPolicyVersionStore.of(store);
  }
  if (!made) throw new Error(`no policy versions for a ${store.backend} store of this kind`);
  opened.set(store, made);
  return made;
}
