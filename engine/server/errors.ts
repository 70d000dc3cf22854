// Every error leaves the server as { error: { code, message, path?, cite? } }. Client mistakes
// (bad JSON, wrong type, failed schema, unknown ids, refusals) keep their 4xx; anything else is a
// 500 with a generic message — logged, never shown with its stack.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CaseError, type ErrorKind } from '../cases/errors.ts';

export interface ErrorBody {
  error: { code: string; message: string; path?: string; cite?: string; [k: string]: unknown };
}

/** The one writer of an error answer, for every route and hook (the accounts layer's too). */
export function sendError(reply: FastifyReply, status: number, body: ErrorBody['error']): FastifyReply {
  return reply.code(status).type('application/json; charset=utf-8').send({ error: body });
}

/**
 * The one answer to which HTTP status a kind of error is (the runner's refusals, the case host's
 * errors: engine/cases/errors.ts). The CLI gives the same status, and its exit code, for a case
 * file it runs itself.
 */
export function httpStatus(kind: ErrorKind): 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 {
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

/** One schema failure as a JSON pointer into the request part and a bilingual message. */
export function describeValidation(err: AjvError, part: string): { path: string; message: string } {
  let path = err.instancePath ?? '';
  const p = err.params ?? {};
  if (err.keyword === 'required' && typeof p.missingProperty === 'string') path += `/${p.missingProperty}`;
  if (err.keyword === 'additionalProperties' && typeof p.additionalProperty === 'string') path += `/${p.additionalProperty}`;
  const zh = KEYWORD_ZH[err.keyword ?? ''] ?? '不符合要求';
  const allowed =
    err.keyword === 'enum' && Array.isArray(p.allowedValues)
      ? ` (${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(' | ')})`
      : '';
  const where = part === 'body' ? '请求体' : part === 'querystring' ? '查询参数' : part === 'params' ? '路径参数' : part;
  const en = `${part}${path || ''} ${err.message ?? 'is invalid'}${allowed}`;
  return { path: path || '', message: `${where}${path ? ` ${path}` : ''} ${zh} — ${en}` };
}

const FASTIFY_CODES: Record<string, { status: number; code: string; zh: string }> = {
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'EMPTY_BODY', zh: '请求体为空' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'BAD_JSON', zh: '请求体不是有效的 JSON' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'BODY_TOO_LARGE', zh: '请求体过大' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', zh: '不支持的内容类型，请用 application/json' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'BAD_CONTENT_LENGTH', zh: 'Content-Length 与请求体不符' },
  FST_ERR_CTP_INVALID_TYPE: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', zh: '不支持的内容类型' },
  FST_ERR_BAD_URL: { status: 400, code: 'BAD_URL', zh: '网址无效' },
  FST_ERR_ASYNC_CONSTRAINT: { status: 400, code: 'BAD_REQUEST', zh: '请求无效' },
};

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler(
    (err: FastifyError & { validation?: AjvError[]; validationContext?: string }, request: FastifyRequest, reply: FastifyReply) => {
      if (err instanceof CaseError) return sendError(reply, httpStatus(err.kind), err.toJSON());
      if (err.validation && err.validation.length) {
        const first = describeValidation(err.validation[0]!, err.validationContext ?? 'body');
        return sendError(reply, 400, { code: 'BAD_REQUEST', message: first.message, path: first.path });
      }
      const known = err.code ? FASTIFY_CODES[err.code] : undefined;
      if (known) return sendError(reply, known.status, { code: known.code, message: `${known.zh} — ${cleanMessage(err.message)}` });
      // JSON.parse errors and prototype poisoning reach us as SyntaxError with statusCode 400.
      if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
        return sendError(reply, err.statusCode, { code: 'BAD_REQUEST', message: `请求无效 bad request — ${cleanMessage(err.message)}` });
      }
      request.log.error({ err }, 'internal error');
      return sendError(reply, 500, { code: 'INTERNAL', message: '服务器内部错误 internal server error' });
    },
  );
}

/** One line, no paths or stack frames. */
function cleanMessage(m: string | undefined): string {
  return String(m ?? '')
    .split('\n')[0]!
    .slice(0, 300);
}
