// What every section builder shares: reading located YAML nodes defensively (a malformed part,
// already reported by the schema, reads as absent) and recording, as it reads, where each field was
// written (SpanTable), every expression site and every citation, so checks can point at the exact
// token.
import type { Compensation, Mode, Span } from '../policy-model.ts';
import type { ProcedureKind } from '../case-model.ts';
import { entry, type LMap, type LNode, type LScalar } from '../yaml.ts';

/** Where a field of a model object was written: value spans keyed by field ("period", "after.1"). */
export class SpanTable {
  private readonly table = new WeakMap<object, Map<string, Span>>();
  set(obj: object, key: string, span: Span): void {
    let m = this.table.get(obj);
    if (!m) this.table.set(obj, (m = new Map()));
    m.set(key, span);
  }
  get(obj: object, key: string): Span | undefined {
    return this.table.get(obj)?.get(key);
  }
}

export type ExprRole = 'rule' | 'when' | 'formula' | 'let' | 'cap' | 'perMu' | 'voteWhen' | 'stepWhen';

export interface ExprSite {
  text: string;
  scalar: LScalar;
  role: ExprRole;
  procedure: ProcedureKind;
  mode?: Mode;
  /** The compensation it belongs to (formula, let, cap, perMu): its let names are in scope. */
  compensation?: Compensation;
  /** For a let: its name, and the names bound before it. */
  name?: string;
  letBefore?: string[];
  owner: object;
}

export interface CiteSite {
  cite: string;
  span: Span;
}

export const isMap = (n: LNode | undefined): n is LMap => n?.kind === 'map';

/** A scalar as text (numbers and booleans as written in YAML's plain form); undefined otherwise. */
export function text(n: LNode | undefined): string | undefined {
  if (n?.kind !== 'scalar') return undefined;
  if (typeof n.value === 'string') return n.value;
  if (typeof n.value === 'number' || typeof n.value === 'boolean') return String(n.value);
  return undefined;
}

/** One text or a list of texts, each with its span; anything else is skipped. */
export function strings(n: LNode | undefined): { value: string; span: Span }[] {
  if (n?.kind === 'scalar') {
    const t = text(n);
    return t === undefined ? [] : [{ value: t, span: n.span }];
  }
  if (n?.kind !== 'seq') return [];
  return n.items.flatMap((i) => {
    const t = text(i);
    return t === undefined ? [] : [{ value: t, span: i.span }];
  });
}

/** `{ key: v }` when v is there, `{}` when not: optional fields stay absent rather than undefined. */
export function opt<K extends string>(key: K, v: string | undefined): { [P in K]?: string } {
  return (v === undefined ? {} : { [key]: v }) as { [P in K]?: string };
}

/** The recording side of the build: one per policy text. */
export class Reader {
  readonly spans = new SpanTable();
  readonly exprs: ExprSite[] = [];
  readonly cites: CiteSite[] = [];

  /** A scalar field as text, its value span recorded under `name` and its key span under `name:key`. */
  field(obj: object, n: LNode | undefined, key: string, name = key): string | undefined {
    const e = entry(n, key);
    if (!e) return undefined;
    this.spans.set(obj, name, e.value.span);
    this.spans.set(obj, name + ':key', e.keySpan);
    return text(e.value);
  }

  bool(n: LNode | undefined, key: string): boolean | undefined {
    const v = entry(n, key)?.value;
    return v?.kind === 'scalar' && typeof v.value === 'boolean' ? v.value : undefined;
  }

  /** An `assumed:` flag, its key span recorded under `spanKey` (where P615 points). */
  assumed(obj: object, n: LNode | undefined, spanKey = 'assumed'): boolean | undefined {
    const a = this.bool(n, 'assumed');
    if (a !== undefined) this.spans.set(obj, spanKey, entry(n, 'assumed')!.keySpan);
    return a;
  }

  /** A citation: recorded for the citation check, '' when absent. */
  cite(obj: object, n: LNode | undefined, key = 'cite'): string {
    const e = entry(n, key);
    const t = text(e?.value);
    if (e && t !== undefined) {
      this.spans.set(obj, key, e.value.span);
      this.cites.push({ cite: t, span: e.value.span });
    }
    return t ?? '';
  }

  /** An expression field: recorded as a site for the expression checks. */
  expression(n: LNode | undefined, key: string, site: Omit<ExprSite, 'text' | 'scalar'>): { text?: string; span?: Span } {
    const e = entry(n, key);
    if (!e || e.value.kind !== 'scalar') return {};
    const t = text(e.value);
    if (t === undefined) return {};
    this.exprs.push({ ...site, text: t, scalar: e.value });
    this.spans.set(site.owner, key, e.value.span);
    return { text: t, span: e.value.span };
  }
}
