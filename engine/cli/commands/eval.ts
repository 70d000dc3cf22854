// `landflow eval`: one case through one policy, printed as JSON.
import { msg } from '../../../dsl/message.ts';
import { resolve } from 'node:path';
import { dateOption, EXIT_OK, UsageError, parseCommandArgs, type CliIO, type Command } from '../command.ts';
import { formatText, printDiagnostics, validateCase } from '../../../dsl/index.ts';
import type { CaseData, ProcedureKind } from '../../../dsl/case-model.ts';
import { compilePolicy, evaluate, EvaluateError } from '../../evaluate/index.ts';
import { loadPolicyFile, readCaseFile } from '../../policies/load.ts';
import { invalidCaseFile } from '../../cases/errors.ts';

const help = `landflow eval — 按政策计算一个案件：是否符合条件、未满足的规则、补偿金额（含大写）、表决结果、计算过程
Evaluate one case under one policy: eligibility, failed rules, compensation (with 大写), the vote
if the case carries one, and the trace of every step with its article.

用法 Usage:
  landflow eval POLICY.yaml --procedure exit|transfer [--mode MODE] --case CASE.json [--at YYYY-MM-DD]

选项 Options:
  --procedure P   exit（退出）或 or transfer（转让）
  --mode M        退出方式 the exit mode (permanent | currentTerm | custody …, as the policy declares);
                  默认取案件的 exit.mode by default the case's exit.mode
  --case FILE     案件 JSON 文件 the case file (domain.md §8; e.g. examples/household-qinzhou.json)
  --at DATE       评估日期 the date of the evaluation (checked against the policy's effective dates)

输出 Output (JSON):
  {policy, procedure, mode, eligible, failed: [{rule, label, cite, message}], warnings,
   compensation: {amount "53333.25", words "伍万叁仟叁佰叁拾叁元贰角伍分", unit "元", perMu?},
   vote?: {passed, decidedBy, cite, detail}, notes: [{code, args}], trace: [{step, cite, expr, value}]}
  notes 为消息数据 are messages as data (dsl/messages.ts; docs/ui-language.md)

退出码 Exit: 0 已计算（不符合条件也是答案）evaluated (ineligible is an answer, not an error);
  2 用法错误、文件无法读取、政策有错误或案件无效（给出字段的 JSON 路径）bad usage, unreadable file,
  a policy with errors, or an invalid case (with the JSON path of the bad field).

示例 Example:
  landflow eval policies/qinzhou.yaml --procedure exit --case examples/household-qinzhou.json
`;

export const command: Command = {
  name: 'eval',
  help,
  run: async (argv: string[], io: CliIO) => {
    const { values, positionals } = parseCommandArgs(argv, {
      procedure: { type: 'string' },
      mode: { type: 'string' },
      case: { type: 'string' },
      at: { type: 'string' },
    });
    if (positionals.length !== 1)
      throw new UsageError(msg('cli.giveOnePolicy', { usage: 'landflow eval POLICY --procedure exit --case CASE.json' }));
    const procedure = values.procedure as string | undefined;
    if (procedure !== 'exit' && procedure !== 'transfer') throw new UsageError(msg('cli.procedure'));
    const caseFile = values.case as string | undefined;
    if (!caseFile) throw new UsageError(msg('cli.missing', { option: '--case', usage: '--case CASE.json' }));
    const at = dateOption('--at', values.at);

    const file = positionals[0]!;
    const loaded = loadPolicyFile(resolve(io.cwd, file), { display: file, reads: 'checkWithoutRunning' });
    if (loaded.unreadable) throw new UsageError(loaded.unreadable);
    if (!loaded.policy) {
      for (const p of printDiagnostics(loaded.diagnostics, loaded.source)) if (p.severity === 'error') io.stderr(formatText(p) + '\n');
      throw new UsageError(msg('cli.policyErrors.eval', { file }));
    }

    const read = readCaseFile(resolve(io.cwd, caseFile));
    if ('error' in read) throw new UsageError(msg('at.problem', { where: caseFile, problem: read.error }));
    const data = read.data;
    const invalid = validateCase(data);
    if (invalid.length) throw new UsageError(invalidCaseFile(caseFile, invalid));
    const kase = data as CaseData;
    if (!kase[procedure as ProcedureKind]) throw new UsageError(msg('cli.caseNoSection', { file: caseFile, procedure }));

    try {
      const compiled = loaded.compiled ?? compilePolicy(loaded.policy);
      const result = evaluate(compiled, {
        procedure,
        kase,
        ...(values.mode ? { mode: values.mode as string } : {}),
        ...(at ? { at } : {}),
      });
      io.stdout(JSON.stringify(result, null, 2) + '\n');
      return EXIT_OK;
    } catch (e) {
      if (e instanceof EvaluateError)
        throw new UsageError(
          e.pointer ? msg('at.problem', { where: `${caseFile}: ${e.pointer}`, problem: e.text ?? e.message }) : (e.text ?? e.message),
        );
      throw e;
    }
  },
};
