// The columnar evaluator's dataflow graph: one node per distinct computation over a chunk of
// households (or of their parcels, or members), hash-consed by a canonical key, so that what six
// policies — or ten points of a sweep — have in common is computed once per chunk. A node fills a
// Float64Array with one value per row: numbers as exact integer numerators over the node's fixed
// denominator, yes/no as 1/0, enums and strings as codes into the node's dictionary, dates as day
// numbers; NaN is missing data everywhere (it propagates through arithmetic and min/max as the
// expression language's null does). Nodes are created children first, so creation order is an
// evaluation order.
import { MAX_EXACT, PROVEN } from './exact.ts';
import type { Emit } from './fuse.ts';

/** Rows a node has one value for: households, parcels, members. */
export const HOUSEHOLD = 0;
export const PARCEL = 1;
export const MEMBER = 2;
export type Level = typeof HOUSEHOLD | typeof PARCEL | typeof MEMBER;

export type Kind = 'num' | 'bool' | 'str' | 'date';

export interface KNode {
  id: number;
  key: string;
  kind: Kind;
  level: Level;
  /** num: the value is out[i] / den. */
  den: number;
  /** num: bounds of the numerator (±Infinity when unknown); dates and codes too. */
  lo: number;
  hi: number;
  /** str: code → string. */
  dict: readonly string[];
  out: Float64Array;
  /** The nodes this one reads (they run first). */
  deps: KNode[];
  /**
   * The value at a row as a JS expression of the operands' values there (`x`, by `deps`; a
   * constant's is its literal): the nodes of a level that have one run fused in one loop
   * (fuse.ts), their templates fixed text of the compiler's.
   */
  code?: (x: string[], e: Emit) => string;
  /**
   * With code, a per-household value computed over the rows of another level (a list reduction):
   * the sum, over the household's rows, of the code's value at each.
   */
  over?: Level;
  /**
   * The generator's column of the block, read in place by templates only (a draw as it was
   * drawn, not yet an exact numerator: the template of the input that converts it reads it).
   */
  raw?: () => ArrayLike<number>;
  /**
   * Otherwise a pass of its own: fills `self.out` for the chunk (children's buffers are read
   * through the nodes: they grow). None for a constant, whose buffer is filled once, and for an alias.
   */
  run?: (self: KNode, c: ChunkState) => void;
  /** A constant node: every row holds `value` (ops with a constant operand read the value, not the buffer). */
  constant?: number;
  /** The same numerators as this node, under another denominator or dictionary: its buffer is shared. */
  alias?: KNode;
}

type NodeSpec = Omit<KNode, 'id' | 'key' | 'out' | 'dict' | 'den' | 'lo' | 'hi' | 'deps'> &
  Partial<Pick<KNode, 'dict' | 'den' | 'lo' | 'hi' | 'deps'>>;

/** What a chunk's nodes read: row counts, ownership of parcels and members, the unsafe flags. */
export interface ChunkState {
  /** Rows at each level. */
  rows: [number, number, number];
  /** Household (row) owning each parcel / member. */
  owner: [Int32Array | null, Int32Array, Int32Array];
  /** First parcel / member of household i is start[i]; start[rows] is the count. */
  start: [Int32Array | null, Int32Array, Int32Array];
  /**
   * Households whose exact bounds failed somewhere (an input or an intermediate left the exact
   * range): their results come from the row-by-row evaluator instead.
   */
  unsafe: Uint8Array;
}

export class KernelUnsupported extends Error {
  override name = 'KernelUnsupported';
}

/** Whether a numerator bound is proven to stay in the exact range. */
export const proven = (lo: number, hi: number): boolean => Math.abs(lo) < PROVEN && Math.abs(hi) < PROVEN;

export class Graph {
  readonly nodes: KNode[] = [];
  private readonly byKey = new Map<string, KNode>();
  private capacity: [number, number, number] = [0, 0, 0];
  private readonly roots = new Set<KNode>();
  /** The nodes the roots need, in creation order (an evaluation order); null: to be computed. */
  private live: KNode[] | null = null;

