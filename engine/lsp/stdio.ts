// The language server on this process's standard input and output. Standard output carries the
// protocol, so nothing else may write there: console output goes to the client's log instead.
// vscode-languageserver ends the process itself: 0 after shutdown and exit, 1 when the input closes
// without a shutdown (or the editor's process, --clientProcessId, is gone).
import { createConnection } from 'vscode-languageserver/node.js';
import { startLanguageServer } from './server.ts';

export function serveStdio(cwd: string): Promise<number> {
  const connection = createConnection(process.stdin, process.stdout);
  const toLog = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
  console.log = toLog;
  console.info = toLog;
  console.debug = toLog;
  console.warn = (...args: unknown[]) => connection.console.warn(args.map(String).join(' '));
  startLanguageServer(connection, cwd);
  // Settles never: the connection's exit handling ends the process.
  return new Promise<number>(() => {});
}
