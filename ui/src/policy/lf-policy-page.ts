// One policy open for editing: the YAML in the code editor (checked as you type, examples
// included), the side panel (lf-policy-side-panel), a check on the server, and publishing a new
// version. Nothing typed is lost: leaving with unsaved changes asks first, and the text is kept as
// a draft in the browser (drafts.ts), offered again when the policy is opened.
import { css, html, nothing } from 'lit';
import { api, type ApiError, type PolicyDetail, type PolicyDiff, type ServerDiagnostic } from '../api.ts';
import { t } from '../i18n.ts';
import { define, LfElement } from '../common/lf-element.ts';
import { asWritten } from '../common/content.ts';
import { shortDateTime } from '../common/dates.ts';
import { onLeave } from '../app/router.ts';
import type { CheckOutcome } from './check-adapter.ts';
import { dropDraft, readDraft, writeDraft, type Draft } from './drafts.ts';
import type { LfCodeEditor } from './lf-code-editor.ts';
import type { Tab } from './lf-policy-side-panel.ts';
import './lf-policy-diff.ts';

const DRAFT_DELAY_MS = 400;

export class LfPolicyPage extends LfElement {
  static override properties = {
    policyId: { type: String },
    detail: { state: true },
    loadError: { state: true },
    outcome: { state: true },
    text: { state: true },
    editorText: { state: true },
    tab: { state: true },
    saving: { state: true },
    saveError: { state: true },
    saved: { state: true },
    server: { state: true },
    offer: { state: true },
    review: { state: true },
  };
  declare policyId: string;
  declare detail: PolicyDetail | null;
  declare loadError: ApiError | null;
  /** The check of the text shown (browser and server findings merged). */
  declare outcome: CheckOutcome | null;
  declare text: string;
  /** The text given to the editor: the saved source, or a draft restored. */
  declare editorText: string;
  declare tab: Tab;
  declare saving: boolean;
  declare saveError: ApiError | null;
  declare saved: string | null;
  /** The server's diagnostics of the text last sent (a check, or a refused publish), with that text. */
  declare server: { text: string; diagnostics: ServerDiagnostic[] } | null;
  /** A draft from an earlier visit, offered until restored or discarded. */
  declare offer: Draft | null;
  /** 发布前比较: the server's diff of the text about to be published, with that text, until confirmed or cancelled. */
  declare review: { text: string; diff: PolicyDiff } | null;
  private draftTimer: ReturnType<typeof setTimeout> | undefined;
  private offLeave?: () => void;

  static override styles = [
    LfElement.styles,
    css`
      :host { display: block; }
      .bar { display: flex; align-items: center; gap: 0.75rem; flex-wrap: wrap; margin-bottom: 0.6rem; }
      .bar h1 { margin: 0; margin-right: auto; font-size: 1.15rem; flex: 1 1 12rem; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
      aside lf-notice, .draft { margin-bottom: 0.5rem; }
      .review { border: 1px solid var(--lf-line, #ccc); border-radius: var(--lf-radius); padding: 0.6rem 0.85rem; margin-bottom: 0.6rem; }
      .layout { display: grid; grid-template-columns: minmax(0, 1.15fr) minmax(0, 1fr); gap: 0.9rem; align-items: start; }
      lf-code-editor { height: calc(100vh - 13.5rem); min-height: 22rem; }
      aside { min-width: 0; }
      @media (max-width: 1000px) {
        .layout { grid-template-columns: 1fr; }
        lf-code-editor { height: 60vh; }
      }
    `,
  ];

  constructor() {
    super();
    this.policyId = '';
    this.detail = null;
    this.loadError = null;
    this.outcome = null;
    this.text = '';
    this.editorText = '';
    this.tab = 'diagnostics';
    this.saving = false;
    this.saveError = null;
    this.saved = null;
    this.server = null;
    this.offer = null;
    this.review = null;
  }

  private beforeUnload = (e: BeforeUnloadEvent) => {
    this.keepDraft();
    if (this.dirty) e.preventDefault();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('beforeunload', this.beforeUnload);
    this.offLeave = onLeave(() => {
      this.keepDraft();
      return this.dirty ? t('policy.leaveQuestion') : null;
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.keepDraft();
    window.removeEventListener('beforeunload', this.beforeUnload);
    this.offLeave?.();
  }

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('policyId') && this.policyId) this.load();
  }

