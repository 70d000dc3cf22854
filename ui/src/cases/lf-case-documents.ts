// The case's documents (application, notice, contract …): preview in the page, print, or open
// the PDF the server renders. The preview frame is rebuilt when the case version changes, so it
// always shows the document as the case now stands. A document comes from a template an officer
// wrote, so the frame is sandboxed with no permission at all (no scripts, an opaque origin; the
// server's Content-Security-Policy says the same). Such a frame cannot be printed from this page,
// so printing opens the server's PDF of the form, which prints exactly as A4. A document the
// account may not see (a researcher reads masked data only) is asked for first, so the refusal is
// shown in words rather than as the server's JSON inside the frame.
import { css, html, nothing } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { api, type ApiError, type CaseDocument, type ErrorBody } from '../api.ts';
import { t } from '../i18n.ts';
import { define, LfElement } from '../common/lf-element.ts';
import { asWritten } from '../common/content.ts';

export class LfCaseDocuments extends LfElement {
  static override properties = {
    caseId: { type: String },
    version: { type: Number },
    docs: { state: true },
    shown: { state: true },
    error: { state: true },
    docError: { state: true },
  };
  declare caseId: string;
  declare version: number;
  declare docs: CaseDocument[];
  declare shown: string | null;
  declare error: ApiError | null;
  /** Why the document asked for cannot be shown. */
  declare docError: string | null;

  static override styles = [
    LfElement.styles,
    css`
      ul { list-style: none; padding: 0; margin: 0; }
      li { display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; padding: 0.3rem 0; border-bottom: 1px solid var(--lf-line); }
      li .title { margin-right: auto; }
      iframe { width: 100%; height: 36rem; border: 1px solid var(--lf-line); background: #fff; margin-top: 0.6rem; }
    `,
  ];

  constructor() {
    super();
    this.caseId = '';
    this.version = 0;
    this.docs = [];
    this.shown = null;
    this.error = null;
    this.docError = null;
  }

  /** Opens a document in the frame once the server agrees to send it. */
  private async preview(form: string) {
    this.docError = null;
    this.shown = null;
    const r = await fetch(api.documentUrl(this.caseId, form), { credentials: 'same-origin', headers: { accept: 'text/html' } }).catch(
      () => null,
    );
    if (!r || !r.ok) {
      const body: unknown = r ? await r.json().catch(() => null) : null;
      const message = (body as Partial<ErrorBody> | null)?.error?.message;
      this.docError =
        r?.status === 403 ? t('cases.docForbidden') : `${t('cases.docFailed')}${message ? `${t('common.colon')}${message}` : ''}`;
      return;
    }
    this.shown = form;
  }

  override willUpdate(changed: Map<string, unknown>) {
    if ((changed.has('caseId') || changed.has('version')) && this.caseId) this.load();
  }

  private async load() {
    const r = await api.documents(this.caseId);
    if (r.ok) {
      this.docs = r.data;
      this.error = null;
    } else this.error = r.error;
  }

  override render() {
    return html`
      ${this.error ? html`<lf-notice kind="error" .error=${this.error}></lf-notice>` : nothing}
      ${this.docs.length === 0 && !this.error ? html`<p class="muted">${t('cases.noDocuments')}</p>` : nothing}
      <ul>
        ${this.docs.map(
          (d) => html`<li data-form=${d.form}>
            <span class="title">${asWritten(d.title || d.form)} ${d.cite ? html`<span class="cite">${asWritten(d.cite)}</span>` : nothing}
              ${!d.available ? html`<span class="small muted">${t('cases.notYet')}</span>` : nothing}</span>
            <button @click=${() => this.preview(d.form)} aria-pressed=${this.shown === d.form} ?disabled=${!d.available}>${t('cases.preview')}</button>
            ${
              !d.available || this.docError
                ? html`<button disabled>PDF</button>`
                : html`<a class="button" href=${api.documentUrl(this.caseId, d.form, true)} target="_blank" rel="noopener">PDF</a>`
            }
          </li>`,
        )}
      </ul>
      ${this.docError ? html`<lf-notice kind="warn" data-testid="document-refused">${this.docError}</lf-notice>` : nothing}
      ${
        this.shown
          ? html`<div class="row" style="margin-top:.6rem"><strong>${asWritten(this.shown)}</strong>
              <a class="button" data-print href=${api.documentUrl(this.caseId, this.shown, true)} target="_blank" rel="noopener">${t('cases.print')}</a>
              <button @click=${() => (this.shown = null)}>${t('common.close')}</button></div>
            ${keyed(`${this.shown}@${this.version}`, html`<iframe sandbox="" title=${this.shown} src=${api.documentUrl(this.caseId, this.shown)}></iframe>`)}`
          : nothing
      }
    `;
  }
}

define('lf-case-documents', LfCaseDocuments);
