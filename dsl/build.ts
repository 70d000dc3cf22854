// The located YAML tree → the Policy model. Defensive: a malformed part (already reported by the
// schema) is skipped, never thrown on, so that later phases still check the rest. Besides the
// Policy it records where each field came from (SpanTable) and every expression and citation
// site, so checks can point at the exact token.
import type {
  Compensation,
  Example,
  ExampleExpect,
  FormDecl,
  Mode,
  Parameter,
  Policy,
  Procedure,
  Rounding,
  Rule,
  Span,
  Step,
  StepKind,
  VoteBase,
  VoteRule,
  Waiver,
} from './policy-model.ts';
import { PAYER_PARTIES, STEP_KINDS, type PayerParty } from './policy-model.ts';
import type { ProcedureKind } from './case-model.ts';
import { toPlain, type LEntry, type LMap, type LNode, type LScalar } from './yaml.ts';
import { isFailure, readThreshold } from './legal-text/index.ts';

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

export interface Built {
  policy: Policy;
  spans: SpanTable;
  exprs: ExprSite[];
  cites: CiteSite[];
  /** Spans of top-level sections, for diagnostics about something missing. */
  sections: Record<string, Span>;
}

const isMap = (n: LNode | undefined): n is LMap => n?.kind === 'map';

function get(n: LNode | undefined, key: string): LEntry | undefined {
  return isMap(n) ? n.entries.find((e) => e.key === key) : undefined;
}

function text(n: LNode | undefined): string | undefined {
  if (n?.kind !== 'scalar') return undefined;
  if (typeof n.value === 'string') return n.value;
  if (typeof n.value === 'number' || typeof n.value === 'boolean') return String(n.value);
  return undefined;
}

