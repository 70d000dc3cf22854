// YAML text → a located tree: every mapping key, value and list item keeps its source range, so
// schema errors, names and citations can point at the exact token. Built on the `yaml` package's
// parseDocument (with source tokens for block scalars); syntax errors become Y0xx diagnostics.
import { parseDocument, isAlias, isMap, isPair, isScalar, isSeq, visit, type Document, type Node as YNode } from 'yaml';
import { diag, type Diagnostic } from './diagnostics.ts';
import { msg } from './message.ts';
import { scalarOffsets, type BlockToken, type OffsetMap, type ScalarKind } from './scalar-map.ts';
import type { Span } from './policy-model.ts';

export type LNode = LMap | LSeq | LScalar;

export interface LMap {
  kind: 'map';
  span: Span;
  entries: LEntry[];
}

export interface LEntry {
  key: string;
  keySpan: Span;
  value: LNode;
}

export interface LSeq {
  kind: 'seq';
  span: Span;
  items: LNode[];
}

export interface LScalar {
  kind: 'scalar';
  span: Span;
  value: string | number | boolean | null;
  /** How it was written, for mapping offsets inside the value back to the file. */
  style?: ScalarKind;
  block?: BlockToken;
  range: [number, number];
}

export interface ParsedYaml {
  root?: LNode;
  diagnostics: Diagnostic[];
}

const YAML_CODES_ZH: Record<string, string> = {
  DUPLICATE_KEY: '键重复',
  BAD_INDENT: '缩进错误',
  TAB_AS_INDENT: '不能用制表符缩进',
  MISSING_CHAR: '缺少字符',
  UNEXPECTED_TOKEN: '意外的符号',
  MULTILINE_IMPLICIT_KEY: '键不能跨行',
  BLOCK_AS_IMPLICIT_KEY: '块不能作键',
  BAD_SCALAR_START: '值的开头无效',
  BAD_DQ_ESCAPE: '双引号中的转义无效',
  MULTIPLE_DOCS: '只能有一个文档',
  BAD_ALIAS: '别名无效',
  KEY_OVER_1024_CHARS: '键过长',
  BLOCK_IN_FLOW: '流式集合中不能有块',
  RESOURCE_EXHAUSTION: '别名展开过多',
  TAG_RESOLVE_FAILED: '无法识别的标签',
  BAD_DIRECTIVE: '指令无效',
  MULTIPLE_ANCHORS: '锚点重复',
  MULTIPLE_TAGS: '标签重复',
  NON_STRING_KEY: '键应为文字',
};

const MAX_NODES = 200_000;

export function parseYaml(text: string, file: string): ParsedYaml {
  const diagnostics: Diagnostic[] = [];
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { keepSourceTokens: true, prettyErrors: false, uniqueKeys: true, strict: true });
  } catch (e) {
    const detail = String((e as Error)?.message ?? e);
    diagnostics.push(diag(file, 'Y001', { start: 0, end: 0 }, { detail: { zh: detail, en: detail } }));
    return { diagnostics };
  }
  for (const e of doc.errors) {
    const zh = YAML_CODES_ZH[e.code] ?? '无法解析';
    diagnostics.push(
      diag(
        file,
        e.code === 'MULTIPLE_DOCS' ? 'Y004' : 'Y001',
        { start: e.pos[0], end: Math.max(e.pos[0], e.pos[1]) },
        { detail: { zh, en: e.message.split('\n')[0]! } },
      ),
    );
  }
  for (const w of doc.warnings) {
    diagnostics.push(
      diag(
        file,
        'Y002',
        { start: w.pos[0], end: w.pos[1] },
        { detail: { zh: YAML_CODES_ZH[w.code] ?? w.code, en: w.message.split('\n')[0]! } },
      ),
    );
  }
  if (doc.errors.length) return { diagnostics };
  if (!isMap(doc.contents)) {
    const r = (doc.contents as YNode | null)?.range;
    diagnostics.push(diag(file, 'Y003', { start: r?.[0] ?? 0, end: r?.[1] ?? 0 }));
    return { diagnostics };
  }
  const counter = { n: 0, anchors: anchorIndex(doc) };
  const root = convert(doc.contents, doc, counter, 0);
  if (counter.n > MAX_NODES) {
    diagnostics.push(diag(file, 'Y001', { start: 0, end: 0 }, { detail: msg('detail.tooManyNodes') }));
    return { diagnostics };
  }
  return { root, diagnostics };
}

function spanOf(n: { range?: [number, number, number] | null } | null | undefined): Span {
  const r = n?.range;
  return r ? { start: r[0], end: r[1] } : { start: 0, end: 0 };
}

type Anchors = Map<string, { at: number; node: YNode }[]>;

/**
 * Anchored nodes by name, in document order, collected once: resolving each alias by walking the
 * whole document made a file of many aliases (an "alias bomb") quadratic.
 */
