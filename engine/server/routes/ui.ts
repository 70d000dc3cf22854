// The built UI (ui/dist) as static files; any other GET that is not /api/… gets index.html (the
// app routes in the browser). Without a built UI, a plain page says so.
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorOf, httpStatus, sendError } from '../errors.ts';
import { msg } from '../../../dsl/message.ts';

export const PLACEHOLDER_HTML = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>landflow</title></head>
<body style="font-family: sans-serif; max-width: 40rem; margin: 3rem auto">
<h1>landflow 土地承包经营权有偿转让、退出</h1>
<p>界面尚未构建。The web UI has not been built yet (no ui/dist/index.html): run <code>npm run build:ui</code>.</p>
<p>接口可用 The API is up: <a href="/api/policies">/api/policies</a> — 政策编辑 · 方案比较 · 案件办理</p>
</body></html>
`;

export async function uiRoutes(app: FastifyInstance, uiDir: string | null | undefined): Promise<void> {
  const index = uiDir ? path.join(uiDir, 'index.html') : null;
  const built = index !== null && fs.existsSync(index);
  if (built) {
    await app.register(fastifyStatic, {
      root: path.resolve(uiDir!),
      prefix: '/',
      wildcard: true,
      index: ['index.html'],
      setHeaders(reply: FastifyReply, file: string) {
        // Vite names assets by content hash: they never change under their name.
        reply.header('cache-control', /[\\/]assets[\\/]/.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  } else {
    app.get('/', async (_req, reply) => reply.type('text/html; charset=utf-8').send(PLACEHOLDER_HTML));
  }

  app.setNotFoundHandler(async (req: FastifyRequest, reply: FastifyReply) => {
    const url = req.url.split('?')[0]!;
    if (url.startsWith('/api/') || url === '/api' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      return sendError(reply, httpStatus('notFound'), errorOf('NOT_FOUND', msg('http.notFound', { what: `${req.method} ${url}` })));
    }
    // A missing file (an old asset name) is a 404; only app routes fall back to index.html.
    if (/\.[A-Za-z0-9]{1,8}$/.test(url)) return reply.code(404).type('text/plain; charset=utf-8').send(`未找到 not found: ${url}`);
    if (!built) return reply.code(200).type('text/html; charset=utf-8').send(PLACEHOLDER_HTML);
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
