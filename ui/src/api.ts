// The one door to the server (engine/server/API.md). Every call returns a result, never throws:
// either the data or the server's `{ error: { code, message, path?, cite? } }`, so elements can put
// the message next to the field it concerns and keep what the user typed.
import type { CaseData, ProcedureKind } from '../../dsl/case-model.ts';
import type { Bilingual, Text } from '../../dsl/message.ts';
import type { Parameter, Procedure } from '../../dsl/policy-model.ts';
// Type-only: the shapes the server sends, declared once where they are produced.
import type { EventView } from '../../engine/cases/service.ts';
import type { AmountStats, PolicyStats } from '../../engine/compare/population/stats.ts';
import type { SimulationResult } from '../../engine/compare/simulate.ts';
import type { Evaluation } from '../../engine/evaluate/evaluate.ts';
import type { TimingWarning } from '../../engine/plan/timing.ts';
import type { ApiResponses } from './api-types.ts';

export interface ApiError {
  code: string;
  /** Both languages, as the server logs it. */
  message: string;
  /** The same as data, when the server has it: shown in the UI's language (common/content.ts shown). */
  text?: Text;
  /** JSON pointer into the request body (`/case/parcels/0/area`). */
  path?: string;
  cite?: string;
  status: number;
  /** 422 on publish carries the diagnostics. */
  diagnostics?: ServerDiagnostic[];
}

export type PolicyDiff = ApiResponses['POST /api/policies/{id}/diff'];

export type ApiResult<T> = { ok: true; data: T; status: number } | { ok: false; error: ApiError; status: number };

export interface PolicySummary {
  id: string;
  name: string;
  shortName: string;
  region: unknown;
  status: string;
  version: string;
  hash: string;
  errors: number;
  warnings: number;
}

export interface ServerDiagnostic {
  /** The file it was found in: the policy, or one of its form templates. */
  file?: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  severity: 'error' | 'warning' | 'info' | string;
  code: string;
  /** Both languages, as the command line prints it. */
  message: string;
  /** The same as data (dsl/diagnostics.ts PrintedDiagnostic). */
  text: Text;
  cite?: string;
}

export interface PolicyDetail {
  id: string;
  meta: { name: string; shortName: string; status: string; version: string; [k: string]: unknown };
  hash: string;
  source: string;
  diagnostics: ServerDiagnostic[];
  parameters: Parameter[];
  procedures: { exit?: Procedure; transfer?: Procedure };
  articles?: Record<string, string>;
  forms?: { id: string; title: string; procedure: ProcedureKind; cite?: string }[];
  examples?: unknown[];
}

export interface CompareParameters {
  policies: ({ id: string; name: string; status?: string; version?: string } | string)[];
  rows: {
    key: string;
    group?: string;
    /** The row's words in each language (or a policy's own label, as written). */
    label: Text;
    cells: Record<string, { value: string | null; cite?: string; assumed?: boolean; note?: string; fromCase?: string } | null>;
  }[];
  reference?: { note: string };
}

export interface TimelineEntry {
  step: string;
  label?: string;
  date?: string | null;
  optional?: boolean;
  skipped?: boolean;
  error?: Text;
  /** How each date was reached, line by line. */
  explanation?: Text[];
}

export interface FailedRule {
  rule: string;
  label: string;
  cite: string;
  message: string;
}

export interface CompareOutcome {
  policy: string;
  name?: string;
  eligible: boolean;
  failed: FailedRule[];
  compensation?: { amount: string; words?: string; perMu?: string; payer?: string; cite?: string } | null;
  timeline?: TimelineEntry[];
  completeBy?: string | null;
  timelineError?: Text;
  notes?: string[];
}

export interface CaseSweep {
  sweep: { target: string; text: string; values: string[] };
  policies: { policy: string; name: string; affected: boolean }[];
  points: { value: string; results: { policy: string; eligible: boolean; amount: string | null; perMu: string | null }[] }[];
}