function anchorIndex(doc: Document.Parsed): Anchors {
  const anchors: Anchors = new Map();
  visit(doc, {
    Node(_, n) {
      const name = (n as { anchor?: string }).anchor;
      if (!name) return;
      const list = anchors.get(name) ?? [];
      list.push({ at: (n as YNode).range?.[0] ?? 0, node: n as YNode });
      anchors.set(name, list);
    },
  });
  return anchors;
}

/** The nearest anchor of that name before the alias, as YAML defines it. */
function resolveAlias(alias: { source: string; range?: [number, number, number] | null }, anchors: Anchors): YNode | undefined {
  const at = alias.range?.[0] ?? Number.POSITIVE_INFINITY;
  let found: YNode | undefined;
  for (const a of anchors.get(alias.source) ?? []) if (a.at < at) found = a.node;
  return found;
}

function convert(node: unknown, doc: Document.Parsed, counter: { n: number; anchors: Anchors }, depth: number): LNode {
  counter.n++;
  if (depth > 200 || counter.n > MAX_NODES) return { kind: 'scalar', span: spanOf(node as YNode), value: null, range: [0, 0] };
  if (isAlias(node)) {
    const target = resolveAlias(node, counter.anchors);
    const converted = convert(target, doc, counter, depth + 1);
    // Positions of an alias point at the alias itself.
    return { ...converted, span: spanOf(node) } as LNode;
  }
  if (isMap(node)) {
    const entries: LEntry[] = [];
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const k = pair.key as YNode | null;
      const key = isScalar(k) ? String(k.value) : k ? String(k) : '';
      const keySpan = spanOf(k);
      const value =
        pair.value === null || pair.value === undefined
          ? ({ kind: 'scalar', span: { start: keySpan.end, end: keySpan.end }, value: null, range: [keySpan.end, keySpan.end] } as LScalar)
          : convert(pair.value, doc, counter, depth + 1);
      entries.push({ key, keySpan, value });
    }
    return { kind: 'map', span: spanOf(node), entries };
  }
  if (isSeq(node)) {
    return { kind: 'seq', span: spanOf(node), items: node.items.map((it) => convert(it, doc, counter, depth + 1)) };
  }
  if (isScalar(node)) {
    const v = node.value;
    const value = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null ? v : String(v);
    const r = node.range ?? [0, 0, 0];
    const tok = (node as { srcToken?: { type?: string } }).srcToken;
    return {
      kind: 'scalar',
      span: { start: r[0], end: r[1] },
      value,
      style: node.type as ScalarKind | undefined,
      block: tok?.type === 'block-scalar' ? (tok as unknown as BlockToken) : undefined,
      range: [r[0], r[1]],
    };
  }
  return { kind: 'scalar', span: spanOf(node as YNode), value: null, range: [0, 0] };
}

/** Plain JS data for schema validation (mappings → objects, sequences → arrays). */
export function toPlain(n: LNode): unknown {
  if (n.kind === 'scalar') return n.value;
  if (n.kind === 'seq') return n.items.map(toPlain);
  const o: Record<string, unknown> = {};
  for (const e of n.entries) o[e.key] = toPlain(e.value);
  return o;
}

export function entry(n: LNode | undefined, key: string): LEntry | undefined {
  return n?.kind === 'map' ? n.entries.find((e) => e.key === key) : undefined;
}

export function child(n: LNode | undefined, key: string): LNode | undefined {
  return entry(n, key)?.value;
}

/** The node at a JSON pointer ("/procedures/exit/steps/0"), and the key that leads to it. */
export function atPointer(root: LNode, pointer: string): { node?: LNode; keySpan?: Span; parent?: LNode } {
  if (pointer === '' || pointer === '/') return { node: root };
  const parts = pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node: LNode | undefined = root;
  let keySpan: Span | undefined;
  let parent: LNode | undefined;
  for (const p of parts) {
    parent = node;
    if (node?.kind === 'map') {
      const e: LEntry | undefined = node.entries.find((x) => x.key === p);
      keySpan = e?.keySpan;
      node = e?.value;
    } else if (node?.kind === 'seq') {
      node = node.items[Number(p)];
      keySpan = undefined;
    } else {
      return { parent };
    }
    if (!node) return { parent, keySpan };
  }
  return { node, keySpan, parent };
}

const mapCache = new WeakMap<LScalar, OffsetMap>();

/** Maps an offset inside a string scalar's value to its offset in the file. */
export function valueOffsetToFile(src: string, s: LScalar, offset: number): number {
  if (typeof s.value !== 'string') return s.span.start;
  let map = mapCache.get(s);
  if (!map) {
    map = scalarOffsets(src, s.style, s.range, s.value, s.block);
    mapCache.set(s, map);
  }
  const i = Math.max(0, Math.min(offset, map.length - 1));
  return map[i]!;
}

/** A span inside a scalar's value → a span in the file. */
export function valueSpanToFile(src: string, s: LScalar, start: number, end: number): Span {
  const a = valueOffsetToFile(src, s, start);
  // The end maps through the last character, so a span never swallows a folded line break.
  const b = end > start ? valueOffsetToFile(src, s, end - 1) + 1 : a;
  return { start: a, end: Math.max(a, b) };
}
