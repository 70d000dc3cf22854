// `landflow case open|send|show|list`: the CLI twins of the case API, for scripts. By default they
// work on the database file directly (the same host loop as the server, in one transaction per
// command); with --server URL they call a running server's HTTP API instead.
import { msg } from '../../../dsl/message.ts';
import path from 'node:path';
import { MAX_PAGE_SIZE } from '../../accounts/limits.ts';
import { parseJsonData, readCaseFile } from '../../policies/case-file.ts';
import { dateOption, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError, parseCommandArgs, type CliIO, type Command } from '../command.ts';
import { readTextOrJson } from '../format-option.ts';
import type { CaseSummary } from '../../cases/service.ts';

/** The fields of a case (engine/cases/service.ts CaseView) that --print can give, one word each. */
const PRINTABLE = [
  'id',
  'version',
  'status',
  'policy',
  'policyHash',
  'procedure',
  'mode',
  'createdAt',
  'createdBy',
  'updatedAt',
  'updatedBy',
] as const;

const help = `landflow case — 案件办理（脚本用）open, run and read cases from scripts
The command-line twins of the case API (engine/server/API.md). By default they open the database
file directly (same checks, same transaction per command as the server); with --server they call a
running server over HTTP instead. Output is JSON on stdout; errors are JSON on stderr:
{"error": {"code", "message", "path"?, "cite"?}}.

用法 Usage:
  landflow case open --policy ID --procedure exit|transfer --case CASE.json [--mode M] [--key K] [--print FIELD]
  landflow case send CASE_ID COMMAND [--payload JSON | --payload-file FILE] [--expected-version N] [--key K] [--print FIELD]
  landflow case show CASE_ID [--events] [--deadlines] [--commands] [--date YYYY-MM-DD] [--print FIELD]
  landflow case list [--town T] [--village V] [--group G] [--policy ID] [--status S] [--format json|text]

共同选项 Common options:
  --db FILE         数据库文件或 postgres:// 网址，默认 $LANDFLOW_DB 或 data/landflow.db
                    the database file or PostgreSQL URL (default $LANDFLOW_DB, else data/landflow.db)
  --policies DIR    政策目录（直接读库时），默认 the policies folder when working on the file (default: the bundled policies/)
  --server URL      改为调用运行中的服务 call a running server instead, e.g. http://localhost:8080
  --user NAME       操作人账户（须已存在且未停用；开案、发命令时必填），默认 $LANDFLOW_USER
                    the acting account (must exist and be enabled; needed to open cases and send
                    commands; default $LANDFLOW_USER); 对服务以 X-Landflow-User 头发送（仅开发用服务采用）
                    sent to a server as the X-Landflow-User header (only a server without accounts uses it)
  --token TOKEN     登录令牌（有账户时），默认 $LANDFLOW_TOKEN a session token (Authorization: Bearer), once accounts exist
  --print FIELD     只输出案件的一个字段（纯文本，无需 jq）print one field of the case as plain text instead of
                    the JSON (no jq needed): ${PRINTABLE.join(', ')}

send:
  COMMAND 为命令类型 is a command type, e.g. receiveWrittenNotice, postPublicNotice, recordVote,
  signContract, recordPayment, fileWithTown, recordRegistration, withdraw, terminate
  (the ones allowed now: landflow case show CASE_ID --commands).
  --payload JSON    命令内容 the command's payload, e.g. '{"body":"成员大会","entitled":30,"present":25,"yes":20,"no":3,"abstain":2}'
  --expected-version N  乐观并发：案件须仍为此版本，否则 409 optimistic concurrency: refused (409) unless
                    the case is still at version N; 省略时取当前版本 omitted: the current version is used
  --key K           幂等键：同一键重复发送不会重复执行 an idempotency key: sending it again changes nothing

输出 Output: open/send → 案件 the case {id, version, status, state, …} (send: {case, events});
  show → 案件，及所选的 events / deadlines / commands; list → 案件摘要 summaries.

退出码 Exit: 0 成功 ok; 1 被拒绝（规则不允许 422、状态或版本不符 409）refused by a rule (422) or the
  case's state or version (409); 2 用法错误、文件无法读取、输入无效（400）或不存在（404）bad usage,
  unreadable file, invalid input (400) or unknown case or policy (404).

示例 Example:
  id=$(landflow case open --policy qinzhou --procedure exit --case examples/household-qinzhou.json --print id)
  landflow case send "$id" receiveWrittenNotice
  landflow case show "$id" --deadlines
`;

interface ApiError {
  status: number;
  error: { code: string; message: string; path?: string; cite?: string };
}

class Failed extends Error {
  constructor(readonly api: ApiError) {
    super(api.error.message);
  }
}

