// Where each character of a YAML scalar's value sits in the source text. Expressions live inside
// scalars, and a name inside "…" (with escapes), '…' ('' for '), plain multi-line scalars (folded
// line breaks) or | and > blocks must still be reported at its exact line and column. The
// mapping re-reads the scalar's source the way YAML 1.2 resolves it, and is checked against the
// value the `yaml` package produced; if they ever disagree we fall back to a greedy alignment.

/** offsets[i] is the source offset of value[i]; offsets[value.length] is the end of the scalar. */
export type OffsetMap = number[];

export type ScalarKind = 'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE' | 'BLOCK_LITERAL' | 'BLOCK_FOLDED';

export interface BlockToken {
  offset: number;
  indent: number;
  source: string;
  props: { type: string; source?: string }[];
}

export function scalarOffsets(
  src: string,
  kind: ScalarKind | undefined,
  range: [number, number],
  value: string,
  block?: BlockToken,
): OffsetMap {
  let map: Built | null = null;
  try {
    if (kind === 'BLOCK_LITERAL' || kind === 'BLOCK_FOLDED') map = block ? blockMap(block, kind, value) : null;
    else if (kind === 'QUOTE_DOUBLE' || kind === 'QUOTE_SINGLE' || kind === 'PLAIN' || kind === undefined)
      map = flowMap(src, kind ?? 'PLAIN', range);
  } catch {
    map = null;
  }
  if (map && map.length === value.length + 1 && map.str === value) return map.offsets;
  return greedy(src, range, value);
}

interface Built {
  str: string;
  offsets: number[];
  length: number;
}

function builder() {
  let str = '';
  const offsets: number[] = [];
  return {
    push(s: string, at: number) {
      str += s;
      for (let i = 0; i < s.length; i++) offsets.push(at);
    },
    done(end: number): Built {
      offsets.push(end);
      return { str, offsets, length: offsets.length };
    },
  };
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  '\t': '\t',
};

/** Plain, single- and double-quoted scalars: line folding, '' and backslash escapes. */
function flowMap(src: string, kind: 'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE', range: [number, number]): Built {
  const b = builder();
  const quoted = kind !== 'PLAIN';
  let i = range[0] + (quoted ? 1 : 0);
  const end = range[1] - (quoted ? 1 : 0);
  let pending: number[] = []; // unescaped blanks that a line break would trim
  const flush = () => {
    for (const p of pending) b.push(src[p]!, p);
    pending = [];
  };
  while (i < end) {
    const c = src[i]!;
    if (kind === 'QUOTE_DOUBLE' && c === '\\') {
      flush();
      const n = src[i + 1];
      if (n === '\n' || n === '\r') {
        // An escaped line break joins the lines with nothing between them.
        i += n === '\r' && src[i + 2] === '\n' ? 3 : 2;
        while (i < end && (src[i] === ' ' || src[i] === '\t')) i++;
        continue;
      }
      if (n !== undefined && n in SIMPLE_ESCAPES) {
        b.push(SIMPLE_ESCAPES[n]!, i);
        i += 2;
        continue;
      }
      const width = n === 'x' ? 2 : n === 'u' ? 4 : n === 'U' ? 8 : 0;
      if (width) {
        const code = parseInt(src.slice(i + 2, i + 2 + width), 16);
        b.push(String.fromCodePoint(code), i);
        i += 2 + width;
        continue;
      }
      throw new Error('bad escape');
    }
    if (kind === 'QUOTE_SINGLE' && c === "'" && src[i + 1] === "'") {
      flush();
      b.push("'", i);
      i += 2;
      continue;
    }
    if (c === '\n' || c === '\r') {
      // Folding: trailing blanks dropped, one break becomes a space, n+1 breaks become n newlines.
      pending = [];
      const at = i;
      let breaks = 0;
      while (i < end) {
        if (src[i] === '\r' && src[i + 1] === '\n') i++;
        if (src[i] !== '\n' && src[i] !== '\r') break;
        breaks++;
        i++;
        while (i < end && (src[i] === ' ' || src[i] === '\t')) i++;
      }
      b.push(breaks === 1 ? ' ' : '\n'.repeat(breaks - 1), at);
      continue;
    }
    if (c === ' ' || c === '\t') {
      pending.push(i);
      i++;
      continue;
    }
    flush();
    // Keep surrogate pairs whole.
    const cp = src.codePointAt(i)!;
    const s = String.fromCodePoint(cp);
    b.push(s, i);
    i += s.length;
  }
  flush();
  return b.done(end);
}

