// The step kind registry (dsl/steps/) is the one place a kind is declared: the schema, the
// checker, the compiler and the UI read it, and meaning is declared rather than guessed.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPolicy } from '../../dsl/index.ts';
import { mainPaymentStep, STEP_KIND_DECLS, STEP_KINDS } from '../../dsl/steps/index.ts';
import { policySchemaText } from '../../dsl/steps/schema-text.ts';
import { COMMANDS, compileWorkflow, STEP_COMMANDS } from '../../engine/compile/index.ts';
import { household, pinned, POLICY_IDS, REPO } from '../engine/run/fixtures.ts';

const schemaFile = path.join(REPO, 'dsl', 'policy.schema.json');
const qinzhou = readFileSync(path.join(REPO, 'policies', 'qinzhou.yaml'), 'utf8');
const BY_EXTENT = '        registration: byExtent\n';

describe('the step kind registry', () => {
  it('dsl/policy.schema.json lists exactly the registered kinds (run npx tsx tools/generate-policy-schema.ts when this fails)', () => {
    const text = readFileSync(schemaFile, 'utf8');
    expect(policySchemaText(text)).toBe(text);
    const schema = JSON.parse(text) as { $defs: { step: { properties: { kind: { enum: string[] } } } } };
    expect(schema.$defs.step.properties.kind.enum).toEqual([...STEP_KINDS]);
  });

  it('both procedures use the one step definition of the schema', () => {
    const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as {
      properties: { procedures: { properties: Record<string, { properties: { steps: { items: unknown } } }> } };
    };
    const procs = schema.properties.procedures.properties;
    expect(Object.keys(procs).sort()).toEqual(['exit', 'transfer']);
    for (const p of Object.values(procs)) expect(p.properties.steps.items).toEqual({ $ref: '#/$defs/step' });
  });

  it('every kind is completed by a command it accepts, and every command it names is described', () => {
    for (const k of STEP_KINDS) {
      const d = STEP_KIND_DECLS[k];
      expect(d.id).toBe(k);
      expect(d.completes.length, k).toBeGreaterThan(0);
      for (const c of d.completes) expect(d.commands, k).toContain(c);
      for (const c of d.commands) expect(COMMANDS[c as keyof typeof COMMANDS], `${k}: ${c}`).toBeDefined();
      expect(STEP_COMMANDS[k]).toEqual({ commands: [...d.commands], completes: [...d.completes] });
      expect(d.label.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(d.label.en).toMatch(/^[a-z][a-z -]*$/);
    }
  });

  it('only the cooling-off and re-entry windows are optional by default', () => {
    expect(STEP_KINDS.filter((k) => STEP_KIND_DECLS[k].optionalByDefault)).toEqual(['coolingOff', 'reentry']);
  });

  it('a kind-specific key elsewhere is reported: registration: byExtent on a filing step is P630', () => {
    const onFiling = qinzhou.replace(BY_EXTENT, '').replace(/(      - id: filing\n(?:        .*\n)*?)(        cite: )/, `$1${BY_EXTENT}$2`);
    expect(onFiling).not.toBe(qinzhou);
    const r = checkPolicy(onFiling, 'policies/qinzhou.yaml');
    expect(r.diagnostics.filter((d) => d.code === 'P630').length).toBeGreaterThanOrEqual(1);
  });
});

describe('declared semantics, not wording', () => {
  it('the 钦州 exit registration is checked against the extent because it says registration: byExtent (第十六条)', () => {
    expect(qinzhou).toContain(BY_EXTENT);
    const wf = compileWorkflow(pinned('qinzhou').policy, 'exit');
    expect(wf.guards.filter((g) => g.kind === 'registration').map((g) => g.id)).toEqual(['registration:registration']);
  });

  it('without registration: byExtent the same step, whatever its label says about 变更 and 注销, has no registration guard', () => {
    const text = qinzhou.replace(BY_EXTENT, '');
    expect(text).toContain('部分退出申请变更登记；全部退出交回合同和权证并申请注销登记');
    const r = checkPolicy(text, 'policies/qinzhou.yaml');
    expect(r.policy, JSON.stringify(r.diagnostics.filter((d) => d.severity === 'error'))).toBeDefined();
    const wf = compileWorkflow(r.policy!, 'exit');
    expect(wf.guards.some((g) => g.kind === 'registration')).toBe(false);
  });

  it('a when: that does not compile throws rather than letting the step apply', () => {
    const p = pinned('model-scheme');
    expect(() => p.holds('没有这个字段 == 1', household())).toThrow(/does not compile/);
    expect(p.holds('1 == 1', household())).toBe(true);
  });
});

describe('the main payment step', () => {
  it('is the same step on the policy (the checker) and on its workflow (the runner), for every bundled policy', () => {
    const seen: string[] = [];
    for (const id of POLICY_IDS)
      for (const procedure of ['exit', 'transfer'] as const) {
        const proc = pinned(id).policy.procedures[procedure];
        if (!proc) continue;
        const main = mainPaymentStep(proc.steps)?.id;
        for (const mode of proc.modes.length ? proc.modes.map((m) => m.id) : [null])
          expect(mainPaymentStep(compileWorkflow(pinned(id).policy, procedure, mode).states)?.id, `${id} ${procedure} ${mode}`).toBe(main);
        if (main) seen.push(`${id}/${procedure}:${main}`);
      }
    expect(seen.length).toBeGreaterThan(4);
  });

  it('is the first obligatory payment, else the first: an optional premium before it is not', () => {
    const steps = [
      { id: 'premium', kind: 'payment', optional: true },
      { id: 'price', kind: 'payment' },
      { id: 'later', kind: 'payment' },
    ] as const;
    expect(mainPaymentStep(steps)?.id).toBe('price');
    expect(mainPaymentStep([steps[0]])?.id).toBe('premium');
    expect(mainPaymentStep([{ id: 'x', kind: 'contract' }] as const)).toBeUndefined();
  });
});
