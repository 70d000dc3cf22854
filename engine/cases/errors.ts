// The one error the case host throws for anything a client asked wrongly: it carries the HTTP
// status, a code, the message (Chinese first, English after), and where known the JSON pointer of
// the bad field and the article a refusal rests on. The server and the CLI print it as it is; a
// message given as data (dsl/message.ts) also travels as such (`text`), for the UI to say in its
// language. A string is a message its caller still writes in both languages.
import type { Refusal } from '../run/index.ts';
import type { Text } from '../../dsl/message.ts';
import { renderBoth } from '../../dsl/messages.ts';

export class CaseError extends Error {
  override name = 'CaseError';
  /** The message as data, when it was given so. */
  readonly text?: Text;
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422,
    readonly code: string,
    message: string | Text,
    readonly extra: { path?: string; cite?: string; rule?: string; explanation?: Text[]; [k: string]: unknown } = {},
  ) {
    super(typeof message === 'string' ? message : renderBoth(message));
    if (typeof message !== 'string') this.text = message;
  }

  static fromRefusal(r: Refusal, pathPrefix = ''): CaseError {
    const { code, kind, message, path, ...rest } = r;
    const status = kind === 'invalid' ? 400 : kind === 'notAllowedNow' ? 409 : 422;
    return new CaseError(status, code, message, { ...rest, ...(path !== undefined ? { path: pathPrefix + path } : {}) });
  }

  toJSON(): { code: string; message: string; [k: string]: unknown } {
    return { code: this.code, message: this.message, ...(this.text ? { text: this.text } : {}), ...this.extra };
  }
}