function exitFor(status: number): number {
  return status === 409 || status === 422 ? EXIT_FINDINGS : EXIT_USAGE;
}

function readJson(file: string, cwd: string, what: string): unknown {
  const read = readCaseFile(path.resolve(cwd, file));
  if ('error' in read) throw new UsageError(msg('at.problem', { where: `${what} ${file}`, problem: read.error }));
  return read.data;
}

/**
 * The operations, over the file or over HTTP. Answers pass through as JSON, as the API gives them
 * (engine/server/responses.ts); only the summaries are read, for the text listing.
 */
interface Backend {
  open(body: { policy: string; procedure: string; mode?: string; case: unknown; idempotencyKey?: string }): Promise<unknown>;
  send(id: string, body: { type: string; expectedVersion?: number; payload: unknown; idempotencyKey?: string }): Promise<unknown>;
  get(id: string, what?: 'events' | 'deadlines' | 'commands', date?: string): Promise<unknown>;
  /** One page of summaries (API.md: GET /api/cases), after the cursor `after`. */
  list(query: Record<string, string>, after?: string): Promise<{ items: CaseSummary[]; next: string | null }>;
  close(): Promise<void>;
}

async function fileBackend(values: Record<string, unknown>, io: CliIO, user: string | undefined): Promise<Backend> {
  const { resolveDbTarget } = await import('../../store/index.ts');
  const { AccountInputError, actingAccount } = await import('../../accounts/users.ts');
  const { openStoreOrUsage, policiesDir } = await import('../open.ts');
  const { PolicyRegistry } = await import('../../cases/policies.ts');
  const { CaseService } = await import('../../cases/service.ts');
  const { CaseError } = await import('../../cases/errors.ts');
  // The server's mapping: a case file run here answers as the API would.
  const { httpStatus } = await import('../../server/errors.ts');
  const { systemClock } = await import('../../cases/clock.ts');
  const { calendarDir, installedCalendarFor } = await import('../../calendar/load.ts');

  const target = resolveDbTarget({ flag: values.db as string | undefined, env: io.env, cwd: io.cwd });
  const store = await openStoreOrUsage(target, {}, io);
  const policies = PolicyRegistry.fromDir(policiesDir(values.policies as string | undefined, io));
  const cases = new CaseService({
    store,
    policies,
    clock: systemClock,
    calendarFor: installedCalendarFor(calendarDir({ env: io.env, cwd: io.cwd, target })),
    readCache: false,
  });
  // Resolved at the write itself, so that bad case data is reported before a missing --user.
  const who = async () => {
    try {
      const u = await actingAccount(store.users, user);
      return { id: u.name, name: u.name, role: u.role };
    } catch (e) {
      throw e instanceof AccountInputError ? new UsageError(e.text ?? e.message) : e;
    }
  };
  const wrap = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof CaseError) throw new Failed({ status: httpStatus(e.kind), error: e.toJSON() as ApiError['error'] });
      throw e;
    }
  };
  return {
    open: (b) =>
      wrap(async () => {
        cases.checkCase(b.case);
        return cases.open({
          policy: b.policy,
          procedure: b.procedure as 'exit',
          mode: b.mode ?? null,
          case: b.case as never,
          user: await who(),
          ...(b.idempotencyKey ? { idempotencyKey: b.idempotencyKey } : {}),
        });
      }),
    send: (id, b) =>
      wrap(async () => {
        const version = b.expectedVersion ?? (await cases.record(id)).version;
        const r = await cases.command({
          caseId: id,
          type: b.type,
          payload: b.payload,
          expectedVersion: version,
          user: await who(),
          ...(b.idempotencyKey ? { idempotencyKey: b.idempotencyKey } : {}),
        });
        return { case: r.case, events: r.events };
      }),
    get: (id, what, date) =>
      wrap<unknown>(() =>
        what === 'events'
          ? cases.events(id)
          : what === 'deadlines'
            ? cases.deadlines(id, date ?? cases.today())
            : what === 'commands'
              ? cases.commands(id)
              : cases.get(id),
      ),
    list: (q, after) =>
      wrap(() =>
        cases.list(
          {
            ...(q.town ? { town: q.town } : {}),
            ...(q.village ? { village: q.village } : {}),
            ...(q.group ? { group: q.group } : {}),
            ...(q.policy ? { policyId: q.policy } : {}),
            ...(q.status ? { status: q.status } : {}),
          },
          { limit: MAX_PAGE_SIZE, ...(after ? { after } : {}) },
        ),
      ),
    close: async () => {
      cases.close();
      await store.close();
    },
  };
}

