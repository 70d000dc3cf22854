// dsl/build/ reads the YAML into the Policy once, settling every derived field (a parameter's
// period and canonical unit) as it reads; the checks only judge what was built. So the policy the
// checker returns is, field for field, the policy as built: a check phase that wrote into it
// would show here.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPolicy } from '../../dsl/build/index.ts';
import { checkPolicyPartial } from '../../dsl/index.ts';
import { parseYaml } from '../../dsl/yaml.ts';
import { renderBoth } from '../../dsl/messages.ts';

const root = join(import.meta.dirname, '..', '..');
const yamlIn = (dir: string) =>
  readdirSync(join(root, dir))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => join(dir, f));
const files = [...yamlIn('policies'), ...yamlIn('test/cases/good'), ...yamlIn('test/cases/bad')];

function built(text: string, file = 'p.yaml') {
  const parsed = parseYaml(text, file);
  return buildPolicy(parsed.root!, file, 'hash');
}

describe('the policy as built is the policy as checked', () => {
  it('reads every bundled policy and test case', () => {
    expect(files.length).toBeGreaterThan(40);
  });

  it.each(files)('%s: no check phase writes into the Policy', (file) => {
    const text = readFileSync(join(root, file), 'utf8');
    const parsed = parseYaml(text, file);
    if (!parsed.root) return;
    const checked = checkPolicyPartial(text, file);
    if (!checked.policy) return; // stopped before the checks (P625): nothing was built
    const asBuilt = buildPolicy(parsed.root, file, checked.policy.hash).policy;
    expect(JSON.stringify(checked.policy)).toBe(JSON.stringify(asBuilt));
  });
});

describe('a parameter as read', () => {
  const b = built(`parameters:
  半年期: { value: 半年, cite: x }
  上限: { value: 5, unit: 万元, cite: x }
  流转费: { from: market.rentPerMuYear, cite: x }
  面积: { value: 5, unit: " 亩 ", cite: x }
  坏期间: { value: 十百日, cite: x }
  两者: { value: 30 日, from: exit.noticeDate, cite: x }
`);
  const p = (name: string) => b.policy.parameters.find((x) => x.name === name)!;
  const facts = (name: string) => b.parameterFacts.get(p(name))!;

  it('has its legal period and canonical unit before any check runs', () => {
    expect(p('半年期').period).toEqual({ amount: 6, unit: '月', text: '半年' });
    expect(p('半年期').unit).toBe('年');
    expect(p('上限').unit).toBe('元');
    expect(facts('上限').declaredUnit).toBe('万元');
    expect(p('流转费').unit).toBe('元/亩/年');
    expect(facts('流转费').type).toEqual({ kind: 'number', unit: '元/亩/年' });
    expect(p('面积').unit).toBe('亩');
    expect(facts('面积').declaredUnit).toBe('亩');
  });

  it('keeps why a value that looks like a period does not read, and both value and from as P614', () => {
    expect(p('坏期间').period).toBeUndefined();
    expect(facts('坏期间').type).toEqual({ kind: 'unknown' });
    expect(renderBoth(facts('坏期间').periodProblem!)).toContain('十百');
    expect(facts('两者').info).toEqual({ kind: 'error', code: 'P614', detail: '' });
    expect(p('两者').period).toEqual({ amount: 30, unit: '日', text: '30 日' });
    expect(p('两者').unit).toBe('日');
  });
});
