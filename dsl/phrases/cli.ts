// What the command line says when it refuses (engine/cli): a usage or argument error, an input it
// cannot read, a server it cannot start. It prints the line in both languages (`both`, the wording
// its users and scripts know); `zh` and `en` say the same in one language each. Options, file
// names, values, ids and usage lines are arguments: content.
import type { PhraseDef } from '../messages.ts';

export const CLI_PHRASES: readonly PhraseDef[] = [
  // The command and its arguments (main.ts, command.ts)
  {
    code: 'cli.unknownCommand',
    zh: '未知命令：{name}\n运行 landflow --help',
    en: 'unknown command: {name}\nRun: landflow --help',
    both: '未知命令 unknown command: {name}\n运行 Run: landflow --help',
  },
  {
    code: 'cli.internalError',
    zh: '内部错误：{detail}',
    en: 'internal error: {detail}',
    both: '内部错误 internal error: {detail}',
  },
  {
    code: 'cli.unknownOption',
    zh: '未知选项「{option}」{hint}',
    en: 'unknown option "{option}"{hint}',
    both: '未知选项「{option}」{hint.zh} / unknown option "{option}"{hint.en}',
  },
  {
    code: 'cli.optionTakesNoValue',
    zh: '选项 {option} 不带取值',
    en: 'option {option} takes no value',
    both: '选项 {option} 不带取值 / option {option} takes no value',
  },
  {
    code: 'cli.optionNeedsValue',
    zh: '选项 {option} 缺少取值',
    en: 'option {option} needs a value',
    both: '选项 {option} 缺少取值 / option {option} needs a value',
  },
  { code: 'cli.badArguments', zh: '参数错误：{detail}', en: 'bad arguments: {detail}', both: '参数错误 / bad arguments: {detail}' },
  {
    code: 'cli.unknownSubcommand',
    zh: '未知子命令：{sub}（应为 {expected}）',
    en: 'unknown sub-command: {sub} (expected: {expected})',
    both: '未知子命令 unknown sub-command: {sub} (expected: {expected})',
  },
  {
    code: 'cli.missingSubcommand',
    zh: '缺少子命令：{expected}',
    en: 'missing sub-command: {expected}',
    both: '缺少子命令 missing sub-command: {expected}',
  },
  // An argument a command does not take (one, or those left over joined by spaces).
  {
    code: 'cli.unexpectedArgument',
    zh: '多余参数：{arg}',
    en: 'unexpected argument: {arg}',
    both: '多余参数 unexpected argument: {arg}',
  },
  { code: 'cli.usage', zh: '用法：{usage}', en: 'usage: {usage}', both: '用法 usage: {usage}' },
  { code: 'cli.missing', zh: '缺少 {usage}', en: 'missing {usage}', both: '缺少 {option} missing {usage}' },
  {
    code: 'cli.missingFrom',
    zh: '缺少 --from POLICY（如 --from qinzhou）',
    en: 'missing --from POLICY (e.g. --from qinzhou)',
    both: '缺少 --from missing --from POLICY (e.g. --from qinzhou)',
  },
  {
    code: 'cli.optionOneOf',
    zh: '{option} 应为 {allowed} 之一：{got}',
    en: '{option} must be one of {allowed}: {got}',
    both: '{option} 应为 must be one of {allowed}: {got}',
  },
  {
    code: 'cli.procedure',
    zh: '--procedure 应为 exit 或 transfer{?got:：{got}}',
    en: '--procedure must be exit or transfer{?got:: {got}}',
    both: '--procedure 应为 must be exit 或 or transfer{?got:: {got}}',
  },
  {
    code: 'cli.givePolicyFiles',
    zh: '请给出政策文件：{usage}',
    en: 'give at least one policy file: {usage}',
    both: '请给出政策文件 give at least one policy file: {usage}',
  },
  {
    code: 'cli.giveOnePolicy',
    zh: '请给出一个政策文件：{usage}',
    en: 'give exactly one policy file: {usage}',
    both: '请给出一个政策文件 give exactly one policy file: {usage}',
  },
  {
    code: 'cli.giveTwoPolicies',
    zh: '请给出两个政策文件：{usage}',
    en: 'give two policy files: {usage}',
    both: '请给出两个政策文件 give two policy files: {usage}',
  },
  {
    code: 'cli.caseNoSection',
    zh: '{file}：案件缺少 {procedure} 部分（/{procedure}）',
    en: '{file}: the case has no "{procedure}" section (/{procedure})',
    both: '{file}: 案件缺少 {procedure} 部分 the case has no "{procedure}" section (/{procedure})',
  },
  {
    code: 'cli.orForce',
    zh: '{problem}（用 --force 仍可执行）',
    en: '{problem} (--force to do it anyway)',
    both: '{problem} (--force to do it anyway)',
  },
  { code: 'cli.withFile', zh: '{problem}（{file}）', en: '{problem} ({file})', both: '{problem} ({file})' },
  // A problem where it was found: a file, a file and a pointer in it, an option's value.
  { code: 'cli.after', zh: '{what} {problem}', en: '{what} {problem}', both: '{what} {problem}' },
  // Formats (format-option.ts)
  {
    code: 'cli.xlsxNeedsOut',
    zh: '--format xlsx 需要 --out FILE.xlsx（工作簿不输出到终端）',
    en: '--format xlsx needs --out FILE.xlsx (a workbook is not for the terminal)',
    both: '--format xlsx 需要 --out FILE.xlsx (a workbook is not for the terminal)',
  },
  {
    code: 'cli.xlsxNotForSweep',
    zh: '--format xlsx 不用于 --sweep，只用于{scope}；请用 --format csv',
    en: '--format xlsx is for {scope}, not --sweep; use --format csv',
    both: '--format xlsx 不用于 --sweep is for {scope.en}; use --format csv',
  },
  { code: 'cli.xlsxScope.compare', zh: '参数表和 --case', en: 'the parameter table and --case' },
  { code: 'cli.xlsxScope.simulate', zh: '单次模拟', en: 'one simulation' },
  // The policy commands (check, test, diff, eval, render, new, compare, simulate)
  {
    code: 'cli.policyErrors.diff',
    zh: '政策有错误，无法比较：{file}',
    en: 'the policy has errors and cannot be compared: {file}',
    both: '政策有错误，无法比较 the policy has errors and cannot be compared: {file}',
  },
  {
    code: 'cli.policyErrors.eval',
    zh: '政策有错误，无法计算：{file}',
    en: 'the policy has errors and cannot be evaluated: {file}',
    both: '政策有错误，无法计算 the policy has errors and cannot be evaluated: {file}',
  },
  {
    code: 'cli.policyErrors.render',
    zh: '政策有错误，无法填写表单：{file}',
    en: 'the policy has errors: {file}',
    both: '政策有错误，无法填写表单 the policy has errors: {file}',
  },
  {
    code: 'cli.policyErrors.source',
    zh: '来源政策有错误：{file}',
    en: 'the source policy has errors: {file}',
    both: '来源政策有错误 the source policy has errors: {file}',
  },
  {
    code: 'cli.notOnePolicy',
    zh: '两个文件不是同一政策：{before} ≠ {after}',
    en: 'the files are not versions of one policy: {before} ≠ {after}',
    both: '两个文件不是同一政策 the files are not versions of one policy: {before} ≠ {after}',
  },
  {
    code: 'cli.needsCase',
    zh: '--start、--mode、--procedure、--sweep、--chart 须与 --case CASE.json 同用',
    en: '--start, --mode, --procedure, --sweep and --chart need --case CASE.json',
    both: '--start、--mode、--procedure、--sweep、--chart 须与 --case 同用 need --case CASE.json',
  },
  {
    code: 'cli.referenceWithoutCase',
    zh: '--reference 只用于参数表（不带 --case）',
    en: '--reference is for the parameter table (without --case)',
    both: '--reference 只用于参数表 is for the parameter table (without --case)',
  },
  {
    code: 'cli.onlyExitSimulated',
    zh: '--procedure 目前只支持 exit：{got}',
    en: 'only exit is simulated: {got}',
    both: '--procedure 目前只支持 exit only exit is simulated: {got}',
  },
  {
    code: 'cli.exportNotSweep',
    zh: '--export 不能与 --sweep 同用',
    en: '--export exports one simulation, not a sweep',
    both: '--export 不能与 --sweep 同用 exports one simulation, not a sweep',
  },
  {
    code: 'cli.contractNumber',
    zh: '--contract-number 应为 年:序号，如 2026:1（实为 {got}）',
    en: '--contract-number must be YEAR:SEQ, e.g. 2026:1 — got {got}',
    both: '--contract-number 应为 must be YEAR:SEQ, e.g. 2026:1 — got {got}',
  },
  {
    code: 'cli.noSourcePolicy',
    zh: '找不到来源政策「{from}」（内置：{bundled}）',
    en: 'no source policy "{from}" (bundled: {bundled})',
    both: '找不到来源政策「{from}」 / no source policy "{from}" (内置 bundled: {bundled})',
  },
  {
    code: 'cli.giveRegion',
    zh: '请给出一个地区编号：{usage}',
    en: 'give one region id: {usage}',
    both: '请给出一个地区编号 give one region id: {usage}',
  },
  {
    code: 'cli.regionId',
    zh: '地区编号应为小写字母开头的字母、数字或连字符：{got}',
    en: 'a region id is a-z, 0-9 and -, starting with a letter: {got}',
    both: '地区编号应为小写字母开头的字母、数字或连字符 / a region id is a-z, 0-9 and -, starting with a letter: {got}',
  },
  {
    code: 'cli.divisionCode',
    zh: '--code 应为 6 位行政区划代码：{got}',
    en: '--code must be a 6-digit division code: {got}',
    both: '--code 应为 6 位行政区划代码 must be a 6-digit division code: {got}',
  },
  {
    code: 'cli.folderNotEmpty',
    zh: '目标文件夹已存在且不为空：{folder}',
    en: 'the folder exists and is not empty: {folder}',
    both: '目标文件夹已存在且不为空 / the folder exists and is not empty: {folder}',
  },
  // test: what stopped a policy's examples
  {
    code: 'cli.examplesNotRun',
    zh: '政策有错误，示例未运行',
    en: 'the policy has errors; its examples were not run',
    both: '政策有错误，示例未运行 / the policy has errors; its examples were not run',
  },
  { code: 'cli.cannotRun', zh: '无法运行：{problem}', en: 'cannot run: {problem}', both: '无法运行 cannot run: {problem}' },
  // deadline and calendar
  {
    code: 'cli.badCalendarData',
    zh: '导入的日历数据有误：{detail}',
    en: 'the imported calendar data is bad: {detail}',
    both: '导入的日历数据有误 the imported calendar data is bad: {detail}',
  },
  {
    code: 'cli.layerNotNational',
    zh: '{file}：--layer 只能加入地方层',
    en: '{file}: only regional or local layers may be added with --layer',
    both: '{file}: --layer 只能加入地方层 only regional or local layers may be added',
  },
  {
    code: 'cli.calendarNotText',
    zh: 'calendar 应为文字：{got}',
    en: 'calendar must be text: {got}',
    both: 'calendar 应为文字 must be text: {got}',
  },
  {
    code: 'cli.periodMissing',
    zh: '缺少期间：{got}',
    en: 'period missing or not text: {got}',
    both: '缺少期间 period missing or not text: {got}',
  },
  {
    code: 'cli.afterBoolean',
    zh: 'after 应为 true/false：{got}',
    en: 'after must be a boolean: {got}',
    both: 'after 应为 true/false must be a boolean: {got}',
  },
  {
    code: 'cli.lineNotJson',
    zh: '第 {line} 行不是 JSON：{detail}',
    en: 'line {line} is not JSON: {detail}',
    both: '第 {line} 行不是 JSON line {line} is not JSON: {detail}',
  },
  {
    code: 'cli.lineNotObject',
    zh: '第 {line} 行应为对象 {"start", "period", "after"?}',
    en: 'line {line} must be an object {"start", "period", "after"?}',
    both: '第 {line} 行应为对象 line {line} must be an object {"start", "period", "after"?}',
  },
  {
    code: 'cli.batchAlone',
    zh: '--batch 不与 --start/--period 同用',
    en: '--batch reads its jobs from stdin, without --start/--period',
    both: '--batch 不与 --start/--period 同用 --batch reads its jobs from stdin',
  },
  {
    code: 'cli.needStartPeriod',
    zh: '须给出 --start 和 --period（或 --batch）；见 --help',
    en: 'need --start and --period (or --batch); see --help',
    both: '须给出 --start 和 --period need --start and --period (或 or --batch); 见 see --help',
  },
  { code: 'cli.needYear', zh: '须给出 --year YYYY', en: 'need --year YYYY', both: '须给出 --year need --year YYYY' },
  {
    code: 'cli.fourDigitYear',
    zh: '--year 应为四位年份：{got}',
    en: '--year must be a four-digit year: {got}',
    both: '--year 应为四位年份 must be a four-digit year: {got}',
  },
  // serve
  {
    code: 'cli.uiBuildFailed',
    zh: '界面构建失败，先提供接口：{detail}',
    en: 'the UI build failed; serving the API: {detail}',
    both: '界面构建失败，先提供接口 the UI build failed; serving the API: {detail}',
  },
  {
    code: 'cli.uiBuildTimeout',
    zh: '等待界面构建超时',
    en: 'timed out waiting for another UI build',
  },
  {
    code: 'cli.port',
    zh: '{source} 应为 0–65535 的端口号：{got}',
    en: '{source} must be a port 0–65535: {got}',
    both: '{source} 应为 0–65535 的端口号 must be a port 0–65535: {got}',
  },
  {
    code: 'cli.idleMinutes',
    zh: 'LANDFLOW_SESSION_IDLE_MINUTES 应为 1–600 的分钟数：{got}',
    en: 'LANDFLOW_SESSION_IDLE_MINUTES must be 1–600 minutes: {got}',
    both: 'LANDFLOW_SESSION_IDLE_MINUTES 应为 1–600 的分钟数 must be 1–600 minutes: {got}',
  },
  {
    code: 'cli.portInUse',
    zh: '端口 {port} 已被占用（用 PORT 或 --port 换一个）',
    en: 'port {port} is already in use (PORT or --port to change)',
    both: '端口 {port} 已被占用 port {port} is already in use (PORT or --port to change)',
  },
  {
    code: 'cli.portDenied',
    zh: '无权监听端口 {port}',
    en: 'not allowed to listen on port {port}',
    both: '无权监听端口 {port} not allowed to listen on port {port}',
  },
  {
    code: 'cli.hostUnavailable',
    zh: '无法监听地址 {host}',
    en: 'cannot listen on {host}',
    both: '无法监听地址 cannot listen on {host}',
  },
  // audit
  {
    code: 'cli.checkpointUnreadable',
    zh: '无法读取检查点：{file}（{detail}）',
    en: 'cannot read the checkpoint: {file} ({detail})',
    both: '无法读取检查点 cannot read the checkpoint: {file} ({detail})',
  },
  {
    code: 'cli.checkpointNotObject',
    zh: '检查点不是 JSON 对象：{file}（{detail}）',
    en: 'the checkpoint is not a JSON object: {file} ({detail})',
    both: '检查点不是 JSON 对象 the checkpoint is not a JSON object: {file} ({detail})',
  },
  {
    code: 'cli.cannotWrite',
    zh: '无法写入 {file}（{detail}）',
    en: 'cannot write {file} ({detail})',
    both: '无法写入 cannot write {file} ({detail})',
  },
  { code: 'cli.alreadyExists', zh: '已存在', en: 'it already exists' },
  {
    code: 'cli.outOnlyCheckpoint',
    zh: '--out 只用于 checkpoint',
    en: '--out applies to checkpoint, not verify',
    both: '--out 只用于 checkpoint --out applies to checkpoint, not verify',
  },
  {
    code: 'cli.onlyVerify',
    zh: '{option} 只用于 verify',
    en: '{option} applies to verify, not checkpoint',
    both: '{option} 只用于 verify {option} applies to verify, not checkpoint',
  },
  // user
  {
    code: 'cli.noTerminal',
    zh: '没有终端可提示输入密码，请用 --password-stdin',
    en: 'no terminal to prompt for the password: use --password-stdin',
  },
  { code: 'cli.cancelled', zh: '已取消', en: 'cancelled' },
  { code: 'cli.stdinTooLong', zh: '标准输入过长', en: 'standard input too long for a password' },
  { code: 'cli.passwordsDiffer', zh: '两次输入的密码不一致', en: 'the two passwords differ' },
  {
    code: 'cli.missingUserName',
    zh: '缺少用户名：landflow user {sub} NAME',
    en: 'missing user name: landflow user {sub} NAME',
    both: '缺少用户名 missing user name: landflow user {sub} NAME',
  },
  {
    code: 'cli.optionNotFor',
    zh: '{option} 不适用于 {command}',
    en: '{option} does not apply to: {command}',
    both: '{option} 不适用于 does not apply to: {command}',
  },
  // backup
  {
    code: 'cli.backupSqliteOnly',
    zh: 'landflow backup 只用于 SQLite 文件；PostgreSQL 请用 pg_dump / pg_restore，恢复后用 landflow audit verify 校验（docs/database.md）：{target}',
    en: 'landflow backup is for a SQLite file; back up PostgreSQL with pg_dump / pg_restore and check a restored dump with landflow audit verify (docs/database.md): {target}',
    both: 'landflow backup 只用于 SQLite 文件；PostgreSQL 请用 pg_dump / pg_restore，恢复后用 landflow audit verify 校验（docs/database.md） landflow backup is for a SQLite file; back up PostgreSQL with pg_dump / pg_restore and check a restored dump with landflow audit verify (docs/database.md): {target}',
  },
  {
    code: 'cli.forceOnlyBackup',
    zh: '--force 只用于备份',
    en: '--force applies to backup, not --restore',
    both: '--force 只用于备份 --force applies to backup, not --restore',
  },
  {
    code: 'cli.missingBackupFile',
    zh: '缺少备份文件名 OUT.db（或 --restore IN.db）',
    en: 'missing OUT.db (or --restore IN.db)',
    both: '缺少备份文件名 missing OUT.db (or --restore IN.db)',
  },
  {
    code: 'cli.backupIsDatabase',
    zh: '备份目标就是数据库本身：{file}',
    en: 'the backup target is the database itself: {file}',
    both: '备份目标就是数据库本身 the backup target is the database itself: {file}',
  },
  {
    code: 'cli.targetExists',
    zh: '目标已存在：{file}（用 --force 覆盖）',
    en: '{file} already exists (use --force to overwrite)',
    both: '目标已存在 {file} already exists (use --force to overwrite)',
  },
  // case
  {
    code: 'cli.serverNotUrl',
    zh: '--server 不是网址：{got}',
    en: '--server is not a URL: {got}',
    both: '--server 不是网址 is not a URL: {got}',
  },
  {
    code: 'cli.cannotReach',
    zh: '无法连接服务 {url}：{detail}',
    en: 'cannot reach {url}: {detail}',
    both: '无法连接服务 cannot reach {url}: {detail}',
  },
  {
    code: 'cli.serverUser',
    zh: '--user 对服务只可含字母、数字、_ . @ -（有账户的服务以 --token 识别用户）：{got}',
    en: 'with --server, --user must be 1–64 of A–Z a–z 0–9 _ . @ - (a server with accounts knows you by --token): {got}',
    both: '--user 对服务只可含字母、数字、_ . @ -（有账户的服务以 --token 识别用户）with --server, --user must be 1–64 of A–Z a–z 0–9 _ . @ - (a server with accounts knows you by --token): {got}',
  },
  {
    code: 'cli.printNotForList',
    zh: '--print 用于 open、send、show',
    en: '--print applies to open, send and show',
    both: '--print 用于 open、send、show applies to open, send and show',
  },
  {
    code: 'cli.onePayload',
    zh: '--payload 与 --payload-file 只能给一个',
    en: 'give one of --payload and --payload-file',
    both: '--payload 与 --payload-file 只能给一个 give one of --payload and --payload-file',
  },
  {
    code: 'cli.positiveInteger',
    zh: '{option} 应为正整数：{got}',
    en: '{option} must be a positive integer: {got}',
    both: '{option} 应为正整数 must be a positive integer: {got}',
  },
];
