// `landflow lsp`: the policy checker as a language server. Diagnostics come from the same loader as
// `landflow check` (engine/policies/load.ts loadPolicyText, with the file's own path, so templates
// and example cases resolve exactly as they do for `check`); hover, definition, completion and
// rename come from the pure symbol index (dsl/symbols*.ts), adapted here to LSP. Nothing a policy
// file holds may bring the server down: every handler reports its own failure and goes on.
import { PACKAGE_VERSION } from '../version.ts';
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CompletionItemKind,
  DiagnosticSeverity,
  LSPErrorCodes,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type CompletionItem,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver/node.js';
import { policySymbols, occurrenceAt, definitionOf, type PolicySymbols } from '../../dsl/symbols.ts';
import { describeSymbol } from '../../dsl/symbols-describe.ts';
import { msg } from '../../dsl/message.ts';
import { renderBoth } from '../../dsl/messages.ts';
import { completionsAt, type CompletionKind } from '../../dsl/symbols-complete.ts';
import { renameParameter, renameTargetAt } from '../../dsl/symbols-rename.ts';
import { policySizeProblem } from '../accounts/limits.ts';
import { loadPolicyText } from '../policies/load.ts';
import { rangeOf, SOURCE, toLspDiagnostics } from './diagnostics.ts';

/** How long typing must pause before the file is checked again. */
export const DEBOUNCE_MS = 200;

const COMPLETION_KINDS: Record<CompletionKind, CompletionItemKind> = {
  parameter: CompletionItemKind.Variable,
  let: CompletionItemKind.Variable,
  field: CompletionItemKind.Field,
  function: CompletionItemKind.Function,
  unit: CompletionItemKind.Unit,
  article: CompletionItemKind.Reference,
  stepKind: CompletionItemKind.EnumMember,
  step: CompletionItemKind.Reference,
  path: CompletionItemKind.Field,
};

/**
 * The file a document is: its own path for file: URIs (the policy set is the folder it is in); an
 * unsaved document is checked as if it were a file of that name in the working directory.
 */
export function pathOfUri(uri: string, cwd: string): string {
  if (uri.startsWith('file:')) return fileURLToPath(uri);
  const name = basename(decodeURIComponent(uri.replace(/^[a-z][a-z0-9+.-]*:/i, ''))) || 'untitled.yaml';
  return resolve(cwd, name);
}