  private async load() {
    this.detail = null;
    this.loadError = null;
    this.server = null;
    const r = await api.policy(this.policyId);
    if (!r.ok) {
      this.loadError = r.error;
      return;
    }
    this.detail = r.data;
    this.text = r.data.source;
    this.editorText = r.data.source;
    const draft = readDraft(r.data.id);
    this.offer = draft && draft.text !== r.data.source ? draft : null;
  }

  get dirty(): boolean {
    return !!this.detail && this.text !== this.detail.source;
  }

  /** Writes the draft now (leaving, reloading) or drops it when the text is the saved one. */
  private keepDraft() {
    clearTimeout(this.draftTimer);
    this.draftTimer = undefined;
    if (!this.detail) return;
    if (this.dirty) writeDraft(this.detail.id, this.text, this.detail.hash);
    else if (!this.offer) dropDraft(this.detail.id);
  }

  private onChange(text: string) {
    this.text = text;
    this.saved = null;
    if (this.review && this.review.text !== text) this.review = null;
    // Server findings are for the text that was sent; once it changes they are stale.
    if (this.server && this.server.text !== text) {
      this.server = null;
      this.saveError = null;
    }
    clearTimeout(this.draftTimer);
    this.draftTimer = setTimeout(() => this.keepDraft(), DRAFT_DELAY_MS);
  }

  private restoreDraft() {
    if (!this.offer) return;
    this.editorText = this.offer.text;
    this.text = this.offer.text;
    this.offer = null;
  }

  private discardDraft() {
    if (this.detail) dropDraft(this.detail.id);
    this.offer = null;
  }

  private get errorCount(): number {
    return (this.outcome?.diagnostics ?? []).filter((d) => d.severity === 'error').length;
  }

  /**
   * Before publishing: the server compares the text with the current version and shows what it
   * changes and what it does to the open cases; publishing is confirmed from there.
   */
  private async startReview() {
    this.saving = true;
    this.saveError = null;
    this.saved = null;
    const text = this.text;
    const r = await api.diffPolicy(this.policyId, text);
    this.saving = false;
    if (!r.ok) {
      this.saveError = r.error;
      this.server = { text, diagnostics: r.error.diagnostics ?? [] };
      if (this.server.diagnostics.length) this.tab = 'diagnostics';
      return;
    }
    if (text === this.text) this.review = { text, diff: r.data };
  }

  private async confirmPublish() {
    if (!this.review || this.review.text !== this.text) return;
    this.review = null;
    await this.save(true);
  }

  /**
   * publish: true writes the new version (the server refuses one with errors, 422 with its
   * diagnostics); false asks the server to check the text without saving anything.
   */
  private async save(publish: boolean) {
    this.saving = true;
    this.saveError = null;
    this.saved = null;
    const text = this.text;
    const r = await api.savePolicy(this.policyId, text, publish);
    this.saving = false;
    if (!r.ok) {
      this.saveError = r.error;
      this.server = { text, diagnostics: r.error.diagnostics ?? [] };
      if (this.server.diagnostics.length) this.tab = 'diagnostics';
      return;
    }
    this.server = { text, diagnostics: r.data.diagnostics ?? [] };
    const errors = this.server.diagnostics.filter((d) => d.severity === 'error').length;
    if (publish) {
      // The editor keeps what is typed; only the saved baseline moves.
      this.detail = { ...(this.detail as PolicyDetail), ...r.data, source: text };
      dropDraft(this.detail.id);
      this.saved = t('policy.published', { v: r.data.version ?? r.data.hash?.slice(0, 12) ?? '' });
    } else {
      this.saved = t('policy.serverChecked', { errors, warnings: this.server.diagnostics.length - errors });
      if (this.server.diagnostics.length) this.tab = 'diagnostics';
    }
  }

  private gotoOffset(offset: number) {
    this.renderRoot.querySelector<LfCodeEditor>('lf-code-editor')?.goto(offset);
  }

