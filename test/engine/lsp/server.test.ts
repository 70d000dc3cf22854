// `landflow lsp` driven by a real LSP client: the server runs as a child process (node
// bin/landflow.js lsp) and is spoken to over its stdin/stdout with vscode-jsonrpc. The document is
// policies/qinzhou.yaml (its real path, so templates and examples resolve as for `landflow check`)
// with deliberate errors, one of them on a line holding a character outside the BMP: positions
// are UTF-16 code units, where 𠀋 counts 2.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from '../../helpers/cli.ts';
import {
  createMessageConnection,
  ResponseError,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node.js';

interface Position {
  line: number;
  character: number;
}
interface Range {
  start: Position;
  end: Position;
}
interface LspDiagnostic {
  range: Range;
  severity?: number;
  code?: string;
  source?: string;
  message: string;
  relatedInformation?: unknown[];
}
interface Published {
  uri: string;
  version?: number;
  diagnostics: LspDiagnostic[];
}
interface CompletionItem {
  label: string;
  textEdit?: { range: Range; newText: string };
}

const file = path.resolve('policies/qinzhou.yaml');
const uri = pathToFileURL(file).href;
const original = readFileSync(file, 'utf8');

/** Replaces exactly one occurrence of `from` (the test must know where it edits). */
function replaceOnce(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`expected exactly one ${JSON.stringify(from)} in qinzhou.yaml`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

const FORMULA = '      formula: 退出面积 * 每亩补偿 * 调整系数';
const RULE = '        rule: 退出.退出原因 != "𠀋" 且 调整系数 > 0';
const CITE = '        cite: 弟十条第二项';
let text = replaceOnce(original, '      formula: 退出面积 * 每亩补偿\n', `${FORMULA}\n`);
text = replaceOnce(text, '        label: 退出为永久退出\n        rule: 退出.模式 == "permanent"\n', `        label: 𠀋测试\n${RULE}\n`);
text = replaceOnce(text, '        label: 永久退出\n        cite: 第十条第二项\n', `        label: 永久退出\n${CITE}\n`);
const lines = text.split('\n');
const lineOf = (exact: string) => {
  const i = lines.indexOf(exact);
  if (i < 0 || lines.indexOf(exact, i + 1) >= 0) throw new Error(`expected one line ${JSON.stringify(exact)}`);
  return i;
};
/** The position of the n-th character (UTF-16) of the first line containing `needle`, plus `delta`. */
function at(needle: string, delta = 0): Position {
  const line = lines.findIndex((l) => l.includes(needle));
  if (line < 0) throw new Error(`no line contains ${JSON.stringify(needle)}`);
  return { line, character: lines[line]!.indexOf(needle) + delta };
}
const range = (line: number, start: number, end: number): Range => ({ start: { line, character: start }, end: { line, character: end } });

let child: ChildProcess;
let connection: MessageConnection;
const published: Published[] = [];
const waiters: { match: (p: Published) => boolean; resolve: (p: Published) => void }[] = [];

/** The first publication that matches, already received or still to come. */
function published1(match: (p: Published) => boolean): Promise<Published> {
  const hit = published.find(match);
  if (hit) return Promise.resolve(hit);
  return new Promise((resolve) => waiters.push({ match, resolve }));
}
const diagnosticsFor = (version: number) => published1((p) => p.uri === uri && p.version === version);
const errorsOf = (p: Published) => p.diagnostics.filter((d) => d.severity === 1).map((d) => ({ code: d.code, range: d.range }));

beforeAll(async () => {
  child = spawn(process.execPath, ['bin/landflow.js', 'lsp', '--stdio'], { cwd: process.cwd(), stdio: ['pipe', 'pipe', 'pipe'] });
  connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  connection.onNotification('textDocument/publishDiagnostics', (p: Published) => {
    published.push(p);
    for (const w of waiters.splice(0)) {
      if (w.match(p)) w.resolve(p);
      else waiters.push(w);
    }
  });
  connection.listen();
  await connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(process.cwd()).href, capabilities: {} });
  await connection.sendNotification('initialized', {});
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
}, 60_000);

afterAll(() => {
  connection?.dispose();
  if (child && child.exitCode === null) child.kill();
});

