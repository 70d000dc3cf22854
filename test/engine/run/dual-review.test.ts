// The model scheme's 双主体协同审查 (论文3.2资格审查) as a step kind of its own, dualReview: the
// county agriculture department's compliance review and the collective's assessment, both
// required, each by its own period in the policy, in either order. The schema and the checker
// read its periods, the runner takes both decisions, its two deadlines are two tasks, and a
// failed review ends the case.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPolicy } from '../../../dsl/index.ts';
import { renderBoth } from '../../../dsl/messages.ts';
import { compileWorkflow } from '../../../engine/compile/index.ts';
import { allowedCommands, deadlines, fold, openCase, step } from '../../../engine/run/index.ts';
import { contextFor, household, modelSchemeUnderReview, pinned, REPO, Runner } from './fixtures.ts';

const FILE = 'policies/model-scheme.yaml';
const text = readFileSync(path.join(REPO, FILE), 'utf8');
const PERIODS = '        periods:\n          compliance: 合规审查期限\n          assessment: 集体评估期限\n';

/** The findings of a text, each with the line it is at. */
function findingsOf(source: string) {
  return checkPolicy(source, FILE).diagnostics.map((d) => ({
    code: d.code,
    severity: d.severity,
    line: source.slice(0, d.start).split('\n').length,
    message: renderBoth(d.message),
  }));
}

/** The findings of the model scheme with its review step's periods replaced. */
function findings(periods: string) {
  expect(text).toContain(PERIODS);
  return findingsOf(text.replace(PERIODS, periods));
}

