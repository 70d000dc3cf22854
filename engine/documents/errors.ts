// Bad input to the document layer is a user error, not a crash: it carries a code and, where it
// came from a field of the case or a template, the path or file:line:column, so the CLI and the
// server can print one line instead of a stack trace.
import { msg, type Message } from '../../dsl/message.ts';
import { TextError } from '../../dsl/messages.ts';

export type DocumentErrorCode =
  | 'AMOUNT_INVALID'
  | 'AMOUNT_NEGATIVE'
  | 'AMOUNT_PRECISION'
  | 'AMOUNT_TOO_LARGE'
  | 'AREA_INVALID'
  | 'DATE_INVALID'
  | 'NUMBER_INVALID'
  | 'MODEL_INVALID'
  | 'UNKNOWN_FORM'
  | 'TEMPLATE_NOT_FOUND'
  | 'TEMPLATE_REFUSED'
  | 'TEMPLATE_INVALID'
  | 'RENDER_FAILED'
  | 'PDF_FAILED'
  | 'PDF_BUSY'
  | 'PDF_TIMEOUT';

/** Why, as a catalogue message (dsl/phrases/documents.ts) or a text still written in both languages. */
export class DocumentError extends TextError {
  readonly code: DocumentErrorCode;
  /** Field path ("parcels[1].area") or "file:line:column", when known. */
  readonly where?: string;
  /** Why, without where. */
  readonly problem: Message | string;

  constructor(code: DocumentErrorCode, problem: Message | string, where?: string) {
    super(where ? msg('at.problem', { where, problem }) : problem);
    this.name = 'DocumentError';
    this.code = code;
    this.where = where;
    this.problem = problem;
  }
}
