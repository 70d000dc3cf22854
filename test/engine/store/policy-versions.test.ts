// Policy versions in the store (engine/store/policy-versions.ts), on both backends: content-addressed
// versions and workflows, the publications log read as each policy's current version, seen by a
// second store on the same database, and append-only.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { policyVersions, workflowHash, type PolicyVersionInput } from '../../../engine/store/policy-versions.ts';
import { sha256Hex } from '../../../dsl/sha256.ts';
import { storedVersionHash } from '../../../engine/store/version-hash.ts';
import { StoreInputError } from '../../../engine/store/index.ts';
import { BACKENDS, type TestDb } from './backends.ts';
import { rejected } from '../../helpers/errors.ts';

const AT = '2026-01-15T09:00:00.000+08:00';

function version(text: string, templates: Record<string, string> | null = { 'a.hbs': '<p>{{x}}</p>' }): PolicyVersionInput {
  return { hash: storedVersionHash(text, templates), policyId: 'qinzhou', fileName: 'qinzhou.yaml', source: text, templates };
}

describe.each(BACKENDS)('policy versions ($name)', (backend) => {
  let t: TestDb;
  beforeEach(async () => {
    t = await backend.open();
  });
  afterEach(async () => {
    await t.cleanup();
  });

  it('store a version once by hash, and give it back as stored', async () => {
    const pv = await policyVersions(t.store);
    const v = version('meta:\n  id: qinzhou\n');
    await pv.put(v, AT, 'landflow');
    await pv.put({ ...v, fileName: 'other.yaml' }, AT, 'someone'); // same hash: the first stays
    expect(await pv.get(v.hash)).toEqual({ ...v, storedAt: AT, storedBy: 'landflow' });
    expect(await pv.get(sha256Hex('nothing'))).toBeUndefined();
    const noTemplates = version('old text', null);
    await pv.put(noTemplates, AT, 'landflow');
    expect((await pv.get(noTemplates.hash))!.templates).toBeNull();
    expect(await pv.current()).toEqual([]);
    expect(await pv.lastPublication()).toBe(0);
  });

  it('publish: the last publication of a policy is its current version, seen by another store on the database', async () => {
    const pv = await policyVersions(t.store);
    const other = await policyVersions(await t.another());
    const v1 = version('one');
    const v2 = version('two');
    expect(await pv.publish(v1, { at: AT, by: 'landflow' })).toEqual({
      seq: 1,
      policyId: 'qinzhou',
      hash: v1.hash,
      at: AT,
      by: 'landflow',
    });
    expect(await other.lastPublication()).toBe(1);
    await other.publish(v2, {
      at: AT,
      by: 'officer1',
      event: { type: 'policyPublished', actor: 'officer1', subject: 'qinzhou', detail: { hash: v2.hash }, at: AT },
    });
    expect(await pv.lastPublication()).toBe(2);
    expect((await pv.current()).map((p) => [p.seq, p.hash, p.by])).toEqual([[2, v2.hash, 'officer1']]);
    expect((await t.store.listSecurityEvents({ type: 'policyPublished' })).map((e) => e.detail)).toEqual([{ hash: v2.hash }]);
    // Seeding: a version stored before is not published again (an older file does not undo a publication).
    expect(await pv.publish(v1, { at: AT, by: 'landflow', ifNew: true })).toBeNull();
    expect((await pv.current()).map((p) => p.hash)).toEqual([v2.hash]);
    // A publication of a version stored before (without ifNew) moves the pointer back.
    expect((await pv.publish(v1, { at: AT, by: 'officer1' }))!.seq).toBe(3);
    expect((await other.current()).map((p) => p.hash)).toEqual([v1.hash]);
    expect((await t.store.verifyAll({ allowNoKey: true })).ok).toBe(true);
  });

  it('a refused security event publishes nothing', async () => {
    const pv = await policyVersions(t.store);
    const v = version('one');
    const e = (await rejected(
      pv.publish(v, { at: AT, by: 'officer1', event: { type: 'policyPublished', actor: '', at: AT } }),
    )) as StoreInputError;
    expect([e.constructor, e.field]).toEqual([StoreInputError, 'securityEvent.actor']);
    expect(await pv.get(v.hash)).toBeUndefined();
    expect(await pv.lastPublication()).toBe(0);
  });

  it('refuse a hash that is not 64 hex digits and a text with a lone surrogate', async () => {
    const pv = await policyVersions(t.store);
    const bad = (await rejected(pv.put({ ...version('x'), hash: 'abc' }, AT, 'landflow'))) as StoreInputError;
    expect([bad.field, bad.message]).toEqual(['hash', expect.stringContaining('64 hex digits (got "abc")')]);
    const lone = (await rejected(pv.put(version('bad \ud800 text'), AT, 'landflow'))) as StoreInputError;
    expect([lone.field, lone.message]).toEqual(['source', expect.stringContaining('unpaired UTF-16 surrogate')]);
    expect(await pv.get(version('bad \ud800 text').hash)).toBeUndefined();
  });

  it('store a workflow under the hash of its canonical JSON', async () => {
    const pv = await policyVersions(t.store);
    const wf = { id: 'qinzhou@abc/exit', states: [{ id: 'a' }], b: 1 };
    const hash = await pv.putWorkflow(wf);
    expect(hash).toBe(workflowHash({ b: 1, id: 'qinzhou@abc/exit', states: [{ id: 'a' }] }));
    expect(await pv.putWorkflow(wf)).toBe(hash);
    expect(await pv.getWorkflow(hash)).toEqual(wf);
    expect(await pv.getWorkflow(sha256Hex('none'))).toBeUndefined();
  });
});
