// A case's printable forms: which ones exist for its procedure, and each rendered from the case as
// it stands (contract number and amount once the contract is signed). PDF goes through one
// Chromium per server, started on the first PDF request and closed with the server.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildDocumentModel, createPdfRenderer, DocumentError, renderForm, type PdfRenderer } from '../documents/index.ts';
import type { PinnedPolicy } from '../cases/policies.ts';
import type { CaseService } from '../cases/service.ts';
import { CaseError } from '../cases/errors.ts';
import type { CaseState } from '../run/index.ts';

export interface DocumentInfo {
  form: string;
  title: string;
  cite: string;
  step: string | null;
  /** The step has started (or the form belongs to no step). */
  available: boolean;
}

export function listDocuments(cases: CaseService, id: string): DocumentInfo[] {
  const rec = cases.record(id);
  const wf = cases.workflowOf(rec);
  const state = rec.state as CaseState;
  return wf.forms.map((f) => {
    const st = f.step ? state.steps[f.step] : undefined;
    return { form: f.id, title: f.title, cite: f.cite, step: f.step ?? null, available: !f.step || st?.status === 'active' || st?.status === 'done' };
  });
}

export function renderCaseForm(cases: CaseService, id: string, formId: string): { html: string; title: string } {
  const rec = cases.record(id);
  const wf = cases.workflowOf(rec);
  const pinned: PinnedPolicy = cases.pinnedOf(rec);
  const state = rec.state as CaseState;
  const decl = pinned.policy.forms.find((f) => f.id === formId && f.procedure === wf.procedure);
  const listed = wf.forms.find((f) => f.id === formId);
  if (!decl || !listed) {
    throw new CaseError(404, 'FORM_NOT_FOUND', `本案没有表格 ${formId} — no such form for this case; 可用 known: ${wf.forms.map((f) => f.id).join(', ')}`);
  }
  const k = state.contract;
  let compensation = k ? { amount: k.amount, ...(k.words ? { words: k.words } : {}), ...(k.pricePerMu ? { perMu: k.pricePerMu } : {}) } : undefined;
  if (!compensation) {
    const e = pinned.evaluate({ procedure: wf.procedure, mode: wf.mode, kase: state.case, at: cases.today() });
    if (e.compensation) compensation = { amount: e.compensation.amount, words: e.compensation.words, ...(e.compensation.perMu ? { perMu: e.compensation.perMu } : {}) };
  }
  const step = listed.step ? state.steps[listed.step] : undefined;
  const m = pinned.policy.meta;
  try {
    const model = buildDocumentModel({
      policy: { id: m.id, name: m.name, shortName: m.shortName, region: m.region, articles: pinned.policy.articles },
      form: { id: decl.id, title: decl.title, ...(decl.copies ? { copies: decl.copies } : {}), ...(decl.numbering ? { numbering: decl.numbering } : {}) },
      kase: state.case,
      result: { ...(compensation ? { compensation } : {}), ...(wf.procedure === 'transfer' && k ? { transferTotal: k.amount } : {}) },
      ...(k?.year && k.seq ? { contractNumber: { year: k.year, seq: k.seq, ...(k.number ? { text: k.number } : {}), kind: k.kind } } : {}),
      ...(step?.doneOn ? { date: step.doneOn } : {}),
    });
    return { html: renderForm({ policyDir: pinned.dir, templatePath: decl.template, model }), title: decl.title };
  } catch (e) {
    if (e instanceof DocumentError) throw new CaseError(422, `DOCUMENT_${e.code}`, e.message, { cite: decl.cite });
    throw e;
  }
}

/** One browser for the server's life, started lazily. */
export class PdfService {
  private renderer: Promise<PdfRenderer> | undefined;

  async render(html: string): Promise<Buffer> {
    this.renderer ??= createPdfRenderer().catch((e) => {
      this.renderer = undefined;
      throw e;
    });
    const r = await this.renderer;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'landflow-pdf-'));
    try {
      const file = path.join(dir, 'out.pdf');
      await r.render(html, file);
      return readFileSync(file);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  async close(): Promise<void> {
    const r = this.renderer;
    this.renderer = undefined;
    if (r) await (await r).close().catch(() => undefined);
  }
}
