// `landflow lsp`: the language server for policy files, on standard input and output. The server
// itself is engine/lsp/server.ts; this file only connects it to the process's streams.
import { parseCommandArgs, type CliIO, type Command } from '../command.ts';

const help = `landflow lsp — 政策文件的语言服务器（LSP，经标准输入输出）
A language server for policy files (LSP over standard input and output): the same diagnostics as
\`landflow check\` as you type, hover, go to definition, completion and renaming of parameters.

用法 Usage:
  landflow lsp [--stdio]

选项 Options:
  --stdio    经标准输入输出通信（默认，也是唯一方式）talk over stdin/stdout (the default and only transport)

编辑器 Editors: VS Code 扩展见 editors/vscode/，Neovim 配置见 docs/editors.md
  the VS Code extension is in editors/vscode/, the Neovim setup in docs/editors.md.

功能 Features:
  诊断 diagnostics   与 landflow check 相同（含模板与示例），停止输入 200 毫秒后检查
                     the same as landflow check (templates and examples included), 200 ms after typing stops
  悬停 hover          参数、中间量、案件字段、函数、引用条文、步骤 parameters, lets, case fields, functions, cites, steps
  定义 definition     名称 → 参数或中间量的键；引用 → articles 中的条文；步骤 → 其 id
                     name → the parameter's or let's key; cite → the article; step → its id
  补全 completion     表达式中的名称、单位；cite、kind、after、from、period 的取值
                     names and units in expressions; values of cite, kind, after, from, period
  重命名 rename       参数（键、每个表达式中的使用、period 与 periods）
                     a parameter (its key, every use in expressions, period and periods)

退出 Exit: 客户端发出 shutdown 与 exit 后以 0 退出；输入流关闭而未 shutdown 时以 1 退出
  0 after the client's shutdown and exit; 1 when the input closes without a shutdown.
`;

export const command: Command = {
  name: 'lsp',
  help,
  run: async (argv: string[], io: CliIO) => {
    // Editors' clients add --stdio, and --clientProcessId to end the server with the editor.
    parseCommandArgs(argv, { stdio: { type: 'boolean' }, clientProcessId: { type: 'string' } }, false);
    const { serveStdio } = await import('../../lsp/stdio.ts');
    return serveStdio(io.cwd);
  },
};
