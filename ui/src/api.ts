// The one door to the server (engine/server/API.md). Every call returns a result, never throws:
// either the data or the server's `{ error: { code, message, path?, cite? } }`, so elements can put
// the message next to the field it concerns and keep what the user typed.
import type { Bilingual } from '../../dsl/message.ts';
// The shapes the server sends, as its OpenAPI document declares them (engine/server/responses.ts),
// generated into api-types.ts: none is declared here, so none can drift from what the server sends.
import type {
  AllowedCommand,
  ApiRequestBodies,
  ApiResponses,
  CaseComparison,
  CaseView,
  Diagnostic,
  ErrorBody,
  ParameterTable,
  SimulationResult,
} from './api-types.ts';

export type {
  AllowedCommand,
  CaseEvent,
  CaseSummary,
  CaseSweep,
  Deadline,
  ErrorBody,
  Evaluation,
  PolicySummary,
  PopulationInfo,
  SimulationResult,
  Task,
} from './api-types.ts';

/**
 * An error: the server's `{ error }` with the status it came with, or one the UI says itself
 * (uiError: no answer, a cancelled request).
 */
export type ApiError = ErrorBody['error'] & { status: number };

export type ApiResult<T> = { ok: true; data: T; status: number } | { ok: false; error: ApiError; status: number };

/** A finding of the checker, as the command line prints it (dsl/diagnostics.ts PrintedDiagnostic). */
export type ServerDiagnostic = Diagnostic;
export type PolicyDetail = ApiResponses['GET /api/policies/{id}'];
export type PolicyDiff = ApiResponses['POST /api/policies/{id}/diff'];
export type CompareParameters = ParameterTable;
export type CompareOutcome = CaseComparison;
/** A case with its state (GET /api/cases/:id); the list sends CaseSummary. */
export type CaseRecord = CaseView;
export type CommandField = AllowedCommand['fields'][number];
/** One of a case's printable forms, and whether its step has started. */
export type CaseDocument = ApiResponses['GET /api/cases/{id}/documents'][number];
/** A vote recorded on a case, failed ones included (engine/run/state.ts VoteRecord). */
export type VoteRecord = CaseView['state']['votes'][number];
export type PolicyStats = SimulationResult['policies'][number];
/** The case's timing conflicts on its own dates (engine/plan/timing.ts). */
export type TimingWarning = ApiResponses['GET /api/cases/{id}/timing'][number];

/** Fired on window when the server answers 401: the shell shows the login form. */
export const UNAUTHORIZED_EVENT = 'lf-unauthorized';

/** An error the UI itself says (no server answer to show): in both languages, and as data. */
export function uiError(code: string, status: number, text: Bilingual): ApiError {
  return { code, message: `${text.zh} ${text.en}`, text, status };
}

/** The server's error out of its body, or (no error body) the UI's own words for the status. */
export function errorOf(status: number, body: unknown): ApiError {
  const e = (body as Partial<ErrorBody> | null)?.error;
  if (e && typeof e === 'object' && typeof e.message === 'string') return { ...e, code: String(e.code ?? status), status };
  if (status === 404) return uiError('NOT_FOUND', status, { zh: '未找到', en: 'not found' });
  return uiError(`HTTP_${status}`, status, { zh: `服务器错误（${status}）`, en: `server error (${status})` });
}

export interface RequestOptions {
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** A 401 here is not worth asking the user to sign in (an optional list). */
  quiet401?: boolean;
}

/** The double-submit CSRF token the server sets with a session (readable cookie), for writes. */
export function csrfHeader(method: string): Record<string, string> {
  if (method === 'GET' || method === 'HEAD') return {};
  const m = /(?:^|;\s*)landflow_csrf=([^;]+)/.exec(document.cookie);
  return m ? { 'x-csrf-token': decodeURIComponent(m[1]) } : {};
}

export async function request<T>(method: string, url: string, body?: unknown, opts: RequestOptions = {}): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...csrfHeader(method),
        ...opts.headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (e) {
    const aborted = (e as Error)?.name === 'AbortError';
    return {
      ok: false,
      status: 0,
      error: aborted
        ? uiError('ABORTED', 0, { zh: '已取消', en: 'cancelled' })
        : uiError('NETWORK', 0, { zh: '无法连接服务器', en: 'cannot reach the server' }),
    };
  }
  const type = res.headers.get('content-type') ?? '';
  let data: unknown = null;
  try {
    data = type.includes('json') ? await res.json() : await res.text();
  } catch {
    data = null;
  }
  if (res.status === 401 && !opts.quiet401) window.dispatchEvent(new CustomEvent(UNAUTHORIZED_EVENT));
  if (!res.ok) return { ok: false, status: res.status, error: errorOf(res.status, data) };
  return { ok: true, status: res.status, data: data as T };
}

const q = (params: Record<string, string | undefined>) => {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) s.set(k, v);
  const text = s.toString();
  return text ? `?${text}` : '';
};
const enc = encodeURIComponent;