  private draftNotice(d: PolicyDetail) {
    const offer = this.offer;
    if (!offer) return nothing;
    return html`<lf-notice kind="warn" class="draft" data-testid="draft-offer">
      ${t('policy.draftFound', { at: shortDateTime(offer.savedAt) })}${offer.base !== d.hash ? html` ${t('policy.draftOld')}` : nothing}
      <div class="row" style="margin-top:.4rem">
        <button class="primary" @click=${this.restoreDraft}>${t('policy.draftRestore')}</button>
        <button @click=${this.discardDraft}>${t('policy.draftDiscard')}</button>
      </div>
    </lf-notice>`;
  }

  override render() {
    if (this.loadError)
      return html`<lf-notice kind="error" .error=${this.loadError}></lf-notice><p><a href="#/policies">${t('policy.backToList')}</a></p>`;
    const d = this.detail;
    if (!d) return html`<p class="muted" role="status">${t('common.loading')}</p>`;
    // Only the outcome of the text shown counts (a check may finish after the text changed).
    const outcome = this.outcome;
    const errors = this.errorCount;
    const warnings = (outcome?.diagnostics ?? []).filter((x) => x.severity === 'warning').length;
    return html`
      <div class="bar">
        <a href="#/policies" class="small">← ${t('policy.backToList')}</a>
        <h1 title=${d.meta?.name ?? ''}>${asWritten(d.meta?.shortName ?? d.id)} · <span class="small muted">${asWritten(d.meta?.name ?? '')}</span></h1>
        <span class="badge info">${asWritten(d.meta?.status ?? '')}</span>
        <span class="badge ${errors ? 'error' : 'ok'}" data-testid="error-count">${t('policy.errors', { n: errors })}</span>
        <span class="badge ${warnings ? 'warn' : ''}">${t('policy.warnings', { n: warnings })}</span>
        ${this.dirty ? html`<span class="badge warn" data-testid="unsaved">${t('policy.unsaved')}</span>` : nothing}
        <a class="small" href="#/cases/new?policy=${encodeURIComponent(d.id)}">${t('policy.newCase')}</a>
        <button @click=${() => this.save(false)} ?disabled=${this.saving}>${t('policy.serverCheck')}</button>
        <button class="primary" data-testid="publish" @click=${() => this.startReview()} ?disabled=${this.saving || errors > 0 || !this.dirty || !!this.review}
          aria-describedby=${errors > 0 ? 'cannot-publish' : nothing} title=${errors > 0 ? t('policy.cannotPublish') : ''}>${this.saving && !this.review ? t('policy.reviewing') : t('policy.publish')}</button>
      </div>
      ${this.draftNotice(d)}
      <div class="layout">
        <lf-code-editor
          .value=${this.editorText}
          .file=${`policies/${d.id}.yaml`}
          .server=${this.server}
          @lf-change=${(e: CustomEvent<string>) => this.onChange(e.detail)}
          @lf-checked=${(e: CustomEvent<{ text: string; outcome: CheckOutcome }>) => {
            if (e.detail.text === this.text) this.outcome = e.detail.outcome;
          }}
        ></lf-code-editor>
        <aside aria-label=${t('policy.sidePanel')}>
          ${errors > 0 ? html`<lf-notice kind="error" id="cannot-publish">${t('policy.cannotPublish')}</lf-notice>` : nothing}
          ${this.saveError ? html`<lf-notice kind="error" .error=${this.saveError}></lf-notice>` : nothing}
          ${this.saved ? html`<lf-notice kind="info">${this.saved}</lf-notice>` : nothing}
          ${
            this.review
              ? html`<section class="review" data-testid="publish-review" aria-label=${t('policy.review')}>
                <lf-policy-diff .diff=${this.review.diff}></lf-policy-diff>
                <div class="row">
                  <button class="primary" data-testid="confirm-publish" @click=${() => this.confirmPublish()} ?disabled=${this.saving}>${t('policy.confirmPublish')}</button>
                  <button @click=${() => (this.review = null)}>${t('policy.cancelPublish')}</button>
                </div>
              </section>`
              : nothing
          }
          <lf-policy-side-panel .outcome=${outcome} .detail=${this.detail} .tab=${this.tab}
            @lf-goto=${(e: CustomEvent<number>) => this.gotoOffset(e.detail)} @lf-tab=${(e: CustomEvent<Tab>) => (this.tab = e.detail)}></lf-policy-side-panel>
        </aside>
      </div>
    `;
  }
}

define('lf-policy-page', LfPolicyPage);
