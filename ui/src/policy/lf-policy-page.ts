// One policy open for editing: the YAML in the code editor (checked as you type), the side panel
// (lf-policy-side-panel), a check on the server, and publishing a new version.
import { css, html, nothing } from 'lit';
import { api, type ApiError, type PolicyDetail, type ServerDiagnostic } from '../api.ts';
import { t } from '../i18n.ts';
import { define, LfElement } from '../common/lf-element.ts';
import type { CheckOutcome } from './check-adapter.ts';
import type { LfCodeEditor } from './lf-code-editor.ts';
import type { Tab } from './lf-policy-side-panel.ts';

export class LfPolicyPage extends LfElement {
  static override properties = {
    policyId: { type: String },
    detail: { state: true },
    loadError: { state: true },
    outcome: { state: true },
    text: { state: true },
    tab: { state: true },
    saving: { state: true },
    saveError: { state: true },
    saved: { state: true },
    serverDiagnostics: { state: true },
  };
  declare policyId: string;
  declare detail: PolicyDetail | null;
  declare loadError: ApiError | null;
  declare outcome: CheckOutcome | null;
  declare text: string;
  declare tab: Tab;
  declare saving: boolean;
  declare saveError: ApiError | null;
  declare saved: string | null;
  /** The server's diagnostics of the text last sent (a check, or a refused publish). */
  declare serverDiagnostics: ServerDiagnostic[];

  static override styles = [
    LfElement.styles,
    css`
      :host { display: block; }
      .bar { display: flex; align-items: center; gap: 0.75rem; flex-wrap: wrap; margin-bottom: 0.6rem; }
      .bar h2 { margin: 0; margin-right: auto; font-size: 1.15rem; flex: 1 1 12rem; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
      aside lf-notice { margin-bottom: 0.5rem; }
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
    this.tab = 'diagnostics';
    this.saving = false;
    this.saveError = null;
    this.saved = null;
    this.serverDiagnostics = [];
  }

  private beforeUnload = (e: BeforeUnloadEvent) => {
    if (this.dirty) e.preventDefault();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('beforeunload', this.beforeUnload);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('beforeunload', this.beforeUnload);
  }

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('policyId') && this.policyId) this.load();
  }

  private async load() {
    this.detail = null;
    this.loadError = null;
    const r = await api.policy(this.policyId);
    if (!r.ok) {
      this.loadError = r.error;
      return;
    }
    this.detail = r.data;
    this.text = r.data.source;
  }

  get dirty(): boolean {
    return !!this.detail && this.text !== this.detail.source;
  }

  private get errorCount(): number {
    return (this.outcome?.diagnostics ?? []).filter((d) => d.severity === 'error').length;
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
      this.serverDiagnostics = r.error.diagnostics ?? [];
      if (this.serverDiagnostics.length) this.tab = 'diagnostics';
      return;
    }
    this.serverDiagnostics = r.data.diagnostics ?? [];
    const errors = this.serverDiagnostics.filter((d) => d.severity === 'error').length;
    if (publish) {
      // The editor keeps what is typed; only the saved baseline moves.
      this.detail = { ...(this.detail as PolicyDetail), ...r.data, source: text };
      this.saved = t('policy.published', { v: r.data.version ?? r.data.hash?.slice(0, 12) ?? '' });
    } else {
      this.saved = t('policy.serverChecked', { errors, warnings: this.serverDiagnostics.length - errors });
      if (this.serverDiagnostics.length) this.tab = 'diagnostics';
    }
  }

  private gotoOffset(offset: number) {
    this.renderRoot.querySelector<LfCodeEditor>('lf-code-editor')?.goto(offset);
  }

  override render() {
    if (this.loadError) return html`<lf-notice kind="error" .error=${this.loadError}></lf-notice><p><a href="#/policies">${t('policy.backToList')}</a></p>`;
    const d = this.detail;
    if (!d) return html`<p class="muted" role="status">${t('common.loading')}</p>`;
    const errors = this.errorCount;
    const warnings = (this.outcome?.diagnostics ?? []).filter((x) => x.severity === 'warning').length;
    return html`
      <div class="bar">
        <a href="#/policies" class="small">← ${t('policy.backToList')}</a>
        <h2 title=${d.meta?.name ?? ''}>${d.meta?.shortName ?? d.id} · <span class="small muted">${d.meta?.name ?? ''}</span></h2>
        <span class="badge info">${d.meta?.status ?? ''}</span>
        <span class="badge ${errors ? 'error' : 'ok'}" data-testid="error-count">${t('policy.errors', { n: errors })}</span>
        <span class="badge ${warnings ? 'warn' : ''}">${t('policy.warnings', { n: warnings })}</span>
        ${this.dirty ? html`<span class="badge warn">${t('policy.unsaved')}</span>` : nothing}
        <a class="small" href="#/cases/new?policy=${encodeURIComponent(d.id)}">${t('policy.newCase')}</a>
        <button @click=${() => this.save(false)} ?disabled=${this.saving}>${t('policy.serverCheck')}</button>
        <button class="primary" @click=${() => this.save(true)} ?disabled=${this.saving || errors > 0 || !this.dirty}
          aria-describedby=${errors > 0 ? 'cannot-publish' : nothing} title=${errors > 0 ? t('policy.cannotPublish') : ''}>${t('policy.publish')}</button>
      </div>
      <div class="layout">
        <lf-code-editor
          .value=${d.source}
          .file=${`policies/${d.id}.yaml`}
          @lf-change=${(e: CustomEvent<string>) => {
            this.text = e.detail;
            this.saved = null;
          }}
          @lf-checked=${(e: CustomEvent<{ text: string; outcome: CheckOutcome }>) => (this.outcome = e.detail.outcome)}
        ></lf-code-editor>
        <aside>
          ${errors > 0 ? html`<lf-notice kind="error" id="cannot-publish">${t('policy.cannotPublish')}</lf-notice>` : nothing}
          ${this.saveError ? html`<lf-notice kind="error" .error=${this.saveError}></lf-notice>` : nothing}
          ${this.saved ? html`<lf-notice kind="info">${this.saved}</lf-notice>` : nothing}
          <lf-policy-side-panel .outcome=${this.outcome} .detail=${this.detail} .serverDiagnostics=${this.serverDiagnostics} .tab=${this.tab}
            @lf-goto=${(e: CustomEvent<number>) => this.gotoOffset(e.detail)} @lf-tab=${(e: CustomEvent<Tab>) => (this.tab = e.detail)}></lf-policy-side-panel>
        </aside>
      </div>
    `;
  }
}

define('lf-policy-page', LfPolicyPage);