  /** The node for `key`, made by `make` the first time. */
  node(key: string, make: () => NodeSpec): KNode {
    const known = this.byKey.get(key);
    if (known) return known;
    const spec = make();
    const n: KNode = { den: 1, lo: -Infinity, hi: Infinity, dict: NO_DICT, deps: [], ...spec, id: this.nodes.length, key, out: EMPTY };
    if (n.den > MAX_EXACT || !Number.isInteger(n.den) || n.den < 1) throw new KernelUnsupported(`denominator ${n.den} out of range`);
    this.nodes.push(n);
    this.byKey.set(key, n);
    return n;
  }

  /** A result the chunk's consumers read (a rule's verdict, an amount): it and what it needs run. */
  root(n: KNode): KNode {
    this.roots.add(n);
    this.live = null;
    return n;
  }

  /** `x`'s numerators under another denominator, bounds or dictionary, without copying them. */
  alias(x: KNode, spec: { den?: number; lo?: number; hi?: number; dict?: readonly string[] }): KNode {
    const target = x.alias ?? x;
    const den = spec.den ?? x.den;
    const dict = spec.dict ?? x.dict;
    if (den === x.den && dict === x.dict && spec.lo === undefined && spec.hi === undefined) return x;
    if (target.constant !== undefined) return this.constant(x.kind, target.constant, x.level, den, dict);
    return this.node(`@${den}/${dictId(dict)}/${spec.lo ?? x.lo}/${spec.hi ?? x.hi}(${target.id})`, () => ({
      kind: x.kind,
      level: x.level,
      den,
      dict,
      lo: spec.lo ?? x.lo,
      hi: spec.hi ?? x.hi,
      deps: [target],
      alias: target,
    }));
  }

  /** Constant node of a kind (NaN: missing). */
  constant(kind: Kind, value: number, level: Level = HOUSEHOLD, den = 1, dict: readonly string[] = NO_DICT): KNode {
    const key = `k${level}:${kind}:${value}/${den}${kind === 'str' ? `:${dictId(dict)}` : ''}`;
    return this.node(key, () => ({
      kind,
      level,
      den,
      dict,
      // A missing constant's numerator is never used as a number: no bound to widen.
      lo: value === value ? value : 0,
      hi: value === value ? value : 0,
      constant: value,
    }));
  }

  /** Forgets the nodes made since `mark` (a policy whose compilation failed half way). */
  truncate(mark: number): void {
    for (const n of this.nodes.splice(mark)) {
      this.byKey.delete(n.key);
      this.roots.delete(n);
    }
    this.live = null;
  }

  /** The nodes the roots need, in creation order (an evaluation order). */
  schedule(): KNode[] {
    if (this.live) return this.live;
    const seen = new Uint8Array(this.nodes.length);
    const stack = [...this.roots];
    while (stack.length) {
      const n = stack.pop()!;
      if (seen[n.id]) continue;
      seen[n.id] = 1;
      stack.push(...n.deps);
    }
    return (this.live = this.nodes.filter((n) => seen[n.id]));
  }

  /** Makes every live node's buffer hold at least the chunk's rows (a constant's is filled then, once). */
  allocate(rows: [number, number, number]): void {
    const live = this.schedule();
    for (let l = 0; l < 3; l++) {
      if (rows[l]! <= this.capacity[l]!) continue;
      this.capacity[l] = Math.max(rows[l]!, Math.ceil(this.capacity[l]! * 1.5));
    }
    for (const n of live) {
      if (n.alias || n.raw || n.out.length >= this.capacity[n.level]!) continue;
      n.out = new Float64Array(this.capacity[n.level]!);
      if (n.constant !== undefined) n.out.fill(n.constant);
    }
  }

  /** Whether a node the roots need has one value per row of `level` (a chunk without one skips laying it out). */
  uses(level: Level): boolean {
    return this.schedule().some((n) => n.level === level);
  }
}

const EMPTY = new Float64Array(0);
export const NO_DICT: readonly string[] = Object.freeze([]);

const dictIds = new WeakMap<readonly string[], number>();
let nextDictId = 1;
/** A stable id per dictionary array (node keys name dictionaries by identity). */
export function dictId(d: readonly string[]): number {
  let id = dictIds.get(d);
  if (id === undefined) dictIds.set(d, (id = nextDictId++));
  return id;
}
