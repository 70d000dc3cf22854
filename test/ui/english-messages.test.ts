// Messages as data (issue #13): in English the UI shows no Chinese but policy content. For every
// diagnostic of every bundled policy and of every bad policy in test/cases/bad — as the server
// sends them (printed, with related places) and as the browser's checker makes them — what the UI
// renders in English (ui/src/common/content.ts `shown`, `say`) has no CJK character outside the
// parts it marks as Chinese content (lang="zh-CN"); in Chinese it is the catalogue's Chinese.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TemplateResult } from 'lit';
import { checkPolicyPartial, printDiagnostics, render, type Text } from '../../dsl/index.ts';
import { catalogueEntries, renderParts } from '../../dsl/messages.ts';
import { loadPolicyText } from '../../engine/policies/load.ts';
import { bundledCalendar, checkPeriod, computeDeadline } from '../../engine/calendar/index.ts';
import { compareCase } from '../../engine/compare/case.ts';
import { evaluate } from '../../engine/evaluate/index.ts';
import type { CaseData } from '../../dsl/case-model.ts';
import { setLang } from '../../ui/src/i18n.ts';
import { entries as compareEntries, household } from '../engine/compare/helpers.ts';
import { say, shown } from '../../ui/src/common/content.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const CJK = /[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/;

const files = [
  ...readdirSync(join(ROOT, 'policies'))
    .filter((n) => n.endsWith('.yaml'))
    .map((n) => join('policies', n)),
  ...readdirSync(join(ROOT, 'test/cases/bad'))
    .filter((n) => n.endsWith('.yaml'))
    .map((n) => join('test/cases/bad', n)),
];

/** Every message a file's diagnostics carry, server side and browser side, with where it comes from. */
function messagesOf(file: string): { where: string; text: Text }[] {
  const source = readFileSync(join(ROOT, file), 'utf8');
  const loaded = loadPolicyText(source, join(ROOT, file), { display: file });
  const server = [...printDiagnostics(loaded.diagnostics, source), ...loaded.templateDiagnostics].flatMap((p) => [
    { where: `${file}:${p.line}:${p.column} ${p.code}`, text: p.text },
    ...(p.related ?? []).map((r) => ({ where: `${file}:${r.line}:${r.column} ${p.code} related`, text: r.text })),
  ]);
  const browser = checkPolicyPartial(source, file, {}).diagnostics.flatMap((d) => [
    { where: `${file}@${d.start} ${d.code} (browser)`, text: d.message },
    ...(d.related ?? []).map((r) => ({ where: `${file}@${r.start} ${d.code} related (browser)`, text: r.message })),
  ]);
  return [...server, ...browser];
}

interface Segment {
  text: string;
  /** Inside an element marked lang="zh-CN": content shown as written. */
  zh: boolean;
}

/** What a lit template shows, as runs of text and whether each sits inside lang="zh-CN". */
function segments(v: unknown, zh = false): Segment[] {
  if (v === null || v === undefined || v === false) return [];
  if (typeof v === 'string' || typeof v === 'number') return [{ text: String(v), zh }];
  if (Array.isArray(v)) return v.flatMap((x) => segments(x, zh));
  const t = v as TemplateResult;
  const marked = zh || t.strings.some((s) => s.includes('lang="zh-CN"'));
  return t.values.flatMap((x) => segments(x, marked));
}

const all = files.flatMap(messagesOf);

