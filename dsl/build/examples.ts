// examples: a case (a file, inline, with overrides) and what the policy must answer for it.
import type { Example, ExampleExpect } from '../policy-model.ts';
import { child, entry, toPlain, type LMap, type LNode } from '../yaml.ts';
import { isMap, strings, text, type Reader } from './reader.ts';

export function buildExamples(r: Reader, n: LNode | undefined): Example[] {
  if (n?.kind !== 'seq') return [];
  const examples: Example[] = [];
  for (const x of n.items) {
    if (!isMap(x)) continue;
    const ex: Example = { name: '', procedure: 'exit', expect: {}, span: x.span, expectSpans: {} };
    ex.name = r.field(ex, x, 'name') ?? '';
    const p = r.field(ex, x, 'procedure');
    if (p === 'transfer' || p === 'exit') ex.procedure = p;
    const mode = r.field(ex, x, 'mode');
    if (mode !== undefined) ex.mode = mode;
    const caseFile = r.field(ex, x, 'caseFile');
    if (caseFile !== undefined) ex.caseFile = caseFile;
    const inline = child(x, 'case');
    if (isMap(inline)) ex.case = toPlain(inline);
    const set = child(x, 'set');
    if (isMap(set)) {
      ex.set = {};
      for (const e of set.entries) {
        ex.set[e.key] = toPlain(e.value);
        r.spans.set(ex, `set:${e.key}`, e.keySpan);
      }
    }
    const at = r.field(ex, x, 'at');
    if (at !== undefined) ex.at = at;
    const expect = child(x, 'expect');
    if (isMap(expect)) ex.expect = buildExpect(r, ex, expect);
    examples.push(ex);
  }
  return examples;
}

function buildExpect(r: Reader, ex: Example, expect: LMap): ExampleExpect {
  const ee: ExampleExpect = {};
  r.spans.set(ex, 'expect', expect.span);
  for (const e of expect.entries) {
    r.spans.set(ex, `expect.${e.key}`, e.value.span);
    ex.expectSpans[e.key] = e.value.span;
  }
  const el = child(expect, 'eligible');
  if (el?.kind === 'scalar' && typeof el.value === 'boolean') ee.eligible = el.value;
  const failed = entry(expect, 'failed');
  if (failed) {
    ee.failed = [];
    strings(failed.value).forEach((s, i) => {
      ee.failed!.push(s.value);
      r.spans.set(ex, `expect.failed.${i}`, s.span);
    });
  }
  const comp = text(child(expect, 'compensation'));
  if (comp !== undefined) ee.compensation = comp;
  const vote = child(expect, 'vote');
  const passed = child(vote, 'passed');
  if (passed?.kind === 'scalar' && typeof passed.value === 'boolean') {
    ee.vote = { passed: passed.value };
    const by = text(child(vote, 'decidedBy'));
    if (by !== undefined) ee.vote.decidedBy = by;
  }
  return ee;
}
