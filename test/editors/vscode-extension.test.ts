// The VS Code extension (editors/vscode/extension.js) with stand-ins for the editor's own modules
// (`vscode`, `vscode-languageclient/node`, which only VS Code provides): it starts the command of
// its setting in the workspace folder, hands the server only the YAML files that are policies,
// and its default command — `npx landflow lsp`, exactly as configured — serves a policy: the
// language server answers, checks the opened 钦州 file and exits 0 after shutdown.
import { spawn } from 'node:child_process';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = process.cwd();
const EXTENSION = path.join(ROOT, 'editors/vscode/extension.js');
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'editors/vscode/package.json'), 'utf8')) as {
  main: string;
  contributes: { configuration: { properties: Record<string, { default: unknown }> } };
};

interface Doc {
  uri: { scheme: string; fsPath: string };
  languageId: string;
  lineCount: number;
  lineAt(i: number): { text: string };
}
interface Started {
  id: string;
  server: { run: { command: string; args: string[]; transport: unknown; options: { cwd?: string } } };
  client: { documentSelector: unknown; middleware: Record<string, (doc: Doc, next: (d: Doc) => Promise<void>) => Promise<void>> };
}

const STDIO = Symbol('stdio');
const started: Started[] = [];
let stopped = 0;

class LanguageClient {
  constructor(id: string, _name: string, server: Started['server'], client: Started['client']) {
    started.push({ id, server, client });
  }
  async start() {}
  async stop() {
    stopped++;
  }
}

function doc(file: string, firstLine: string, languageId = 'yaml'): Doc {
  return { uri: { scheme: 'file', fsPath: file }, languageId, lineCount: 1, lineAt: () => ({ text: firstLine }) };
}

let extension: { activate(ctx: unknown): Promise<void>; deactivate(): Promise<void> | undefined };
const subscriptions: { dispose(): unknown }[] = [];

beforeAll(async () => {
  const vscode = {
    workspace: {
      getConfiguration: (section: string) => ({
        get: (key: string, fallback: unknown) => (section === 'landflow' && key ? fallback : undefined),
      }),
      workspaceFolders: [{ uri: { fsPath: ROOT } }],
    },
  };
  const fakes: Record<string, unknown> = { vscode, 'vscode-languageclient/node': { LanguageClient, TransportKind: { stdio: STDIO } } };
  const load = (Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown })._load;
  (Module as unknown as { _load: typeof load })._load = function (request: string, ...rest: unknown[]) {
    return request in fakes ? fakes[request] : load.call(this, request, ...rest);
  };
  try {
    extension = createRequire(import.meta.url)(EXTENSION) as typeof extension;
  } finally {
    (Module as unknown as { _load: typeof load })._load = load;
  }
  await extension.activate({ subscriptions });
});

describe('editors/vscode', () => {
  it('is the manifest’s entry point and starts its default command, `npx landflow lsp`, over stdio in the workspace folder', () => {
    expect(path.resolve(ROOT, 'editors/vscode', manifest.main)).toBe(EXTENSION);
    expect(manifest.contributes.configuration.properties['landflow.lsp.command']!.default).toEqual(['npx', 'landflow', 'lsp']);
    expect(started).toHaveLength(1);
    const { id, server } = started[0]!;
    expect(id).toBe('landflow');
    expect([server.run.command, server.run.args, server.run.transport, server.run.options.cwd]).toEqual([
      'npx',
      ['landflow', 'lsp'],
      STDIO,
      ROOT,
    ]);
  });

  it('hands the server the YAML files under policies/ and those naming the policy schema, and no other file', async () => {
    const { middleware } = started[0]!.client;
    const passed: string[] = [];
    const next = async (d: Doc) => void passed.push(d.uri.fsPath);
    const files = [
      doc(path.join(ROOT, 'policies/qinzhou.yaml'), '# yaml-language-server: $schema=../dsl/policy.schema.json'),
      doc('/srv/county/taoyuan.yaml', '# yaml-language-server: $schema=../dsl/policy.schema.json'),
      doc('/srv/app/docker-compose.yml', 'services:'),
      doc(path.join(ROOT, 'policies/notes.md'), '# 说明', 'markdown'),
      {
        ...doc(path.join(ROOT, 'policies/liangping.yaml'), ''),
        uri: { scheme: 'untitled', fsPath: path.join(ROOT, 'policies/liangping.yaml') },
      },
    ];
    for (const hook of ['didOpen', 'didClose'] as const) for (const d of files) await middleware[hook]!(d, next);
    expect(passed).toEqual([files[0]!.uri.fsPath, files[1]!.uri.fsPath, files[0]!.uri.fsPath, files[1]!.uri.fsPath]);
  });

  it('stops the client when VS Code disposes the extension', async () => {
    for (const s of subscriptions) await s.dispose();
    expect(stopped).toBe(1);
  });
});

describe('the default command serves an editor', () => {
  const child = { current: null as ReturnType<typeof spawn> | null };
  afterAll(() => {
    if (child.current && child.current.exitCode === null) child.current.kill();
  });

  it('answers initialize, checks the opened 钦州 policy (no error) and exits 0 after shutdown', { timeout: 60_000 }, async () => {
    const { command, args, options } = started[0]!.server.run;
    const proc = spawn(command, args, { cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    child.current = proc;
    const exited = new Promise<number | null>((resolve) => proc.on('exit', resolve));
    const connection = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    const file = path.join(ROOT, 'policies/qinzhou.yaml');
    const uri = pathToFileURL(file).href;
    const diagnostics = new Promise<{ uri: string; diagnostics: { severity?: number; code?: string }[] }>((resolve) =>
      connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: [] }) => {
        if (p.uri === uri) resolve(p);
      }),
    );
    connection.listen();
    const init = (await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(ROOT).href,
      capabilities: {},
    })) as { capabilities: Record<string, unknown> };
    expect(Object.keys(init.capabilities)).toEqual(
      expect.arrayContaining(['hoverProvider', 'definitionProvider', 'completionProvider', 'renameProvider']),
    );
    await connection.sendNotification('initialized', {});
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'yaml', version: 1, text: readFileSync(file, 'utf8') },
    });
    const p = await diagnostics;
    expect(p.diagnostics.filter((d) => d.severity === 1)).toEqual([]);
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    expect(await exited).toBe(0);
    connection.dispose();
  });
});
