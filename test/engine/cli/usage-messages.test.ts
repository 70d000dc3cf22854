// The command line's usage and argument errors are messages as data (dsl/phrases/cli.ts): each
// kind, reached in process through its command's own door, carries its code and arguments, reads
// as a Chinese and an English sentence, and is printed by main() as its both-language line with
// exit 2. One row per kind of refusal.
import { describe, expect, it } from 'vitest';
import type { Message } from '../../../dsl/message.ts';
import { render, renderBoth } from '../../../dsl/messages.ts';
import { UsageError, type CliIO, type Command } from '../../../engine/cli/command.ts';
import { runMain } from '../../helpers/cli.ts';

const cwd = process.cwd();
const CJK = /[\u4e00-\u9fff]/;

interface Row {
  argv: string[];
  text: Message;
  zh: string;
  en: string;
  /** The printed line, where users and scripts know it. */
  line?: string;
}

const m = (code: string, args?: Message['args']): Message => (args ? { code, args } : { code });

const ROWS: Row[] = [
  {
    argv: ['deadline', '--formt', 'json', '--start', '2025-01-01', '--period', '3 日'],
    text: m('cli.unknownOption', { option: '--formt', hint: m('hint.didYouMean', { name: '--format' }) }),
    zh: '未知选项「--formt」，是否想写「--format」？',
    en: 'unknown option "--formt"; did you mean "--format"?',
    line: '未知选项「--formt」，是否想写「--format」？ / unknown option "--formt"; did you mean "--format"?',
  },
  {
    argv: ['deadline', '--start'],
    text: m('cli.optionNeedsValue', { option: '--start' }),
    zh: '选项 --start 缺少取值',
    en: 'option --start needs a value',
    line: '选项 --start 缺少取值 / option --start needs a value',
  },
  {
    argv: ['deadline', '--start', '2025-01-01', '--period', '3 日', '--override', 'x'],
    text: m('calendar.overrideNeedsCite'),
    zh: '另行计算须写明规则和依据（民法典第二百零四条）',
    en: 'an override needs a rule and a cite (民法典第二百零四条)',
  },
  {
    argv: ['deadline', '--batch', '--start', '2025-01-01'],
    text: m('cli.batchAlone'),
    zh: '--batch 不与 --start/--period 同用',
    en: '--batch reads its jobs from stdin, without --start/--period',
  },
  {
    argv: ['deadline', '--format', 'xml'],
    text: m('cli.optionOneOf', { option: '--format', allowed: 'text | json', got: 'xml' }),
    zh: '--format 应为 text | json 之一：xml',
    en: '--format must be one of text | json: xml',
  },
  {
    argv: ['deadline', '--start', '2026-02-30', '--period', '3 日'],
    text: m('calendar.badDate', { what: m('calendar.what.start'), value: '"2026-02-30"' }),
    zh: '起算日不是有效日期："2026-02-30"（应为 YYYY-MM-DD）',
    en: 'start is not a valid date: "2026-02-30" (expected YYYY-MM-DD)',
  },
  {
    argv: ['check'],
    text: m('cli.givePolicyFiles', { usage: 'landflow check FILE...' }),
    zh: '请给出政策文件：landflow check FILE...',
    en: 'give at least one policy file: landflow check FILE...',
  },
  {
    argv: ['check', '--format', 'xml', 'a.yaml'],
    text: m('cli.optionOneOf', { option: '--format', allowed: 'text | json', got: 'xml' }),
    zh: '--format 应为 text | json 之一：xml',
    en: '--format must be one of text | json: xml',
    line: '--format 应为 must be one of text | json: xml',
  },
  {
    argv: ['diff', 'a.yaml'],
    text: m('cli.giveTwoPolicies', { usage: 'landflow diff OLD.yaml NEW.yaml' }),
    zh: '请给出两个政策文件：landflow diff OLD.yaml NEW.yaml',
    en: 'give two policy files: landflow diff OLD.yaml NEW.yaml',
  },
  {
    argv: ['eval', 'policies/qinzhou.yaml', '--procedure', 'rent', '--case', 'x.json'],
    text: m('cli.procedure'),
    zh: '--procedure 应为 exit 或 transfer',
    en: '--procedure must be exit or transfer',
    line: '--procedure 应为 must be exit 或 or transfer',
  },
  {
    argv: ['compare', 'policies/qinzhou.yaml', '--procedure', 'rent'],
    text: m('cli.procedure', { got: 'rent' }),
    zh: '--procedure 应为 exit 或 transfer：rent',
    en: '--procedure must be exit or transfer: rent',
  },
  {
    argv: ['eval', 'policies/qinzhou.yaml', '--procedure', 'exit', '--case', 'x.json', '--at', '2026-1-1'],
    text: m('calendar.badDate', { what: '--at', value: '"2026-1-1"' }),
    zh: '--at不是有效日期："2026-1-1"（应为 YYYY-MM-DD）',
    en: '--at is not a valid date: "2026-1-1" (expected YYYY-MM-DD)',
    line: '--at 不是有效日期 is not a valid date: "2026-1-1" (应为 expected YYYY-MM-DD)',
  },
  {
    // A day no calendar has is no date either, whichever command is asked (engine/cli/command.ts dateOption).
    argv: ['compare', 'policies/qinzhou.yaml', '--start', '2026-02-30'],
    text: m('calendar.badDate', { what: '--start', value: '"2026-02-30"' }),
    zh: '--start不是有效日期："2026-02-30"（应为 YYYY-MM-DD）',
    en: '--start is not a valid date: "2026-02-30" (expected YYYY-MM-DD)',
  },
  {
    argv: ['eval', 'policies/qinzhou.yaml', '--procedure', 'exit'],
    text: m('cli.missing', { option: '--case', usage: '--case CASE.json' }),
    zh: '缺少 --case CASE.json',
    en: 'missing --case CASE.json',
    line: '缺少 --case missing --case CASE.json',
  },
  {
    argv: ['compare', 'policies/qinzhou.yaml', '--format', 'xlsx'],
    text: m('cli.xlsxNeedsOut'),
    zh: '--format xlsx 需要 --out FILE.xlsx（工作簿不输出到终端）',
    en: '--format xlsx needs --out FILE.xlsx (a workbook is not for the terminal)',
  },
  {
    argv: ['simulate', '--population', 'p.yaml', '--policies', 'policies/qinzhou.yaml', '--n', '0'],
    text: m('population.wholeNumber', { field: '--n', max: expect.any(Number) as unknown as number, value: '0' }),
    zh: expect.stringMatching(/^--n 应为 1 至 \d+ 的整数：0$/) as unknown as string,
    en: expect.stringMatching(/^--n must be a whole number from 1 to \d+: 0$/) as unknown as string,
  },
  {
    argv: ['render'],
    text: m('cli.usage', { usage: 'landflow render POLICY.yaml FORM --case CASE.json [--pdf OUT.pdf]' }),
    zh: '用法：landflow render POLICY.yaml FORM --case CASE.json [--pdf OUT.pdf]',
    en: 'usage: landflow render POLICY.yaml FORM --case CASE.json [--pdf OUT.pdf]',
  },
  {
    argv: ['calendar', '--year', '26'],
    text: m('cli.fourDigitYear', { got: '26' }),
    zh: '--year 应为四位年份：26',
    en: '--year must be a four-digit year: 26',
  },
  {
    argv: ['new', 'Bad_Id', '--from', 'qinzhou'],
    text: m('cli.regionId', { got: 'Bad_Id' }),
    zh: '地区编号应为小写字母开头的字母、数字或连字符：Bad_Id',
    en: 'a region id is a-z, 0-9 and -, starting with a letter: Bad_Id',
  },
  {
    // A command that takes no positional argument says it as every other (engine/cli/command.ts).
    argv: ['deadline', 'extra'],
    text: m('cli.unexpectedArgument', { arg: 'extra' }),
    zh: '多余参数：extra',
    en: 'unexpected argument: extra',
    line: '多余参数 unexpected argument: extra',
  },
  {
    argv: ['serve', 'extra', 'more'],
    text: m('cli.unexpectedArgument', { arg: 'extra more' }),
    zh: '多余参数：extra more',
    en: 'unexpected argument: extra more',
  },
  {
    argv: ['serve', '--port', '70000'],
    text: m('cli.port', { source: '--port', got: '70000' }),
    zh: '--port 应为 0–65535 的端口号：70000',
    en: '--port must be a port 0–65535: 70000',
  },
  {
    argv: ['user'],
    text: m('cli.missingSubcommand', { expected: 'add | list | disable | enable | passwd | unlock' }),
    zh: '缺少子命令：add | list | disable | enable | passwd | unlock',
    en: 'missing sub-command: add | list | disable | enable | passwd | unlock',
  },
  {
    argv: ['case', 'delete'],
    text: m('cli.unknownSubcommand', { sub: 'delete', expected: 'open | send | show | list' }),
    zh: '未知子命令：delete（应为 open | send | show | list）',
    en: 'unknown sub-command: delete (expected: open | send | show | list)',
  },
  {
    argv: ['case', 'send', 'C1', 'x', '--payload', '{}', '--payload-file', 'p.json'],
    text: m('cli.onePayload'),
    zh: '--payload 与 --payload-file 只能给一个',
    en: 'give one of --payload and --payload-file',
  },
  {
    argv: ['audit', 'verify', 'extra'],
    text: m('cli.unexpectedArgument', { arg: 'extra' }),
    zh: '多余参数：extra',
    en: 'unexpected argument: extra',
  },
  {
    argv: ['backup', '--restore', 'in.db', '--force'],
    text: m('cli.forceOnlyBackup'),
    zh: '--force 只用于备份',
    en: '--force applies to backup, not --restore',
  },
];

async function refusal(argv: string[]): Promise<UsageError> {
  const [name, ...rest] = argv;
  const { command } = (await import(`../../../engine/cli/commands/${name}.ts`)) as { command: Command };
  const io: CliIO = { stdout: () => {}, stderr: () => {}, readStdin: async function* () {}, cwd, env: {} };
  const e = await command.run(rest, io).then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e, argv.join(' ')).toBeInstanceOf(UsageError);
  return e as UsageError;
}

describe('the command line says its usage errors as messages', () => {
  it.each(ROWS)('landflow $argv', async (row) => {
    const e = await refusal(row.argv);
    expect(e.text).toEqual(row.text);
    expect(render(e.text!, 'zh')).toEqual(row.zh);
    expect(render(e.text!, 'en')).toEqual(row.en);
    // English is English: Chinese only inside what is quoted as written.
    expect(render(e.text!, 'en').replace('民法典第二百零四条', '')).not.toMatch(CJK);
    const line = renderBoth(e.text!);
    if (row.line) expect(line).toBe(row.line);
    const r = await runMain(row.argv, { cwd });
    expect([r.code, r.err]).toEqual([2, `landflow ${row.argv[0]}: ${line}\n`]);
  });
});
