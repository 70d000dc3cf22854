// `landflow check`: a policy file checked like a compiler checks a program.
import { msg } from '../../../dsl/message.ts';
import { renderBoth } from '../../../dsl/messages.ts';
import { resolve } from 'node:path';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError, parseCommandArgs, type CliIO, type Command } from '../command.ts';
import { readTextOrJson } from '../format-option.ts';
import { formatText, printDiagnostics, type PrintedDiagnostic } from '../../../dsl/index.ts';
import { loadPolicyFile } from '../../policies/load.ts';

const help = `landflow check — 检查政策文件（YAML 语法、结构、名称、类型与单位、引用、程序、国家法律、一致性、示例）
Check policy files: YAML syntax, schema, names, types and units, citations, procedures, national
law, internal consistency, and the examples' expected values.

用法 Usage:
  landflow check FILE... [--format text|json] [--no-examples]

选项 Options:
  --format FMT     text（默认 default）：每条一行 one line each: file:line:column: severity code message
                   json：数组 an array of {file, line, column, endLine, endColumn, severity, code, message, text,
                   cite, related?: [{line, column, endLine, endColumn, message, text}]}; message 为中英文
                   both languages, text 为消息数据 the message as data ({code, args} or {zh, en})
                   相关位置（如覆盖检查中不成立的 when:）在文本中缩进列于其下 related places (e.g. the when:
                   that fails in a coverage finding) follow their finding, indented, in text
  --no-examples    不运行示例 do not run the examples (their expected values are not checked)

诊断代码 Diagnostic codes:
  Y0xx YAML 语法 syntax · S0xx 结构 schema (unknown key, wrong type, missing key) · N4xx 名称 names ·
  U45x 类型与单位 types and units · C5xx 引用条文 citations · P6xx 参数、程序、步骤、文书 parameters,
  procedures, steps, forms · L7xx 国家法律 national law (可在 waivers: 中书面豁免 waivable in writing) ·
  K8xx 一致性 consistency · X9xx 示例 examples · E1xx–E4xx 表达式 expressions ·
  TPL0xx 表单模板 form templates (reported at the template's own file:line:column).
  模板只能是政策目录 templates/ 下的 .hbs 文件或内置模板编号，示例案件只能在 examples/ 或 ../examples/ 下
  templates are .hbs files under the policy folder's templates/ or bundled ids (generic/退出合同);
  example cases are files under examples/ or ../examples/ — anything else is refused unread (P627, X910).
  行、列从 1 开始，指向出错的词 lines and columns are 1-based and point at the offending token.

退出码 Exit: 0 无错误（可有警告）no errors (warnings allowed); 1 有错误 errors found;
  2 文件无法读取或用法错误 a file cannot be read, or bad usage.

示例 Examples:
  landflow check policies/*.yaml
  landflow check policies/qinzhou.yaml --format json
`;

export const command: Command = {
  name: 'check',
  help,
  run: async (argv: string[], io: CliIO) => {
    const { values, positionals } = parseCommandArgs(argv, {
      format: { type: 'string', default: 'text' },
      'no-examples': { type: 'boolean', default: false },
    });
    const format = readTextOrJson(values.format as string);
    if (positionals.length === 0) throw new UsageError(msg('cli.givePolicyFiles', { usage: 'landflow check FILE...' }));

    const all: PrintedDiagnostic[] = [];
    let unreadable = 0;
    let errors = 0;
    let warnings = 0;
    for (const file of positionals) {
      const loaded = loadPolicyFile(resolve(io.cwd, file), {
        display: file,
        reads: values['no-examples'] ? 'checkWithoutRunning' : 'check',
      });
      if (loaded.unreadable) {
        io.stderr(`landflow check: ${renderBoth(loaded.unreadable)}\n`);
        unreadable++;
        continue;
      }
      // Each finding with the other places it names (a coverage gap's failing `when:`s, the first of two duplicates).
      const printed = [...printDiagnostics(loaded.diagnostics, loaded.source), ...loaded.templateDiagnostics];
      for (const p of printed) {
        if (p.severity === 'error') errors++;
        else if (p.severity === 'warning') warnings++;
      }
      all.push(...printed);
      if (format === 'text') {
        for (const p of printed) {
          io.stdout(formatText(p) + '\n');
          for (const r of p.related ?? []) io.stdout(`  ${p.file}:${r.line}:${r.column}: 相关 related: ${r.message}\n`);
        }
      }
    }
    if (format === 'json') io.stdout(JSON.stringify(all, null, 2) + '\n');
    else {
      // An unreadable file is an error of the run: a summary of "0 errors" would read as a pass.
      const n = positionals.length;
      const e = errors + unreadable;
      const unreadZh = unreadable ? `（其中 ${unreadable} 个文件无法读取）` : '';
      const unreadEn = unreadable ? ` (${unreadable} file${unreadable === 1 ? '' : 's'} unreadable)` : '';
      io.stdout(
        `检查 ${n} 个文件：${e} 个错误${unreadZh}，${warnings} 个警告 / checked ${n} file${n === 1 ? '' : 's'}: ${e} error${e === 1 ? '' : 's'}${unreadEn}, ${warnings} warning${warnings === 1 ? '' : 's'}\n`,
      );
    }
    if (unreadable) return EXIT_USAGE;
    return errors > 0 ? EXIT_FINDINGS : EXIT_OK;
  },
};
