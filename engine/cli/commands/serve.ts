// `landflow serve` (what `npm start` runs): builds the UI when its build is missing or stale,
// opens (creating on first start) the database, loads the bundled policies and serves the API and
// the UI. The app itself is engine/server/app.ts; this file is the adapter to a real socket.
import { msg } from '../../../dsl/message.ts';
import { renderBoth, TextError } from '../../../dsl/messages.ts';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXIT_OK, UsageError, parseCommandArgs, type CliIO, type Command } from '../command.ts';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const help = `landflow serve — 启动服务：接口与界面 serve the HTTP API and the web UI
Start the server: builds the UI if needed, creates the database on first start, loads the bundled
policies (policies/*.yaml) and serves the API (engine/server/API.md) and the UI.

用法 Usage:
  landflow serve [--port N] [--host H] [--db FILE] [--policies DIR] [--demo]
  npm start                      # = landflow serve
  npm start -- --demo            # 另开几个处于不同阶段的示例案件 also opens example cases at different stages

选项 Options:
  --port N        端口，默认 $PORT 或 8080 the port (default $PORT, else 8080)
  --host H        监听地址，默认 $HOST 或 0.0.0.0 the address to listen on (default $HOST, else 0.0.0.0)
  --db FILE       数据库文件或 postgres:// 网址，默认 $LANDFLOW_DB 或 data/landflow.db（文件首次启动时创建，含目录）
                  the SQLite file or a PostgreSQL URL (default $LANDFLOW_DB, else data/landflow.db; a file is
                  created with its folder, a PostgreSQL database must exist: docs/database.md)
  --policies DIR  政策目录，默认 the policies folder (default: the bundled policies/)
  --demo          打开示例案件（可重复运行，不会重复创建）open example cases (idempotent: a restart does not duplicate them)
  --no-ui-build   不构建界面 do not build the UI even if stale
  LANDFLOW_SESSION_IDLE_MINUTES  会话无操作多少分钟后结束，默认 30
                  minutes without a request after which a session ends (default 30; sessions last 10 h at most)

界面 UI: ui/dist/index.html 缺失或早于 ui/ 源文件时用 Vite 构建 (built with Vite when missing or
  older than the ui/ sources); 没有界面时显示说明页 without a UI a plain page says so.
停止 Stop: Ctrl-C 或 or SIGTERM — 关闭连接与数据库后退出 closes connections and the database, then exits.

环境 Environment (behind a proxy; several instances: docs/deploy.md):
  LANDFLOW_TRUST_PROXY     信任代理的 X-Forwarded-* 头：false（默认）、true，或代理地址/网段（逗号分隔）
                           believe X-Forwarded-For/-Proto: false (default), true, or the proxies' addresses/CIDRs
  LANDFLOW_SECURE_COOKIES  会话 cookie 的 Secure 标记：auto（默认，经 HTTPS 时）、true、false
                           the session cookies' Secure flag: auto (default: when the request came over HTTPS), true, false
  LANDFLOW_LOG_LEVEL       请求日志级别（JSON，每行一条，含请求编号）：info（默认）… trace、silent
                           request log level (JSON lines with request ids): info (default), fatal … trace, silent

退出码 Exit: 0 正常停止 stopped; 2 参数错误或数据库无法打开 bad usage or an unreadable database.
`;

/** Newest modification time of the UI sources (ui/ except dist and node_modules). */
function newestSource(uiDir: string): number {
  let newest = 0;
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.name === 'dist' || e.name === 'node_modules' || e.name.startsWith('.')) continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else newest = Math.max(newest, fs.statSync(p).mtimeMs);
    }
  };
  walk(uiDir);
  return newest;
}

export function uiNeedsBuild(uiDir: string): boolean {
  const index = path.join(uiDir, 'dist', 'index.html');
  if (!fs.existsSync(path.join(uiDir, 'vite.config.ts')) || !fs.existsSync(path.join(uiDir, 'index.html'))) return false;
  if (!fs.existsSync(index)) return true;
  const built = fs.statSync(index).mtimeMs;
  return built < newestSource(uiDir) || built < newestBundledFile(uiDir);
}