const lineOf = (needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

/** A permanent exit of the model scheme whose cooling-off ended on 2026-02-15: the dual review is active. */
function underReview(): Runner {
  const r = modelSchemeUnderReview();
  expect(r.status('review')).toBe('active');
  return r;
}

describe('the policy text', () => {
  it('the schema and the checker accept the model scheme with its dual review: no finding', () => {
    const r = checkPolicy(text, FILE);
    expect(r.diagnostics).toEqual([]);
    const step = r.policy!.procedures.exit!.steps.find((s) => s.id === 'review')!;
    expect(step).toMatchObject({ kind: 'dualReview', periods: { compliance: '合规审查期限', assessment: '集体评估期限' } });
  });

  it('checks each period it names: an undeclared parameter is P605 and a non-period P606, at the line that names it', () => {
    const at = lineOf('          assessment: 集体评估期限');
    const undeclared = findings('        periods:\n          compliance: 合规审查期限\n          assessment: 评估期限\n');
    expect(undeclared.filter((d) => d.severity === 'error')).toEqual([
      {
        code: 'P605',
        severity: 'error',
        line: at,
        message:
          '期间引用了未声明的参数「评估期限」，是否想写「集体评估期限」？ / the period names an undeclared parameter "评估期限"; did you mean "集体评估期限"?',
      },
    ]);
    const notAPeriod = findings('        periods:\n          compliance: 回购比例\n          assessment: 集体评估期限\n');
    expect(notAPeriod.filter((d) => d.severity === 'error').map((d) => [d.code, d.line])).toEqual([['P606', at - 1]]);
  });

  it('both periods are expected (P631 names the missing one), a name of no kind is refused by the schema', () => {
    const missing = findings('        periods:\n          compliance: 合规审查期限\n');
    expect(missing.filter((d) => d.code === 'P631')).toEqual([
      {
        code: 'P631',
        severity: 'warning',
        line: lineOf('kind: dualReview'),
        message: 'dualReview 步骤应声明 periods.assessment（期间） / a dualReview step should declare its period periods.assessment',
      },
    ]);
    const unknown = findings(PERIODS + '          appeal: 集体评估期限\n').filter((d) => d.severity !== 'note');
    expect(unknown.map((d) => [d.code, d.severity, d.line])).toEqual([['S001', 'error', lineOf('          assessment: 集体评估期限') + 1]]);
  });

  it("another kind's step that names the dual review's periods is told which kind takes them (P630)", () => {
    const onHandover = text.replace(PERIODS, '').replace('        kind: cancellation\n', `        kind: cancellation\n${PERIODS}`);
    const all = findingsOf(onHandover);
    expect(all.filter((d) => d.code === 'P630').map((d) => d.message)).toEqual([
      'periods.compliance 只用于这些种类的步骤：dualReview / periods.compliance is used only by steps of kind dualReview',
      'periods.assessment 只用于这些种类的步骤：dualReview / periods.assessment is used only by steps of kind dualReview',
    ]);
    // …and the dual review step, left without them, is told it lacks both.
    expect(all.filter((d) => d.code === 'P631').length).toBe(2);
  });

  it('compiles to one deadline per review, each governing its own decision, counted from the step’s start', () => {
    const wf = compileWorkflow(pinned('model-scheme').policy, 'exit', 'permanent');
    const review = wf.states.find((s) => s.id === 'review')!;
    expect(review).toMatchObject({
      kind: 'dualReview',
      commands: ['recordComplianceReview', 'recordCollectiveAssessment'],
      timers: ['review:compliance', 'review:assessment'],
    });
    expect(wf.timers.filter((t) => t.step === 'review').map((t) => [t.id, t.kind, t.governs, t.period.text, t.start])).toEqual([
      ['review:compliance', 'deadline', ['recordComplianceReview'], '20 日', { on: 'activated' }],
      ['review:assessment', 'deadline', ['recordCollectiveAssessment'], '30 日', { on: 'activated' }],
    ]);
  });
});

describe('running it', () => {
  it('compliance first, then the assessment: done only when both have passed; the contract follows', () => {
    const r = underReview();
    r.ok('2026-02-20', 'recordComplianceReview', { approved: true });
    expect(r.status('review')).toBe('active');
    expect(r.state.steps.review!.parts).toEqual({ compliance: { date: '2026-02-20', passed: true } });
    const review = () => allowedCommands(r.wf, r.state).filter((c) => c.step === 'review');
    expect(review().map((c) => c.type)).toEqual(['recordCollectiveAssessment']);
    const done = r.ok('2026-02-26', 'recordCollectiveAssessment', { approved: true });
    expect(done.events.map((e) => e.type).slice(0, 3)).toEqual(['CollectiveAssessed', 'StepCompleted', 'StepActivated']);
    expect(r.state.steps.review).toMatchObject({
      status: 'done',
      doneOn: '2026-02-26',
      result: { date: '2026-02-26', compliance: '2026-02-20', assessment: '2026-02-26' },
    });
    expect(r.status('contract')).toBe('active');
    expect(fold(r.events)).toEqual(r.state);
  });

  it('the assessment first, then compliance: the same end', () => {
    const r = underReview();
    expect(
      allowedCommands(r.wf, r.state)
        .filter((c) => c.step === 'review')
        .map((c) => c.type),
    ).toEqual(['recordComplianceReview', 'recordCollectiveAssessment']);
    r.ok('2026-02-18', 'recordCollectiveAssessment', { approved: true });
    expect(
      allowedCommands(r.wf, r.state)
        .filter((c) => c.step === 'review')
        .map((c) => c.type),
    ).toEqual(['recordComplianceReview']);
    r.ok('2026-02-19', 'recordComplianceReview', { approved: true });
    expect(r.state.steps.review).toMatchObject({ status: 'done', result: { compliance: '2026-02-19', assessment: '2026-02-18' } });
    r.ok('2026-03-02', 'signContract', { paymentDue: '2026-04-01' });
    expect(r.state.contract).toMatchObject({ amount: '81075.00' });
    expect(fold(r.events)).toEqual(r.state);
  });

  it('each body decides once, and a decision cannot be dated before the other one recorded', () => {
    const r = underReview();
    r.ok('2026-02-20', 'recordComplianceReview', { approved: true });
    expect(r.refused('2026-02-21', 'recordComplianceReview', { approved: true })).toMatchObject({
      code: 'NOT_ALLOWED',
      kind: 'notAllowedNow',
      message:
        "县级农业农村部门合规审查已于 2026-02-20 作出决定 — the county agriculture department's compliance review was decided on 2026-02-20",
    });
    expect(r.refused('2026-02-21', 'recordCollectiveAssessment', { approved: true, date: '2026-02-19' })).toMatchObject({
      code: 'BAD_DATE',
      path: '/payload/date',
    });
  });

  it('its two deadlines are two tasks, due on the periods’ last days (20 日 → Saturday 2026-03-07 → Monday 03-09; 30 日 → 03-17)', () => {
    const r = underReview();
    expect(r.state.timers['review:compliance']).toMatchObject({ start: '2026-02-15', lastDay: '2026-03-09', end: '2026-03-09' });
    expect(r.state.timers['review:assessment']).toMatchObject({ start: '2026-02-15', lastDay: '2026-03-17', end: '2026-03-17' });
    const tasks = (today: string) =>
      deadlines(r.wf, r.state, today)
        .filter((d) => d.step === 'review')
        .map((d) => [d.label, d.due, d.kind, d.timer]);
    const label = '双主体协同审查：县级农业农村部门审查退地资格合规性，集体经济组织评估经济状况、就业稳定性及土地依赖度';
    expect(tasks('2026-03-09')).toEqual([
      [`${label}：县级农业农村部门合规审查`, '2026-03-09', 'due', 'review:compliance'],
      [`${label}：集体经济组织评估`, '2026-03-17', 'due', 'review:assessment'],
    ]);
    expect(tasks('2026-03-10')).toEqual([
      [`${label}：县级农业农村部门合规审查`, '2026-03-09', 'overdue', 'review:compliance'],
      [`${label}：集体经济组织评估`, '2026-03-17', 'due', 'review:assessment'],
    ]);
    // A decided part is no longer a task; a late one is recorded as late, not refused.
    r.ok('2026-03-10', 'recordComplianceReview', { approved: true });
    expect(r.events.at(-1)).toMatchObject({ type: 'ComplianceReviewed', payload: { late: true, deadline: '2026-03-09' } });
    expect(tasks('2026-03-10')).toEqual([[`${label}：集体经济组织评估`, '2026-03-17', 'due', 'review:assessment']]);
  });

  it('without periods the dual review has no deadlines: one open entry, as any step with none', () => {
    const r = checkPolicy(text.replace(PERIODS, ''), FILE);
    const wf = compileWorkflow(r.policy!, 'exit', 'permanent');
    expect(wf.timers.filter((t) => t.step === 'review')).toEqual([]);
    const p = pinned('model-scheme');
    const opened = openCase(
      wf,
      household((c) => (c.exit!.mode = 'permanent')),
      contextFor(p, '2026-01-15'),
    );
    let state = opened.ok ? opened.state : undefined;
    for (const [today, type] of [
      ['2026-01-15', 'receiveWrittenNotice'],
      ['2026-02-15', 'endCoolingOff'],
    ] as const) {
      const r = step(wf, state!, { type }, contextFor(p, today));
      state = r.ok ? r.state : undefined;
    }
    expect(state!.steps.review!.status).toBe('active');
    expect(deadlines(wf, state!, '2026-03-20').filter((d) => d.step === 'review')).toMatchObject([
      { due: null, kind: 'due', label: expect.stringMatching(/^双主体协同审查/) },
    ]);
  });

  it('a failed review ends the case as refused, with its written reasons; without reasons it is not recorded', () => {
    const r = underReview();
    r.ok('2026-02-20', 'recordComplianceReview', { approved: true });
    expect(r.refused('2026-02-22', 'recordCollectiveAssessment', { approved: false })).toMatchObject({
      code: 'REASONS_REQUIRED',
      kind: 'refusedByRule',
      path: '/payload/reasons',
      cite: '论文3.2资格审查',
    });
    const out = r.ok('2026-02-22', 'recordCollectiveAssessment', { approved: false, reasons: '土地依赖度高，城镇生计不稳定' });
    expect(out.events.map((e) => e.type)).toEqual(['CollectiveAssessed', 'CaseClosed']);
    expect(r.state.status).toBe('refused');
    expect({ ...r.state.outcome, reason: renderBoth(r.state.outcome!.reason) }).toEqual({
      on: '2026-02-22',
      status: 'refused',
      reason: '集体经济组织评估不通过：土地依赖度高，城镇生计不稳定',
      cite: '论文3.2资格审查',
    });
    expect(allowedCommands(r.wf, r.state)).toEqual([]);
    expect(fold(r.events)).toEqual(r.state);
  });
});