/** The lines of deadline explanations over holidays, 调休, month ends, provisional years and overrides. */
function explanations(): { where: string; text: Text }[] {
  const cal = bundledCalendar();
  const out: { where: string; text: Text }[] = [];
  for (const start of ['2025-09-30', '2026-01-15', '2025-08-31', '2026-02-13', '2026-12-28', '2049-06-30'])
    for (const period of ['3 工作日', '15 日', '半年', '6 月', '1 年', '12 工作日'])
      for (const after of [false, true])
        for (const override of [undefined, { rule: '开始当日计入+不顺延', cite: '第十条' }]) {
          const d = computeDeadline({ start, period, calendar: cal, after, ...(override ? { override } : {}) });
          out.push(...d.explanation.map((text, i) => ({ where: `${start} ${period} after=${after} line ${i}`, text })));
        }
  const q = checkPeriod({ start: '2026-01-15', period: '半年', calendar: cal, date: '2026-07-15', qualifier: '以上' });
  out.push(...q.explanation.map((text, i) => ({ where: `checkPeriod line ${i}`, text })));
  return out;
}

describe('the English UI says every diagnostic in English, quoting policy content as written', () => {
  beforeAll(() => setLang('en'));
  afterAll(() => setLang('zh'));

  it('has many messages to look at, and some quote content (a control)', () => {
    expect(all.length).toBeGreaterThan(300);
    const quoted = all.filter((m) => segments(shown(m.text)).some((s) => s.zh && CJK.test(s.text)));
    expect(quoted.length).toBeGreaterThan(50);
  });

  it('no CJK character outside the content it marks, in the list (shown) and the underline tooltip (say)', () => {
    const leaks = all.flatMap((m) => {
      const segs = segments(shown(m.text));
      expect(segs.map((s) => s.text).join(''), m.where).toBe(say(m.text));
      return segs.filter((s) => !s.zh && CJK.test(s.text)).map((s) => `${m.where}: ${JSON.stringify(s.text)} in ${say(m.text)}`);
    });
    expect(leaks).toEqual([]);
  });

  it('every message is in the catalogue: none says it is unknown', () => {
    expect(all.filter((m) => /unknown message/.test(say(m.text))).map((m) => m.where)).toEqual([]);
  });
});

describe('the English UI says how a deadline was counted in English', () => {
  beforeAll(() => setLang('en'));
  afterAll(() => setLang('zh'));

  it('every line of every explanation, holidays and articles quoted as written', () => {
    const lines = explanations();
    expect(lines.length).toBeGreaterThan(1000);
    const leaks = lines.flatMap((m) =>
      segments(shown(m.text))
        .filter((s) => !s.zh && CJK.test(s.text))
        .map((s) => `${m.where}: ${JSON.stringify(s.text)} in ${say(m.text)}`),
    );
    expect(leaks).toEqual([]);
    expect(lines.filter((m) => /unknown message/.test(say(m.text))).map((m) => m.where)).toEqual([]);
  });
});

/**
 * The notes of evaluations and comparisons that say each kind of note: a date before the policy
 * (钦州's assumed one), a mode the policy lacks, a payer the policy replaces (平罗) or does not
 * list (内江), compensation without its data (梁平's negotiated price), a policy without the procedure.
 */
function notes(): { where: string; text: Text }[] {
  const edited = (edit: (c: CaseData) => void): CaseData => {
    const c = household();
    edit(c);
    return c;
  };
  const runs: [string, string, CaseData, string?][] = [
    ['qinzhou', 'exit', household(), '2020-01-01'],
    ['qinzhou', 'exit', edited((c) => (c.exit!.mode = 'no-such-mode' as never))],
    ['pingluo', 'exit', edited((c) => (c.exit!.payer = 'group'))],
    ['neijiang', 'exit', edited((c) => (c.exit!.payer = 'county'))],
    ['liangping', 'exit', edited((c) => delete c.exit!.negotiatedPricePerMu)],
  ];
  const out: { where: string; text: Text }[] = [];
  for (const [id, procedure, kase, at] of runs) {
    const [entry] = compareEntries(id);
    const r = evaluate(entry!.compiled, { procedure: procedure as 'exit', kase, ...(at ? { at } : {}) });
    out.push(...r.notes.map((text, i) => ({ where: `${id} ${procedure} note ${i}`, text })));
  }
  for (const r of compareCase({
    entries: compareEntries('neijiang'),
    kase: household(),
    procedure: 'transfer',
    calendar: bundledCalendar(),
  }))
    out.push(...r.notes.map((text, i) => ({ where: `compare ${r.policy} transfer note ${i}`, text })));
  return out;
}