/** | and > blocks, mirroring yaml's resolve-block-scalar with offsets kept. */
function blockMap(tok: BlockToken, kind: 'BLOCK_LITERAL' | 'BLOCK_FOLDED', value: string): Built | null {
  const header = tok.props[0];
  if (!header || header.type !== 'block-scalar-header' || !header.source) return null;
  let explicit = 0;
  let chomp = '';
  for (const ch of header.source.slice(1)) {
    if (!chomp && (ch === '-' || ch === '+')) chomp = ch;
    else if (!explicit && Number(ch)) explicit = Number(ch);
  }
  let headerLength = 0;
  for (const p of tok.props) headerLength += p.source?.length ?? 0;
  const base = tok.offset + headerLength;
  const source = tok.source;
  // Lines as [indent, content, offsetOfLineStart].
  const lines: [string, string, number][] = [];
  let pos = 0;
  for (const raw of source.split('\n')) {
    const m = /^( *)/.exec(raw)!;
    lines.push([m[1]!, raw.slice(m[1]!.length), base + pos]);
    pos += raw.length + 1;
  }
  let chompStart = lines.length;
  for (let i = lines.length - 1; i >= 0; --i) {
    const c = lines[i]![1];
    if (c === '' || c === '\r') chompStart = i;
    else break;
  }
  const b = builder();
  const end = base + source.length;
  if (chompStart === 0) return value === '' ? b.done(end) : null;
  let trimIndent = tok.indent + explicit;
  let contentStart = 0;
  for (let i = 0; i < chompStart; ++i) {
    const [indent, content] = lines[i]!;
    if (content === '' || content === '\r') {
      if (explicit === 0 && indent.length > trimIndent) trimIndent = indent.length;
    } else {
      if (explicit === 0) trimIndent = indent.length;
      contentStart = i;
      break;
    }
  }
  for (let i = lines.length - 1; i >= chompStart; --i) if (lines[i]![0].length > trimIndent) chompStart = i + 1;
  let sep = '';
  let sepAt = base;
  let prevMoreIndented = false;
  for (let i = 0; i < contentStart; ++i) {
    const [indent, , at] = lines[i]!;
    b.push(indent.slice(trimIndent), at + trimIndent);
    b.push('\n', at + indent.length);
  }
  const pushLine = (indent: string, content: string, at: number) => {
    const extra = indent.slice(trimIndent);
    for (let k = 0; k < extra.length; k++) b.push(extra[k]!, at + trimIndent + k);
    for (let k = 0; k < content.length; k++) b.push(content[k]!, at + indent.length + k);
  };
  for (let i = contentStart; i < chompStart; ++i) {
    const line = lines[i]!;
    const at = line[2];
    let [indent, content] = line;
    if (content.endsWith('\r')) content = content.slice(0, -1);
    if (content && indent.length < trimIndent) indent = '';
    if (kind === 'BLOCK_LITERAL') {
      b.push(sep, sepAt);
      pushLine(indent, content, at);
      sep = '\n';
    } else if (indent.length > trimIndent || content[0] === '\t') {
      if (sep === ' ') sep = '\n';
      else if (!prevMoreIndented && sep === '\n') sep = '\n\n';
      b.push(sep, sepAt);
      pushLine(indent, content, at);
      sep = '\n';
      prevMoreIndented = true;
    } else if (content === '') {
      if (sep === '\n') b.push('\n', at);
      else sep = '\n';
    } else {
      b.push(sep, sepAt);
      pushLine(indent, content, at);
      sep = ' ';
      prevMoreIndented = false;
    }
    sepAt = at + indent.length + content.length;
  }
  if (chomp === '+') {
    let tail = '';
    for (let i = chompStart; i < lines.length; ++i) tail += '\n' + lines[i]![0].slice(trimIndent);
    b.push(tail, sepAt);
  } else if (chomp !== '-') {
    b.push('\n', sepAt);
  }
  const built = b.done(end);
  if (chomp === '+' && !built.str.endsWith('\n')) {
    built.str += '\n';
    built.offsets.splice(built.offsets.length - 1, 0, sepAt);
    built.length = built.offsets.length;
  }
  return built;
}

/** Last resort: align the value's characters with the source text in order. */
function greedy(src: string, range: [number, number], value: string): OffsetMap {
  const offsets: number[] = [];
  let cursor = range[0];
  for (let i = 0; i < value.length; i++) {
    const found = src.indexOf(value[i]!, cursor);
    if (found !== -1 && found < range[1]) {
      offsets.push(found);
      cursor = found + 1;
    } else {
      offsets.push(Math.min(cursor, range[1]));
    }
  }
  offsets.push(range[1]);
  return offsets;
}
