// The graph's passes over a block, fused. A node with `code` (graph.ts) says its value at a row as
// a JS expression of its operands' values there; the nodes of one level that have code are
// compiled into one loop over the rows, their values held in locals, and only those read by
// another pass are stored into their buffers. The decisions (policy.ts) are the last statements
// of the households' loop, so a rule's verdict never leaves a register either. Nodes without
// code (all/any/min/max over a list, a household value read by each parcel, the members'
// columns, the generator's float64 columns) run as passes of their own between the loops.
// Measured on the six pilots before: one pass per node cost 1–3 ns per household whatever its
// arithmetic, the loads and stores of 60 intermediate arrays (docs/populations.md).
//
// This is the one place in the project that compiles generated code (new Function), and no text
// of a policy reaches it: templates are fixed text in compile.ts and policy.ts, identifiers are
// made here from node numbers, numbers are written by `num` (finite, or NaN), operators come from
// fixed tables, and `checkSource` refuses anything else — a string, a quote, an identifier not
// made here — before the source is compiled (test/engine/accounts/safety.test.ts names this file).
import { MAX_EXACT } from './exact.ts';
import { HOUSEHOLD, type ChunkState, type Graph, type KNode, type Level } from './graph.ts';

/** What a node's template may add to the loop besides its value. */
export interface Emit {
  /** A number as a literal (NaN is missing data; an infinite number is refused). */
  num(x: number): string;
  /** Binds `expr` to a new local of the row and returns its name (an operand used more than once). */
  let(expr: string): string;
  /** The loop's local for `key`, made by `make` the first time (a value several sinks share). */
  memo(key: string, make: () => string): string;
  /** A `let` local, assigned by the statements the template adds. */
  variable(expr: string): string;
  /** A statement of the row, before the node's value is taken. */
  stmt(s: string): void;
  /** Marks the row's household unsafe (ChunkState.unsafe: the row-by-row evaluator decides it) where `cond` holds. */
  unsafe(cond: string): void;
  /** Marks it unsafe where x leaves the exact range (|x| > 2^53 − 1; a missing x does not). */
  check(x: string): void;
  /** An array (or function) read by the loop, as a local. */
  table(t: ArrayLike<number> | ((...x: number[]) => number)): string;
  /** The row's index. */
  readonly row: string;
  /** Index of the call's argument `X` (the decisions' outputs) as a local. */
  arg(k: number): string;
  /** The block's offset in the outputs. */
  readonly offset: string;
}

/** Statements added to a households' loop once the nodes it reads have their values (one policy's decisions). */
export interface Sink {
  /** Nodes it reads. */
  reads: readonly KNode[];
  /** `value(n)` is n's value at the row. */
  code(value: (n: KNode) => string, e: Emit): void;
}

/**
 * Templates (a sink counts as SINK_WEIGHT) per loop at most. A loop of a sweep's ten points would
 * otherwise hold hundreds, and the optimizing compiler takes long over such a function (or gives
 * it up), while the run goes on in the interpreter: the 10-point sweep in the bench took 3.8× one
 * simulation in one loop, against 1.2–2.1× as passes.
 */
const MAX_WEIGHT = 128;
const SINK_WEIGHT = 8;

type Loop = (
  m: number,
  H: number,
  U: Uint8Array,
  O: Int32Array | null,
  S: Int32Array | null,
  B: ArrayLike<number>[],
  T: unknown[],
  X: unknown[],
  off: number,
) => void;

interface Fused {
  level: Level;
  nodes: KNode[];
  sinks: Sink[];
  /** Templates and sinks so far (MAX_WEIGHT). */
  weight: number;
  loop: Loop | null;
  /** Buffers the loop reads or writes, in the order of B. */
  buffers: KNode[];
  tables: unknown[];
  args: ArrayLike<number>[];
  /** Open loops whose stored values this one reads: they run before it. */
  after: Fused[];
  /** A loop over the rows of another level merged into this one, run for each of its households first. */
  inner: Fused | null;
}

type Step = { node: KNode } | { fused: Fused };

const resolve = (n: KNode): KNode => n.alias ?? n;

/** The graph's live nodes (and a sink) as passes and fused loops, in an order that respects their reads. */
export class BlockProgram {
  private readonly steps: Step[] = [];