/**
 * The bundle also holds pure modules from outside ui/ (the dsl checker, engine helpers, templates):
 * the build lists them in dist/sources.json, so an edited checker rebuilds the browser copy too.
 */
function newestBundledFile(uiDir: string): number {
  let listed: unknown;
  try {
    listed = JSON.parse(fs.readFileSync(path.join(uiDir, 'dist', 'sources.json'), 'utf8'));
  } catch {
    return Number.POSITIVE_INFINITY; // no list: rebuild to be sure
  }
  if (!Array.isArray(listed)) return Number.POSITIVE_INFINITY;
  const root = path.resolve(uiDir, '..');
  let newest = 0;
  for (const rel of listed) {
    if (typeof rel !== 'string') continue;
    const stat = fs.statSync(path.join(root, rel), { throwIfNoEntry: false });
    newest = Math.max(newest, stat ? stat.mtimeMs : Number.POSITIVE_INFINITY);
  }
  return newest;
}

/** Runs Vite's build once, even when two servers start together (a lock file beside dist). */
async function buildUi(uiDir: string, io: CliIO): Promise<void> {
  const lock = path.join(uiDir, '.build.lock');
  let fd: number | undefined;
  for (let waited = 0; ; waited += 500) {
    try {
      fd = fs.openSync(lock, 'wx');
      break;
    } catch {
      // Another server is building; a lock older than 5 minutes is a crashed build.
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? 0);
      if (age > 5 * 60_000) fs.rmSync(lock, { force: true });
      else if (waited > 5 * 60_000) throw new TextError(msg('cli.uiBuildTimeout'));
      await new Promise((r) => setTimeout(r, 500));
      if (!uiNeedsBuild(uiDir)) return;
    }
  }
  try {
    if (!uiNeedsBuild(uiDir)) return;
    io.stdout('构建界面 building the UI (vite)…\n');
    const vite = await import('vite');
    await vite.build({ configFile: path.join(uiDir, 'vite.config.ts'), logLevel: 'warn' });
  } finally {
    fs.closeSync(fd);
    fs.rmSync(lock, { force: true });
  }
}

function portOf(value: string | undefined, source: string): number {
  if (value === undefined || value === '') return 8080;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 0 || n > 65535) throw new UsageError(msg('cli.port', { source, got: value }));
  return n;
}

function idleMinutesOf(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > 600) throw new UsageError(msg('cli.idleMinutes', { got: value }));
  return n * 60_000;
}

