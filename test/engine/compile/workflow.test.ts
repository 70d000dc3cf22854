import { describe, expect, it } from 'vitest';
import { compileWorkflow, CompileError, COMMANDS, STEP_COMMANDS, type Workflow } from '../../../engine/compile/index.ts';
import { STEP_KINDS } from '../../../dsl/policy-model.ts';
import { pinned, POLICY_IDS } from '../run/fixtures.ts';

/** The hash changes with every edit of the YAML; the snapshot is about the shape. */
function stable(wf: Workflow): unknown {
  const text = JSON.stringify(wf, null, 2).replaceAll(wf.policy.hash, '<hash>').replaceAll(wf.policy.hash.slice(0, 12), '<hash12>');
  return JSON.parse(text);
}

describe('compileWorkflow: 钦州', () => {
  const q = pinned('qinzhou').policy;

  it('钦州退出的流程与快照一致 (the exit workflow matches its snapshot)', async () => {
    const wf = compileWorkflow(q, 'exit');
    await expect(JSON.stringify(stable(wf), null, 2) + '\n').toMatchFileSnapshot('./__snapshots__/qinzhou-exit.workflow.json');
  });

  it('钦州转让的流程与快照一致 (the transfer workflow matches its snapshot)', async () => {
    const wf = compileWorkflow(q, 'transfer');
    await expect(JSON.stringify(stable(wf), null, 2) + '\n').toMatchFileSnapshot('./__snapshots__/qinzhou-transfer.workflow.json');
  });

  it('退出：书面通知 → 半年后协商 → 表决 → 合同 → 作废、付款、备案 → 登记', () => {
    const wf = compileWorkflow(q, 'exit');
    expect(wf.version).toBe(1);
    expect(wf.id).toBe(`qinzhou@${q.hash.slice(0, 12)}/exit/permanent`);
    expect(wf.mode).toBe('permanent');
    expect(wf.initial).toEqual(['written-notice']);
    expect(wf.states.map((s) => [s.id, s.after])).toEqual([
      ['written-notice', []],
      ['negotiation', ['written-notice']],
      ['approval', ['negotiation']],
      ['contract', ['approval']],
      ['cancellation', ['contract']],
      ['payment', ['contract']],
      ['filing', ['contract']],
      ['registration', ['filing']],
    ]);
    expect(wf.states.find((s) => s.id === 'contract')!.numbering).toBe('退出');
    const negotiation = wf.timers.find((t) => t.id === 'negotiation:period')!;
    expect(negotiation).toMatchObject({
      kind: 'earliest',
      after: true,
      parameter: '协商等待期',
      start: { on: 'step', step: 'written-notice' },
      governs: ['recordNegotiation'],
    });
    expect(negotiation.period).toMatchObject({ amount: 6, unit: '月' });
    expect(wf.timers.find((t) => t.id === 'written-notice:period')).toMatchObject({ kind: 'notice', start: { on: 'done' } });
    const vote = wf.guards.find((g) => g.kind === 'vote')!;
    expect(vote.on).toEqual(['recordVote']);
    expect(vote.votes!.map((v) => v.body)).toEqual([['户主会议', '组级户主会议'], ['村民小组会议'], ['成员大会'], ['成员代表大会']]);
    expect(wf.guards.find((g) => g.kind === 'consent')!.rules!.map((r) => [r.id, r.cite])).toEqual([['co-owner-consent', '第十一条']]);
    expect(wf.guards.find((g) => g.kind === 'registration')).toMatchObject({ on: ['recordRegistration'], cite: '第十六条' });
    expect(wf.states.find((s) => s.id === 'written-notice')!.defaultDate).toBe('exit.noticeDate');
  });

  it('转让：公示 3 工作日（可于期满后结束）、异议期 15 日、书面说明理由 7 日自申请起算', () => {
    const wf = compileWorkflow(q, 'transfer');
    expect(wf.mode).toBeNull();
    expect(wf.states.find((s) => s.id === 'contract')!.numbering).toBe('转让');
    expect(wf.timers.map((t) => [t.id, t.kind, t.period.text, t.start])).toEqual([
      ['public-notice:period', 'earliest', '3 工作日', { on: 'posted' }],
      ['public-notice:objections', 'window', '15 日', { on: 'posted' }],
      ['review:deadline', 'deadline', '7 日', { on: 'step', step: 'application' }],
    ]);
    expect(wf.states.find((s) => s.id === 'public-notice')!.commands).toEqual(['postPublicNotice', 'recordObjection', 'closePublicNotice']);
    expect(wf.states.find((s) => s.id === 'registration')!.optional).toBe(true);
    // Eligibility is checked on the application and again when the contract is signed.
    expect(wf.guards.find((g) => g.id === 'eligibility')!.on).toEqual(['submitApplication', 'signContract']);
    expect(wf.forms.map((f) => [f.id, f.step])).toEqual([
      ['转让合同', 'contract'],
      ['转让申请表', 'application'],
      ['转让公示', 'public-notice'],
    ]);
  });

  it('the workflow is plain JSON: it round-trips unchanged', () => {
    const wf = compileWorkflow(q, 'exit');
    expect(JSON.parse(JSON.stringify(wf))).toEqual(wf);
  });

  it('an unknown mode or a missing procedure is a CompileError naming what exists', () => {
    expect(() => compileWorkflow(q, 'exit', 'custody')).toThrowError(CompileError);
    try {
      compileWorkflow(q, 'exit', 'custody');
    } catch (e) {
      expect((e as CompileError).code).toBe('UNKNOWN_MODE');
      expect((e as Error).message).toContain('permanent');
    }
    const n = pinned('neijiang').policy;
    expect(() => compileWorkflow(n, 'transfer')).toThrowError(/没有转让程序/);
  });
});

