// The contract between the expression language (dsl/expr, dsl/units) and its users (the policy
// checker in dsl/check, the evaluator in engine/evaluate). Implementations export these from
// dsl/expr/index.ts. Pure TypeScript: no Node APIs, runs in the browser editor too.

import type { Decimal } from 'decimal.js';
import type { CaseData } from '../case-model.ts';
import type { Message } from '../message.ts';

/** The static type of an expression. Numbers carry a unit, written canonically ("元/亩/年", "" for none). */
export type ValueType =
  | { kind: 'number'; unit: string }
  | { kind: 'bool' }
  | { kind: 'string' }
  | { kind: 'date' }
  | { kind: 'period' } // a legal period: "3 工作日", "半年"
  | { kind: 'list'; of: ValueType }
  | { kind: 'record'; fields: Record<string, ValueType> }
  | { kind: 'unknown' }; // after an error, to avoid cascades

/** Offsets are relative to the expression text; the policy checker maps them into the YAML file. */
export interface ExprDiagnostic {
  code: string; // from dsl/messages.ts, e.g. "E201"
  severity: 'error' | 'warning';
  /** The finding as a message (dsl/message.ts), rendered by dsl/messages.ts. */
  message: Message;
  start: number;
  end: number;
  /** A unit clash: the scope names (parameters, let values) the clashing operands read. */
  names?: string[];
}

/** An opaque parsed expression (AST with spans). */
export interface ParsedExpr {
  readonly text: string;
  readonly ast: unknown;
}

/** What names mean where an expression is checked. */
export interface ScopeDecl {
  /** Policy parameters and let-bound values: name → type (parameters keep their declared unit). */
  names: Record<string, ValueType>;
  /** Whether case fields (English keys and Chinese labels, dsl/case-schema.ts) are in scope. */
  caseFields: boolean;
}

/** A case made ready for fast evaluation: decimals parsed once, derived collections built. */
export interface PreparedCase {
  readonly raw: CaseData;
}

/** The runtime values of names in ScopeDecl.names. Numbers are Decimal in the canonical unit. */
export type RuntimeValue = Decimal | boolean | string | RuntimeValue[] | { [k: string]: RuntimeValue } | null;

export type Evaluator = (kase: PreparedCase, names: Record<string, RuntimeValue>) => RuntimeValue;
