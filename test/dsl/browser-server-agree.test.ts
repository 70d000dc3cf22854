// The policy editor and the server give one answer on the same text (issue #13). Before, the
// editor's checker read periods and thresholds with dsl defaults while the server injected the
// engine's readers: the editor refused 半数以上 (P613, whose own message recommends it) and read
// 十百日 as 110 日, the server did the opposite, and the workflow diagram on the same page (which
// compiles with a third reader) gave a third answer. Now every one of them reads with dsl/legal-text.
//
// The two checks compared:
// - the browser: ui/src/policy/check-adapter.ts checkSource calls checkPolicyPartial(text, file, {})
//   — no host options at all — and the workflow diagram (lf-workflow-diagram.ts) compiles the
//   policy that check returns with compileWorkflow;
// - the server: engine/policies/load.ts loadPolicyText(text, path) (what `landflow check`, the
//   publish route and the policy routes use), and for the diagram compileWorkflow on its policy
//   (engine/server/routes/policies.ts).
// The server's diagnostics may hold, besides the browser's, exactly these (SERVER_ONLY):
// - X901, X908: the server runs the examples on its example files (runExamples, exampleDiagnostics)
//   when the check has no error. The editor runs them apart from the checker (check-adapter's
//   runPolicyExamples, on the case files bundled with the UI), so they are not the checker's;
// - X902, X903 at a caseFile: the server reads the example case files (CheckOptions.readCase);
//   the browser has no files and skips them (dsl/check/examples.ts);
// - P608, P627 from findTemplate: the server looks for form templates in the policy's folder;
// Every other diagnostic must be the same, to the character, on both sides.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPolicyPartial, type Diagnostic } from '../../dsl/index.ts';
import { isFailure, legalTextMessage, readPeriod, readThreshold, type LegalTextFailure } from '../../dsl/legal-text/index.ts';
import type { Policy } from '../../dsl/policy-model.ts';
import { compileWorkflow } from '../../engine/compile/index.ts';
import { loadPolicyText } from '../../engine/policies/load.ts';
import { render, renderBoth } from '../../dsl/messages.ts';

const SERVER_ONLY = new Set(['X901', 'X908', 'X902', 'X903', 'P608', 'P627']);

const dir = 'policies';
const bundled = readdirSync(dir)
  .filter((n) => n.endsWith('.yaml'))
  .sort();
const qinzhouFile = join(dir, 'qinzhou.yaml');
const qinzhou = readFileSync(qinzhouFile, 'utf8');

const key = (d: Diagnostic) => `${d.file} ${d.start}-${d.end} ${d.severity} ${d.code} ${renderBoth(d.message)}`;

interface Both {
  browser: { diagnostics: Diagnostic[]; policy?: Policy };
  server: ReturnType<typeof loadPolicyText>;
}

/** Both checks of one text, and the assertion that they agree but for SERVER_ONLY findings. */
function checkBoth(text: string, file = qinzhouFile): Both {
  const browser = checkPolicyPartial(text, file, {});
  const server = loadPolicyText(text, file);
  const b = browser.diagnostics.map(key);
  const s = new Set(server.diagnostics.map(key));
  expect(
    b.filter((k) => !s.has(k)),
    'found by the browser only',
  ).toEqual([]);
  const extra = server.diagnostics.filter((d) => !b.includes(key(d)) && !SERVER_ONLY.has(d.code));
  expect(extra.map(key), 'found by the server only').toEqual([]);
  return { browser, server };
}

const errorsOf = (ds: Diagnostic[]) => ds.filter((d) => d.severity === 'error');

