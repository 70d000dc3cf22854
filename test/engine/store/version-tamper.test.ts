// `landflow audit verify` holds the policy versions and workflows to their content addresses, and
// their append-only triggers to being in place (engine/store/verify.ts, migrations.ts
// REQUIRED_TRIGGERS), on both backends: a version's text or templates, or a workflow's body,
// rewritten behind landflow's back (its trigger dropped first) is named with the hash it is stored
// under, and the dropped trigger too.
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../dsl/sha256.ts';
import { policyVersions, type PolicyVersionInput } from '../../../engine/store/policy-versions.ts';
import { versionHash } from '../../../engine/store/version-hash.ts';
import { pgQuery } from '../../helpers/postgres.ts';
import { BACKENDS, type TestDb } from './backends.ts';
import { renderBoth } from '../../../dsl/messages.ts';

const AT = '2026-01-15T09:00:00.000+08:00';
const TEXT = 'meta:\n  id: qinzhou\n';
const TEMPLATES = { '转让合同.hbs': '<p>{{household.head.name}}</p>' };

const withTemplates: PolicyVersionInput = {
  hash: versionHash(sha256Hex(TEXT), TEMPLATES),
  policyId: 'qinzhou',
  fileName: 'qinzhou.yaml',
  source: TEXT,
  templates: TEMPLATES,
};
// A version copied by migration 7 from a case opened before templates were pinned: named by the text alone.
const old: PolicyVersionInput = {
  hash: sha256Hex('old text'),
  policyId: 'neijiang',
  fileName: 'neijiang.yaml',
  source: 'old text',
  templates: null,
};

describe.each(BACKENDS)('$name: audit verify and the policy versions', (backend) => {
  let t: TestDb;
  let workflow: string;
  /** SQL on the database behind the store's back. */
  const raw = async (sql: string) => {
    if (backend.name === 'postgres') await pgQuery(t.store.target, sql);
    else {
      const db = new Database(t.store.target);
      try {
        db.exec(sql);
      } finally {
        db.close();
      }
    }
  };
  const dropTrigger = (name: string, table: string) =>
    raw(backend.name === 'postgres' ? `DROP TRIGGER ${name} ON ${table}` : `DROP TRIGGER ${name}`);

  beforeEach(async () => {
    t = await backend.open();
    const pv = await policyVersions(t.store);
    await pv.publish(withTemplates, { at: AT, by: 'landflow' });
    await pv.put(old, AT, 'landflow');
    workflow = await pv.putWorkflow({ id: 'qinzhou-exit' });
  });
  afterEach(() => t.cleanup());

  it('an untouched store verifies: every version hashes to its name, with its templates or (stored without) by its text', async () => {
    const r = await t.store.verifyAll();
    expect({ ok: r.ok, versionProblems: r.versionProblems, schemaProblems: r.schemaProblems }).toEqual({
      ok: true,
      versionProblems: [],
      schemaProblems: [],
    });
  });

  it("a version's text, or its templates, rewritten: named by its hash, and the dropped trigger", async () => {
    await dropTrigger('policy_versions_append_only_update', 'policy_versions');
    await raw(`UPDATE policy_versions SET source = source || '# 半年 → 3 月' WHERE hash = '${withTemplates.hash}'`);
    await raw(`UPDATE policy_versions SET templates = '{"a.hbs":"x"}' WHERE hash = '${old.hash}'`);
    const r = await t.store.verifyAll();
    expect(r.ok).toBe(false);
    expect(r.schemaProblems.map(renderBoth)).toEqual(['只追加触发器缺失 append-only trigger missing: policy_versions_append_only_update']);
    expect(r.versionProblems.map(renderBoth)).toEqual(
      [withTemplates, old]
        .sort((a, b) => (a.hash < b.hash ? -1 : 1))
        .map((v) =>
          expect.stringMatching(
            new RegExp(
              `^政策版本被改写 policy version ${v.hash} \\(${v.policyId}\\) was rewritten: its text and templates hash to [0-9a-f]{12}…$`,
            ),
          ),
        ),
    );
  });

  it("templates that are not JSON, and a workflow's body rewritten, are named; a dropped delete trigger of the publications log too", async () => {
    await dropTrigger('policy_versions_append_only_update', 'policy_versions');
    await dropTrigger('workflows_append_only_update', 'workflows');
    await dropTrigger('policy_publications_append_only_delete', 'policy_publications');
    await raw(`UPDATE policy_versions SET templates = 'not json' WHERE hash = '${withTemplates.hash}'`);
    await raw(`UPDATE workflows SET body = '{"id":"qinzhou-exit","steps":[]}' WHERE hash = '${workflow}'`);
    const r = await t.store.verifyAll();
    expect(r.ok).toBe(false);
    expect(r.schemaProblems.map(renderBoth).sort()).toEqual(
      ['policy_publications_append_only_delete', 'policy_versions_append_only_update', 'workflows_append_only_update'].map(
        (n) => `只追加触发器缺失 append-only trigger missing: ${n}`,
      ),
    );
    expect(r.versionProblems.map(renderBoth)).toEqual([
      `政策版本的模板不可读 policy version ${withTemplates.hash} (qinzhou): its templates are not a JSON object of texts`,
      `流程被改写 workflow ${workflow} (qinzhou-exit) was rewritten: its body hashes to ${sha256Hex('{"id":"qinzhou-exit","steps":[]}').slice(0, 12)}…`,
    ]);
  });
});
