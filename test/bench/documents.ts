// Bench: documents. How long it takes to build the model and render each 钦州 form to HTML
// (template cached), and to check a template, against a reference that touches the same data
// (JSON.stringify of the model) in the same process. PDF is not benched: it is Chromium's time.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { amountInWords, buildDocumentModel, checkTemplate, renderHtml } from '../../engine/documents/index.ts';
import type { CaseData } from '../../dsl/case-model.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FORMS = ['转让合同', '转让申请表', '转让公示', '退出申请书', '退出合同'];

function time(fn: () => void, minMs = 300): number {
  for (let i = 0; i < 50; i++) fn(); // warm up the JIT before measuring
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < minMs) {
    fn();
    n++;
  }
  return ((performance.now() - start) * 1000) / n; // µs per call
}

export const suite = {
  name: 'documents (HTML rendering, template checking)',
  async run(): Promise<void> {
    const kase = JSON.parse(readFileSync(`${ROOT}examples/household-qinzhou.json`, 'utf8')) as CaseData;
    const input = (form: string) => ({
      policy: { id: 'qinzhou', name: '钦州办法', shortName: '钦州', region: '广西壮族自治区钦州市' },
      form: { id: form, title: form, copies: 4 },
      kase,
      result: { compensation: { amount: '53333.25', words: amountInWords('53333.25'), perMu: '22695.00' } },
      contractNumber: { year: 2026, seq: 1 },
      date: '2026-08-20',
    });
    const reference = time(() => JSON.stringify(buildDocumentModel(input('退出合同'))));
    console.log(`reference: build model + JSON.stringify  ${reference.toFixed(1)} µs`);
    for (const form of FORMS) {
      const source = readFileSync(`${ROOT}policies/templates/qinzhou/${form}.hbs`, 'utf8');
      const render = time(() => renderHtml(source, buildDocumentModel(input(form))));
      const check = time(() => checkTemplate(source, form));
      console.log(
        `${form}: render ${render.toFixed(1)} µs (×${(render / reference).toFixed(1)} reference), ` +
          `check ${check.toFixed(1)} µs (×${(check / reference).toFixed(1)})`,
      );
    }
  },
};
