// Renders each 钦州 form to PDF with one browser launch, reads the text back with pdftotext and
// saves page 1 as a PNG next to it (test-output/documents/, gitignored) for a person to look at.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildDocumentModel,
  createPdfRenderer,
  loadTemplate,
  renderForm,
  renderPdf,
  type PdfRenderer,
} from '../../../engine/documents/index.ts';
import { qinzhouInput, QINZHOU_FORMS } from './fixtures.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const OUT = `${ROOT}test-output/documents`;
const POLICIES = `${ROOT}policies`;

const EXPECTED: Record<(typeof QINZHOU_FORMS)[number], string[]> = {
  转让合同: [
    '转让（2026）第001号',
    '450702196803151235',
    '450702197504191530',
    '24150.00',
    '贰万肆仟壹佰伍拾元整',
    '坡地',
    '山脚',
    '壹点壹伍',
  ],
  转让申请表: ['坡地', '山脚', '黄某光地', '林地', '村道', '1.15', '壹点壹伍', '韦某华'],
  转让公示: ['黄某明、李某芳、黄某强', '4507022023000123', '450702202300123J', '坡地', '1.15', '15日内'],
  退出申请书: ['家庭人口3人', '2.35', '水田1.20亩', '旱地1.15亩', '门口田', '坡地', '贰点叁伍', '2026年1月15日'],
  退出合同: ['退出（2026）第001号', '2.35', '53333.25', '伍万叁仟叁佰叁拾叁元贰角伍分', '22695.00', '门口田', '坡地', '贰点叁伍'],
};

function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
}

function pdfPages(file: string): number {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
}

describe('PDF rendering of the five 钦州 forms', () => {
  let renderer: PdfRenderer;

  beforeAll(async () => {
    renderer = await createPdfRenderer();
  });
  afterAll(async () => {
    await renderer?.close();
  });

  for (const form of QINZHOU_FORMS) {
    it(`${form}: A4 PDF whose text holds the case's values, with a page-1 PNG`, async () => {
      const html = renderForm({
        template: loadTemplate(POLICIES, `templates/qinzhou/${form}.hbs`),
        model: buildDocumentModel(qinzhouInput(form)),
      });
      const pdf = `${OUT}/${form}.pdf`;
      await renderer.render(html, pdf);
      const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
      expect(info).toMatch(/Page size:\s+595(\.\d+)? x 842(\.\d+)? pts \(A4\)|Page size:\s+594\.96 x 841\.92 pts \(A4\)/);
      expect(pdfPages(pdf)).toBeLessThanOrEqual(3);
      const text = pdfText(pdf);
      for (const s of EXPECTED[form]) expect(text, `${form} lacks ${s}`).toContain(s);
      // Every font is embedded (Chromium writes the CJK collection's glyphs as Type 3 fonts).
      const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
      expect(fonts.length).toBeGreaterThan(0);
      for (const line of fonts) expect(line).toMatch(/\s+yes\s+(yes|no)\s+yes\s+\d+\s+\d+$/);

      const pngBase = `${OUT}/${form}`;
      rmSync(`${pngBase}-1.png`, { force: true });
      execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdf, pngBase]);
      expect(existsSync(`${pngBase}-1.png`)).toBe(true);
      expect(statSync(`${pngBase}-1.png`).size).toBeGreaterThan(5_000);
    });
  }

  it('renderPdf (one-shot) writes the same document', async () => {
    const html = renderForm({
      template: loadTemplate(POLICIES, 'templates/qinzhou/退出合同.hbs'),
      model: buildDocumentModel(qinzhouInput('退出合同')),
    });
    const pdf = `${OUT}/退出合同.one-shot.pdf`;
    await renderPdf(html, pdf);
    expect(pdfText(pdf)).toContain('伍万叁仟叁佰叁拾叁元贰角伍分');
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