describe('landflow lsp', () => {
  it('publishes the checker errors at exact UTF-16 ranges, 𠀋 counting two units on its line', async () => {
    const p = await diagnosticsFor(1);
    const formula = lineOf(FORMULA);
    const rule = lineOf(RULE);
    const cite = lineOf(CITE);
    // 6 spaces + "formula: " = 15; "退出面积 * 每亩补偿 * " = 14 → 29.
    // 8 + "rule: " = 14; `退出.退出原因 != "𠀋" 且 ` = 18 UTF-16 units (17 code points) → 32,
    // where a count of code points would say 31.
    expect(errorsOf(p)).toEqual(
      [
        { code: 'E201', range: range(formula, 29, 33) },
        { code: 'E201', range: range(rule, 32, 36) },
        { code: 'C501', range: range(cite, 14, 20) },
      ].sort((a, b) => a.range.start.line - b.range.start.line),
    );
    const e201 = p.diagnostics.find((d) => d.code === 'E201')!;
    expect(e201.source).toBe('landflow');
    expect(e201.message).toContain('未定义的名称');
    expect(p.diagnostics.find((d) => d.code === 'C501')!.message).toContain('弟十条第二项');
  });

  it('checks again after an edit, reading the edit range in UTF-16 after 𠀋, once per pause in typing', async () => {
    const rule = lineOf(RULE);
    const formula = lineOf(FORMULA);
    await connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [
        { range: range(rule, 32, 36), text: '1' },
        { range: range(formula, 26, 33), text: '' },
      ],
    });
    const p = await diagnosticsFor(2);
    expect(errorsOf(p)).toEqual([{ code: 'C501', range: range(lineOf(CITE), 14, 20) }]);
    // Back to the document the other tests read, in two quick edits: typing that pauses less than
    // the debounce is checked once, at its last version.
    await connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 3 },
      contentChanges: [{ text: `${text}#` }],
    });
    await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 4 }, contentChanges: [{ text }] });
    expect(errorsOf(await diagnosticsFor(4))).toHaveLength(3);
    expect(published.filter((q) => q.uri === uri).map((q) => q.version)).toEqual([1, 2, 4]);
  });

  it('hover on 流转费 in the compensation gives its label, unit, cite and the article text', async () => {
    const pos = at('(流转费 + 地力补贴)', 2);
    const h = await connection.sendRequest<{ contents: { kind: string; value: string }; range: Range }>('textDocument/hover', {
      textDocument: { uri },
      position: pos,
    });
    expect(h.contents.kind).toBe('markdown');
    expect(h.contents.value).toContain('当地当年农村土地流转费用');
    expect(h.contents.value).toContain('元/亩/年');
    expect(h.contents.value).toContain('第十条第二项');
    expect(h.contents.value).toContain('market.rentPerMuYear');
    expect(h.contents.value).toContain('两者相加后以30年计算');
    const start = at('(流转费 + 地力补贴)', 1);
    expect(h.range).toEqual(range(start.line, start.character, start.character + 3));
  });

  it('hover on a case field path names its label, key and type', async () => {
    const h = await connection.sendRequest<{ contents: { value: string } }>('textDocument/hover', {
      textDocument: { uri },
      position: at('when: 退出.支付方 == "group"', 10),
    });
    expect(h.contents.value).toContain('退出.支付方');
    expect(h.contents.value).toContain('exit.payer');
    expect(h.contents.value).toContain('group（组集体）');
  });

  it('definition from a use of 补偿年限 goes to its key under parameters', async () => {
    const loc = await connection.sendRequest<{ uri: string; range: Range }>('textDocument/definition', {
      textDocument: { uri },
      position: at('* 补偿年限', 3),
    });
    expect(loc.uri).toBe(uri);
    expect(loc.range).toEqual(range(lineOf('  补偿年限:'), 2, 6));
  });

  it('definition from cite: 第十条第二项 goes to 第十条 under articles', async () => {
    const loc = await connection.sendRequest<{ uri: string; range: Range }>('textDocument/definition', {
      textDocument: { uri },
      position: at('cite: 第十条第二项', 8),
    });
    const article = lines.findIndex((l) => l.startsWith('  第十条:'));
    expect(loc.range).toEqual(range(article, 2, 5));
  });

  it('completion inside a formula offers the parameters 流转费 and 地力补贴, replacing the partial word', async () => {
    const pos = at('退出面积 * 每亩补偿', 7);
    const items = await connection.sendRequest<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: pos });
    const labels = items.map((i) => i.label);
    expect(labels).toEqual(expect.arrayContaining(['流转费', '地力补贴', '退出面积', '每亩补偿', '退出地块', 'sum']));
    expect(items.find((i) => i.label === '流转费')!.textEdit!.range).toEqual(range(pos.line, pos.character, pos.character));
  });

  it('completion after cite: offers the article keys, after kind: the step kinds', async () => {
    const cite = await connection.sendRequest<CompletionItem[]>('textDocument/completion', {
      textDocument: { uri },
      position: at('cite: 第十一条', 6),
    });
    expect(cite.map((i) => i.label)).toEqual(expect.arrayContaining(['第十条', '附件5', '村民委员会组织法第二十八条']));
    const kind = await connection.sendRequest<CompletionItem[]>('textDocument/completion', {
      textDocument: { uri },
      position: at('kind: writtenNotice', 6),
    });
    expect(kind.map((i) => i.label)).toEqual(expect.arrayContaining(['writtenNotice', 'publicNotice', 'vote', 'reentry']));
  });

  it('rename 补偿年限 → 补偿计算年限 edits every occurrence in the file', async () => {
    const edit = await connection.sendRequest<{ changes: Record<string, { range: Range; newText: string }[]> }>('textDocument/rename', {
      textDocument: { uri },
      position: at('* 补偿年限', 3),
      newName: '补偿计算年限',
    });
    const expected: Range[] = [];
    lines.forEach((l, line) => {
      for (const m of l.matchAll(/(?<![\u4e00-\u9fff])补偿年限(?![\u4e00-\u9fff])/g)) expected.push(range(line, m.index!, m.index! + 4));
    });
    expect(expected.length).toBeGreaterThanOrEqual(2);
    const edits = edit.changes[uri]!;
    expect(edits.every((e) => e.newText === '补偿计算年限')).toBe(true);
    expect(edits.map((e) => e.range)).toEqual(expected);
  });

  it('rename onto an existing name or an invalid name is refused with a ResponseError', async () => {
    for (const newName of ['流转费', '每亩补偿', '面积', '1年限', '且']) {
      const r = connection.sendRequest('textDocument/rename', { textDocument: { uri }, position: at('* 补偿年限', 3), newName });
      await expect(r, newName).rejects.toBeInstanceOf(ResponseError);
    }
  });

  it('a text that is not YAML, and one over the size limit, get a diagnostic each and the server keeps answering', async () => {
    const broken = pathToFileURL(path.resolve('policies/broken.yaml')).href;
    const large = pathToFileURL(path.resolve('policies/large.yaml')).href;
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: broken, languageId: 'yaml', version: 1, text: 'landflow: 1\nmeta: [unclosed\n  id: 𠀋\n' },
    });
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: large, languageId: 'yaml', version: 1, text: `# ${'甲'.repeat(100_000)}\n` },
    });
    const [b, l] = await Promise.all([published1((p) => p.uri === broken), published1((p) => p.uri === large)]);
    expect(b.diagnostics.map((d) => d.code)).toContain('Y001');
    expect(l.diagnostics).toHaveLength(1);
    expect(l.diagnostics[0]!.message).toContain('policy file too large');
    expect(
      await connection.sendRequest('textDocument/hover', { textDocument: { uri: broken }, position: { line: 2, character: 6 } }),
    ).toBeNull();
    const refused = connection.sendRequest('textDocument/rename', {
      textDocument: { uri: broken },
      position: { line: 1, character: 1 },
      newName: '新名',
    });
    await expect(refused).rejects.toBeInstanceOf(ResponseError);
    // The policy document is still served.
    const h = await connection.sendRequest<{ contents: { value: string } }>('textDocument/hover', {
      textDocument: { uri },
      position: at('* 补偿年限', 3),
    });
    expect(h.contents.value).toContain('30 年');
  });

  it('ends with exit code 0 after shutdown and exit', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    expect(await exited).toBe(0);
  });
});

describe('landflow lsp on the command line', () => {
  it('--help says what it serves, Chinese first; a stray argument or option is bad usage (exit 2)', async () => {
    const help = await runMain(['lsp', '--help'], { cwd: process.cwd() });
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^landflow lsp — 政策文件的语言服务器/);
    expect(help.out).toContain('docs/editors.md');
    expect((await runMain(['lsp', 'policies/qinzhou.yaml'], { cwd: process.cwd() })).code).toBe(2);
    const bad = await runMain(['lsp', '--stdi'], { cwd: process.cwd() });
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--stdio');
  });
});