type Answer<K extends keyof ApiResponses> = Promise<ApiResult<ApiResponses[K]>>;
type Body<K extends keyof ApiRequestBodies> = ApiRequestBodies[K];
/** A body with the case as the user is still filling it in: the server checks it (400 BAD_CASE at /case/…). */
type WithDraftCase<K extends keyof ApiRequestBodies> = Omit<Body<K>, 'case'> & { case: unknown };

export const api = {
  policies: (): Answer<'GET /api/policies'> => request('GET', '/api/policies'),
  policy: (id: string): Answer<'GET /api/policies/{id}'> => request('GET', `/api/policies/${enc(id)}`),
  evaluate: (body: Body<'POST /api/eval'>): Answer<'POST /api/eval'> => request('POST', '/api/eval', body, { quiet401: true }),
  /** What a new text changes and does to the open cases, before it is published (nothing is written). */
  diffPolicy: (id: string, source: string): Answer<'POST /api/policies/{id}/diff'> =>
    request('POST', `/api/policies/${enc(id)}/diff`, { source }),
  savePolicy: (id: string, source: string, publish = false): Answer<'PUT /api/policies/{id}'> =>
    request('PUT', `/api/policies/${enc(id)}`, { source, publish }),

  compareParameters: (ids: string[]): Answer<'GET /api/compare/parameters'> =>
    request('GET', `/api/compare/parameters${q({ policies: ids.join(',') })}`),
  compare: (body: WithDraftCase<'POST /api/compare'>, signal?: AbortSignal): Answer<'POST /api/compare'> =>
    request('POST', '/api/compare', body, { signal }),
  compareSweep: (body: WithDraftCase<'POST /api/compare/sweep'>, signal?: AbortSignal): Answer<'POST /api/compare/sweep'> =>
    request('POST', '/api/compare/sweep', body, { signal }),
  /** The parameter table as a file the server writes (the same cells in both). */
  compareParametersUrl: (ids: string[], format: 'csv' | 'xlsx') => `/api/compare/parameters${q({ policies: ids.join(','), format })}`,
  populations: (): Answer<'GET /api/populations'> => request('GET', '/api/populations', undefined, { quiet401: true }),
  distributionChartUrl: (p: { population: string; policies: string[]; n?: number; seed?: number }) =>
    `/api/charts/distribution.svg${q({ population: p.population, policies: p.policies.join(','), n: p.n ? String(p.n) : undefined, seed: p.seed !== undefined ? String(p.seed) : undefined })}`,

  createCase: (body: WithDraftCase<'POST /api/cases'>): Answer<'POST /api/cases'> => request('POST', '/api/cases', body),
  cases: (filter: { town?: string; village?: string; group?: string; policy?: string; after?: string }): Answer<'GET /api/cases'> =>
    request('GET', `/api/cases${q(filter)}`),
  case: (id: string): Answer<'GET /api/cases/{id}'> => request('GET', `/api/cases/${enc(id)}`),
  events: (id: string): Answer<'GET /api/cases/{id}/events'> => request('GET', `/api/cases/${enc(id)}/events`),
  deadlines: (id: string): Answer<'GET /api/cases/{id}/deadlines'> => request('GET', `/api/cases/${enc(id)}/deadlines`),
  /** The case's timing conflicts on its own dates (engine/plan/timing.ts). */
  timing: (id: string): Answer<'GET /api/cases/{id}/timing'> => request('GET', `/api/cases/${enc(id)}/timing`),
  commands: (id: string): Answer<'GET /api/cases/{id}/commands'> => request('GET', `/api/cases/${enc(id)}/commands`),
  runCommand: (id: string, body: Body<'POST /api/cases/{id}/commands'>, idempotencyKey: string): Answer<'POST /api/cases/{id}/commands'> =>
    request('POST', `/api/cases/${enc(id)}/commands`, { ...body, idempotencyKey }, { headers: { 'idempotency-key': idempotencyKey } }),
  documents: (id: string): Answer<'GET /api/cases/{id}/documents'> => request('GET', `/api/cases/${enc(id)}/documents`),
  documentUrl: (id: string, form: string, pdf = false) => `/api/cases/${enc(id)}/documents/${enc(form)}${pdf ? '?format=pdf' : ''}`,
  tasks: (filter: { date: string; town?: string; village?: string; group?: string; after?: string }): Answer<'GET /api/tasks'> =>
    request('GET', `/api/tasks${q(filter)}`),

  /** Accounts (engine/accounts): the session is an HttpOnly cookie, with a readable CSRF cookie beside it. */
  login: (name: string, password: string): Answer<'POST /api/session'> => request('POST', '/api/session', { name, password }),
  logout: (): Answer<'DELETE /api/session'> => request('DELETE', '/api/session'),
  session: (): Answer<'GET /api/session'> => request('GET', '/api/session'),
};

/** A fresh key for one user action; a retry of the same action reuses it (API.md: Idempotency-Key). */
export function newIdempotencyKey(): string {
  return globalThis.crypto?.randomUUID?.() ?? `k-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}