export const command: Command = {
  name: 'serve',
  help,
  run: async (argv: string[], io: CliIO) => {
    const { values, positionals } = parseCommandArgs(argv, {
      port: { type: 'string' },
      host: { type: 'string' },
      db: { type: 'string' },
      policies: { type: 'string' },
      demo: { type: 'boolean' },
      'no-ui-build': { type: 'boolean' },
    });
    if (positionals.length) throw new UsageError(msg('cli.unexpectedArgument', { arg: positionals.join(' ') }));
    const port = values.port !== undefined ? portOf(values.port as string, '--port') : portOf(io.env.PORT, 'PORT');
    const host = (values.host as string | undefined) ?? io.env.HOST ?? '0.0.0.0';
    const sessionIdleMs = idleMinutesOf(io.env.LANDFLOW_SESSION_IDLE_MINUTES);

    const { redactTarget, resolveDbTarget, resolveKeyFile } = await import('../../store/index.ts');
    const { openStoreOrUsage, policiesDir } = await import('../open.ts');
    const { PolicyRegistry } = await import('../../cases/policies.ts');
    const { buildApp } = await import('../../server/app.ts');
    const { systemClock } = await import('../../cases/clock.ts');
    const { calendarDir, installedCalendarFor } = await import('../../calendar/load.ts');
    const { registerAuth, firstStartHint } = await import('../../accounts/index.ts');
    const { edgeOptionsFromEnv, EdgeOptionError } = await import('../../server/edge-options.ts');
    let edge;
    try {
      edge = edgeOptionsFromEnv(io.env);
    } catch (e) {
      throw e instanceof EdgeOptionError ? new UsageError(e.message) : e;
    }

    const uiDir = path.join(REPO, 'ui');
    if (!values['no-ui-build'] && uiNeedsBuild(uiDir)) {
      try {
        await buildUi(uiDir, io);
      } catch (e) {
        io.stderr(`${renderBoth(msg('cli.uiBuildFailed', { detail: (e as Error).message.split('\n')[0] }))}\n`);
      }
    }

    const target = resolveDbTarget({ flag: values.db as string | undefined, env: io.env, cwd: io.cwd });
    const store = await openStoreOrUsage(target, {}, io);
    const policies = PolicyRegistry.fromDir(policiesDir(values.policies as string | undefined, io));
    for (const p of policies.list()) {
      if (p.errors)
        io.stderr(
          `政策有错误，不能办理案件 policy with errors (cases refused): ${p.id} (${p.errors} errors; landflow check ${path.relative(io.cwd, p.file)})\n`,
        );
    }
    const dist = path.join(uiDir, 'dist');
    const app = await buildApp({
      store,
      policies,
      clock: systemClock,
      // Years added by `landflow calendar import` (read at start: restart after an import).
      calendar: installedCalendarFor(calendarDir({ env: io.env, cwd: io.cwd, target })),
      uiDir: fs.existsSync(path.join(dist, 'index.html')) ? dist : null,
      logger: edge.logLevel === 'silent' ? false : { level: edge.logLevel },
      trustProxy: edge.trustProxy,
      // Accounts: sessions, CSRF, 401/403 by role and scope, masking, rate and size limits.
      auth: (a) =>
        registerAuth(a, {
          store,
          clock: systemClock,
          secureCookies: edge.secureCookies,
          sessionIdleMs,
          policyRegion: (id) => policies.get(id)?.meta?.region,
        }),
    });

    if (values.demo) {
      const { openDemoCases } = await import('../../cases/demo.ts');
      const r = await openDemoCases(app.cases, path.join(REPO, 'examples', 'household-qinzhou.json'));
      io.stdout(`示例案件 demo cases:\n${r.opened.map((l) => `  ${l}\n`).join('')}`);
      for (const n of r.notes) io.stderr(`  示例跳过 demo step skipped: ${n}\n`);
    }

    try {
      await app.listen({ port, host });
    } catch (e) {
      await app.close().catch(() => undefined);
      await store.close();
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE') throw new UsageError(msg('cli.portInUse', { port }));
      if (code === 'EACCES') throw new UsageError(msg('cli.portDenied', { port }));
      if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new UsageError(msg('cli.hostUnavailable', { host }));
      throw e;
    }
    const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
    const actual = (app.server.address() as { port: number } | null)?.port ?? port;
    io.stdout(
      `landflow 已启动 listening on http://${shown}:${actual}  (数据库 database: ${redactTarget(target)}; 政策 policies: ${policies.list().length})\n`,
    );
    const keyFile = resolveKeyFile({ target, env: io.env, cwd: io.cwd });
    io.stdout(`审计密钥 audit key: ${keyFile} (不在数据库里，须另行备份 not in the database: back it up separately)\n`);
    const hint = await firstStartHint(store, { target, keyFile, cwd: io.cwd });
    if (hint) io.stdout(hint + '\n');

    await new Promise<void>((resolve) => {
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        io.stdout(`收到 ${signal}，正在停止 stopping…\n`);
        app
          .close()
          .catch(() => undefined)
          .finally(() =>
            store
              .close()
              .catch(() => undefined)
              .finally(() => resolve()),
          );
      };
      process.once('SIGINT', () => stop('SIGINT'));
      process.once('SIGTERM', () => stop('SIGTERM'));
    });
    return EXIT_OK;
  },
};