export interface PopulationInfo {
  id: string;
  name: string;
  households: number;
  seed: number;
  year: number;
}

export type { AmountStats, PolicyStats, SimulationResult };

export interface Place {
  town: string;
  village: string;
  group: string;
}

export interface CaseRecord {
  id: string;
  policy: string;
  policyHash: string;
  procedure: ProcedureKind;
  mode?: string | null;
  version: number;
  status: string;
  place: Place;
  state: { case?: CaseData; [k: string]: unknown } | unknown;
  createdAt: string;
  updatedAt: string;
  /** In lists (CaseSummary): the head of household, a one-line label, the steps open now. */
  head?: string;
  label?: string;
  current?: string[];
}

/** One event of a case's history, as the server sends it. */
export type CaseEvent = EventView;

export interface Deadline {
  step: string;
  label: string;
  due?: string | null;
  kind: 'due' | 'waiting' | 'overdue' | 'done' | string;
  /** How the date was counted, line by line. */
  explanation?: Text[];
}

export interface CommandField {
  key: string;
  label?: string;
  type?: string;
  required?: boolean;
  unit?: string;
  values?: Record<string, string> | string[];
  default?: unknown;
}

export interface AllowedCommand {
  type: string;
  /** What the button says, in each language. */
  label: Bilingual;
  step?: string | null;
  stepLabel?: string | null;
  fields?: (CommandField | string)[];
  cite?: string;
  /** Not before this day (a 「…后」 period still running). */
  notBefore?: string;
  /** Not after this day (a window). */
  until?: string;
}

export interface Task {
  kind: 'due' | 'overdue' | 'waiting';
  caseId: string;
  step: string;
  label: string;
  deadline?: string | null;
  explanation?: Text[];
  place?: Place;
  policy?: string;
  head?: string;
  cite?: string;
}

/** One page of a list (API.md: ?limit=&after=); `next` asks for the following page, null at the end. */
export interface Page<T> {
  items: T[];
  next: string | null;
}

export interface SessionUser {
  name: string;
  role: 'admin' | 'officer' | 'clerk' | 'researcher' | string;
  town?: string | null;
  region?: string | null;
}

/** Fired on window when the server answers 401: the shell shows the login form. */
export const UNAUTHORIZED_EVENT = 'lf-unauthorized';

/** An error the UI itself says (no server answer to show): in both languages, and as data. */
export function uiError(code: string, status: number, text: Bilingual): ApiError {
  return { code, message: `${text.zh} ${text.en}`, text, status };
}

