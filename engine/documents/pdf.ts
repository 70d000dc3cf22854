// HTML → PDF through headless Chromium (playwright-core, /usr/bin/chromium). One browser per
// renderer: tests and batch jobs render many documents with one launch; renderPdf is the
// one-shot convenience. The page size comes from the template's @page rule (A4).

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Browser } from 'playwright-core';
import { DocumentError } from './errors.ts';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export interface PdfRenderer {
  render(html: string, outFile: string): Promise<void>;
  close(): Promise<void>;
}

export async function createPdfRenderer(options: { executablePath?: string } = {}): Promise<PdfRenderer> {
  let browser: Browser;
  try {
    // Loaded on demand: rendering HTML (the common case) should not pay for playwright's import.
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: options.executablePath ?? CHROMIUM_PATH,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  } catch (e) {
    throw new DocumentError('PDF_FAILED', `无法启动 Chromium cannot start Chromium: ${(e as Error).message.split('\n')[0]}`);
  }
  return {
    async render(html: string, outFile: string): Promise<void> {
      const page = await browser.newPage();
      try {
        // The HTML is self-contained; no request should leave the page.
        await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
        await page.setContent(html, { waitUntil: 'load' });
        await page.evaluate(() => document.fonts.ready.then(() => undefined));
        mkdirSync(dirname(outFile), { recursive: true });
        await page.pdf({ path: outFile, format: 'A4', printBackground: true, preferCSSPageSize: true });
      } catch (e) {
        throw new DocumentError('PDF_FAILED', `生成 PDF 失败 PDF rendering failed: ${(e as Error).message.split('\n')[0]}`, outFile);
      } finally {
        await page.close();
      }
    },
    async close(): Promise<void> {
      await browser.close();
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
