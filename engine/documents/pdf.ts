// HTML → PDF through headless Chromium (playwright-core, /usr/bin/chromium). The HTML comes from a
// template an officer wrote, so the page is treated as hostile:
//   - one browser process, one context, a fixed pool of pages: concurrent requests wait for a page
//     instead of each opening one, and a bounded queue refuses the rest (PDF_BUSY, a 503);
//   - JavaScript is off for the context, so no <script> or on* attribute runs;
//   - every request the page makes is aborted, and host resolution maps every name and address to
//     "not found", which also stops the connections Chromium would open ahead of a navigation
//     (<iframe src>, <meta http-equiv=refresh>) before interception sees them;
//   - each render has a deadline (PDF_TIMEOUT); a page that missed it is closed, never reused.
// Chromium's own sandbox stays on where it can: as root it cannot (Chromium refuses to start its
// namespace/setuid sandbox for uid 0), and where unprivileged user namespaces are disabled the launch
// fails; both fall back to --no-sandbox, and the renderer says so (`sandboxed`, `sandboxNote`).

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DocumentError } from './errors.ts';
import { msg, type Message } from '../../dsl/message.ts';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export interface PdfRendererOptions {
  executablePath?: string;
  /** Pages rendering at once (2–4; default 2). */
  pages?: number;
  /** Renders waiting for a page beyond which new ones are refused (default 8). */
  queue?: number;
  /** Deadline of one render, from getting a page to the PDF bytes (default 30 s). */
  timeoutMs?: number;
}

export interface PdfRenderer {
  pdf(html: string): Promise<Buffer>;
  render(html: string, outFile: string): Promise<void>;
  /** Pages the browser has open now (never more than the pool size). */
  openPages(): number;
  /** The pool size. */
  readonly pages: number;
  /** Whether Chromium runs with its sandbox, and why not. */
  readonly sandboxed: boolean;
  readonly sandboxNote: Message | null;
  /** False once the browser has gone (crashed or closed): make a new renderer. */
  isConnected(): boolean;
  close(): Promise<void>;
}

const ARGS = [
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-extensions',
  '--disable-component-update',
  '--disable-default-apps',
  '--disable-sync',
  '--no-first-run',
  '--host-resolver-rules=MAP * ~NOTFOUND',
];

const firstLine = (e: unknown) => String((e as Error)?.message ?? e).split('\n')[0];

async function launch(executablePath: string): Promise<{ browser: Browser; sandboxed: boolean; sandboxNote: Message | null }> {
  // Loaded on demand: rendering HTML (the common case) should not pay for playwright's import.
  const { chromium } = await import('playwright-core');
  const start = (sandbox: boolean) => chromium.launch({ executablePath, chromiumSandbox: sandbox, args: ARGS });
  if (process.getuid?.() === 0) {
    return {
      browser: await start(false),
      sandboxed: false,
      sandboxNote: msg('doc.sandboxRoot'),
    };
  }
  try {
    return { browser: await start(true), sandboxed: true, sandboxNote: null };
  } catch (e) {
    return { browser: await start(false), sandboxed: false, sandboxNote: msg('doc.sandboxUnavailable', { detail: firstLine(e) }) };
  }
}

