// The tabs beside the editor: diagnostics, the compiled workflow, parameters, examples and form
// previews — all of the text being edited (the in-browser checker's policy), not of the saved file.
import { css, html, nothing } from 'lit';
import type { PolicyDetail } from '../api.ts';
import { t } from '../i18n.ts';
import { define, LfElement } from '../common/lf-element.ts';
import type { CheckOutcome } from './check-adapter.ts';
import type { ParameterRow } from './lf-parameter-table.ts';

export type Tab = 'workflow' | 'parameters' | 'examples' | 'forms' | 'diagnostics';
const TABS: Tab[] = ['diagnostics', 'workflow', 'parameters', 'examples', 'forms'];

export class LfPolicySidePanel extends LfElement {
  static override properties = {
    outcome: { attribute: false },
    detail: { attribute: false },
    tab: { type: String },
  };
  declare outcome: CheckOutcome | null;
  /** The policy as the server sent it: parameters and articles until the first check is done. */
  declare detail: PolicyDetail | null;
  declare tab: Tab;

  static override styles = [
    LfElement.styles,
    css`
      :host { display: block; }
      [role='tablist'] { display: flex; gap: 0.2rem; border-bottom: 1px solid var(--lf-line); margin-bottom: 0.6rem; flex-wrap: wrap; }
      [role='tab'] { border: 1px solid transparent; border-bottom: none; border-radius: 6px 6px 0 0; background: transparent; }
      [role='tab'][aria-selected='true'] { background: var(--lf-panel); border-color: var(--lf-line); font-weight: 600; margin-bottom: -1px; }
      .tabpanel { max-height: calc(100vh - 15rem); min-height: 12rem; overflow: auto; }
      @media (max-width: 1000px) { .tabpanel { max-height: none; } }
    `,
  ];

  constructor() {
    super();
    this.outcome = null;
    this.detail = null;
    this.tab = 'diagnostics';
  }

  private get parameters(): ParameterRow[] {
    return this.outcome?.policy?.parameters ?? this.detail?.parameters ?? [];
  }

  private get articles(): Record<string, string> {
    return this.outcome?.policy?.articles ?? this.detail?.articles ?? {};
  }

  /** The owner keeps the current tab (it opens diagnostics after a server check). */
  private select(tab: Tab) {
    this.tab = tab;
    this.emit('lf-tab', tab);
  }

  /** Left/Right move between tabs, as in any tab list. */
  private onKey(e: KeyboardEvent) {
    const i = TABS.indexOf(this.tab);
    const next =
      e.key === 'ArrowRight' ? TABS[(i + 1) % TABS.length] : e.key === 'ArrowLeft' ? TABS[(i + TABS.length - 1) % TABS.length] : null;
    if (!next) return;
    this.select(next);
    this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${next}`)?.focus());
  }

  private panel() {
    const policy = this.outcome?.policy ?? null;
    switch (this.tab) {
      case 'workflow':
        return html`<lf-workflow-diagram .policy=${policy}></lf-workflow-diagram>`;
      case 'parameters':
        return html`<lf-parameter-table .parameters=${this.parameters} .articles=${this.articles}></lf-parameter-table>`;
      case 'examples':
        return html`<lf-examples-panel .policy=${policy} .results=${this.outcome ? (this.outcome.examples ?? { error: t('policy.examplesBlocked') }) : null}></lf-examples-panel>`;
      case 'forms':
        return html`<lf-form-preview .policy=${policy}></lf-form-preview>`;
      default:
        return html`<lf-diagnostics-list .diagnostics=${this.outcome?.diagnostics ?? []} .checked=${!!this.outcome}></lf-diagnostics-list>`;
    }
  }

  override render() {
    const diags = this.outcome?.diagnostics ?? [];
    const errors = diags.some((d) => d.severity === 'error');
    return html`
      <div role="tablist" aria-label=${t('policy.sidePanel')} @keydown=${this.onKey}>
        ${TABS.map(
          (
            id,
          ) => html`<button role="tab" id="tab-${id}" aria-selected=${this.tab === id} aria-controls="panel" tabindex=${this.tab === id ? 0 : -1}
            @click=${() => this.select(id)}>${t(`policy.tab.${id}`)}${id === 'diagnostics' && diags.length ? html` <span class="badge ${errors ? 'error' : 'warn'}">${diags.length}</span>` : nothing}</button>`,
        )}
      </div>
      <div class="tabpanel" id="panel" role="tabpanel" tabindex="0" aria-labelledby="tab-${this.tab}">${this.panel()}</div>
    `;
  }
}

define('lf-policy-side-panel', LfPolicySidePanel);
