// Policy versions on PostgreSQL (migration 7), the same semantics as SQLite's
// (engine/store/policy-versions.ts). A publication's seq is max + 1 under an advisory lock, so seqs
// are gapless and in commit order: an instance that saw lastPublication() = n has seen every
// publication up to n.
import { sha256Hex } from '../../../dsl/sha256.ts';
import {
  CURRENT_SQL,
  checkVersion,
  toPublication,
  toVersion,
  type CheckedVersion,
  type PolicyPublication,
  type PolicyVersionInput,
  type PolicyVersionRecord,
  type PolicyVersionStore,
  type PublicationRow,
  type PublishOptions,
  type VersionRow,
} from '../policy-versions.ts';
import * as check from '../validate.ts';
import { all, one, type Conn } from './connection.ts';
import type { Store } from '../types.ts';
import { PgStore } from './store.ts';

const PUBLISH_LOCK = 0x6c66_7076; // 'lfpv'

async function insert(c: Conn, v: CheckedVersion, at: string, by: string): Promise<boolean> {
  const r = await c.query(
    `INSERT INTO policy_versions (hash, policy_id, file_name, source, templates, stored_at, stored_by)
      VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (hash) DO NOTHING`,
    [v.hash, v.policyId, v.fileName, v.source, v.templatesJson, at, by],
  );
  return (r.rowCount ?? 0) > 0;
}

export class PgPolicyVersionStore implements PolicyVersionStore {
  private constructor(private readonly store: PgStore) {}

  /** The policy versions of a PostgreSQL store; undefined for another backend's. */
  static of(store: Store): PgPolicyVersionStore | undefined {
    return store instanceof PgStore ? new PgPolicyVersionStore(store) : undefined;
  }

  put(v: PolicyVersionInput, at: string, by: string): Promise<void> {
    return this.store.write(async () => {
      const c = checkVersion(v);
      await insert(this.store.conn, c, check.instant('at', at), check.text('by', by, 200));
    });
  }

  async get(hash: string): Promise<PolicyVersionRecord | undefined> {
    const row = await one<VersionRow>(this.store.conn, 'SELECT * FROM policy_versions WHERE hash = $1', [hash], 'lf_pv_get');
    return row && toVersion(row);
  }

  publish(v: PolicyVersionInput, opts: PublishOptions): Promise<PolicyPublication | null> {
    return this.store.write(async () => {
      const c = checkVersion(v);
      const at = check.instant('at', opts.at);
      const by = check.text('by', opts.by, 200);
      return this.store.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock($1)', [PUBLISH_LOCK]);
        const added = await insert(tx, c, at, by);
        if (opts.ifNew && !added) return null;
        const row = await one<PublicationRow>(
          tx,
          `INSERT INTO policy_publications (seq, policy_id, hash, published_at, published_by)
            SELECT coalesce(max(seq), 0) + 1, $1, $2, $3, $4 FROM policy_publications
            RETURNING seq, policy_id, hash, published_at, published_by`,
          [c.policyId, c.hash, at, by],
        );
        if (opts.event) await this.store.sealSecurityEvent(tx, opts.event);
        return toPublication(row!);
      });
    });
  }

  async current(): Promise<PolicyPublication[]> {
    return (await all<PublicationRow>(this.store.conn, CURRENT_SQL, [], 'lf_pv_current')).map(toPublication);
  }

  async lastPublication(): Promise<number> {
    const row = await one<{ n: number }>(this.store.conn, 'SELECT coalesce(max(seq), 0) AS n FROM policy_publications', [], 'lf_pv_last');
    return Number(row!.n);
  }

  putWorkflow(workflow: { id: string }): Promise<string> {
    return this.store.write(async () => {
      const body = check.json('workflow', workflow);
      const hash = sha256Hex(body);
      await this.store.conn.query('INSERT INTO workflows (hash, id, body) VALUES ($1, $2, $3) ON CONFLICT (hash) DO NOTHING', [
        hash,
        check.text('workflow.id', workflow.id, 500),
        body,
      ]);
      return hash;
    });
  }

  async getWorkflow(hash: string): Promise<unknown> {
    const row = await one<{ body: string }>(this.store.conn, 'SELECT body FROM workflows WHERE hash = $1', [hash], 'lf_wf_get');
    return row === undefined ? undefined : (JSON.parse(row.body) as unknown);
  }
}