function httpBackend(base: string, user: string | undefined, token: string | undefined): Backend {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new UsageError(msg('cli.serverNotUrl', { got: base }));
  }
  const root = url.toString().replace(/\/$/, '');
  const headers: Record<string, string> = {
    accept: 'application/json',
    ...(user ? { 'x-landflow-user': user } : {}),
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  };
  const call = async (method: string, p: string, body?: unknown, extra: Record<string, string> = {}) => {
    let res: Response;
    try {
      res = await fetch(root + p, {
        method,
        headers: { ...headers, ...extra, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (e) {
      throw new UsageError(msg('cli.cannotReach', { url: root, detail: (e as Error).message }));
    }
    const data: unknown = await res.json().catch(() => null);
    if (!res.ok) {
      // The API's error answer (engine/server/errors.ts), or what a server that is not ours said.
      const error = (data as { error?: ApiError['error'] } | null)?.error ?? {
        code: `HTTP_${res.status}`,
        message: `服务返回 server answered ${res.status}`,
      };
      throw new Failed({ status: res.status, error });
    }
    return data;
  };
  const enc = encodeURIComponent;
  return {
    open: (b) => call('POST', '/api/cases', b),
    send: async (id, b) => {
      const version = b.expectedVersion ?? ((await call('GET', `/api/cases/${enc(id)}`)) as { version: number }).version;
      return call(
        'POST',
        `/api/cases/${enc(id)}/commands`,
        { type: b.type, expectedVersion: version, payload: b.payload },
        b.idempotencyKey ? { 'idempotency-key': b.idempotencyKey } : {},
      );
    },
    get: (id, what, date) =>
      call('GET', `/api/cases/${enc(id)}${what ? `/${what}` : ''}${what === 'deadlines' && date ? `?date=${date}` : ''}`),
    list: async (q, after) =>
      (await call(
        'GET',
        `/api/cases?${new URLSearchParams({ ...q, limit: String(MAX_PAGE_SIZE), ...(after ? { after } : {}) }).toString()}`,
      )) as { items: CaseSummary[]; next: string | null },
    close: async () => undefined,
  };
}

function listText(rows: CaseSummary[]): string {
  if (!rows.length) return '（无案件 no cases）\n';
  return (
    rows
      .map(
        (r) =>
          `${r.id}  ${(r.status ?? '').padEnd(10)} v${String(r.version).padEnd(3)} ${r.label}  ${r.head}  ${r.place.town}${r.place.village}${r.place.group}  ${r.current.join('；')}`,
      )
      .join('\n') + '\n'
  );
}

/** The --print field of the case an answer carries (send: {case, events}; show with extras: {case, …}). */
function printed(sub: string, out: unknown, field: string): string {
  const at = (o: unknown, k: string): unknown => (o !== null && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined);
  const kase = sub === 'send' || at(out, 'state') === undefined ? (at(out, 'case') ?? out) : out;
  const v = at(kase, field);
  return v === null || v === undefined ? '' : String(v);
}

export const command: Command = {
  name: 'case',
  help,
  run: async (argv: string[], io: CliIO) => {
    const { values, positionals } = parseCommandArgs(argv, {
      db: { type: 'string' },
      policies: { type: 'string' },
      server: { type: 'string' },
      user: { type: 'string' },
      token: { type: 'string' },
      policy: { type: 'string' },
      procedure: { type: 'string' },
      mode: { type: 'string' },
      case: { type: 'string' },
      key: { type: 'string' },
      payload: { type: 'string' },
      'payload-file': { type: 'string' },
      'expected-version': { type: 'string' },
      events: { type: 'boolean' },
      deadlines: { type: 'boolean' },
      commands: { type: 'boolean' },
      date: { type: 'string' },
      town: { type: 'string' },
      village: { type: 'string' },
      group: { type: 'string' },
      status: { type: 'string' },
      format: { type: 'string' },
      print: { type: 'string' },
    });
    const [sub, ...rest] = positionals;
    if (!sub || !['open', 'send', 'show', 'list'].includes(sub)) {
      throw new UsageError(
        sub
          ? msg('cli.unknownSubcommand', { sub, expected: 'open | send | show | list' })
          : msg('cli.missingSubcommand', { expected: 'open | send | show | list' }),
      );
    }
    const user = (values.user as string | undefined) ?? (io.env.LANDFLOW_USER || undefined);
    // An HTTP header carries ASCII only; on the file, any name `landflow user add` accepts.
    if (values.server && user !== undefined && !/^[A-Za-z0-9_.@-]{1,64}$/.test(user)) {
      throw new UsageError(msg('cli.serverUser', { got: user }));
    }
    const format = readTextOrJson(values.format as string | undefined, 'json');
    dateOption('--date', values.date);

    const print = values.print as string | undefined;
    if (print !== undefined && sub === 'list') throw new UsageError(msg('cli.printNotForList'));
    if (print !== undefined && !(PRINTABLE as readonly string[]).includes(print))
      throw new UsageError(msg('cli.optionOneOf', { option: '--print', allowed: PRINTABLE.join(', '), got: print }));

    // Check the arguments before touching the database.
    let job: (b: Backend) => Promise<unknown>;
    if (sub === 'open') {
      if (rest.length) throw new UsageError(msg('cli.unexpectedArgument', { arg: rest.join(' ') }));
      if (!values.policy) throw new UsageError(msg('cli.missing', { option: '--policy', usage: '--policy ID' }));
      if (values.procedure !== 'exit' && values.procedure !== 'transfer') throw new UsageError(msg('cli.procedure'));
      if (!values.case) throw new UsageError(msg('cli.missing', { option: '--case', usage: '--case CASE.json' }));
      const kase = readJson(values.case as string, io.cwd, '案件文件 case file');
      job = (b) =>
        b.open({
          policy: values.policy as string,
          procedure: values.procedure as string,
          ...(values.mode ? { mode: values.mode as string } : {}),
          case: kase,
          ...(values.key ? { idempotencyKey: values.key as string } : {}),
        });
    } else if (sub === 'send') {
      const [id, type, ...more] = rest;
      if (!id || !type || more.length)
        throw new UsageError(msg('cli.usage', { usage: 'landflow case send CASE_ID COMMAND [--payload JSON]' }));
      if (values.payload !== undefined && values['payload-file'] !== undefined) throw new UsageError(msg('cli.onePayload'));
      let payload: unknown = {};
      if (values.payload !== undefined) {
        const parsed = parseJsonData(values.payload as string);
        if ('error' in parsed) throw new UsageError(msg('cli.after', { what: '--payload', problem: parsed.error }));
        payload = parsed.data;
      } else if (values['payload-file'] !== undefined) {
        payload = readJson(values['payload-file'] as string, io.cwd, '--payload-file');
      }
      let expectedVersion: number | undefined;
      if (values['expected-version'] !== undefined) {
        expectedVersion = Number(values['expected-version']);
        if (!Number.isSafeInteger(expectedVersion) || expectedVersion < 1)
          throw new UsageError(msg('cli.positiveInteger', { option: '--expected-version', got: values['expected-version'] }));
      }
      job = (b) =>
        b.send(id, {
          type,
          payload,
          ...(expectedVersion ? { expectedVersion } : {}),
          ...(values.key ? { idempotencyKey: values.key as string } : {}),
        });
    } else if (sub === 'show') {
      const [id, ...more] = rest;
      if (!id || more.length)
        throw new UsageError(msg('cli.usage', { usage: 'landflow case show CASE_ID [--events] [--deadlines] [--commands]' }));
      job = async (b) => {
        const out: Record<string, unknown> = { case: await b.get(id) };
        if (values.events) out.events = await b.get(id, 'events');
        if (values.deadlines) out.deadlines = await b.get(id, 'deadlines', values.date as string | undefined);
        if (values.commands) out.commands = await b.get(id, 'commands');
        return Object.keys(out).length === 1 ? out.case : out;
      };
    } else {
      if (rest.length) throw new UsageError(msg('cli.unexpectedArgument', { arg: rest.join(' ') }));
      const q: Record<string, string> = {};
      for (const k of ['town', 'village', 'group', 'policy', 'status'] as const) if (values[k]) q[k] = values[k] as string;
      // Every page, following `next` to the end.
      job = async (b) => {
        const rows: CaseSummary[] = [];
        for (let after: string | undefined; ;) {
          const page = await b.list(q, after);
          rows.push(...page.items);
          if (!page.next) return rows;
          after = page.next;
        }
      };
    }

    const backend = values.server
      ? httpBackend(values.server as string, user, (values.token as string | undefined) ?? io.env.LANDFLOW_TOKEN)
      : await fileBackend(values, io, user);
    try {
      const out = await job(backend);
      io.stdout(
        sub === 'list' && format === 'text'
          ? listText(out as CaseSummary[])
          : print !== undefined
            ? `${printed(sub, out, print)}\n`
            : JSON.stringify(out, null, 2) + '\n',
      );
      return EXIT_OK;
    } catch (e) {
      if (!(e instanceof Failed)) throw e;
      io.stderr(JSON.stringify({ error: e.api.error }) + '\n');
      io.stderr(
        `landflow case ${sub}: ${e.api.status} ${e.api.error.code}: ${e.api.error.message}${e.api.error.cite ? `（${e.api.error.cite}）` : ''}${e.api.error.path ? ` at ${e.api.error.path}` : ''}\n`,
      );
      return exitFor(e.api.status);
    } finally {
      await backend.close();
    }
  },
};