export async function createPdfRenderer(options: PdfRendererOptions = {}): Promise<PdfRenderer> {
  const size = Math.min(4, Math.max(2, Math.floor(options.pages ?? 2)));
  const queueLimit = Math.max(0, Math.floor(options.queue ?? 8));
  const timeoutMs = options.timeoutMs ?? 30_000;
  let browser: Browser;
  let context: BrowserContext;
  let sandboxed: boolean;
  let sandboxNote: Message | null;
  try {
    ({ browser, sandboxed, sandboxNote } = await launch(options.executablePath ?? CHROMIUM_PATH));
    context = await browser.newContext({ javaScriptEnabled: false, offline: true, serviceWorkers: 'block', acceptDownloads: false });
    // The document arrives by setContent; nothing else may load.
    await context.route('**/*', (route) => route.abort('blockedbyclient'));
    await context.routeWebSocket('**', (ws) => ws.close());
  } catch (e) {
    throw new DocumentError('PDF_FAILED', msg('pdf.cannotStart', { detail: firstLine(e) }));
  }

  const idle: Page[] = [];
  const waiting: { give: (p: Page) => void; fail: (e: unknown) => void }[] = [];
  let opened = 0;
  let closed = false;

  async function acquire(): Promise<Page> {
    if (closed || !browser.isConnected()) throw new DocumentError('PDF_FAILED', msg('pdf.closed'));
    const ready = idle.pop();
    if (ready) return ready;
    if (opened < size) {
      opened++;
      try {
        return await context.newPage();
      } catch (e) {
        opened--;
        throw new DocumentError('PDF_FAILED', msg('pdf.cannotOpenPage', { detail: firstLine(e) }));
      }
    }
    if (waiting.length >= queueLimit) {
      throw new DocumentError('PDF_BUSY', msg('pdf.queueFull', { running: size, waiting: waiting.length }));
    }
    return new Promise<Page>((give, fail) => waiting.push({ give, fail }));
  }

  /** A page back to the pool, or (if it is spoilt) closed, its slot handed to the next in line. */
  function release(page: Page, reusable: boolean): void {
    if (reusable && !closed) {
      const next = waiting.shift();
      if (next) next.give(page);
      else idle.push(page);
      return;
    }
    opened--;
    void page.close().catch(() => undefined);
    const next = waiting.shift();
    if (next) acquire().then(next.give, next.fail);
  }

  async function renderOn(page: Page, html: string): Promise<Buffer> {
    await page.setContent(html, { waitUntil: 'load', timeout: timeoutMs });
    // Playwright's own evaluation still runs with the page's JavaScript off.
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    const bytes = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    // A navigation (a refresh, a form) ends on an error page: that is not the document.
    if (page.url() !== 'about:blank') throw new DocumentError('PDF_FAILED', msg('pdf.navigated'));
    return bytes;
  }

  async function pdf(html: string): Promise<Buffer> {
    const page = await acquire();
    let timer: NodeJS.Timeout | undefined;
    let reusable = false;
    try {
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new DocumentError('PDF_TIMEOUT', msg('pdf.timeout', { seconds: timeoutMs / 1000 }))), timeoutMs);
      });
      const bytes = await Promise.race([renderOn(page, html), deadline]);
      // Empty the page before the next document uses it.
      await page.setContent('', { timeout: timeoutMs });
      reusable = true;
      return bytes;
    } catch (e) {
      if (e instanceof DocumentError) throw e;
      throw new DocumentError('PDF_FAILED', msg('pdf.failed', { detail: firstLine(e) }));
    } finally {
      clearTimeout(timer);
      release(page, reusable);
    }
  }

  return {
    pages: size,
    sandboxed,
    sandboxNote,
    openPages: () => context.pages().length,
    isConnected: () => !closed && browser.isConnected(),
    pdf,
    async render(html: string, outFile: string): Promise<void> {
      const bytes = await pdf(html);
      try {
        mkdirSync(dirname(outFile), { recursive: true });
        writeFileSync(outFile, bytes);
      } catch (e) {
        throw new DocumentError('PDF_FAILED', msg('pdf.cannotWrite', { detail: firstLine(e) }), outFile);
      }
    },
    async close(): Promise<void> {
      closed = true;
      for (const w of waiting.splice(0)) w.fail(new DocumentError('PDF_FAILED', msg('pdf.closed')));
      await browser.close().catch(() => undefined);
    },
  };
}

/** Renders one HTML document to a PDF file (launches and closes a browser). */
export async function renderPdf(html: string, outFile: string): Promise<void> {
  const renderer = await createPdfRenderer();
  try {
    await renderer.render(html, outFile);
  } finally {
    await renderer.close();
  }
}
