// Every error leaves the server as { error: { code, message, text?, path?, cite? } }: `message` in
// both languages (as logs and the command line print it), `text` the same as data (dsl/message.ts)
// for the UI to say in its language. Client mistakes (bad JSON, wrong type, failed schema, unknown
// ids, refusals) keep their 4xx; anything else is a 500 with a generic message — logged, never
// shown with its stack.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CaseError, type ErrorKind } from '../cases/errors.ts';
import { msg, type Bilingual, type Text } from '../../dsl/message.ts';
import { renderBoth } from '../../dsl/messages.ts';
import type { PrintedDiagnostic } from '../../dsl/diagnostics.ts';

/** The error shape of the API (engine/server/responses.ts errorBody; test/types/api-agrees.ts holds them equal). */
export interface ErrorBody {
  error: {
    code: string;
    message: string;
    text?: Text;
    path?: string;
    cite?: string;
    /** A publication refused for its errors (422): the checker's findings. */
    diagnostics?: PrintedDiagnostic[];
    [k: string]: unknown;
  };
}

/** The one writer of an error answer, for every route and hook (the accounts layer's too). */
export function sendError(reply: FastifyReply, status: number, body: ErrorBody['error']): FastifyReply {
  return reply.code(status).type('application/json; charset=utf-8').send({ error: body });
}

/** An error's answer: its kind's status, its code, its message in both languages and as data. */
export function sendCaseError(reply: FastifyReply, e: CaseError): FastifyReply {
  return sendError(reply, httpStatus(e.kind), e.toJSON());
}

/** The error body of a message given as data: both languages in `message`, the data in `text`. */
export function errorOf(code: string, text: Text, extra: Omit<ErrorBody['error'], 'code' | 'message' | 'text'> = {}): ErrorBody['error'] {
  return { code, message: renderBoth(text), text, ...extra };
}

/**
 * The one answer to which HTTP status a kind of error is (the runner's refusals, the case host's
 * errors: engine/cases/errors.ts, the accounts layer's refusals: engine/accounts/authorize.ts). The
 * CLI gives the same status, and its exit code, for a case file it runs itself.
 */
export function httpStatus(kind: ErrorKind): 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503 {
  switch (kind) {
    case 'invalid':
      return 400;
    case 'unauthenticated':
      return 401;
    case 'forbidden':
      return 403;
    case 'notFound':
      return 404;
    case 'notAllowedNow':
    case 'conflict':
      return 409;
    case 'tooLarge':
      return 413;
    case 'unsupportedMediaType':
      return 415;
    case 'refusedByRule':
    case 'unprocessable':
      return 422;
    case 'tooManyRequests':
      return 429;
    case 'busy':
      return 503;
  }
}

interface AjvError {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

const KEYWORD_ZH: Record<string, string> = {
  type: '类型不对',
  required: '缺少必填字段',
  additionalProperties: '未知字段',
  enum: '取值不在允许范围内',
  pattern: '格式不对',
  minimum: '数值太小',
  maximum: '数值太大',
  minLength: '太短',
  maxLength: '太长',
  maxItems: '项目太多',
  minItems: '项目太少',
  const: '取值不对',
};

const PART: Record<string, string> = { body: 'http.part.body', querystring: 'http.part.querystring', params: 'http.part.params' };

/** One schema failure as a JSON pointer into the request part and a message. */
export function describeValidation(err: AjvError, part: string): { path: string; message: string; text: Text } {
  let path = err.instancePath ?? '';
  const p = err.params ?? {};
  if (err.keyword === 'required' && typeof p.missingProperty === 'string') path += `/${p.missingProperty}`;
  if (err.keyword === 'additionalProperties' && typeof p.additionalProperty === 'string') path += `/${p.additionalProperty}`;
  // Ajv says what failed in English; the keyword says it in Chinese.
  const problem: Bilingual = { zh: KEYWORD_ZH[err.keyword ?? ''] ?? '不符合要求', en: err.message ?? 'is invalid' };
  const allowed =
    err.keyword === 'enum' && Array.isArray(p.allowedValues)
      ? ` (${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(' | ')})`
      : '';
  const where: Bilingual | ReturnType<typeof msg> = PART[part] ? msg(PART[part]) : { zh: part, en: part };
  const text = msg('http.validation', { where, path, problem, allowed });
  return { path, message: renderBoth(text), text };
}

const FASTIFY_CODES: Record<string, { status: number; code: string; what: Bilingual }> = {
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'EMPTY_BODY', what: { zh: '请求体为空', en: 'the body is empty' } },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'BAD_JSON', what: { zh: '请求体不是有效的 JSON', en: 'the body is not valid JSON' } },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'BODY_TOO_LARGE', what: { zh: '请求体过大', en: 'the body is too large' } },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    what: { zh: '不支持的内容类型，请用 application/json', en: 'unsupported content type: send application/json' },
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: 'BAD_CONTENT_LENGTH',
    what: { zh: 'Content-Length 与请求体不符', en: 'Content-Length does not match the body' },
  },
  FST_ERR_CTP_INVALID_TYPE: {
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    what: { zh: '不支持的内容类型', en: 'unsupported content type' },
  },
  FST_ERR_BAD_URL: { status: 400, code: 'BAD_URL', what: { zh: '网址无效', en: 'bad URL' } },
  FST_ERR_ASYNC_CONSTRAINT: { status: 400, code: 'BAD_REQUEST', what: { zh: '请求无效', en: 'bad request' } },
};

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler(
    (err: FastifyError & { validation?: AjvError[]; validationContext?: string }, request: FastifyRequest, reply: FastifyReply) => {
      if (err instanceof CaseError) return sendCaseError(reply, err);
      if (err.validation && err.validation.length) {
        const first = describeValidation(err.validation[0]!, err.validationContext ?? 'body');
        return sendError(reply, 400, errorOf('BAD_REQUEST', first.text, { path: first.path }));
      }
      const known = err.code ? FASTIFY_CODES[err.code] : undefined;
      if (known)
        return sendError(
          reply,
          known.status,
          errorOf(known.code, msg('http.request', { what: known.what, detail: cleanMessage(err.message) })),
        );
      // JSON.parse errors and prototype poisoning reach us as SyntaxError with statusCode 400.
      if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
        return sendError(reply, err.statusCode, errorOf('BAD_REQUEST', badRequest(err.message)));
      }
      request.log.error({ err }, 'internal error');
      return sendError(reply, 500, errorOf('INTERNAL', msg('http.internal')));
    },
  );
}

/** "Bad request", with what the library that refused it said (one line, no paths or stack frames). */
export function badRequest(detail: string | undefined): Text {
  return msg('http.badRequest', { detail: cleanMessage(detail) });
}

/** One line, no paths or stack frames. */
function cleanMessage(m: string | undefined): string {
  return String(m ?? '')
    .split('\n')[0]!
    .slice(0, 300);
}