function strings(n: LNode | undefined): { value: string; span: Span }[] {
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

const PROCEDURE_KINDS: ProcedureKind[] = ['transfer', 'exit'];
const VOTE_BASES: VoteBase[] = ['entitled', 'present', 'households', 'all'];
const ROUND_MODES: Rounding['mode'][] = ['half-up', 'half-even', 'down', 'up'];

export function buildPolicy(root: LNode, src: string, file: string, hash: string): Built {
  const spans = new SpanTable();
  const exprs: ExprSite[] = [];
  const cites: CiteSite[] = [];
  const sections: Record<string, Span> = {};
  if (isMap(root)) for (const e of root.entries) sections[e.key] = e.keySpan;

  // Records a scalar field: its value span under `key`, and returns the text.
  const field = (obj: object, n: LNode | undefined, key: string, name = key): string | undefined => {
    const e = get(n, key);
    if (!e) return undefined;
    spans.set(obj, name, e.value.span);
    spans.set(obj, name + ':key', e.keySpan);
    return text(e.value);
  };
  const bool = (n: LNode | undefined, key: string): boolean | undefined => {
    const v = get(n, key)?.value;
    return v?.kind === 'scalar' && typeof v.value === 'boolean' ? v.value : undefined;
  };
  const cite = (obj: object, n: LNode | undefined, key = 'cite'): string => {
    const e = get(n, key);
    const t = text(e?.value);
    if (e && t !== undefined) {
      spans.set(obj, key, e.value.span);
      cites.push({ cite: t, span: e.value.span });
    }
    return t ?? '';
  };
  const expression = (n: LNode | undefined, key: string, site: Omit<ExprSite, 'text' | 'scalar'>): { text?: string; span?: Span } => {
    const e = get(n, key);
    if (!e || e.value.kind !== 'scalar') return {};
    const t = text(e.value);
    if (t === undefined) return {};
    exprs.push({ ...site, text: t, scalar: e.value });
    spans.set(site.owner, key, e.value.span);
    return { text: t, span: e.value.span };
  };

  // meta
  const metaNode = get(root, 'meta')?.value;
  const region = get(metaNode, 'region')?.value;
  const source = get(metaNode, 'source')?.value;
  const effective = get(metaNode, 'effective')?.value;
  const meta: Policy['meta'] = {
    id: '',
    name: '',
    shortName: '',
    region: { province: '' },
    source: { title: '' },
    status: '',
    version: '',
    effective: {},
    calendar: [],
  };
  meta.id = field(meta, metaNode, 'id') ?? '';
  meta.name = field(meta, metaNode, 'name') ?? '';
  meta.shortName = field(meta, metaNode, 'shortName') ?? meta.id;
  meta.status = field(meta, metaNode, 'status') ?? '';
  meta.version = field(meta, metaNode, 'version') ?? '';
  meta.region = {
    province: text(get(region, 'province')?.value) ?? '',
    ...opt('city', text(get(region, 'city')?.value)),
    ...opt('county', text(get(region, 'county')?.value)),
    ...opt('code', text(get(region, 'code')?.value)),
  };
  meta.source = {
    title: text(get(source, 'title')?.value) ?? '',
    ...opt('issuer', text(get(source, 'issuer')?.value)),
    ...opt('date', text(get(source, 'date')?.value)),
    ...opt('url', text(get(source, 'url')?.value)),
    ...opt('seed', text(get(source, 'seed')?.value)),
  };
  meta.effective = {
    ...opt('from', field(meta, effective, 'from', 'effective.from')),
    ...opt('to', field(meta, effective, 'to', 'effective.to')),
  };
  if (get(source, 'date')) spans.set(meta, 'source.date', get(source, 'date')!.value.span);
  const calendarIds = strings(get(metaNode, 'calendar')?.value);
  meta.calendar = calendarIds.map((s) => s.value);
  calendarIds.forEach((s, i) => spans.set(meta, `calendar.${i}`, s.span));

  // articles
  const articles: Record<string, string> = {};
  const artNode = get(root, 'articles')?.value;
  if (isMap(artNode))
    for (const e of artNode.entries) {
      const t = text(e.value);
      if (t !== undefined) articles[e.key] = t;
    }

  // parameters
  const parameters: Parameter[] = [];
  const paramNode = get(root, 'parameters')?.value;
  if (isMap(paramNode))
    for (const e of paramNode.entries) {
      if (!isMap(e.value)) continue;
      const p: Parameter = { name: e.key, unit: '', cite: '', span: e.keySpan };
      const n = e.value;
      const label = field(p, n, 'label');
      if (label !== undefined) p.label = label;
      const unit = field(p, n, 'unit');
      if (unit !== undefined) p.unit = unit.trim();
      const value = field(p, n, 'value');
      if (value !== undefined) {
        p.value = value;
        p.valueSpan = spans.get(p, 'value');
      }
      const from = field(p, n, 'from');
      if (from !== undefined) {
        p.from = from;
        p.valueSpan ??= spans.get(p, 'from');
      }
      p.cite = cite(p, n);
      const assumed = bool(n, 'assumed');
      if (assumed !== undefined) {
        p.assumed = assumed;
        spans.set(p, 'assumed', get(n, 'assumed')!.keySpan);
      }
      const note = field(p, n, 'note');
      if (note !== undefined) p.note = note;
      const compare = field(p, n, 'compare');
      if (compare !== undefined) p.compare = compare;
      parameters.push(p);
    }

  const rules = (n: LNode | undefined, procedure: ProcedureKind, mode?: Mode): Rule[] => {
    if (n?.kind !== 'seq') return [];
    const out: Rule[] = [];
    for (const item of n.items) {
      if (!isMap(item)) continue;
      const r: Rule = { id: '', label: '', expr: '', implements: [], cite: '', message: '', span: item.span, exprSpan: item.span };
      r.id = field(r, item, 'id') ?? '';
      r.label = field(r, item, 'label') ?? '';
      r.message = field(r, item, 'message') ?? r.label;
      r.cite = cite(r, item);
      const impl = get(item, 'implements');
      if (impl)
        strings(impl.value).forEach((s, i) => {
          r.implements.push(s.value);
          spans.set(r, `implements.${i}`, s.span);
        });
      const sev = text(get(item, 'severity')?.value);
      if (sev === 'warn' || sev === 'refuse') r.severity = sev;
      const ex = expression(item, 'rule', { role: 'rule', procedure, mode, owner: r });
      r.expr = ex.text ?? '';
      if (ex.span) r.exprSpan = ex.span;
      const w = expression(item, 'when', { role: 'when', procedure, mode, owner: r });
      if (w.text !== undefined) {
        r.when = w.text;
        r.whenSpan = w.span;
      }
      out.push(r);
    }
    return out;
  };

  const threshold = (obj: object, n: LNode | undefined, key: string) => {
    const t = field(obj, n, key);
    if (t === undefined) return undefined;
    const parsed = readThreshold(t);
    return isFailure(parsed) ? { num: 0, den: 1, inclusive: true, text: t } : parsed;
  };

  const compensation = (n: LNode | undefined, procedure: ProcedureKind, mode?: Mode): Compensation | undefined => {
    if (!isMap(n)) return undefined;
    const c: Compensation = { formula: '', let: {}, round: { to: '0.01 元', places: 2, mode: 'half-up' }, cite: '', span: n.span };
    const letNode = get(n, 'let')?.value;
    const names: string[] = [];
    if (isMap(letNode))
      for (const e of letNode.entries) {
        const t = text(e.value);
        if (t === undefined || e.value.kind !== 'scalar') continue;
        c.let[e.key] = t;
        spans.set(c, `let:${e.key}`, e.keySpan);
        exprs.push({
          role: 'let',
          procedure,
          mode,
          compensation: c,
          name: e.key,
          letBefore: [...names],
          owner: c,
          text: t,
          scalar: e.value,
        });
        names.push(e.key);
      }
    c.formula = expression(n, 'formula', { role: 'formula', procedure, mode, compensation: c, owner: c }).text ?? '';
    const perMu = expression(n, 'perMu', { role: 'perMu', procedure, mode, compensation: c, owner: c }).text;
    if (perMu !== undefined) c.perMu = perMu;
    const capNode = get(n, 'cap')?.value;
    if (isMap(capNode)) {
      const capOwner = {};
      const e = expression(capNode, 'expr', { role: 'cap', procedure, mode, compensation: c, owner: capOwner });
      c.cap = { expr: e.text ?? '', cite: cite(capOwner, capNode) };
      if (e.span) spans.set(c, 'cap', e.span);
    }
    const round = get(n, 'round')?.value;
    if (isMap(round)) {
      const r = c.round;
      const to = field(r, round, 'to');
      if (to !== undefined) r.to = to;
      r.places = roundingPlaces(r.to) ?? -1;
      const m = text(get(round, 'mode')?.value);
      if (m && (ROUND_MODES as string[]).includes(m)) r.mode = m as Rounding['mode'];
      const a = bool(round, 'assumed');
      if (a !== undefined) {
        r.assumed = a;
        spans.set(r, 'assumed', get(round, 'assumed')!.keySpan);
      }
      const note = text(get(round, 'note')?.value);
      if (note !== undefined) r.note = note;
      if (get(round, 'cite')) r.cite = cite(r, round);
    }
    const payerNode = get(n, 'payer')?.value;
    if (isMap(payerNode)) {
      // payer: { label, parties: { group: 村民小组, … }, assumed, note } — the payer as data.
      const label = text(get(payerNode, 'label')?.value);
      if (label !== undefined) c.payer = label;
      const parties = get(payerNode, 'parties')?.value;
      if (isMap(parties)) {
        c.payerParties = {};
        for (const e of parties.entries) {
          const name = text(e.value);
          if (name !== undefined && (PAYER_PARTIES as readonly string[]).includes(e.key)) c.payerParties[e.key as PayerParty] = name;
        }
      }
      const a = bool(payerNode, 'assumed');
      if (a !== undefined) {
        c.payerAssumed = a;
        spans.set(c, 'payerAssumed', get(payerNode, 'assumed')!.keySpan);
      }
      const note = text(get(payerNode, 'note')?.value);
      if (note !== undefined) c.payerNote = note;
    } else {
      const payer = text(payerNode);
      if (payer !== undefined) c.payer = payer;
    }
    c.cite = cite(c, n);
    return c;
  };

  const steps = (n: LNode | undefined, procedure: ProcedureKind): Step[] => {
    if (n?.kind !== 'seq') return [];
    const out: Step[] = [];
    for (const item of n.items) {
      if (!isMap(item)) continue;
      const s: Step = { id: '', kind: 'application', label: '', cite: '', after: [], span: item.span };
      s.id = field(s, item, 'id') ?? '';
      const kind = field(s, item, 'kind');
      s.kind = kind && (STEP_KINDS as string[]).includes(kind) ? (kind as StepKind) : s.kind;
      s.label = field(s, item, 'label') ?? '';
      s.cite = cite(s, item);
      const after = get(item, 'after');
      if (after)
        strings(after.value).forEach((a, i) => {
          s.after.push(a.value);
          spans.set(s, `after.${i}`, a.span);
        });
      const period = field(s, item, 'period');
      if (period !== undefined) s.period = period;
      const objection = field(s, item, 'objectionPeriod');
      if (objection !== undefined) s.objectionPeriod = objection;
      const from = field(s, item, 'from');
      if (from !== undefined) s.from = from;
      const allowedAfter = bool(item, 'allowedAfter');
      if (allowedAfter !== undefined) s.allowedAfter = allowedAfter;
      const form = field(s, item, 'form');
      if (form !== undefined) s.form = form;
      const by = get(item, 'by');
      if (by) s.by = strings(by.value).map((x) => x.value);
      const optional = bool(item, 'optional');
      if (optional !== undefined) s.optional = optional;
      if (field(s, item, 'registration') === 'byExtent') s.registration = 'byExtent';
      const w = expression(item, 'when', { role: 'stepWhen', procedure, owner: s });
      if (w.text !== undefined) s.when = w.text;
      const co = get(item, 'countingOverride')?.value;
      if (isMap(co)) s.countingOverride = { rule: text(get(co, 'rule')?.value) ?? '', cite: cite({}, co) };
      const votes = get(item, 'votes');
      if (votes) {
        spans.set(s, 'votes', votes.keySpan);
        s.votes = [];
        if (votes.value.kind === 'seq')
          for (const v of votes.value.items) {
            if (!isMap(v)) continue;
            const vr: VoteRule = {
              body: [],
              base: 'entitled',
              threshold: { num: 2, den: 3, inclusive: true, text: '' },
              cite: '',
              span: v.span,
            };
            const body = get(v, 'body');
            if (body) {
              vr.body = strings(body.value).map((x) => x.value);
              spans.set(vr, 'body', body.value.span);
            }
            const base = field(vr, v, 'base');
            if (base && (VOTE_BASES as string[]).includes(base)) vr.base = base as VoteBase;
            const th = threshold(vr, v, 'threshold');
            if (th) vr.threshold = th;
            const q = get(v, 'quorum')?.value;
            if (isMap(q)) {
              const qo = {};
              const qb = text(get(q, 'base')?.value);
              if (get(q, 'base')) spans.set(vr, 'quorum.base', get(q, 'base')!.value.span);
              const qt = threshold(qo, q, 'threshold');
              const qc = cite(qo, q);
              if (qt) {
                vr.quorum = { base: qb && (VOTE_BASES as string[]).includes(qb) ? (qb as VoteBase) : 'entitled', threshold: qt, cite: qc };
                spans.set(vr, 'quorum.threshold', spans.get(qo, 'threshold')!);
              }
            }
            vr.cite = cite(vr, v);
            const a = bool(v, 'assumed');
            if (a !== undefined) {
              vr.assumed = a;
              spans.set(vr, 'assumed', get(v, 'assumed')!.keySpan);
            }
            const note = text(get(v, 'note')?.value);
            if (note !== undefined) vr.note = note;
            const w2 = expression(v, 'when', { role: 'voteWhen', procedure, owner: vr });
            if (w2.text !== undefined) {
              vr.when = w2.text;
              vr.whenSpan = w2.span;
            }
            s.votes.push(vr);
          }
      }
      out.push(s);
    }
    return out;
  };

  // procedures
  const procedures: Policy['procedures'] = {};
  const procNode = get(root, 'procedures')?.value;
  for (const kind of PROCEDURE_KINDS) {
    const pe = get(procNode, kind);
    if (!pe || !isMap(pe.value)) continue;
    const n = pe.value;
    const proc: Procedure = { kind, label: '', cite: '', eligibility: [], steps: [], modes: [], forms: [], span: pe.keySpan };
    proc.label = field(proc, n, 'label') ?? kind;
    proc.cite = cite(proc, n);
    const modesNode = get(n, 'modes')?.value;
    if (modesNode?.kind === 'seq')
      for (const m of modesNode.items) {
        if (!isMap(m)) continue;
        const mode: Mode = { id: '', label: '', cite: '', eligibility: [], span: m.span };
        mode.id = field(mode, m, 'id') ?? '';
        mode.label = field(mode, m, 'label') ?? mode.id;
        mode.cite = cite(mode, m);
        const k = bool(m, 'keepsNextRound');
        if (k !== undefined) mode.keepsNextRound = k;
        const mem = field(mode, m, 'membership');
        if (mem === 'kept' || mem === 'mayLeave' || mem === 'mustLeave') mode.membership = mem;
        mode.eligibility = rules(get(m, 'eligibility')?.value, kind, mode);
        const comp = compensation(get(m, 'compensation')?.value, kind, mode);
        if (comp) mode.compensation = comp;
        proc.modes.push(mode);
      }
    proc.eligibility = rules(get(n, 'eligibility')?.value, kind);
    if (get(n, 'eligibility')) spans.set(proc, 'eligibility', get(n, 'eligibility')!.keySpan);
    proc.steps = steps(get(n, 'steps')?.value, kind);
    if (get(n, 'steps')) spans.set(proc, 'steps', get(n, 'steps')!.keySpan);
    const comp = compensation(get(n, 'compensation')?.value, kind);
    if (comp) proc.compensation = comp;
    proc.forms = [...new Set(proc.steps.flatMap((s) => (s.form ? [s.form] : [])))];
    procedures[kind] = proc;
  }

  // forms
  const forms: FormDecl[] = [];
  const formsNode = get(root, 'forms')?.value;
  if (formsNode?.kind === 'seq')
    for (const f of formsNode.items) {
      if (!isMap(f)) continue;
      const fd: FormDecl = { id: '', title: '', template: '', procedure: 'exit', cite: '', span: f.span };
      fd.id = field(fd, f, 'id') ?? '';
      fd.title = field(fd, f, 'title') ?? fd.id;
      fd.template = field(fd, f, 'template') ?? '';
      const p = field(fd, f, 'procedure');
      if (p === 'transfer' || p === 'exit') fd.procedure = p;
      fd.cite = cite(fd, f);
      const copies = get(f, 'copies')?.value;
      if (copies?.kind === 'scalar' && typeof copies.value === 'number') fd.copies = copies.value;
      const numbering = get(f, 'numbering')?.value;
      const prefix = text(get(numbering, 'prefix')?.value);
      if (prefix !== undefined) fd.numbering = { prefix };
      const assumed = bool(f, 'assumed');
      if (assumed !== undefined) {
        fd.assumed = assumed;
        spans.set(fd, 'assumed', get(f, 'assumed')!.keySpan);
      }
      const note = text(get(f, 'note')?.value);
      if (note !== undefined) fd.note = note;
      forms.push(fd);
    }

  // examples
  const examples: Example[] = [];
  const exNode = get(root, 'examples')?.value;
  if (exNode?.kind === 'seq')
    for (const x of exNode.items) {
      if (!isMap(x)) continue;
      const ex: Example = { name: '', procedure: 'exit', expect: {}, span: x.span, expectSpans: {} };
      ex.name = field(ex, x, 'name') ?? '';
      const p = field(ex, x, 'procedure');
      if (p === 'transfer' || p === 'exit') ex.procedure = p;
      const mode = field(ex, x, 'mode');
      if (mode !== undefined) ex.mode = mode;
      const caseFile = field(ex, x, 'caseFile');
      if (caseFile !== undefined) ex.caseFile = caseFile;
      const inline = get(x, 'case');
      if (inline && isMap(inline.value)) ex.case = toPlain(inline.value);
      const set = get(x, 'set');
      if (set && isMap(set.value)) {
        ex.set = {};
        for (const e of set.value.entries) {
          ex.set[e.key] = toPlain(e.value);
          spans.set(ex, `set:${e.key}`, e.keySpan);
        }
      }
      const at = field(ex, x, 'at');
      if (at !== undefined) ex.at = at;
      const expect = get(x, 'expect')?.value;
      const ee: ExampleExpect = {};
      if (isMap(expect)) {
        spans.set(ex, 'expect', expect.span);
        for (const e of expect.entries) {
          spans.set(ex, `expect.${e.key}`, e.value.span);
          ex.expectSpans[e.key] = e.value.span;
        }
        const el = get(expect, 'eligible')?.value;
        if (el?.kind === 'scalar' && typeof el.value === 'boolean') ee.eligible = el.value;
        const failed = get(expect, 'failed');
        if (failed)
          strings(failed.value).forEach((s, i) => {
            (ee.failed ??= []).push(s.value);
            spans.set(ex, `expect.failed.${i}`, s.span);
          });
        if (failed && !ee.failed) ee.failed = [];
        const comp = text(get(expect, 'compensation')?.value);
        if (comp !== undefined) ee.compensation = comp;
        const vote = get(expect, 'vote')?.value;
        const passed = get(vote, 'passed')?.value;
        if (passed?.kind === 'scalar' && typeof passed.value === 'boolean') {
          ee.vote = { passed: passed.value };
          const by = text(get(vote, 'decidedBy')?.value);
          if (by !== undefined) ee.vote.decidedBy = by;
        }
      }
      ex.expect = ee;
      examples.push(ex);
    }

  // waivers
  const waivers: Waiver[] = [];
  const wNode = get(root, 'waivers')?.value;
  if (wNode?.kind === 'seq')
    for (const w of wNode.items) {
      if (!isMap(w)) continue;
      const wv: Waiver = { code: '', justification: '', span: w.span };
      wv.code = field(wv, w, 'code') ?? '';
      wv.justification = field(wv, w, 'justification') ?? '';
      waivers.push(wv);
    }

  const policy: Policy = { meta, articles, parameters, procedures, forms, examples, waivers, hash, file };
  return { policy, spans, exprs, cites, sections };
}

function opt<K extends string>(key: K, v: string | undefined): { [P in K]?: string } {
  return (v === undefined ? {} : { [key]: v }) as { [P in K]?: string };
}

/** "0.01 元" → 2, "1 元" → 0, "0.1" → 1; null when not a power of ten in 元. */
export function roundingPlaces(to: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(元)?\s*$/.exec(to);
  if (!m) return null;
  const n = m[1]!;
  if (/^1(\.0*)?$/.test(n)) return 0;
  const f = /^0\.(0*)1$/.exec(n);
  return f ? f[1]!.length + 1 : null;
}
