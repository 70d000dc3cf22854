// A case's printable forms: which ones exist for its procedure, and each rendered from the case as
// it stands (contract number and amount once the contract is signed), with the templates of the
// policy version the case is pinned to. Served under a policy that lets the document run nothing;
// PDF goes through one Chromium per server (engine/documents/pdf.ts: a page pool, a bounded queue),
// started on the first PDF request and closed with the server.
import type { FastifyReply } from 'fastify';
import { buildDocumentModel, createPdfRenderer, DocumentError, renderForm, storedTemplate, type PdfRenderer } from '../documents/index.ts';
import type { PdfRendererOptions } from '../documents/pdf.ts';
import { errorOf, httpStatus, sendError } from './errors.ts';
import { msg } from '../../dsl/message.ts';
import { caseModelInput } from '../documents/case-input.ts';
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

export async function listDocuments(cases: CaseService, id: string): Promise<DocumentInfo[]> {
  const rec = await cases.record(id);
  const wf = await cases.workflowOf(rec);
  const state = rec.state as CaseState;
  return wf.forms.map((f) => {
    const st = f.step ? state.steps[f.step] : undefined;
    return {
      form: f.id,
      title: f.title,
      cite: f.cite,
      step: f.step ?? null,
      available: !f.step || st?.status === 'active' || st?.status === 'done',
    };
  });
}

export async function renderCaseForm(cases: CaseService, id: string, formId: string): Promise<{ html: string; title: string }> {
  const rec = await cases.record(id);
  const wf = await cases.workflowOf(rec);
  const pinned: PinnedPolicy = await cases.pinnedOf(rec);
  const state = rec.state as CaseState;
  const decl = pinned.policy.forms.find((f) => f.id === formId && f.procedure === wf.procedure);
  const listed = wf.forms.find((f) => f.id === formId);
  if (!decl || !listed) {
    throw new CaseError('notFound', 'FORM_NOT_FOUND', msg('doc.noCaseForm', { form: formId, known: wf.forms.map((f) => f.id).join(', ') }));
  }
  const step = listed.step ? state.steps[listed.step] : undefined;
  try {
    // Figures, mode and payer from the evaluation; once signed, what the contract agreed (caseModelInput).
    const evaluation = pinned.evaluate({ procedure: wf.procedure, mode: wf.mode, kase: state.case, at: cases.today() });
    const model = buildDocumentModel(
      caseModelInput({
        policy: pinned.policy,
        form: decl,
        kase: state.case,
        evaluation,
        signed: state.contract,
        ...(step?.doneOn ? { date: step.doneOn } : {}),
      }),
    );
    return { html: renderForm({ template: storedTemplate(pinned.templates, decl.template), model }), title: decl.title };
  } catch (e) {
    if (e instanceof DocumentError) throw new CaseError('unprocessable', `DOCUMENT_${e.code}`, e.text ?? e.message, { cite: decl.cite });
    throw e;
  }
}

/**
 * What a served document may do: show itself, with its inline print CSS and data: images, and
 * nothing else — no script, no request, no form, no plugin. `sandbox` gives it an opaque origin even
 * when opened on its own, so a template's markup can never act in a clerk's session.
 */
export const DOCUMENT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'; sandbox";

export function sendDocumentHtml(reply: FastifyReply, html: string): FastifyReply {
  return reply.type('text/html; charset=utf-8').header('content-security-policy', DOCUMENT_CSP).send(html);
}

/** A PDF that cannot be made now is the server's state, not the request's fault: 503. */
export function sendPdfError(reply: FastifyReply, e: DocumentError): FastifyReply {
  const busy = e.code === 'PDF_BUSY';
  if (busy) reply.header('retry-after', '5');
  return sendError(
    reply,
    httpStatus('busy'),
    errorOf(busy ? 'PDF_BUSY' : 'PDF_UNAVAILABLE', msg('http.pdfUnavailable', { problem: e.text ?? e.message.split('\n')[0] })),
  );
}

/** One browser for the server's life, started on the first PDF and started again if it dies. */
export class PdfService {
  private renderer: Promise<PdfRenderer> | undefined;

  constructor(private readonly options: PdfRendererOptions = {}) {}

  private async current(): Promise<PdfRenderer> {
    const r = this.renderer ? await this.renderer.catch(() => undefined) : undefined;
    if (r?.isConnected()) return r;
    const next = createPdfRenderer(this.options);
    this.renderer = next;
    next.catch(() => {
      if (this.renderer === next) this.renderer = undefined;
    });
    return next;
  }

  async render(html: string): Promise<Buffer> {
    return (await this.current()).pdf(html);
  }

  async close(): Promise<void> {
    const r = this.renderer;
    this.renderer = undefined;
    if (r) await (await r.catch(() => undefined))?.close();
  }
}
