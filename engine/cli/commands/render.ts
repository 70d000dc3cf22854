// `landflow render`: one form of a case as print-ready A4 HTML (stdout) or PDF.
import { msg } from '../../../dsl/message.ts';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { dateOption, EXIT_OK, UsageError, parseCommandArgs, type CliIO, type Command } from '../command.ts';
import { formatText, printDiagnostics, validateCase } from '../../../dsl/index.ts';
import type { CaseData } from '../../../dsl/case-model.ts';
import { readCaseFile, loadPolicyFile } from '../../policies/load.ts';
import { renderCaseDocument } from '../../documents/case-document.ts';
import { DocumentError, renderPdf } from '../../documents/index.ts';
import { EvaluateError } from '../../evaluate/index.ts';
import { invalidCaseFile } from '../../cases/errors.ts';

const help = `landflow render — 由案件填写政策的表单（转让合同、申请表、公示、退出申请书、退出合同…），输出可打印的 A4 HTML 或 PDF
Fill one of a policy's forms from a case: print-ready A4 HTML on stdout, or a PDF file.

用法 Usage:
  landflow render POLICY.yaml FORM --case CASE.json [--pdf OUT.pdf] [--out OUT.html]
                  [--contract-number YEAR:SEQ] [--date YYYY-MM-DD] [--mode MODE]

参数 Arguments:
  POLICY.yaml   政策文件 the policy file
  FORM          表单编号 the form id as the policy declares it, e.g. 退出合同, 转让申请表

选项 Options:
  --case FILE             案件 JSON the case file (shared case format)
  --pdf OUT.pdf           输出 PDF（需要 chromium）write a PDF (needs Debian's chromium and fonts-noto-cjk)
  --out OUT.html          写入 HTML 文件而非标准输出 write the HTML to a file instead of stdout
  --contract-number Y:N   合同编号，如 2026:1 → 退出（2026）第 001 号 (numbers are allocated by cases; blank otherwise)
  --date YYYY-MM-DD       签订日期 the date printed on the form (blank otherwise)
  --mode MODE             退出方式 the exit mode (default: the case's exit.mode)

金额来自引擎的十进制结果，模板不重新计算。Amounts come from the engine's decimal results; templates never compute money.

示例 Example:
  landflow render policies/qinzhou.yaml 退出合同 --case examples/household-qinzhou.json --pdf 退出合同.pdf
`;

function parseContractNumber(text: string | undefined): { year: number; seq: number } | undefined {
  if (text === undefined) return undefined;
  const m = /^(\d{4}):(\d{1,6})$/.exec(text);
  if (!m) throw new UsageError(msg('cli.contractNumber', { got: text }));
  return { year: Number(m[1]), seq: Number(m[2]) };
}

export const command: Command = {
  name: 'render',
  help,
  run: async (argv: string[], io: CliIO) => {
    const { values, positionals } = parseCommandArgs(argv, {
      case: { type: 'string' },
      pdf: { type: 'string' },
      out: { type: 'string' },
      'contract-number': { type: 'string' },
      date: { type: 'string' },
      mode: { type: 'string' },
    });
    if (positionals.length !== 2)
      throw new UsageError(msg('cli.usage', { usage: 'landflow render POLICY.yaml FORM --case CASE.json [--pdf OUT.pdf]' }));
    const [file, formId] = positionals as [string, string];
    const caseFile = values.case as string | undefined;
    if (!caseFile) throw new UsageError(msg('cli.missing', { option: '--case', usage: '--case CASE.json' }));
    const date = dateOption('--date', values.date);
    const contractNumber = parseContractNumber(values['contract-number'] as string | undefined);

    const policyFile = resolve(io.cwd, file);
    const loaded = loadPolicyFile(policyFile, { display: file, reads: 'checkWithoutRunning' });
    if (loaded.unreadable) throw new UsageError(loaded.unreadable);
    if (!loaded.policy) {
      for (const p of [...printDiagnostics(loaded.diagnostics, loaded.source), ...loaded.templateDiagnostics])
        if (p.severity === 'error') io.stderr(formatText(p) + '\n');
      throw new UsageError(msg('cli.policyErrors.render', { file }));
    }
    const read = readCaseFile(resolve(io.cwd, caseFile));
    if ('error' in read) throw new UsageError(msg('at.problem', { where: caseFile, problem: read.error }));
    const invalid = validateCase(read.data);
    if (invalid.length) throw new UsageError(invalidCaseFile(caseFile, invalid));

    let html: string;
    try {
      ({ html } = renderCaseDocument({
        policy: loaded.policy,
        templates: loaded.templates,
        ...(loaded.compiled ? { compiled: loaded.compiled } : {}),
        formId,
        kase: read.data as CaseData,
        ...(values.mode ? { mode: values.mode as string } : {}),
        ...(contractNumber ? { contractNumber } : {}),
        ...(date ? { date } : {}),
      }));
    } catch (e) {
      if (e instanceof DocumentError || e instanceof EvaluateError) throw new UsageError(e.text ?? e.message);
      throw e;
    }

    if (values.out) writeFileSync(resolve(io.cwd, values.out as string), html);
    if (values.pdf) {
      try {
        await renderPdf(html, resolve(io.cwd, values.pdf as string));
      } catch (e) {
        // The renderer says what failed (engine/documents/pdf.ts), in the words the server's PDF routes use.
        if (e instanceof DocumentError) throw new UsageError(e.text ?? e.message, 1);
        throw new UsageError(msg('pdf.failed', { detail: String((e as Error)?.message ?? e).split('\n')[0] }), 1);
      }
      io.stderr(`已写入 wrote ${values.pdf}\n`);
    } else if (!values.out) {
      io.stdout(html);
    }
    return EXIT_OK;
  },
};
