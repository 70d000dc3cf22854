// The PDF renderer treats a document as hostile: one browser, a fixed pool of pages, a bounded
// queue, a deadline, no JavaScript and no network. Real Debian chromium.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { msg } from '../../../dsl/message.ts';
import { render } from '../../../dsl/messages.ts';
import { createPdfRenderer, DocumentError, type PdfRenderer } from '../../../engine/documents/index.ts';

const page = (body: string, head = '') => `<!DOCTYPE html><html><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`;

describe.runIf(existsSync('/usr/bin/chromium'))('PDF renderer', () => {
  let renderer: PdfRenderer;
  let listener: Server;
  let port = 0;
  let connections = 0;

  beforeAll(async () => {
    renderer = await createPdfRenderer({ pages: 3, queue: 16 });
    listener = createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    port = (listener.address() as { port: number }).port;
  });
  afterAll(async () => {
    await renderer?.close();
    await new Promise((resolve) => listener?.close(resolve));
  });

  it('12 concurrent renders never have more pages open than the pool (3), and all succeed', async () => {
    let most = 0;
    const sampler = setInterval(() => (most = Math.max(most, renderer.openPages())), 5);
    try {
      const pdfs = await Promise.all(Array.from({ length: 12 }, (_, i) => renderer.pdf(page(`<h1>文书 ${i}</h1>`))));
      for (const b of pdfs) expect(b.subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      clearInterval(sampler);
    }
    most = Math.max(most, renderer.openPages());
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(renderer.pages);
    expect(renderer.pages).toBe(3);
  }, 120_000);

  it('a template trying fetch, WebSocket, img, iframe, refresh and prefetch to 127.0.0.1 makes no connection', async () => {
    const u = `http://127.0.0.1:${port}`;
    const hostile = page(
      `<img src="${u}/img"><iframe src="${u}/frame"></iframe><div style="background:url(${u}/bg)">x</div>
       <script>fetch('${u}/fetch'); new WebSocket('ws://127.0.0.1:${port}/ws'); window.__ran = 1;</script>
       <img src="data:," onerror="fetch('${u}/onerror')">`,
      `<link rel="stylesheet" href="${u}/css"><link rel="prefetch" href="${u}/prefetch"><link rel="preconnect" href="${u}">`,
    );
    const before = connections;
    const bytes = await renderer.pdf(hostile);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    await new Promise((r) => setTimeout(r, 500));
    expect(connections - before).toBe(0);
  }, 60_000);

  it('a document that navigates away (meta refresh to a local port) is refused, still with no connection', async () => {
    const before = connections;
    const r = renderer.pdf(page('<p>x</p><p>y</p>', `<meta http-equiv="refresh" content="0;url=http://127.0.0.1:${port}/away">`));
    // Either the refresh lands before the PDF is taken (refused) or after (the document itself).
    const outcome = await r.then(
      (b) => b.subarray(0, 5).toString(),
      (e: DocumentError) => e.code,
    );
    expect(['%PDF-', 'PDF_FAILED']).toContain(outcome);
    await new Promise((res) => setTimeout(res, 500));
    expect(connections - before).toBe(0);
  }, 60_000);

  it('JavaScript is off: a <script> and an onerror attribute leave no trace in the PDF', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lf-pdf-js-'));
    try {
      const bytes = await renderer.pdf(
        page(
          `<p id="t">STATIC</p><script>document.getElementById('t').textContent='SCRIPTED'</script><img src="data:," onerror="document.body.append('ONERROR')">`,
        ),
      );
      writeFileSync(join(dir, 'x.pdf'), bytes);
      const text = execFileSync('pdftotext', [join(dir, 'x.pdf'), '-'], { encoding: 'utf8' });
      expect(text).toContain('STATIC');
      expect(text).not.toContain('SCRIPTED');
      expect(text).not.toContain('ONERROR');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('a full queue is refused at once with PDF_BUSY; the renders already admitted finish', async () => {
    const small = await createPdfRenderer({ pages: 2, queue: 2 });
    try {
      const results = await Promise.allSettled(Array.from({ length: 8 }, () => small.pdf(page('<p>排队</p>'))));
      const busy = results.filter((r) => r.status === 'rejected');
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(4);
      expect(busy).toHaveLength(4);
      for (const r of busy) expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'PDF_BUSY' });
      expect(small.openPages()).toBeLessThanOrEqual(2);
    } finally {
      await small.close();
    }
  }, 120_000);

  it('a render past its deadline fails with PDF_TIMEOUT, and the pool goes on with a fresh page', async () => {
    const slow = await createPdfRenderer({ pages: 2, timeoutMs: 1 });
    try {
      await expect(slow.pdf(page('<p>慢</p>'))).rejects.toMatchObject({ code: 'PDF_TIMEOUT' });
    } finally {
      await slow.close();
    }
    expect((await renderer.pdf(page('<p>ok</p>'))).subarray(0, 5).toString()).toBe('%PDF-');
    expect(renderer.openPages()).toBeLessThanOrEqual(renderer.pages);
  }, 60_000);

  it('says whether Chromium runs sandboxed, and why not (as root it cannot)', () => {
    if (process.getuid?.() === 0) {
      expect(renderer.sandboxed).toBe(false);
      expect(renderer.sandboxNote).toEqual(msg('doc.sandboxRoot'));
      expect(render(renderer.sandboxNote!, 'en')).toBe('running as root: Chromium cannot start its sandbox');
    } else {
      expect(renderer.sandboxed || renderer.sandboxNote !== null).toBe(true);
    }
  });
});
