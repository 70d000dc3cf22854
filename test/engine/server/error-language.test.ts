// Messages as data (issue #13) in the error bodies: every family of refusal the server sends — the
// request's shape (engine/server/errors.ts), the accounts layer, the routes, comparisons and
// simulations (engine/compare/routes.ts), evaluation, an invalid case — carries its reason as
// `text` beside `message`. What the English UI shows of it (dsl/messages.ts render, as
// ui/src/common/content.ts `say` does) has no CJK character outside what it quotes as written; the
// Chinese UI shows the Chinese wording; `message` is both, as the command line and logs print it.
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isText, render, renderBoth, renderParts } from '../../../dsl/messages.ts';
import { msg, type Text } from '../../../dsl/message.ts';
import { CaseError } from '../../../engine/cases/errors.ts';
import { EvaluateError } from '../../../engine/evaluate/evaluate.ts';
import { amountInWords as buildWords } from '../../../engine/documents/amount-words.ts';
import { DocumentError } from '../../../engine/documents/errors.ts';
import type { Store } from '../../../engine/store/index.ts';
import { realApp } from '../accounts/apps.ts';
import { EXAMPLE_CASE, freshStore, login, manualClock, seedUsers, tempDir, type Auth } from '../accounts/helpers.ts';

const CJK = /[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/;

let dir: string;
let store: Store;
let app: FastifyInstance;
let clerk: Auth;

beforeAll(async () => {
  dir = tempDir();
  store = await freshStore(dir);
  await seedUsers(store);
  app = await realApp({ store, clock: manualClock('2026-03-02T02:00:00.000Z').now });
  clerk = await login(app, 'clerk-a');
});
afterAll(async () => {
  await app.close();
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

interface Asked {
  family: string;
  method: 'GET' | 'POST' | 'PATCH';
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
  /** Asked by a signed-in clerk (else anonymously). */
  clerk?: true;
  /** It quotes Chinese as written (a case field's label): content, marked as such in the UI. */
  quotes?: true;
  status: number;
  code: string;
  /** The catalogue code of its text. */
  textCode: string;
  /** Words of the Chinese rendering. */
  zh: string;
  /** Words of the English rendering. */
  en: string;
}

const badCase = { ...EXAMPLE_CASE, contract: { ...EXAMPLE_CASE.contract, start: '2026-02-30' } };

const asked = (): Asked[] => [
  {
    family: 'schema validation (errors.ts)',
    method: 'POST',
    url: '/api/eval',
    payload: { policy: 'qinzhou', procedure: 'sell', case: EXAMPLE_CASE },
    status: 400,
    code: 'BAD_REQUEST',
    textCode: 'http.validation',
    zh: '请求体 /procedure 取值不在允许范围内',
    en: 'body/procedure must be equal to one of the allowed values',
  },
  {
    family: 'malformed JSON (errors.ts)',
    method: 'POST',
    url: '/api/eval',
    payload: '{',
    headers: { 'content-type': 'application/json' },
    status: 400,
    code: 'BAD_JSON',
    textCode: 'http.request',
    zh: '请求体不是有效的 JSON',
    en: 'the body is not valid JSON',
  },
  {
    family: 'nesting too deep (json-body.ts)',
    method: 'POST',
    url: '/api/eval',
    payload: '['.repeat(100) + ']'.repeat(100),
    headers: { 'content-type': 'application/json' },
    status: 400,
    code: 'TOO_DEEP',
    textCode: 'http.tooDeep',
    zh: '请求体嵌套过深（超过 64 层）',
    en: 'the JSON body nests deeper than 64 levels',
  },
  {
    family: 'a query parameter that hides characters (dsl/text.ts)',
    method: 'GET',
    url: '/api/cases?village=%E2%80%AE',
    clerk: true,
    status: 400,
    code: 'BAD_REQUEST',
    textCode: 'http.queryField',
    zh: '查询参数 village 含有不可见或控制字符 U+202E',
    en: 'query parameter village: holds an invisible or control character U+202E',
  },
  {
    family: 'accounts: not signed in',
    method: 'POST',
    url: '/api/cases',
    payload: { policy: 'qinzhou', procedure: 'exit', case: EXAMPLE_CASE },
    status: 401,
    code: 'UNAUTHENTICATED',
    textCode: 'auth.loginRequired',
    zh: '需要登录才能新建案件',
    en: 'login required to create cases',
  },
  {
    family: 'accounts: a bad login',
    method: 'POST',
    url: '/api/session',
    payload: { name: 'clerk-a', password: 'wrong password' },
    status: 401,
    code: 'BAD_LOGIN',
    textCode: 'auth.badLogin',
    zh: '登录失败：用户名或密码错误',
    en: 'login failed: wrong user name or password',
  },
  {
    family: 'accounts: out of role',
    method: 'GET',
    url: '/api/users',
    clerk: true,
    status: 403,
    code: 'FORBIDDEN',
    textCode: 'auth.roleCannot',
    zh: '无权限：办事员不能管理用户',
    en: 'forbidden: role clerk may not manage users',
  },
  {
    family: 'routes: unknown policy',
    method: 'GET',
    url: '/api/policies/nope',
    status: 404,
    code: 'POLICY_NOT_FOUND',
    textCode: 'http.unknownPolicy',
    zh: '未知政策：nope',
    en: 'unknown policy: nope',
  },
  {
    family: 'routes: page size',
    method: 'GET',
    url: '/api/cases?limit=0',
    clerk: true,
    status: 400,
    code: 'BAD_REQUEST',
    textCode: 'http.pageSize',
    zh: '每页条数须为 1 至',
    en: 'limit must be 1 to',
  },
  {
    family: 'an invalid case (one answer: engine/cases/errors.ts invalidCase)',
    method: 'POST',
    url: '/api/eval',
    payload: { policy: 'qinzhou', procedure: 'exit', case: badCase },
    status: 400,
    code: 'INVALID_CASE',
    textCode: 'case.invalid',
    quotes: true,
    zh: '案件无效，位于 /case/contract/start：起始日期：2026-02-30 不是真实的日期',
    en: 'invalid case at /case/contract/start: 起始日期: 2026-02-30 is not a real calendar date',
  },
  {
    family: 'the same invalid case, compared',
    method: 'POST',
    url: '/api/compare',
    payload: { policies: ['qinzhou'], case: badCase },
    status: 400,
    code: 'INVALID_CASE',
    textCode: 'case.invalid',
    quotes: true,
    zh: '案件无效，位于 /case/contract/start：起始日期：2026-02-30 不是真实的日期',
    en: 'invalid case at /case/contract/start: 起始日期: 2026-02-30 is not a real calendar date',
  },
  {
    family: 'evaluation: a mode the policy lacks',
    method: 'POST',
    url: '/api/eval',
    payload: { policy: 'qinzhou', procedure: 'exit', mode: 'nope', case: EXAMPLE_CASE },
    status: 400,
    code: 'BAD_REQUEST',
    textCode: 'evaluate.unknownMode',
    zh: '未知的退出方式：nope',
    en: 'unknown mode: nope',
  },
  // A procedure or mode the policy lacks: one wording (engine/compile/errors.ts) on every route.
  {
    family: 'evaluation: a procedure the policy lacks',
    method: 'POST',
    url: '/api/eval',
    payload: { policy: 'neijiang', procedure: 'transfer', case: EXAMPLE_CASE },
    status: 400,
    code: 'BAD_REQUEST',
    textCode: 'evaluate.noProcedure',
    zh: '政策「neijiang」没有转让程序（有：退出）',
    en: 'policy neijiang has no transfer procedure (it has: exit)',
  },
  {
    family: 'workflow (the compiler): a procedure the policy lacks',
    method: 'GET',
    url: '/api/policies/neijiang/workflow?procedure=transfer',
    status: 400,
    code: 'NO_PROCEDURE',
    textCode: 'evaluate.noProcedure',
    zh: '政策「neijiang」没有转让程序（有：退出）',
    en: 'policy neijiang has no transfer procedure (it has: exit)',
  },
  {
    family: 'workflow (the compiler): a mode the policy lacks',
    method: 'GET',
    url: '/api/policies/qinzhou/workflow?procedure=exit&mode=nope',
    status: 400,
    code: 'UNKNOWN_MODE',
    textCode: 'evaluate.unknownMode',
    zh: '未知的退出方式：nope（可选：permanent）',
    en: 'unknown mode: nope (available: permanent)',
  },
  {
    family: 'case host: a procedure the policy lacks',
    method: 'POST',
    url: '/api/cases',
    payload: { policy: 'neijiang', procedure: 'transfer', case: EXAMPLE_CASE },
    clerk: true,
    status: 400,
    code: 'NO_PROCEDURE',
    textCode: 'evaluate.noProcedure',
    zh: '政策「neijiang」没有转让程序（有：退出）',
    en: 'policy neijiang has no transfer procedure (it has: exit)',
  },
  {
    family: 'case host: a mode the policy lacks',
    method: 'POST',
    url: '/api/cases',
    payload: { policy: 'qinzhou', procedure: 'exit', mode: 'nope', case: EXAMPLE_CASE },
    clerk: true,
    status: 400,
    code: 'UNKNOWN_MODE',
    textCode: 'evaluate.unknownMode',
    zh: '未知的退出方式：nope（可选：permanent）',
    en: 'unknown mode: nope (available: permanent)',
  },
  {
    family: 'comparisons: unknown policy (no HttpError of its own)',
    method: 'POST',
    url: '/api/compare',
    payload: { policies: ['nope'], case: EXAMPLE_CASE },
    status: 404,
    code: 'UNKNOWN_POLICY',
    textCode: 'http.unknownPolicy',
    zh: '未知政策：nope',
    en: 'unknown policy: nope',
  },
  {
    family: 'comparisons: a sweep',
    method: 'POST',
    url: '/api/compare/sweep',
    payload: { policies: ['qinzhou'], case: EXAMPLE_CASE, sweep: 'market.rentPerMuYear=900:300:100' },
    status: 400,
    code: 'BAD_SWEEP',
    textCode: 'sweep.toBelowFrom',
    zh: '止应不小于起：900:300',
    en: 'TO must not be below FROM: 900:300',
  },
  {
    family: 'simulations: unknown population',
    method: 'POST',
    url: '/api/simulate',
    payload: { population: 'atlantis', policies: ['qinzhou'] },
    status: 404,
    code: 'UNKNOWN_POPULATION',
    textCode: 'http.unknownPopulation',
    zh: '未知人口规格：atlantis；可用：',
    en: 'unknown population: atlantis; known: ',
  },
];

describe('every family of error says its reason as data, in English without Chinese and in Chinese', () => {
  for (const a of asked()) {
    it(`${a.family}: ${a.status} ${a.code}`, async () => {
      const r = await app.inject({
        method: a.method,
        url: a.url,
        ...(a.payload !== undefined ? { payload: a.payload as string } : {}),
        headers: { ...(a.clerk ? clerk.headers : {}), ...a.headers },
      });
      expect(r.statusCode, r.body).toBe(a.status);
      const e = r.json().error as { code: string; message: string; text: Text };
      expect(e.code).toBe(a.code);
      expect(isText(e.text), r.body).toBe(true);
      expect((e.text as { code: string }).code).toBe(a.textCode);
      // English: the reader's language only, besides what it quotes as written.
      const en = render(e.text, 'en');
      expect(en).toContain(a.en);
      if (!a.quotes) expect(en, en).not.toMatch(CJK);
      expect(renderParts(e.text, 'en').filter((p) => !p.content && CJK.test(p.text))).toEqual([]);
      // Chinese: the Chinese wording; and `message` is the line in both.
      expect(render(e.text, 'zh')).toContain(a.zh);
      expect(e.message).toBe(renderBoth(e.text));
    });
  }
});

describe('document errors, which the case routes send as DOCUMENT_… and the CLI prints, say why as data too', () => {
  it('an amount the form cannot print: English without Chinese, the Chinese unchanged, where apart', () => {
    let e: unknown;
    try {
      buildWords('-1.00');
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(DocumentError);
    const d = e as DocumentError;
    expect(d.text).toEqual({ code: 'doc.negative', args: { what: { code: 'doc.what.amount' }, value: '-1' } });
    expect(render(d.text!, 'en')).toBe('amount must not be negative: -1');
    expect(render(d.text!, 'zh')).toBe('金额不能为负：-1');
    expect(d.message).toBe('金额不能为负 amount must not be negative: -1');
  });
});

describe('a case the policy cannot evaluate is one answer on every route (CaseError.fromEvaluateError)', () => {
  it('the request part asked wrongly is BAD_REQUEST there; a case field that cannot be read BAD_CASE at its pointer', () => {
    const mode = new EvaluateError(msg('evaluate.unknownMode', { mode: 'x', have: 'a, b' }), undefined, 'mode');
    expect(CaseError.fromEvaluateError(mode).toJSON()).toEqual({
      code: 'BAD_REQUEST',
      message: '未知的退出方式 unknown mode: x（可选 available: a, b）',
      text: mode.text,
      path: '/mode',
    });
    const vote = new EvaluateError(
      msg('evaluate.badVote', { field: 'vote.present', problem: { zh: '不对', en: 'wrong' } }),
      '/exit/vote/present',
    );
    expect(CaseError.fromEvaluateError(vote)).toMatchObject({
      kind: 'invalid',
      code: 'BAD_CASE',
      extra: { path: '/case/exit/vote/present' },
    });
    expect(render(vote.text!, 'en')).toBe('invalid vote (vote.present): wrong');
  });
});
