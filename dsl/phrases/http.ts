// What the server says about a request it will not answer as asked (engine/server/errors.ts,
// engine/server/routes/, engine/compare/routes.ts): malformed requests, unknown ids, policies with
// errors, a busy pool. Each reads Chinese first, then English, in the error body's `message` (as
// the command line and the logs print it, `both`) and in one language in the UI (`text`). Ids,
// names, numbers and what a client sent are arguments: content, shown as written.
import type { PhraseDef } from '../messages.ts';

export const HTTP_PHRASES: readonly PhraseDef[] = [
  // engine/server/errors.ts: schema failures, Fastify's own refusals, the rest
  {
    code: 'http.validation',
    zh: '{where}{?path: {path}} {problem}',
    en: '{where}{path} {problem}{allowed}',
    both: '{where.zh}{?path: {path}} {problem.zh} — {where.en}{path} {problem.en}{allowed}',
  },
  { code: 'http.part.body', zh: '请求体', en: 'body' },
  { code: 'http.part.querystring', zh: '查询参数', en: 'querystring' },
  { code: 'http.part.params', zh: '路径参数', en: 'params' },
  { code: 'http.request', zh: '{what}', en: '{what}{?detail:: {detail}}', both: '{what.zh} — {detail}' },
  { code: 'http.badRequest', zh: '请求无效', en: 'bad request{?detail:: {detail}}', both: '请求无效 bad request — {detail}' },
  { code: 'http.internal', zh: '服务器内部错误', en: 'internal server error' },
  // engine/server/edge-options.ts: what `landflow serve` takes from its environment
  {
    code: 'edge.trustProxy',
    zh: 'LANDFLOW_TRUST_PROXY 应为 true、false 或代理地址（逗号分隔）：{value}',
    en: "LANDFLOW_TRUST_PROXY must be true, false or the proxies' addresses/CIDRs, comma-separated: {value}",
    both: "LANDFLOW_TRUST_PROXY 应为 true、false 或代理地址（逗号分隔）must be true, false or the proxies' addresses/CIDRs, comma-separated: {value}",
  },
  {
    code: 'edge.secureCookies',
    zh: 'LANDFLOW_SECURE_COOKIES 应为 auto、true 或 false：{value}',
    en: 'LANDFLOW_SECURE_COOKIES must be auto, true or false: {value}',
    both: 'LANDFLOW_SECURE_COOKIES 应为 must be auto, true 或 or false: {value}',
  },
  {
    code: 'edge.logLevel',
    zh: 'LANDFLOW_LOG_LEVEL 应为 {levels} 之一：{value}',
    en: 'LANDFLOW_LOG_LEVEL must be one of {levels}: {value}',
    both: 'LANDFLOW_LOG_LEVEL 应为 must be one of {levels}: {value}',
  },
  // engine/server/json-body.ts: nesting refused before the body is parsed
  {
    code: 'http.tooDeep',
    zh: '请求体嵌套过深（超过 {max} 层）',
    en: 'the JSON body nests deeper than {max} levels',
    both: '请求体嵌套过深（超过 {max} 层）the JSON body nests deeper than {max} levels',
  },
  { code: 'http.notFound', zh: '未找到：{what}', en: 'not found: {what}', both: '未找到 not found: {what}' },
  // Request fields
  { code: 'http.bodyObject', zh: '请求体应为对象', en: 'the body must be an object' },
  { code: 'http.queryField', zh: '查询参数 {name} {problem}', en: 'query parameter {name}: {problem}', both: '查询参数 {name} {problem}' },
  {
    code: 'http.wholeNumber',
    zh: '应为 1 至 {max} 的整数',
    en: 'must be a whole number from 1 to {max}',
  },
  {
    code: 'http.procedure',
    zh: 'procedure 应为 exit 或 transfer',
    en: 'procedure must be exit or transfer',
    both: 'procedure 应为 must be exit 或 or transfer',
  },
  { code: 'http.missing', zh: '缺少 {name}', en: 'missing {name}', both: '缺少 {name} missing {name}' },
  { code: 'http.missingCase', zh: '缺少案件', en: 'missing case' },
  { code: 'http.startDate', zh: '起算日应为 YYYY-MM-DD', en: 'start must be a date' },
  {
    code: 'http.format',
    zh: 'format 应为 {allowed}',
    en: 'format must be {allowed}',
    both: 'format 应为 must be {allowed}',
  },
  {
    code: 'http.pageSize',
    zh: '每页条数须为 1 至 {max}（实为 {got}）',
    en: 'limit must be 1 to {max} (got {got})',
    both: '每页条数须为 1 至 {max} limit must be 1 to {max} (got {got})',
  },
  {
    code: 'http.idempotencyKeys',
    zh: 'Idempotency-Key 头与请求体的 idempotencyKey 不一致',
    en: 'the header and the body give different idempotency keys',
    both: 'Idempotency-Key 头与请求体的 idempotencyKey 不一致 — the header and the body give different idempotency keys',
  },
  {
    code: 'http.idempotencyKeyLong',
    zh: 'Idempotency-Key 过长（超过 {max}）',
    en: 'Idempotency-Key too long (> {max})',
    both: 'Idempotency-Key 过长 too long (> {max})',
  },
  // Policies
  // {known}: the policies there are, where the refusal lists them (engine/cases/service.ts open).
  {
    code: 'http.unknownPolicy',
    zh: '未知政策：{id}{?known:；已知：{known}}',
    en: 'unknown policy: {id}{?known:; known: {known}}',
    both: '未知政策 unknown policy: {id}{?known:; 已知 known: {known}}',
  },
  { code: 'http.policyIds', zh: '政策应为编号列表', en: 'policies must be a list of policy ids' },
  { code: 'http.noPolicy', zh: '至少给出一个政策', en: 'give at least one policy' },
  {
    code: 'http.tooManyPolicies',
    zh: '政策过多（至多 {max} 个）',
    en: 'too many policies (at most {max})',
    both: '政策过多 too many policies (at most {max})',
  },
  {
    code: 'http.policyErrors.compare',
    zh: '政策有错误，无法比较：{id}',
    en: 'the policy has errors and cannot be compared: {id}',
    both: '政策有错误，无法比较 the policy has errors and cannot be compared: {id}',
  },
  {
    code: 'http.policyErrors.workflow',
    zh: '政策 {id} 有错误，不能生成流程',
    en: 'the policy has errors ({errors}): no workflow can be built from it',
    both: '政策 {id} 有错误，不能生成流程 the policy has errors ({errors}): no workflow can be built from it',
  },
  {
    code: 'http.policyErrors.evaluate',
    zh: '政策 {id} 有错误，不能评估',
    en: 'the policy has errors ({errors}): no case can be evaluated under it',
    both: '政策 {id} 有错误，不能评估 the policy has errors ({errors}): no case can be evaluated under it',
  },
  {
    code: 'http.policyErrors.open',
    zh: '政策 {id} 有错误，不能办理案件',
    en: 'the policy has errors ({errors}): no case can be opened under it',
    both: '政策 {id} 有错误，不能办理案件 the policy has errors ({errors}): no case can be opened under it',
  },
  // A version the store holds that this landflow's checker refuses (engine/cases/policies.ts pin):
  // its first error, where it is and what it says.
  {
    code: 'http.policyErrors.pinned',
    zh: '固定的政策版本无法检查{?at:：{at} {problem}}',
    en: 'the pinned policy version does not check{?at:: {at} {problem}}',
    both: '固定的政策版本无法检查 the pinned policy version does not check{?at:: {at} {problem}}',
  },
  {
    code: 'http.policyErrors.publish',
    zh: '政策有 {errors} 个错误，不能发布',
    en: 'the policy has {errors} errors and cannot be published',
  },
  {
    code: 'http.policyErrors.current',
    zh: '现行版本有错误，无从比较',
    en: 'the current version has errors and cannot be compared',
  },
  {
    code: 'http.policyErrors.next',
    zh: '新文本有 {errors} 个错误，无从比较',
    en: 'the new text has {errors} errors and cannot be compared',
  },
  // Cases (engine/cases/service.ts): an exit mode asked for twice, differently; a page cursor
  {
    code: 'http.modeMismatch',
    zh: 'mode {mode} 与案件的退出模式 {fromCase} 不一致',
    en: 'mode {mode} differs from case.exit.mode ({fromCase})',
    both: 'mode {mode} 与案件的退出模式 {fromCase} 不一致 — differs from case.exit.mode',
  },
  {
    code: 'http.badCursor',
    zh: '分页游标无效：{after}',
    en: 'not a page cursor: {after} (use the `next` of the page before)',
    both: '分页游标无效 not a page cursor: {after} (use the `next` of the page before)',
  },
  // Comparisons and populations (engine/compare/routes.ts)
  {
    code: 'http.unknownPopulation',
    zh: '未知人口规格：{id}；可用：{known}',
    en: 'unknown population: {id}; known: {known}',
    both: '未知人口规格 unknown population: {id}; 可用 known: {known}',
  },
  {
    code: 'http.populationKind',
    zh: 'population 应为内置编号或规格',
    en: 'population must be a bundled id or a spec',
  },
  {
    code: 'http.sweepTooLarge',
    zh: '扫描规模过大（户数 × 点数 > {max}）',
    en: 'the sweep is too large (n × points > {max})',
    both: '扫描规模过大 the sweep is too large (n × points > {max})',
  },
  {
    code: 'http.missingSweep',
    zh: '缺少 sweep（目标=起:止:步长）',
    en: 'missing sweep (TARGET=FROM:TO:STEP)',
    both: '缺少 sweep missing sweep (TARGET=FROM:TO:STEP)',
  },
  // Documents (engine/server/documents.ts): the PDF renderer's state
  {
    code: 'http.pdfUnavailable',
    zh: '暂时无法生成 PDF：{problem}',
    en: 'PDF rendering is unavailable: {problem}',
    both: '暂时无法生成 PDF，PDF rendering is unavailable — {problem}',
  },
  // The worker pool (engine/compare/population/pool.ts)
  {
    code: 'http.busy',
    zh: '服务器繁忙（{running} 个运行中，{waiting} 个等待），请稍后再试',
    en: 'the server is busy ({running} running, {waiting} waiting); try again later',
    both: '服务器繁忙，请稍后再试 the server is busy ({running} running, {waiting} waiting); try again later',
  },
  { code: 'http.busyNow', zh: '服务器繁忙，请稍后再试', en: 'the server is busy; try again later' },
  {
    code: 'http.timeout',
    zh: '任务超时（超过 {ms} 毫秒），请减少户数或扫描点',
    en: 'the job took longer than {ms} ms: ask for fewer households or sweep points',
    both: '任务超时 the job took longer than {ms} ms — 请减少户数或扫描点 ask for fewer households or sweep points',
  },
  { code: 'http.cancelled', zh: '任务已取消', en: 'the job was cancelled' },
  {
    code: 'http.workerExited',
    zh: '工作线程意外退出（代码 {code}）',
    en: 'a worker thread exited (code {code})',
    both: '工作线程意外退出 a worker thread exited (code {code})',
  },
];
