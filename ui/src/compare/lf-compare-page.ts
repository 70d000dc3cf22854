// 方案比较: pick policies, then their parameters side by side, one household under each, a
// simulated population, and a sweep of one input.
import { css, html, nothing } from 'lit';
import { api, type ApiError, type PolicySummary } from '../api.ts';
import { t } from '../i18n.ts';
import { define, LfElement } from '../common/lf-element.ts';
import { asWritten } from '../common/content.ts';
import './lf-compare-parameters.ts';
import './lf-compare-outcomes.ts';
import './lf-household-editor.ts';
import './lf-population-run.ts';
import './lf-sweep-chart.ts';

const PICK_KEY = 'landflow.comparePolicies';
const DEFAULT_PICK = ['qinzhou', 'neijiang', 'liangping'];

export class LfComparePage extends LfElement {
  static override properties = {
    all: { state: true },
    picked: { state: true },
    kase: { state: true },
    start: { state: true },
    error: { state: true },
  };
  declare all: PolicySummary[];
  declare picked: string[];
  declare kase: Record<string, unknown> | null;
  declare start: string;
  declare error: ApiError | null;

  static override styles = [
    LfElement.styles,
    css`
      :host { display: block; }
      .picker { display: flex; flex-wrap: wrap; gap: 0.4rem 1rem; margin-bottom: 1rem; }
      .picker label { display: flex; gap: 0.35rem; align-items: center; background: var(--lf-panel); border: 1px solid var(--lf-line); border-radius: 999px; padding: 0.2rem 0.75rem; }
      section.panel { margin-bottom: 1rem; }
    `,
  ];

  constructor() {
    super();
    this.all = [];
    try {
      this.picked = JSON.parse(localStorage.getItem(PICK_KEY) ?? '[]');
    } catch {
      this.picked = [];
    }
    this.kase = null;
    this.start = '';
    this.error = null;
  }

  override async connectedCallback() {
    super.connectedCallback();
    const r = await api.policies();
    if (!r.ok) {
      this.error = r.error;
      return;
    }
    this.all = r.data;
    const ids = new Set(r.data.map((p) => p.id));
    const kept = this.picked.filter((id) => ids.has(id));
    // First visit: 钦州 and the two pilots of the paper's Table 1 with the widest price gap, when bundled.
    const preferred = DEFAULT_PICK.filter((id) => ids.has(id));
    this.picked = kept.length ? kept : preferred.length ? preferred : r.data.slice(0, 3).map((p) => p.id);
  }

  private get names(): Record<string, string> {
    return Object.fromEntries(this.all.map((p) => [p.id, p.shortName || p.id]));
  }

  private toggle(id: string, on: boolean) {
    // Keep the list order stable (the order of the policy list), whatever order they were ticked in.
    this.picked = this.all.map((p) => p.id).filter((x) => (x === id ? on : this.picked.includes(x)));
    localStorage.setItem(PICK_KEY, JSON.stringify(this.picked));
  }

  override render() {
    const names = this.names;
    return html`
      <h1>${t('ws.compare')}</h1>
      ${this.error ? html`<lf-notice kind="error" .error=${this.error}></lf-notice>` : nothing}
      <fieldset class="picker" style="border:none;padding:0;margin:0 0 1rem">
        <legend class="muted small" style="padding:0;margin-bottom:.3rem">${t('compare.pickPolicies')}</legend>
        ${this.all.map(
          (p) => html`<label data-policy=${p.id}><input type="checkbox" .checked=${this.picked.includes(p.id)}
            @change=${(e: Event) => this.toggle(p.id, (e.target as HTMLInputElement).checked)} />${asWritten(p.shortName || p.id)}</label>`,
        )}
      </fieldset>
      <section class="panel" aria-labelledby="h-params">
        <h2 id="h-params">${t('compare.parameters')}</h2>
        <lf-compare-parameters .policies=${this.picked}></lf-compare-parameters>
      </section>
      <section class="panel" aria-labelledby="h-household">
        <h2 id="h-household">${t('compare.household')}</h2>
        <lf-household-editor .start=${this.start}
          @lf-household-change=${(e: CustomEvent<{ kase: Record<string, unknown>; start: string }>) => {
            // The form edits the household in place: a new object tells the outcomes it changed.
            this.kase = { ...e.detail.kase };
            this.start = e.detail.start;
          }}></lf-household-editor>
        <div style="margin-top:.8rem">
          <lf-compare-outcomes .policies=${this.picked} .names=${names} .kase=${this.kase} .start=${this.start}></lf-compare-outcomes>
        </div>
      </section>
      <section class="panel" aria-labelledby="h-pop">
        <h2 id="h-pop">${t('compare.populationRun')}</h2>
        <lf-population-run .policies=${this.picked}></lf-population-run>
      </section>
      <section class="panel" aria-labelledby="h-sweep">
        <h2 id="h-sweep">${t('compare.sweepTitle')}</h2>
        <lf-sweep-chart .policies=${this.picked} .kase=${this.kase}></lf-sweep-chart>
      </section>
    `;
  }
}

define('lf-compare-page', LfComparePage);
