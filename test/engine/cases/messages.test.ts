// The case host's refusals and faults are messages as data (issue #13): each carries its catalogue
// code and arguments (dsl/phrases/http.ts), reads as a Chinese and an English sentence, and its
// `message` is the line in both languages that the command line and the logs printed before.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { msg, type Message } from '../../../dsl/message.ts';
import { render } from '../../../dsl/messages.ts';
import { bundledCalendar } from '../../../engine/calendar/index.ts';
import { fixedClock } from '../../../engine/cases/clock.ts';
import { CaseError } from '../../../engine/cases/errors.ts';
import { entryFromLoaded, PinnedPolicyError, PolicyRegistry } from '../../../engine/cases/policies.ts';
import { CaseService } from '../../../engine/cases/service.ts';
import { loadPolicyText } from '../../../engine/policies/load.ts';
import type { Store } from '../../../engine/store/index.ts';
import { testDatabase, type TestDatabase } from '../../helpers/test-db.ts';
import { household, policies, REPO } from '../run/fixtures.ts';

const clerk = { id: 'clerk-1', name: '办事员' };
const QINZHOU = path.join(REPO, 'policies/qinzhou.yaml');
/** 钦州 with a key the schema does not know, at the end of the file. */
const broken = () => `${readFileSync(QINZHOU, 'utf8')}colour: red\n`;

let dir: string;
let db: TestDatabase;
let store: Store;
let cases: CaseService;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'landflow-case-messages-'));
  db = await testDatabase(dir, 'cases.db');
  store = await db.open();
  const reg = new PolicyRegistry([...policies().list(), { ...entryFromLoaded(loadPolicyText(broken(), QINZHOU)), id: 'broken' }]);
  cases = new CaseService({ store, policies: reg, clock: fixedClock('2026-01-15T09:00:00+08:00'), calendarFor: () => bundledCalendar() });
});
afterAll(async () => {
  cases.close();
  await store.close();
  await db.drop();
  rmSync(dir, { recursive: true, force: true });
});

async function refusal(fn: () => Promise<unknown>): Promise<CaseError> {
  try {
    await fn();
  } catch (e) {
    expect(e).toBeInstanceOf(CaseError);
    return e as CaseError;
  }
  throw new Error('expected a refusal');
}

interface Row {
  what: string;
  run: () => Promise<unknown>;
  code: string;
  path: string;
  text: () => Message;
  zh: () => string;
  en: () => string;
  line: () => string;
}

const known = () =>
  [
    ...policies()
      .list()
      .map((p) => p.id),
    'broken',
  ].join(', ');

const ROWS: Row[] = [
  {
    what: 'an unknown policy, with the ones there are',
    run: () => cases.open({ policy: 'atlantis', procedure: 'exit', case: household(), user: clerk }),
    code: 'POLICY_NOT_FOUND',
    path: '/policy',
    text: () => msg('http.unknownPolicy', { id: 'atlantis', known: known() }),
    zh: () => `未知政策：atlantis；已知：${known()}`,
    en: () => `unknown policy: atlantis; known: ${known()}`,
    line: () => `未知政策 unknown policy: atlantis; 已知 known: ${known()}`,
  },
  {
    what: 'a policy with errors',
    run: () => cases.open({ policy: 'broken', procedure: 'exit', case: household(), user: clerk }),
    code: 'POLICY_HAS_ERRORS',
    path: '/policy',
    text: () => msg('http.policyErrors.open', { id: 'broken', errors: 1 }),
    zh: () => '政策 broken 有错误，不能办理案件',
    en: () => 'the policy has errors (1): no case can be opened under it',
    line: () => '政策 broken 有错误，不能办理案件 the policy has errors (1): no case can be opened under it',
  },
  {
    what: 'a mode other than the case says',
    run: () =>
      cases.open({
        policy: 'qinzhou',
        procedure: 'exit',
        mode: 'permanent',
        case: household((c) => (c.exit!.mode = 'custody')),
        user: clerk,
      }),
    code: 'MODE_MISMATCH',
    path: '/mode',
    text: () => msg('http.modeMismatch', { mode: 'permanent', fromCase: 'custody' }),
    zh: () => 'mode permanent 与案件的退出模式 custody 不一致',
    en: () => 'mode permanent differs from case.exit.mode (custody)',
    line: () => 'mode permanent 与案件的退出模式 custody 不一致 — differs from case.exit.mode',
  },
  {
    what: 'a task page cursor that is none',
    run: () => cases.tasks({ date: '2026-01-15' }, { limit: 10, after: 'c:x' }),
    code: 'BAD_CURSOR',
    path: '/after',
    text: () => msg('http.badCursor', { after: '"c:x"' }),
    zh: () => '分页游标无效："c:x"',
    en: () => 'not a page cursor: "c:x" (use the `next` of the page before)',
    line: () => '分页游标无效 not a page cursor: "c:x" (use the `next` of the page before)',
  },
];

describe('the case host says its refusals as data', () => {
  for (const r of ROWS) {
    it(`${r.what}: ${r.code}`, async () => {
      const e = await refusal(r.run);
      expect(e.code).toBe(r.code);
      expect(e.extra.path).toBe(r.path);
      expect(e.text).toEqual(r.text());
      expect(render(e.text!, 'zh')).toBe(r.zh());
      expect(render(e.text!, 'en')).toBe(r.en());
      expect(e.message).toBe(r.line());
    });
  }
});

describe('a stored version that no longer checks', () => {
  it('is a PinnedPolicyError naming its first error, in either language and as the line in both', () => {
    let e: unknown;
    try {
      policies().pin(broken(), 'qinzhou.yaml');
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(PinnedPolicyError);
    const p = e as PinnedPolicyError;
    const first = p.diagnostics.find((d) => d.severity === 'error')!;
    expect(first.code).toBe('S001');
    const at = `${first.file}:${first.line}:${first.column}`;
    expect(p.text).toEqual(msg('http.policyErrors.pinned', { at, problem: first.text }));
    expect(render(p.text!, 'zh')).toBe(`固定的政策版本无法检查：${at} 未知的键「colour」`);
    expect(render(p.text!, 'en')).toBe(`the pinned policy version does not check: ${at} unknown key "colour"`);
    expect(p.message).toBe(`固定的政策版本无法检查 the pinned policy version does not check: ${at} ${first.message}`);
  });
});
