// Which parts of an expression depend on the case alone. Such a part — sum(退出地块.面积),
// count(退出地块) == count(退出.地块) — has one value per case, whichever policy, rule or let
// computes it, so the compiled closure keeps that value on the prepared case (one slot per distinct
// computation) and every later evaluation on the same case reads it. Six policies that each sum the
// exit area, or one policy that sums it in three rules, add the parcels once per household.
//
// A computation is identified by a canonical text of its IR: node kinds, operators, case paths and
// canonical constant values (units are already applied by the checker), plus the evaluation path
// (fast or exact), so equal texts compute equal values.

import { Decimal } from 'decimal.js';
import { Fraction } from './decimal.ts';
import type { Node } from './ir.ts';

interface Info {
  /** Canonical text; null when the node reads a scope name (a parameter or let: not the case alone). */
  key: string | null;
  /** Bit d set: the node reads the element of an enclosing filter at depth d, not bound inside it. */
  free: number;
}

/** Node kinds worth a slot: cheap reads (constants, case fields, names) are not. */
const WORTH: ReadonlySet<Node['t']> = new Set<Node['t']>([
  'agg',
  'minmax',
  'filter',
  'arith',
  'cmp',
  'logic',
  'if',
  'in',
  'round',
  'datediff',
  'default',
  'exists',
]);

function constKey(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (v instanceof Fraction) return `q${v.n.toString()}/${v.d.toString()}`;
  if (Decimal.isDecimal(v)) return `d${(v as Decimal).toString()}`;
  if (Array.isArray(v)) return `[${v.map(constKey).join(',')}]`;
  if (typeof v === 'object')
    return `{${Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${JSON.stringify(k)}:${constKey(x)}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

export class ShareAnalysis {
  private readonly info = new Map<Node, Info>();

  /** The key of a case-only computation worth keeping, else undefined. */
  keyOf(n: Node): string | undefined {
    if (!WORTH.has(n.t)) return undefined;
    const i = this.of(n);
    return i.key !== null && i.free === 0 ? i.key : undefined;
  }

  private of(n: Node): Info {
    let i = this.info.get(n);
    if (!i) {
      i = this.compute(n);
      this.info.set(n, i);
    }
    return i;
  }

  private join(head: string, parts: Node[], bound = -1): Info {
    let free = 0;
    const keys: string[] = [];
    for (const p of parts) {
      const i = this.of(p);
      if (i.key === null) return { key: null, free: 0 };
      keys.push(i.key);
      free |= i.free;
    }
    if (bound >= 0) free &= ~(1 << bound);
    return { key: `(${head} ${keys.join(' ')})`, free };
  }

  private compute(n: Node): Info {
    const ty = n.ty.k;
    switch (n.t) {
      case 'const':
        return { key: `${ty}:${constKey(n.value)}`, free: 0 };
      case 'name':
        return { key: null, free: 0 };
      case 'case':
        return { key: `${ty}:case.${n.path.join('.')}`, free: 0 };
      case 'derived':
        return { key: `derived.${n.key}`, free: 0 };
      case 'elem':
        return { key: `elem${n.depth}`, free: 1 << n.depth };
      case 'field':
        return this.join(`${ty}:field ${JSON.stringify(n.key)} ${n.through}`, [n.obj]);
      case 'filter':
        return this.join(`filter ${n.depth}`, [n.list, n.pred], n.depth);
      case 'arith':
        return this.join(`${ty}:${n.op}`, [n.l, n.r]);
      case 'neg':
      case 'abs':
      case 'not':
      case 'exists':
        return this.join(`${ty}:${n.t}`, [n.x]);
      case 'datediff':
        return this.join('datediff', [n.l, n.r]);
      case 'cmp':
        return this.join(`cmp ${n.op} ${n.mode}`, [n.l, n.r]);
      case 'logic':
        return this.join(n.op, [n.l, n.r]);
      case 'if':
        return this.join(`${ty}:if`, [n.c, n.a, n.b]);
      case 'list':
        return this.join(`${ty}:list`, n.items);
      case 'in':
        return this.join(`in ${n.mode}`, [n.x, n.list]);
      case 'agg':
        return this.join(`${ty}:${n.fn}`, [n.list]);
      case 'minmax':
        return this.join(`${ty}:${n.fn} ${n.overList}`, n.args);
      case 'round':
        return this.join(`${ty}:round ${n.step.toString()} ${n.mode}`, [n.x]);
      case 'default':
        return this.join(`${ty}:default`, [n.x, n.d]);
      default:
        // A node kind this analysis does not know is never shared.
        return { key: null, free: 0 };
    }
  }
}

const slots = new Map<string, number>();

/** The per-case slot of a computation key (global: every evaluator of every policy shares it). */
export function shareSlot(key: string): number {
  let s = slots.get(key);
  if (s === undefined) {
    s = slots.size;
    slots.set(key, s);
  }
  return s;
}

/** How many computations have a slot so far. */
export function sharedSlots(): number {
  return slots.size;
}
