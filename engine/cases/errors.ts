// The one error the case host throws for anything a client asked wrongly: it carries the HTTP
// status, a code, the message (Chinese first, English after), and where known the JSON pointer of
// the bad field and the article a refusal rests on. The server and the CLI print it as it is.
import type { Refusal } from '../run/index.ts';

export class CaseError extends Error {
  override name = 'CaseError';
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422,
    readonly code: string,
    message: string,
    readonly extra: { path?: string; cite?: string; rule?: string; explanation?: string[]; [k: string]: unknown } = {},
  ) {
    super(message);
  }

  static fromRefusal(r: Refusal, pathPrefix = ''): CaseError {
    const { code, kind, message, path, ...rest } = r;
    const status = kind === 'invalid' ? 400 : kind === 'notAllowedNow' ? 409 : 422;
    return new CaseError(status, code, message, { ...rest, ...(path !== undefined ? { path: pathPrefix + path } : {}) });
  }

  toJSON(): { code: string; message: string; [k: string]: unknown } {
    return { code: this.code, message: this.message, ...this.extra };
  }
}