describe("the English UI says an evaluation's notes in English", () => {
  beforeAll(() => setLang('en'));
  afterAll(() => setLang('zh'));

  it("each kind of note, quoting dates, ids and the policy's names as written", () => {
    const said = notes();
    expect(said.map((n) => (n.text as { code: string }).code).sort()).toEqual([
      'evaluate.beforeEffective',
      'evaluate.compensationDataMissing',
      'evaluate.modeNotInPolicy',
      'evaluate.noProcedure',
      'evaluate.payerNotListed',
      'evaluate.payerReplaced',
    ]);
    const leaks = said.flatMap((m) =>
      segments(shown(m.text))
        .filter((s) => !s.zh && CJK.test(s.text))
        .map((s) => `${m.where}: ${JSON.stringify(s.text)} in ${say(m.text)}`),
    );
    expect(leaks).toEqual([]);
    const byCode = (code: string) => say(said.find((n) => (n.text as { code: string }).code === code)!.text);
    expect(byCode('evaluate.payerReplaced')).toBe("the case's payer group is not the policy's; county (县级土地收储机构) pays");
    expect(byCode('evaluate.noProcedure')).toMatch(/^policy [\w-]+ has no transfer procedure \(it has: exit\)$/);
    setLang('zh');
    expect(byCode('evaluate.payerReplaced')).toBe('案件的支付方 group 不是本政策的支付方，按政策由 县级土地收储机构 支付');
  });
});

describe('every entry of the catalogue', () => {
  const entries = catalogueEntries();
  /** Every placeholder a template names, each given as content (what a caller quotes as written). */
  const argsOf = (e: { zh: string; en: string; both?: string }) =>
    Object.fromEntries([...`${e.zh}${e.en}${e.both ?? ''}`.matchAll(/\{\??(\w+)/g)].map((m) => [m[1]!, `‹${m[1]}›`]));

  it('covers every family: diagnostics, expressions, legal text, templates, cases, time, refusals, errors', () => {
    for (const prefix of [
      'U452',
      'E201',
      'legal.PERIOD_FORM',
      'tpl.syntax',
      'case.field',
      'time.line.start',
      'run.tooEarly',
      'vote.passed',
      // The error bodies' families (test/engine/server/error-language.test.ts sends one of each).
      'case.invalid',
      'http.validation',
      'auth.loginRequired',
      'account.name',
      'limit.policySize',
      'compare.badStart',
      'sweep.form',
      'evaluate.noProcedure',
      'doc.negative',
      'pdf.failed',
    ])
      expect(
        entries.some((e) => e.code === prefix),
        prefix,
      ).toBe(true);
    expect(entries.length).toBeGreaterThan(400);
  });

  it('says in English only English words besides what it quotes as written ({=…} and its arguments)', () => {
    const leaks = entries.flatMap((e) =>
      renderParts({ code: e.code, args: argsOf(e) }, 'en')
        .filter((p) => !p.content && CJK.test(p.text))
        .map((p) => `${e.code}: ${JSON.stringify(p.text)}`),
    );
    expect(leaks).toEqual([]);
  });

  it('says in Chinese a Chinese sentence', () => {
    for (const e of entries) {
      const args = argsOf(e);
      if (/[\u4e00-\u9fff]/.test(e.zh)) expect(render({ code: e.code, args }, 'zh'), e.code).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe('the Chinese UI says the catalogue Chinese', () => {
  it('shows each message as its Chinese rendering, unmarked', () => {
    setLang('zh');
    for (const m of all) expect(shown(m.text), m.where).toBe(render(m.text, 'zh'));
  });
});
