// What every family of checks receives: the built policy, where its parts were written, the
// host's capabilities (file existence, case reading, its calendar layers) and a sink for
// diagnostics. Periods and thresholds are read by dsl/legal-text, the one reader every host
// shares. Checks never throw on user input; they report and go on.
import type { Diagnostic, Related } from '../diagnostics.ts';
import { diag } from '../diagnostics.ts';
import type { Built } from '../build/index.ts';
import type { ExprSite } from '../build/reader.ts';
import type { Policy, Span } from '../policy-model.ts';
import type { ValueType } from '../expr/api.ts';
import type { PathRefusal } from '../policy-files.ts';
import { msg, type Arg, type Message, type Text } from '../message.ts';

export interface CheckOptions {
  /**
   * Finds a form template by the name the policy gives it (already allowed by dsl/policy-files.ts):
   * found, missing, or refused by the file system rules (a symlink out of the folder, not a file).
   */
  findTemplate?: (name: string) => 'found' | 'missing' | PathRefusal;
  /** Reads an example's case file (name as written, already allowed by dsl/policy-files.ts). */
  readCase?: (path: string) => { data: unknown } | { error: Text };
  /** The id the file name implies; by default the file's base name without .yaml. */
  expectedId?: string;
}

export interface CheckContext {
  file: string;
  text: string;
  built: Built;
  policy: Policy;
  options: CheckOptions;
  /** Static types of parameters (after the parameter phase). */
  paramTypes: Map<string, ValueType>;
  /** Static type of each expression site (after the expression phase). */
  exprTypes: Map<ExprSite, ValueType>;
  /** Free names each expression uses (after the expression phase). */
  exprNames: Map<ExprSite, Set<string>>;
  diagnostics: Diagnostic[];
  report(code: string, span: Span | undefined, args?: Record<string, Arg>, extra?: Parameters<typeof diag>[4]): void;
}

/** What a duplicate reports besides itself: a pointer at the first (by default, the first of an id). */
export function firstAt(span: Span | undefined, id: string, message: Message = msg('related.first', { id })): { related?: Related[] } {
  return span ? { related: [{ ...span, message }] } : {};
}
