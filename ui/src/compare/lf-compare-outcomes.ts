// One household under each chosen policy: eligible or not (and why), compensation, when the
// procedure could be complete, and each policy's timeline with the explanation of every date.
import { css, html, nothing } from 'lit';
import { api, type ApiError, type CompareOutcome } from '../api.ts';
import { t } from '../i18n.ts';
import { define, LfElement } from '../common/lf-element.ts';
import { settle } from '../common/lf-notice.ts';
import { downloadText, toCsv } from '../common/csv.ts';
import '../common/lf-chart.ts';

const failedText = (o: CompareOutcome) => (o.failed ?? []).map((f) => `${f.label}（${f.cite}）`).join('；');

export class LfCompareOutcomes extends LfElement {
  static override properties = {
    policies: { attribute: false },
    names: { attribute: false },
    kase: { attribute: false },
    start: { type: String },
    results: { state: true },
    error: { state: true },
    unavailable: { state: true },
    busy: { state: true },
  };
  declare policies: string[];
  declare names: Record<string, string>;
  declare kase: unknown;
  declare start: string;
  declare results: CompareOutcome[] | null;
  declare error: ApiError | null;
  declare unavailable: boolean;
  declare busy: boolean;

  static override styles = [
    LfElement.styles,
    css`
      .timelines { display: grid; grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr)); gap: 0.7rem; margin-top: 0.8rem; }
      .timelines section { border: 1px solid var(--lf-line); border-radius: var(--lf-radius); padding: 0.5rem 0.7rem; background: #fff; }
      .timelines ol { padding-left: 1.2rem; margin: 0; font-size: 0.88rem; }
      .timelines li { margin: 0.25rem 0; }
      .date { font-variant-numeric: tabular-nums; font-weight: 600; }
      .words { font-size: 0.85rem; color: var(--lf-muted); }
      details ul { padding-left: 1rem; margin: 0.1rem 0; font-size: 0.82rem; color: var(--lf-muted); }
    `,
  ];

  constructor() {
    super();
    this.policies = [];
    this.names = {};
    this.kase = null;
    this.start = '';
    this.results = null;
    this.error = null;
    this.unavailable = false;
    this.busy = false;
  }

  async run() {
    this.busy = true;
    const r = await api.compare({ policies: this.policies, case: this.kase, start: this.start || undefined });
    this.busy = false;
    this.results = settle(this, r);
  }

  private csv() {
    const rows = [
      [t('common.policy'), t('compare.eligible'), t('compare.failed'), t('compare.amount'), t('compare.words'), t('compare.perMu'), t('compare.completeBy')],
      ...(this.results ?? []).map((o) => [
        this.name(o),
        o.eligible ? t('common.yes') : t('common.no'),
        failedText(o),
        o.compensation?.amount ?? '',
        o.compensation?.words ?? '',
        o.compensation?.perMu ?? '',
        o.completeBy ?? '',
      ]),
    ];
    const steps = (this.results ?? []).flatMap((o) => (o.timeline ?? []).map((s) => [this.name(o), s.step, s.label ?? '', s.date ?? '', (s.explanation ?? []).join(' / ')]));
    if (steps.length) rows.push([], [t('common.policy'), t('compare.step'), t('compare.stepLabel'), t('compare.date'), t('compare.explanation')], ...steps);
    downloadText('landflow-compare.csv', toCsv(rows));
  }

  private name(o: CompareOutcome): string {
    return this.names[o.policy] ?? o.name ?? o.policy;
  }

  private table(results: CompareOutcome[]) {
    return html`<div class="scroll-x"><table data-testid="outcome-table">
      <thead><tr><th>${t('common.policy')}</th><th>${t('compare.eligible')}</th><th class="num">${t('compare.amount')}</th><th>${t('compare.completeBy')}</th></tr></thead>
      <tbody>${results.map(
        (o) => html`<tr data-policy=${o.policy}>
          <th scope="row">${this.name(o)}</th>
          <td><span class="badge ${o.eligible ? 'ok' : 'error'}">${o.eligible ? t('compare.yesEligible') : t('compare.notEligible')}</span>
            ${o.failed?.length ? html`<div class="small error-text">${failedText(o)}</div>` : nothing}</td>
          <td class="num">${o.compensation ? html`${o.compensation.amount} 元<div class="words">${o.compensation.words ?? ''}</div>` : '—'}</td>
          <td>${o.completeBy ?? html`<span class="small muted">${o.timelineError ?? '—'}</span>`}</td>
        </tr>`,
      )}</tbody>
    </table></div>`;
  }

  private timelines(results: CompareOutcome[]) {
    return html`<div class="timelines">${results.map(
      (o) => html`<section data-policy=${o.policy}><h4>${this.name(o)}</h4>
        <ol>${(o.timeline ?? []).filter((s) => !s.skipped).map(
          (s) => html`<li><span class="date">${s.date ?? '—'}</span> ${s.label ?? s.step}${s.optional ? html` <span class="badge">${t('policy.optional')}</span>` : nothing}
            ${s.error ? html`<div class="small error-text">${s.error}</div>` : nothing}
            ${s.explanation?.length ? html`<details><summary class="small">${t('cases.how')}</summary><ul>${s.explanation.map((e) => html`<li>${e}</li>`)}</ul></details>` : nothing}</li>`,
        )}</ol></section>`,
    )}</div>`;
  }

  override render() {
    const results = this.results;
    const bars = (results ?? []).filter((o) => o.compensation).map((o) => ({ label: this.name(o), value: Number(o.compensation!.amount) }));
    return html`
      <div class="row">
        <button class="primary" @click=${this.run} ?disabled=${this.busy || this.policies.length === 0}>${this.busy ? t('common.running') : t('compare.run')}</button>
        ${results?.length ? html`<button @click=${this.csv} data-testid="compare-csv">↓ ${t('compare.downloadCsv')}</button>` : nothing}
      </div>
      ${this.unavailable ? html`<lf-notice kind="unavailable">${t('common.unavailable', { what: 'POST /api/compare' })}</lf-notice>` : nothing}
      ${this.error ? html`<lf-notice kind="error" .error=${this.error}></lf-notice>` : nothing}
      ${results
        ? html`${this.table(results)}
            <lf-chart kind="bar" .bars=${bars} yLabel="元" caption=${t('compare.chartCaption')}></lf-chart>
            ${this.timelines(results)}`
        : nothing}
    `;
  }
}

define('lf-compare-outcomes', LfCompareOutcomes);
