// The checked expression: every name resolved (parameter, case path, element field), every literal
// converted to canonical units, every enum label mapped to its value. compile.ts turns it into
// closures; nothing here depends on the text any more except spans for runtime errors.

import type { Decimal } from 'decimal.js';
import type { RuntimeValue } from './api.ts';
import type { Fraction, RoundingMode } from './decimal.ts';
import type { Ty } from './types.ts';

interface Base {
  ty: Ty;
  start: number;
  end: number;
}

export type Node =
  | (Base & { t: 'const'; value: RuntimeValue | Fraction })
  | (Base & { t: 'name'; name: string })
  | (Base & { t: 'case'; path: string[] })
  | (Base & { t: 'derived'; key: string })
  | (Base & { t: 'elem'; depth: number })
  /** Field `key` of obj; `through` counts the list levels projected over (0 = plain record). */
  | (Base & { t: 'field'; obj: Node; key: string; through: number })
  | (Base & { t: 'filter'; list: Node; pred: Node; depth: number })
  | (Base & { t: 'arith'; op: '+' | '-' | '*' | '/'; l: Node; r: Node })
  | (Base & { t: 'neg'; x: Node })
  | (Base & { t: 'datediff'; l: Node; r: Node })
  /** num: by numeric value; ord: dates (ISO strings order as dates); eq: plain equality. */
  | (Base & { t: 'cmp'; op: '<' | '<=' | '>' | '>=' | '==' | '!='; mode: 'num' | 'ord' | 'eq'; l: Node; r: Node })
  | (Base & { t: 'logic'; op: 'and' | 'or'; l: Node; r: Node })
  | (Base & { t: 'not'; x: Node })
  | (Base & { t: 'if'; c: Node; a: Node; b: Node })
  | (Base & { t: 'list'; items: Node[] })
  | (Base & { t: 'in'; x: Node; list: Node; mode: 'num' | 'eq' })
  | (Base & { t: 'agg'; fn: 'sum' | 'count' | 'all' | 'any'; list: Node })
  | (Base & { t: 'minmax'; fn: 'min' | 'max'; args: Node[]; overList: boolean })
  | (Base & { t: 'round'; x: Node; step: Decimal; mode: RoundingMode })
  | (Base & { t: 'abs'; x: Node })
  | (Base & { t: 'exists'; x: Node })
  | (Base & { t: 'default'; x: Node; d: Node });

export type NodeOf<K extends Node['t']> = Extract<Node, { t: K }>;