/** The server's error out of its body, or (no error body) the UI's own words for the status. */
export function errorOf(status: number, body: unknown): ApiError {
  const e = (body as { error?: Partial<ApiError> } | null)?.error;
  if (e && typeof e === 'object' && typeof e.message === 'string') {
    return {
      code: String(e.code ?? status),
      message: e.message,
      ...(e.text ? { text: e.text } : {}),
      path: e.path,
      cite: e.cite,
      status,
      diagnostics: e.diagnostics ?? (body as { diagnostics?: ServerDiagnostic[] }).diagnostics,
    };
  }
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

export const api = {
  policies: () => request<PolicySummary[]>('GET', '/api/policies'),
  policy: (id: string) => request<PolicyDetail>('GET', `/api/policies/${enc(id)}`),
  workflow: (id: string, procedure: ProcedureKind) => request<unknown>('GET', `/api/policies/${enc(id)}/workflow${q({ procedure })}`),
  evaluate: (body: { policy: string; procedure: ProcedureKind; mode?: string | null; case: unknown }) =>
    request<Evaluation>('POST', '/api/eval', body, { quiet401: true }),
  /** What a new text changes and does to the open cases, before it is published (nothing is written). */
  diffPolicy: (id: string, source: string) => request<PolicyDiff>('POST', `/api/policies/${enc(id)}/diff`, { source }),
  savePolicy: (id: string, source: string, publish = false) =>
    request<PolicyDetail & { version?: string }>('PUT', `/api/policies/${enc(id)}`, { source, publish }),

  compareParameters: (ids: string[]) => request<CompareParameters>('GET', `/api/compare/parameters${q({ policies: ids.join(',') })}`),
  compare: (body: { policies: string[]; case: unknown; start?: string }, signal?: AbortSignal) =>
    request<CompareOutcome[]>('POST', '/api/compare', body, { signal }),
  compareSweep: (body: { policies: string[]; case: unknown; sweep: string }, signal?: AbortSignal) =>
    request<CaseSweep>('POST', '/api/compare/sweep', body, { signal }),
  compareParametersCsvUrl: (ids: string[]) => `/api/compare/parameters${q({ policies: ids.join(','), format: 'csv' })}`,
  populations: () => request<PopulationInfo[]>('GET', '/api/populations', undefined, { quiet401: true }),
  simulate: (body: { population: string; policies: string[]; n?: number; seed?: number }) =>
    request<SimulationResult>('POST', '/api/simulate', body),
  distributionChartUrl: (p: { population: string; policies: string[]; n?: number; seed?: number }) =>
    `/api/charts/distribution.svg${q({ population: p.population, policies: p.policies.join(','), n: p.n ? String(p.n) : undefined, seed: p.seed !== undefined ? String(p.seed) : undefined })}`,

  createCase: (body: { policy: string; procedure: ProcedureKind; mode?: string; case: unknown; idempotencyKey?: string }) =>
    request<CaseRecord>('POST', '/api/cases', body),
  cases: (filter: { town?: string; village?: string; group?: string; policy?: string; after?: string }) =>
    request<Page<CaseRecord>>('GET', `/api/cases${q(filter)}`),
  case: (id: string) => request<CaseRecord>('GET', `/api/cases/${enc(id)}`),
  events: (id: string) => request<CaseEvent[]>('GET', `/api/cases/${enc(id)}/events`),
  deadlines: (id: string) => request<Deadline[]>('GET', `/api/cases/${enc(id)}/deadlines`),
  /** The case's timing conflicts on its own dates (engine/plan/timing.ts). */
  timing: (id: string) => request<TimingWarning[]>('GET', `/api/cases/${enc(id)}/timing`),
  commands: (id: string) => request<AllowedCommand[]>('GET', `/api/cases/${enc(id)}/commands`),
  runCommand: (id: string, body: { type: string; expectedVersion: number; payload: unknown }, idempotencyKey: string) =>
    request<{ case: CaseRecord; events: CaseEvent[] }>(
      'POST',
      `/api/cases/${enc(id)}/commands`,
      { ...body, idempotencyKey },
      { headers: { 'idempotency-key': idempotencyKey } },
    ),
  documents: (id: string) =>
    request<{ form: string; title: string; cite?: string; available?: boolean }[]>('GET', `/api/cases/${enc(id)}/documents`),
  documentUrl: (id: string, form: string, pdf = false) => `/api/cases/${enc(id)}/documents/${enc(form)}${pdf ? '?format=pdf' : ''}`,
  tasks: (filter: { date: string; town?: string; village?: string; group?: string; after?: string }) =>
    request<Page<Task> & { date: string }>('GET', `/api/tasks${q(filter)}`),

  /** Accounts (engine/accounts): the session is an HttpOnly cookie, with a readable CSRF cookie beside it. */
  login: (name: string, password: string) => request<{ user: SessionUser }>('POST', '/api/session', { name, password }),
  logout: () => request<unknown>('DELETE', '/api/session'),
  session: () => request<{ user: SessionUser | null }>('GET', '/api/session'),
};

/** A fresh key for one user action; a retry of the same action reuses it (API.md: Idempotency-Key). */
export function newIdempotencyKey(): string {
  return globalThis.crypto?.randomUUID?.() ?? `k-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}