  constructor(
    private readonly graph: Graph,
    sinks: readonly Sink[],
  ) {
    const groupOf = new Map<KNode, Fused>();
    const open = new Map<Level, Fused>();
    const stored = new Set<KNode>();
    const fused: Fused[] = [];
    /** A loop runs where it is closed: before the first pass that reads one of its nodes, or at the end. */
    const close = (g: Fused) => {
      open.delete(g.level);
      for (const a of g.after) if (open.get(a.level) === a) close(a);
      this.steps.push({ fused: g });
    };
    /** Where `n` is fused in a loop other than `g`: its value is stored for the reader. */
    const readFrom = (n: KNode, g: Fused | null) => {
      const t = resolve(n);
      if (t.raw && !g) throw new Error(`a pass reads the raw column ${t.key}`);
      const h = groupOf.get(t);
      if (!h || h === g) return;
      stored.add(t);
      if (open.get(h.level) !== h) return;
      // A loop reading another open one (households reading a parcel total) runs after it: the
      // other stays open for the totals still to come. A pass needs it closed now.
      if (g) g.after.push(h);
      else close(h);
    };
    /** The open loop of `level` with room for `weight` more (a full one runs where it is). */
    const groupAt = (level: Level, weight: number): Fused => {
      let g = open.get(level);
      if (g && g.weight > 0 && g.weight + weight > MAX_WEIGHT) {
        close(g);
        g = undefined;
      }
      if (!g) {
        g = { level, nodes: [], sinks: [], weight: 0, loop: null, buffers: [], tables: [], args: [], after: [], inner: null };
        open.set(level, g);
        fused.push(g);
      }
      g.weight += weight;
      return g;
    };
    for (const n of graph.schedule()) {
      // A constant's buffer is filled once; a raw column is read where it is.
      if (n.constant !== undefined || n.raw) continue;
      // An alias shares its target's buffer (stable once allocated, or set by the target's pass, which
      // comes before): re-pointing it reads nothing; loops read the target itself.
      if (n.alias) {
        this.steps.push({ node: n });
        continue;
      }
      if (n.code) {
        // A reduction runs in the loop over the rows it reduces, into its buffer.
        const g = groupAt(n.over ?? n.level, 1);
        for (const d of n.deps) readFrom(d, g);
        g.nodes.push(n);
        groupOf.set(n, g);
        if (n.over !== undefined) stored.add(n);
        continue;
      }
      // A pass reads its operands' buffers: their loops run before it.
      for (const d of n.deps) readFrom(d, null);
      this.steps.push({ node: n });
    }
    for (const sink of sinks) {
      const g = groupAt(HOUSEHOLD, SINK_WEIGHT);
      g.sinks.push(sink);
      for (const r of sink.reads) readFrom(r, g);
    }
    for (const g of fused) if (open.get(g.level) === g) close(g);
    this.merge();
    for (const g of fused) if (!this.merged.has(g)) compileLoop(g, stored);
  }

  private readonly merged = new Set<Fused>();

  /**
   * A loop over parcels (or members) that runs just before a households' loop reading its values
   * becomes that loop's inner loop: nothing runs between them, and its totals need no buffer
   * zeroed and added to row by row.
   */
  private merge(): void {
    const steps = this.steps;
    for (let k = steps.length - 1; k > 0; k--) {
      const g = steps[k]!;
      const h = steps[k - 1]!;
      if (!('fused' in g) || !('fused' in h) || g.fused.level !== HOUSEHOLD || h.fused.level === HOUSEHOLD) continue;
      if (!g.fused.after.includes(h.fused) || g.fused.inner) continue;
      g.fused.inner = h.fused;
      this.merged.add(h.fused);
      steps.splice(k - 1, 1);
      k--;
    }
  }

  /** Runs the block: `X` is the sink's arguments, `offset` the block's place in its outputs. */
  run(c: ChunkState, X: unknown[], offset: number): void {
    this.graph.allocate(c.rows);
    const steps = this.steps;
    for (let s = 0; s < steps.length; s++) {
      const step = steps[s]!;
      if ('node' in step) {
        const n = step.node;
        if (n.alias) n.out = n.alias.out;
        else n.run!(n, c);
        continue;
      }
      const g = step.fused;
      const B = g.args;
      for (let k = 0; k < g.buffers.length; k++) {
        const n = g.buffers[k]!;
        B[k] = n.raw ? n.raw() : n.out;
      }
      const S = g.inner ? c.start[g.inner.level] : null;
      g.loop!(c.rows[g.level], c.rows[HOUSEHOLD], c.unsafe, c.owner[g.level], S, B, g.tables, X, offset);
    }
  }
}

/** JS for the operators of comparisons (the IR's own spelling never reaches the source). */
export const JS_CMP: Readonly<Record<string, string>> = { '<': '<', '<=': '<=', '>': '>', '>=': '>=', '==': '===', '!=': '!==' };

/** A number as a source literal: NaN for missing, -0 kept, anything infinite refused. */
export function num(x: number): string {
  if (x !== x) return 'NaN';
  if (!Number.isFinite(x)) throw new Error(`a literal must be finite: ${x}`);
  if (Object.is(x, -0)) return '(-0)';
  return x < 0 ? `(${String(x)})` : String(x);
}

/** Where a loop's templates are emitted: the row's index, the household it belongs to, its locals. */
interface Scope {
  row: string;
  household: string;
  read: Map<KNode, string>;
  memo: Map<string, string>;
}

/**
 * The source of a loop over g's rows. A households' loop with an inner one (a loop over their
 * parcels that ran just before it, merged) runs the parcels of each household first, as a nested
 * loop, its totals kept in locals as the hand-written loop of the bench keeps them.
 */