describe('compileWorkflow: every bundled policy', () => {
  for (const id of POLICY_IDS) {
    it(`${id}: every procedure and mode compiles, every after: names a step, every command is catalogued`, () => {
      const p = pinned(id).policy;
      for (const proc of ['exit', 'transfer'] as const) {
        const decl = p.procedures[proc];
        if (!decl) continue;
        for (const mode of decl.modes.length ? decl.modes.map((m) => m.id) : [null]) {
          const wf = compileWorkflow(p, proc, mode);
          const ids = new Set(wf.states.map((s) => s.id));
          for (const s of wf.states) for (const a of s.after) expect(ids.has(a)).toBe(true);
          for (const t of wf.timers) expect(ids.has(t.step)).toBe(true);
          for (const c of wf.commands) expect(COMMANDS[c.type]).toBeDefined();
          expect(wf.initial.length).toBeGreaterThan(0);
        }
      }
    });
  }

  it('模型方案：冷静期为窗口（撤回）、期满后方可结束；反悔窗口 5 年', () => {
    const wf = compileWorkflow(pinned('model-scheme').policy, 'exit', 'permanent');
    expect(wf.timers.find((t) => t.id === 'cooling-off:window')).toMatchObject({
      kind: 'window',
      governs: ['withdraw'],
      closes: ['endCoolingOff'],
      start: { on: 'step', step: 'written-notice' },
    });
    expect(wf.timers.find((t) => t.id === 'reentry:window')).toMatchObject({
      kind: 'window',
      governs: ['reEnter'],
      period: { amount: 5, unit: '年' },
    });
    expect(wf.states.filter((s) => s.kind === 'payment').map((s) => [s.id, s.optional])).toEqual([
      ['insurance', true],
      ['payment', false],
    ]);
  });

  it('every step kind has its commands', () => {
    for (const k of STEP_KINDS) expect(STEP_COMMANDS[k].completes.length).toBeGreaterThan(0);
  });
});
