// VS Code client for `landflow lsp`: starts the server (by default `npx landflow lsp` in the
// workspace folder) and hands it the YAML files that are landflow policies — those in a policies/
// folder, or whose first line names the policy schema (dsl/policy.schema.json). Other YAML files
// are never sent to it. Install: see docs/editors.md.
'use strict';
const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

/** @type {LanguageClient | undefined} */
let client;

/** @param {vscode.TextDocument} doc */
function isPolicy(doc) {
  if (doc.uri.scheme !== 'file' || doc.languageId !== 'yaml') return false;
  if (/[\\/]policies[\\/][^\\/]+\.ya?ml$/i.test(doc.uri.fsPath)) return true;
  return doc.lineCount > 0 && /\$schema=\S*policy\.schema\.json/.test(doc.lineAt(0).text);
}

/** @param {vscode.ExtensionContext} context */
async function activate(context) {
  const [command, ...args] = vscode.workspace.getConfiguration('landflow').get('lsp.command', ['npx', 'landflow', 'lsp']);
  const cwd = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  // npx is npx.cmd on Windows, which only a shell runs.
  const server = { command, args, transport: TransportKind.stdio, options: { cwd, shell: process.platform === 'win32' } };
  const only = (doc, next, arg) => (isPolicy(doc) ? next(arg) : Promise.resolve());
  client = new LanguageClient(
    'landflow',
    'landflow',
    { run: server, debug: server },
    {
      documentSelector: [{ scheme: 'file', language: 'yaml' }],
      middleware: {
        didOpen: (doc, next) => only(doc, next, doc),
        didChange: (event, next) => only(event.document, next, event),
        didClose: (doc, next) => only(doc, next, doc),
      },
    },
  );
  context.subscriptions.push({ dispose: () => client?.stop() });
  await client.start();
}

function deactivate() {
  return client?.stop();
}

module.exports = { activate, deactivate };