/** The periods of every timer, as the diagram shows them ("<timer id>: <period text>"), or the compile error. */
function diagramPeriods(policy: Policy | undefined): string[] | { error: string } {
  if (!policy) return { error: 'no policy' };
  try {
    return (['exit', 'transfer'] as const)
      .filter((k) => policy.procedures[k])
      .flatMap((k) => compileWorkflow(policy, k).timers.map((t) => `${k}.${t.id}: ${t.period.text} = ${t.period.amount} ${t.period.unit}`));
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** The text with one line replaced; the line must be there exactly once. */
function replaceLine(text: string, line: string, by: string): string {
  expect(text.split(line).length, line).toBe(2);
  return text.replace(line, by);
}
const PUBLIC_NOTICE = '    value: 3 工作日\n'; // 公示期, the period of the transfer's publicNotice step
const NOTICE = '    label: 提前书面通知期（以上）\n    value: 半年\n'; // 退出通知期, checked against 农村土地承包法第三十条
const MAJORITY =
  '            base: present\n            threshold: 过半数\n            assumed: true\n            note: 办法只写“讨论通过”，未定出席与表决比例';
const withPeriod = (text: string) => replaceLine(qinzhou, PUBLIC_NOTICE, `    value: ${JSON.stringify(text)}\n`);
const withNotice = (text: string) =>
  replaceLine(qinzhou, NOTICE, `    label: 提前书面通知期（以上）\n    value: ${JSON.stringify(text)}\n`);
const withThreshold = (text: string) =>
  replaceLine(qinzhou, MAJORITY, MAJORITY.replace('threshold: 过半数', `threshold: ${JSON.stringify(text)}`));

describe('the browser-configured check and the server check agree', () => {
  it.each(bundled)('on policies/%s, with the same diagrams', (name) => {
    const file = join(dir, name);
    const { browser, server } = checkBoth(readFileSync(file, 'utf8'), file);
    expect(errorsOf(browser.diagnostics)).toEqual([]);
    expect(server.policy, `${name} loads`).toBeDefined();
    expect(diagramPeriods(browser.policy)).toEqual(diagramPeriods(server.policy));
  });
});

describe('regressions (issue #13)', () => {
  it('半数以上 is accepted by the editor-configured check, as 1/2 with the half itself passing', () => {
    const { browser, server } = checkBoth(withThreshold('半数以上'));
    expect(browser.diagnostics.filter((d) => d.code === 'P613')).toEqual([]);
    const rule = browser.policy!.procedures.exit!.steps.find((s) => s.id === 'approval')!.votes![0]!;
    expect(rule.threshold).toEqual({ num: 1, den: 2, inclusive: true, text: '半数以上' });
    expect(server.policy!.procedures.exit!.steps.find((s) => s.id === 'approval')!.votes![0]!.threshold).toEqual(rule.threshold);
  });

  it('十百日 is refused by both checks, at the same place with the same message', () => {
    const { browser, server } = checkBoth(withPeriod('十百日'));
    const why = legalTextMessage((readPeriod('十百日') as LegalTextFailure).error);
    const refusal = errorsOf(browser.diagnostics);
    // The value (U454, saying why the numeral does not read) and the step that counts it (P606).
    expect(refusal.map((d) => d.code)).toEqual(['U454', 'P606']);
    // The reason, in each language the value's finding is said in.
    for (const lang of ['zh', 'en'] as const) expect(render(refusal[0]!.message, lang)).toContain(render(why, lang));
    expect(errorsOf(server.diagnostics)).toEqual(refusal);
    expect(server.policy).toBeUndefined();
    // The diagram does not draw a period the server refuses: it shows the reader's refusal.
    const diagram = diagramPeriods(browser.policy);
    expect(diagram).toHaveProperty('error');
    expect((diagram as { error: string }).error).toContain(renderBoth(why));
  });

  it("the workflow diagram's period text equals the server's (两个月 = 2 月, 三个工作日 = 3 工作日)", () => {
    for (const text of [withPeriod('三个工作日'), withPeriod('两个月'), withNotice('六个月'), withPeriod('十五日')]) {
      const { browser, server } = checkBoth(text);
      expect(server.policy).toBeDefined();
      const shown = diagramPeriods(browser.policy);
      expect(shown).toEqual(diagramPeriods(server.policy));
      expect(Array.isArray(shown) && shown.length > 0).toBe(true);
    }
    const { browser } = checkBoth(withPeriod('三个工作日'));
    expect(diagramPeriods(browser.policy)).toContain('transfer.public-notice:period: 三个工作日 = 3 工作日');
  });
});

// ——— Fuzzed periods and thresholds, each put into 钦州's policy where a step counts or a vote uses it.

const numeral = fc.oneof(
  fc.array(fc.constantFrom(...'零〇一二两三四五六七八九十百千'), { minLength: 1, maxLength: 5 }).map((a) => a.join('')),
  fc.integer({ min: 0, max: 400 }).map(String),
  fc.constantFrom('十', '十一', '二十', '一百零五', '一百一十', '十百', '两', '半'),
);
const periodText = fc.oneof(
  fc
    .tuple(
      numeral,
      fc.constantFrom('', ' '),
      fc.constantFrom('日', '天', '工作日', '个工作日', '月', '个月', '年', '周', ''),
      fc.constantFrom('', '', '内', '以内', '后'),
    )
    .map((p) => p.join('')),
  fc.constantFrom('半年', '半个月', '3.5 日', '0 日'),
);
const thresholdText = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('', '', '超过', '过', '不满'),
      fc.oneof(
        fc.constantFrom('半数', '一半', '全体'),
        fc.tuple(numeral, numeral).map(([d, n]) => `${d}分之${n}`),
        fc.constantFrom('2/3', '1/2', '50%', '百分之五十', '66.7%'),
      ),
      fc.constantFrom('', '', '以上', '以下'),
    )
    .map((p) => p.join('')),
  fc.constantFrom('过半数', '半数以上', '三分之二以上', '全体一致'),
);

