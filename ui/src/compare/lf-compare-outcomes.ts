// One household under each chosen policy: eligible or not (and why), compensation, when the
// procedure could be complete, and each policy's timeline with the explanation of every date. The
// results follow the household: any change runs the comparison again (after a short pause), and a
// run still going is cancelled by the next one or by the reader. A policy the household is not
// eligible under gets no amount and no bar: it is shown as not eligible. The evaluation's notes (a
// policy without the procedure, a payer the policy replaces) are shown under its verdict.
import { css, html, nothing } from 'lit';
import { api, type ApiError, type CompareOutcome } from '../api.ts';
import { t } from '../i18n.ts';
import { define, LfElement } from '../common/lf-element.ts';
import { settle } from '../common/lf-notice.ts';
import { asWritten, writtenOrShown, say, shown } from '../common/content.ts';
import { downloadText, toCsv, type Cell } from '../common/csv.ts';
import { downloadXlsx } from './xlsx-download.ts';
import '../common/lf-chart.ts';
import './lf-run-progress.ts';

const REFRESH_DELAY_MS = 500;

const failedText = (o: CompareOutcome) => (o.failed ?? []).map((f) => `${say(f.label)}（${f.cite}）`).join(t('common.semicolon'));

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
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: AbortController | null = null;

  static override styles = [
    LfElement.styles,
    css`
      .timelines { display: grid; grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr)); gap: 0.7rem; margin-top: 0.8rem; }
      .timelines section { border: 1px solid var(--lf-line); border-radius: var(--lf-radius); padding: 0.5rem 0.7rem; background: #fff; }
      .timelines ol { padding-left: 1.2rem; margin: 0; font-size: 0.88rem; }
      .timelines li { margin: 0.25rem 0; }
      .date { font-variant-numeric: tabular-nums; font-weight: 600; }
      .words { font-size: 0.85rem; color: var(--lf-muted); }
      ul.notes { padding-left: 1rem; margin: 0.2rem 0 0; }
      details ul { padding-left: 1rem; margin: 0.1rem 0; font-size: 0.82rem; color: var(--lf-muted); }
      lf-run-progress { margin-top: 0.5rem; }
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

  override willUpdate(changed: Map<string, unknown>) {
    if ((changed.has('kase') || changed.has('start') || changed.has('policies')) && this.kase && this.policies.length) {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.run(), REFRESH_DELAY_MS);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
    this.running?.abort();
  }

  async run() {
    clearTimeout(this.timer);
    this.running?.abort();
    const running = new AbortController();
    this.running = running;
    this.busy = true;
    const r = await api.compare({ policies: this.policies, case: this.kase, start: this.start || undefined }, running.signal);
    if (this.running !== running) return; // a newer run replaced this one
    this.running = null;
    this.busy = false;
    if (!r.ok && r.error.code === 'ABORTED') return;
    this.results = settle(this, r);
  }

  private cancel() {
    this.running?.abort();
    this.running = null;
    this.busy = false;
  }

  private rows(): Cell[][] {
    const rows: Cell[][] = [
      [
        t('common.policy'),
        t('compare.eligible'),
        t('compare.failed'),
        t('compare.amount'),
        t('compare.words'),
        t('compare.perMu'),
        t('compare.completeBy'),
      ],
      ...(this.results ?? []).map((o) => {
        const c = o.eligible ? o.compensation : null;
        return [
          this.name(o),
          o.eligible ? t('common.yes') : t('common.no'),
          failedText(o),
          c?.amount ?? '',
          c?.words ?? '',
          c?.perMu ?? '',
          o.completeBy ?? '',
        ];
      }),
    ];
    const steps = (this.results ?? []).flatMap((o) =>
      (o.timeline ?? []).map((s) => [this.name(o), s.label ?? s.step, s.date ?? '', (s.explanation ?? []).map(say).join(' / ')]),
    );
    if (steps.length) rows.push([], [t('common.policy'), t('compare.stepLabel'), t('compare.date'), t('compare.explanation')], ...steps);
    return rows;
  }

  private async xlsx() {
    const problem = await downloadXlsx('landflow-compare.xlsx', t('compare.household'), this.rows());
    if (problem) this.error = { code: 'XLSX', message: `${t('compare.xlsxFailed')} (${problem})`, status: 0 };
  }

  private name(o: CompareOutcome): string {
    return this.names[o.policy] ?? o.name ?? o.policy;
  }

  private table(results: CompareOutcome[]) {
    const yuan = t('unit.yuan');
    return html`<div class="scroll-x" tabindex="0"><table data-testid="outcome-table">
      <caption class="visually-hidden">${t('compare.household')}</caption>
      <thead><tr><th scope="col">${t('common.policy')}</th><th scope="col">${t('compare.eligible')}</th><th scope="col" class="num">${t('compare.amount')}</th><th scope="col">${t('compare.completeBy')}</th></tr></thead>
      <tbody>${results.map(
        (o) => html`<tr data-policy=${o.policy} data-eligible=${o.eligible}>
          <th scope="row">${asWritten(this.name(o))}</th>
          <td><span class="badge ${o.eligible ? 'ok' : 'error'}">${o.eligible ? t('compare.yesEligible') : t('compare.notEligible')}</span>
            ${o.failed?.length ? html`<div class="small error-text">${o.failed.map((f, i) => html`${i ? t('common.semicolon') : ''}${writtenOrShown(f.label)}${asWritten(`（${f.cite}）`)}`)}</div>` : nothing}
            ${o.notes?.length ? html`<ul class="notes small muted" data-testid="outcome-notes">${o.notes.map((n) => html`<li>${shown(n)}</li>`)}</ul>` : nothing}</td>
          <td class="num">${
            o.eligible && o.compensation
              ? html`${o.compensation.amount} ${yuan}<div class="words">${asWritten(o.compensation.words ?? '')}</div>`
              : html`<span class="muted">${o.eligible ? '—' : t('compare.noAmount')}</span>`
          }</td>
          <td>${o.completeBy ?? html`<span class="small muted">${o.timelineError ? shown(o.timelineError) : '—'}</span>`}</td>
        </tr>`,
      )}</tbody>
    </table></div>`;
  }

  private timelines(results: CompareOutcome[]) {
    return html`<div class="timelines">${results.map(
      (o) => html`<section data-policy=${o.policy}><h3>${asWritten(this.name(o))}</h3>
        <ol>${(o.timeline ?? [])
          .filter((s) => !s.skipped)
          .map(
            (
              s,
            ) => html`<li><span class="date">${s.date ?? '—'}</span> ${asWritten(s.label ?? s.step)}${s.optional ? html` <span class="badge">${t('policy.optional')}</span>` : nothing}
            ${s.error ? html`<div class="small error-text">${shown(s.error)}</div>` : nothing}
            ${s.explanation?.length ? html`<details><summary class="small">${t('cases.how')}</summary><ul>${s.explanation.map((e) => html`<li>${shown(e)}</li>`)}</ul></details>` : nothing}</li>`,
          )}</ol></section>`,
    )}</div>`;
  }

  override render() {
    const results = this.results;
    // Only an eligible household gets an amount, so only it gets a bar.
    const bars = (results ?? [])
      .filter((o) => o.eligible && o.compensation)
      .map((o) => ({ label: this.name(o), value: Number(o.compensation!.amount) }));
    return html`
      <div class="row">
        <button class="primary" @click=${() => this.run()} ?disabled=${this.busy || this.policies.length === 0}>${t('compare.run')}</button>
        ${
          results?.length
            ? html`<button @click=${() => downloadText('landflow-compare.csv', toCsv(this.rows()))} data-testid="compare-csv">↓ ${t('compare.downloadCsv')}</button>
              <button @click=${this.xlsx} data-testid="compare-xlsx">↓ ${t('compare.downloadXlsx')}</button>`
            : nothing
        }
      </div>
      ${this.busy ? html`<lf-run-progress @lf-cancel=${this.cancel}></lf-run-progress>` : nothing}
      ${this.unavailable ? html`<lf-notice kind="unavailable">${t('common.unavailable', { what: 'POST /api/compare' })}</lf-notice>` : nothing}
      ${this.error ? html`<lf-notice kind="error" .error=${this.error}></lf-notice>` : nothing}
      ${
        results
          ? html`${this.table(results)}
            <lf-chart kind="bar" .bars=${bars} yLabel=${t('unit.yuan')} caption=${t('compare.chartCaption')}></lf-chart>
            ${this.timelines(results)}`
          : nothing
      }
    `;
  }
}

define('lf-compare-outcomes', LfCompareOutcomes);