function compileLoop(g: Fused, stored: Set<KNode>): void {
  const head: string[] = [];
  const body: string[] = [];
  const bufferIndex = new Map<KNode, number>();
  const buffer = (n: KNode): string => {
    let k = bufferIndex.get(n);
    if (k === undefined) {
      k = g.buffers.push(n) - 1;
      bufferIndex.set(n, k);
      head.push(`const b${k} = B[${k}];`);
    }
    return `b${k}`;
  };
  let temps = 0;
  const household = g.level === HOUSEHOLD;
  const outer: Scope = { row: 'i', household: household ? 'i' : 'O[i]', read: new Map(), memo: new Map() };
  let scope = outer;
  const value = (d: KNode): string => {
    const t = resolve(d);
    if (t.constant !== undefined) return num(t.constant);
    const known = scope.read.get(t) ?? outer.read.get(t);
    if (known) return known;
    // Another pass's value (or another loop's): read once per row from its buffer.
    const name = `${scope === outer ? 'r' : 'p'}${t.id}`;
    body.push(`const ${name} = ${buffer(t)}[${scope.row}];`);
    scope.read.set(t, name);
    return name;
  };
  const args = new Set<number>();
  const e: Emit = {
    memo(key, make) {
      let name = scope.memo.get(key);
      if (name === undefined) scope.memo.set(key, (name = make()));
      return name;
    },
    num,
    let(expr) {
      const name = `w${temps++}`;
      body.push(`const ${name} = ${expr};`);
      return name;
    },
    variable(expr) {
      const name = `w${temps++}`;
      body.push(`let ${name} = ${expr};`);
      return name;
    },
    stmt(s) {
      body.push(s);
    },
    unsafe(cond) {
      body.push(`if (${cond}) U[${scope.household}] = 1;`);
    },
    check(x) {
      e.unsafe(`${x} > ${num(MAX_EXACT)} || ${x} < ${num(-MAX_EXACT)}`);
    },
    table(t) {
      const k = g.tables.push(t) - 1;
      head.push(`const t${k} = T[${k}];`);
      return `t${k}`;
    },
    get row() {
      return scope.row;
    },
    arg(k) {
      if (!args.has(k)) {
        args.add(k);
        head.push(`const x${k} = X[${k}];`);
      }
      return `x${k}`;
    },
    offset: 'off',
  };
  const emit = (nodes: KNode[]) => {
    for (const n of nodes) {
      const x = n.deps.map(value);
      const name = `v${n.id}`;
      body.push(`const ${name} = ${n.code!(x, e)};`);
      if (n.over !== undefined) {
        if (scope !== outer) body.push(`s${n.id} += ${name};`);
        else {
          // Each row adds to its household's total (zeroed before the loop).
          head.push(`${buffer(n)}.fill(0, 0, H);`);
          body.push(`${buffer(n)}[O[i]] += ${name};`);
        }
        continue;
      }
      scope.read.set(n, name);
      if (stored.has(n)) body.push(`${buffer(n)}[${scope.row}] = ${name};`);
    }
  };
  if (g.inner) {
    const totals = g.inner.nodes.filter((n) => n.over !== undefined);
    for (const t of totals) body.push(`let s${t.id} = 0;`);
    body.push('for (let j = S[i], j1 = S[i + 1]; j < j1; j++) {');
    scope = { row: 'j', household: 'i', read: new Map(), memo: new Map() };
    emit(g.inner.nodes);
    scope = outer;
    body.push('}');
    for (const t of totals) {
      outer.read.set(t, `s${t.id}`);
      body.push(`${buffer(t)}[i] = s${t.id};`);
    }
  }
  emit(g.nodes);
  for (const sink of g.sinks) sink.code(value, e);
  const source = `"use strict";\n${head.join('\n')}\nfor (let i = 0; i < m; i++) {\n${body.join('\n')}\n}`;
  checkSource(source);
  g.loop = new Function('m', 'H', 'U', 'O', 'S', 'B', 'T', 'X', 'off', source) as Loop;
}

/** Words the templates use: the generated names are a letter and a number. */
const WORDS = new Set('use strict const let for if NaN Infinity Math abs floor ceil min max fill m H i j U O S B T X off'.split(' '));

/**
 * Refuses a generated source with anything but the templates' vocabulary: the "use strict"
 * directive is its only string; identifiers are WORDS or generated (a letter and digits); no
 * quote, backtick, backslash or comment.
 */
export function checkSource(source: string): void {
  const body = source.startsWith('"use strict";') ? source.slice('"use strict";'.length) : source;
  if (/["'`\\$]|\/\/|\/\*/.test(body)) throw new Error('generated source with a string or comment');
  for (const w of body.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []) {
    if (WORDS.has(w) || /^[a-z][0-9]+$/.test(w)) continue;
    // Exponents of number literals (1e+21) are part of a number, not a word.
    if (/^e[0-9]*$/.test(w)) continue;
    throw new Error(`generated source with the word ${w}`);
  }
}
