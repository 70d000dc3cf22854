// A policy version stored by a landflow from before a key of the format was renamed
// (dsl/format-upgrades.ts) keeps its cases running: the store keeps its text and hash as stored,
// the registry reads it through the format's renames, and a case opens under it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bundledCalendar } from '../../../engine/calendar/index.ts';
import { fixedClock } from '../../../engine/cases/clock.ts';
import { PolicyRegistry } from '../../../engine/cases/policies.ts';
import { CaseService } from '../../../engine/cases/service.ts';
import { policyVersions } from '../../../engine/store/policy-versions.ts';
import { storedVersionHash } from '../../../engine/store/version-hash.ts';
import { household, REPO } from '../run/fixtures.ts';
import { BACKENDS, type TestDb } from '../store/backends.ts';

const QINZHOU = readFileSync(path.join(REPO, 'policies/qinzhou.yaml'), 'utf8');
const BEFORE = QINZHOU.replace('periods: { objections: 公示异议期 }', 'objectionPeriod: 公示异议期');

describe.each(BACKENDS)('a version stored with objectionPeriod ($name)', (backend) => {
  let t: TestDb;
  beforeEach(async () => {
    t = await backend.open();
  });
  afterEach(async () => t.cleanup());

  it('is read with its objection window as the notice’s period, and new cases open under it', async () => {
    expect(BEFORE).not.toBe(QINZHOU);
    const reg = PolicyRegistry.fromDir(path.join(REPO, 'policies'));
    const templates = reg.current('qinzhou')!.templates;
    const hash = storedVersionHash(BEFORE, templates);
    const pv = await policyVersions(t.store);
    const at = '2026-01-10T09:00:00.000+08:00';
    // What the older landflow wrote: its version of 钦州.
    await pv.publish({ hash, policyId: 'qinzhou', fileName: 'qinzhou.yaml', source: BEFORE, templates }, { at, by: 'landflow' });

    const old = await reg.version(t.store, hash);
    const notice = (text: 'old' | 'now') =>
      (text === 'old' ? old! : reg.current('qinzhou')!).policy.procedures.transfer!.steps.find((s) => s.kind === 'publicNotice')!;
    expect(notice('old').periods).toEqual(notice('now').periods);
    expect(notice('old').periods).toHaveProperty('objections');
    // The stored text is as it was: its hash still names it.
    expect((await pv.get(hash))!.source).toBe(BEFORE);

    const cases = new CaseService({
      store: t.store,
      policies: reg,
      clock: fixedClock('2026-01-15T09:00:00+08:00'),
      calendarFor: () => bundledCalendar(),
    });
    try {
      // Today's files seed the store (a newer version), then an officer publishes the older text again.
      await cases.syncPolicies();
      await pv.publish({ hash, policyId: 'qinzhou', fileName: 'qinzhou.yaml', source: BEFORE, templates }, { at, by: 'officer' });
      const opened = await cases.open({ policy: 'qinzhou', procedure: 'exit', case: household(), user: { id: 'clerk-1', name: '办事员' } });
      expect(opened.policyHash).toBe(hash);
    } finally {
      cases.close();
    }
  });
});