export function startLanguageServer(connection: Connection, cwd: string): void {
  const documents = new TextDocuments(TextDocument);
  const timers = new Map<string, NodeJS.Timeout>();
  const indexed = new Map<string, { version: number; symbols?: PolicySymbols }>();
  /** The last index built from text that was YAML: completion goes on while a line is half typed. */
  const lastGood = new Map<string, PolicySymbols>();

  const fail = (what: string, e: unknown) => connection.console.error(`landflow lsp: ${what}: ${(e as Error)?.stack ?? String(e)}`);

  function symbolsOf(doc: TextDocument): PolicySymbols | undefined {
    const hit = indexed.get(doc.uri);
    if (hit?.version === doc.version) return hit.symbols;
    const text = doc.getText();
    let symbols: PolicySymbols | undefined;
    try {
      // The loader refuses an oversized file; the index does not read one either.
      symbols = policySizeProblem(text) ? undefined : policySymbols(text);
    } catch (e) {
      fail('symbols', e);
    }
    indexed.set(doc.uri, { version: doc.version, ...(symbols ? { symbols } : {}) });
    if (symbols) lastGood.set(doc.uri, symbols);
    return symbols;
  }

  function validate(uri: string): void {
    timers.delete(uri);
    const doc = documents.get(uri);
    if (!doc) return;
    let diagnostics;
    try {
      const path = pathOfUri(uri, cwd);
      const loaded = loadPolicyText(doc.getText(), path, { display: path });
      diagnostics = toLspDiagnostics(loaded, doc, loaded.templateDiagnostics.length ? symbolsOf(doc) : undefined);
    } catch (e) {
      fail('check', e);
      diagnostics = [
        {
          range: rangeOf(doc, { start: 0, end: 0 }),
          severity: DiagnosticSeverity.Error,
          source: SOURCE,
          message: renderBoth(msg('detail.checkerFailed', { error: (e as Error)?.message ?? String(e) })),
        },
      ];
    }
    void connection.sendDiagnostics({ uri, version: doc.version, diagnostics });
  }

  function schedule(uri: string): void {
    clearTimeout(timers.get(uri));
    timers.set(
      uri,
      setTimeout(() => validate(uri), DEBOUNCE_MS),
    );
  }

  /** Runs a request handler; a failure is logged and answered with nothing, never thrown on. */
  function guarded<P extends { textDocument: { uri: string } }, R>(
    what: string,
    handler: (doc: TextDocument, params: P) => R,
  ): (params: P) => R | null {
    return (params) => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return null;
      try {
        return handler(doc, params);
      } catch (e) {
        if (e instanceof ResponseError) throw e;
        fail(what, e);
        return null;
      }
    };
  }

  connection.onInitialize((): InitializeResult => ({
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      definitionProvider: true,
      // Not on a space: inside an expression that would open the list after every word.
      completionProvider: { triggerCharacters: ['.', '．', '['] },
      renameProvider: { prepareProvider: true },
    },
    serverInfo: { name: 'landflow', version: PACKAGE_VERSION },
  }));

  documents.onDidOpen((e) => schedule(e.document.uri));
  documents.onDidChangeContent((e) => schedule(e.document.uri));
  documents.onDidClose((e) => {
    clearTimeout(timers.get(e.document.uri));
    timers.delete(e.document.uri);
    indexed.delete(e.document.uri);
    lastGood.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onHover(
    guarded('hover', (doc, { position }) => {
      const s = symbolsOf(doc);
      const o = s && occurrenceAt(s, doc.offsetAt(position));
      const hover = o && describeSymbol(s, o.target);
      return hover ? { contents: { kind: 'markdown' as const, value: renderBoth(hover) }, range: rangeOf(doc, o) } : null;
    }),
  );

  connection.onDefinition(
    guarded('definition', (doc, { position }) => {
      const s = symbolsOf(doc);
      const o = s && occurrenceAt(s, doc.offsetAt(position));
      const at = o && definitionOf(s, o.target);
      return at ? { uri: doc.uri, range: rangeOf(doc, at) } : null;
    }),
  );

  connection.onCompletion(
    guarded('completion', (doc, { position }) => {
      const offset = doc.offsetAt(position);
      const s = symbolsOf(doc) ?? lastGood.get(doc.uri);
      const c = completionsAt(s, doc.getText(), offset);
      if (!c) return null;
      const range = rangeOf(doc, { start: c.from, end: c.to });
      const seen = new Set<string>();
      const items: CompletionItem[] = [];
      for (const i of c.items) {
        if (seen.has(i.label)) continue;
        seen.add(i.label);
        items.push({
          label: i.label,
          kind: COMPLETION_KINDS[i.kind],
          ...(i.detail ? { detail: i.detail } : {}),
          textEdit: { range, newText: i.label },
        });
      }
      return items;
    }),
  );

  const refused = (r: { zh: string; en: string }) => new ResponseError(LSPErrorCodes.RequestFailed, `${r.zh} / ${r.en}`);
  const freshSymbols = (doc: TextDocument) => {
    const s = symbolsOf(doc);
    if (!s) throw refused({ zh: '文件现在不是有效的 YAML，无法重命名', en: 'the file is not valid YAML now: cannot rename' });
    return s;
  };

  connection.onPrepareRename(
    guarded('prepareRename', (doc, { position }) => {
      const t = renameTargetAt(freshSymbols(doc), doc.offsetAt(position));
      if ('refused' in t) throw refused(t.refused);
      return { range: rangeOf(doc, t.span), placeholder: t.name };
    }),
  );

  connection.onRenameRequest(
    guarded('rename', (doc, { position, newName }) => {
      const s = freshSymbols(doc);
      const t = renameTargetAt(s, doc.offsetAt(position));
      if ('refused' in t) throw refused(t.refused);
      const r = renameParameter(s, t.name, newName);
      if ('refused' in r) throw refused(r.refused);
      return { changes: { [doc.uri]: r.edits.map((e) => ({ range: rangeOf(doc, e), newText: r.newName })) } };
    }),
  );

  documents.listen(connection);
  connection.listen();
}