describe('fuzzed legal text: every caller gives the same answer', () => {
  it('a period: both checks, and both diagrams, read it as readPeriod does', () => {
    fc.assert(
      fc.property(periodText, (text) => {
        const { browser, server } = checkBoth(withPeriod(text));
        const read = readPeriod(text);
        const param = browser.policy!.parameters.find((p) => p.name === '公示期')!;
        if (isFailure(read)) {
          expect(param.period).toBeUndefined();
          expect(errorsOf(browser.diagnostics).map((d) => d.code)).toContain('P606');
          expect(server.policy).toBeUndefined();
        } else {
          expect(param.period).toEqual(read);
          expect(errorsOf(browser.diagnostics)).toEqual([]);
          expect(server.policy!.parameters.find((p) => p.name === '公示期')!.period).toEqual(read);
          expect(diagramPeriods(browser.policy)).toEqual(diagramPeriods(server.policy));
        }
      }),
      { numRuns: 30 },
    );
  });

  it('the written notice period: the law check (农村土地承包法第三十条) is the same on both sides', () => {
    fc.assert(
      fc.property(periodText, (text) => void checkBoth(withNotice(text))),
      { numRuns: 15 },
    );
  });

  it('a threshold: both checks read it as readThreshold does, P613 exactly when it does not read', () => {
    fc.assert(
      fc.property(thresholdText, (text) => {
        const { browser, server } = checkBoth(withThreshold(text));
        const read = readThreshold(text);
        const p613 = browser.diagnostics.filter((d) => d.code === 'P613');
        if (isFailure(read)) {
          expect(p613).toHaveLength(1);
          expect(server.policy).toBeUndefined();
        } else {
          expect(p613).toEqual([]);
          const rule = (p: Policy) => p.procedures.exit!.steps.find((s) => s.id === 'approval')!.votes![0]!.threshold;
          expect(rule(browser.policy!)).toEqual(read);
          // The server may still refuse it, for an example whose expected vote it changes (X901).
          if (server.policy) expect(rule(server.policy)).toEqual(read);
          else expect(errorsOf(server.diagnostics).every((d) => d.code === 'X901')).toBe(true);
        }
      }),
      { numRuns: 30 },
    );
  });
});
