// The one error the case host throws for anything a client asked wrongly: it carries what kind of
// no it is, a code, the message (Chinese first, English after), and where known the JSON pointer of
// the bad field and the article a refusal rests on. Whoever answers it maps the kind: the server to
// an HTTP status and the CLI, through the same mapping, to its exit code (engine/server/errors.ts
// httpStatus). A message given as data (dsl/message.ts) also travels as such (`text`), for the UI to
// say in its language. A string is a message its caller still writes in both languages.
import type { EvaluateError } from '../evaluate/evaluate.ts';
import type { Refusal, RefusalKind } from '../run/index.ts';
import type { CaseError as CaseProblem } from '../../dsl/case-json-schema.ts';
import { msg, type Text } from '../../dsl/message.ts';
import { renderBoth, TextError } from '../../dsl/messages.ts';

/**
 * The runner's refusals (the command is malformed, not allowed where the case stands, or a rule
 * forbids it) and the host's own: not signed in, not permitted, no such thing, a conflict with
 * what is stored (a stale version), too large, a media type it does not take, understood but not
 * doable as asked (a policy with errors, a reused idempotency key, a year with no calendar), too
 * many requests from one client, or no capacity left now (a full worker pool, a job over its time).
 */
export type ErrorKind =
  | RefusalKind
  | 'unauthenticated'
  | 'forbidden'
  | 'notFound'
  | 'conflict'
  | 'tooLarge'
  | 'unsupportedMediaType'
  | 'unprocessable'
  | 'tooManyRequests'
  | 'busy';

export class CaseError extends TextError {
  override name = 'CaseError';
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string | Text,
    readonly extra: { path?: string; cite?: string; rule?: string; explanation?: Text[]; [k: string]: unknown } = {},
  ) {
    super(message);
  }

  static fromRefusal(r: Refusal, pathPrefix = ''): CaseError {
    const { code, kind, message, path, ...rest } = r;
    return new CaseError(kind, code, message, { ...rest, ...(path !== undefined ? { path: pathPrefix + path } : {}) });
  }

  /**
   * A case the policy cannot evaluate at all, as every route answers it: the request part asked
   * wrongly (an unknown procedure or mode) is BAD_REQUEST there; a case field that cannot be read
   * (a vote's count) BAD_CASE at its pointer under `/case`.
   */
  static fromEvaluateError(e: EvaluateError): CaseError {
    if (e.input) return new CaseError('invalid', 'BAD_REQUEST', e.text ?? e.message, { path: `/${e.input}` });
    return new CaseError('invalid', 'BAD_CASE', e.text ?? e.message, { path: `/case${e.pointer ?? ''}` });
  }

  toJSON(): { code: string; message: string; [k: string]: unknown } {
    return { code: this.code, message: this.message, ...(this.text ? { text: this.text } : {}), ...this.extra };
  }
}

/**
 * The same for a case file the command line reads: the file, then its first ten problems, one a
 * line with its field's pointer.
 */
export function invalidCaseFile(file: string, problems: readonly CaseProblem[]): string {
  const lines = problems.slice(0, 10).map((p) => `  ${p.pointer || '/'}: ${p.message}`);
  return [renderBoth(msg('case.invalidFile', { file })), ...lines].join('\n');
}

/**
 * The one answer to a case that may not enter (dsl/case-validate.ts found problems): invalid, at
 * the first problem's field under `prefix` (where the case sits in the request), with the first
 * twenty problems listed.
 */
export function invalidCase(problems: readonly CaseProblem[], prefix = '/case'): CaseError {
  const first = problems[0]!;
  return new CaseError('invalid', 'INVALID_CASE', msg('case.invalid', { pointer: `${prefix}${first.pointer}`, problem: first.text }), {
    path: `${prefix}${first.pointer}`,
    problems: problems.slice(0, 20).map((p) => ({ path: `${prefix}${p.pointer}`, message: p.message, text: p.text })),
  });
}
