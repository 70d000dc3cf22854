// A simulated population through the chosen policies (POST /api/simulate, streamed): who is
// eligible, what they are paid, what it costs each payer — as a table, the server's distribution
// chart, CSV and Excel. While it runs, a bar shows the share of households done, and the run can be
// cancelled (the server stops the job when the request goes away).
import { css, html, nothing } from 'lit';
import { api, type ApiError, type PolicyStats, type PopulationInfo, type SimulationResult } from '../api.ts';
import { t } from '../i18n.ts';
import { define, LfElement } from '../common/lf-element.ts';
import { settle } from '../common/lf-notice.ts';
import { asWritten, writtenOrShown } from '../common/content.ts';
import { downloadText, toCsv, type Cell } from '../common/csv.ts';
import { controlRow } from '../styles.ts';
import { simulateWithProgress } from './simulate-stream.ts';
import { downloadXlsx } from './xlsx-download.ts';
import './lf-run-progress.ts';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** A spec the form offers; the server says how many households this caller may simulate. */
type Spec = Omit<PopulationInfo, 'maxHouseholds'> & { maxHouseholds?: number };

// The bundled specs by name, for when the server does not list them (only the names are bundled;
// the server alone knows the caller's limit, and says it when it refuses a run).
const bundled: Spec[] = Object.keys(
  import.meta.glob('../../../examples/populations/*.{yaml,yml}', { query: '?raw', import: 'default' }),
).map((k) => {
  const id = k
    .split('/')
    .pop()!
    .replace(/\.ya?ml$/, '');
  return { id, name: id, households: 0, seed: 1, year: 0 };
});

/** One row per policy: the figures a researcher quotes. */
function statsRow(p: PolicyStats): Cell[] {
  const c = p.compensation;
  return [
    p.name,
    p.households,
    p.eligible,
    pct(p.eligibilityRate),
    c.mean,
    c.p10,
    c.median,
    c.p90,
    c.total,
    p.cost.group,
    p.cost.village,
    p.cost.county,
  ];
}

export class LfPopulationRun extends LfElement {
  static override properties = {
    policies: { attribute: false },
    specs: { state: true },
    result: { state: true },
    chart: { state: true },
    error: { state: true },
    unavailable: { state: true },
    busy: { state: true },
    progress: { state: true },
  };
  declare policies: string[];
  declare specs: Spec[];
  declare result: SimulationResult | null;
  declare chart: string | null;
  declare error: ApiError | null;
  declare unavailable: boolean;
  declare busy: boolean;
  declare progress: { done: number; total: number };
  private running: AbortController | null = null;

  static override styles = [
    LfElement.styles,
    controlRow,
    css`
      input { width: 8rem; }
      img { display: block; max-width: 100%; margin-top: 0.7rem; border: 1px solid var(--lf-line); border-radius: var(--lf-radius); background: #fff; }
      .refusals { font-size: 0.82rem; color: var(--lf-muted); }
      lf-run-progress { margin: 0.3rem 0 0.6rem; }
    `,
  ];

  private readonly heads = () => [
    t('common.policy'),
    t('compare.households'),
    t('compare.eligibleCount'),
    t('compare.eligibilityRate'),
    t('compare.mean'),
    'P10',
    t('compare.median'),
    'P90',
    t('compare.total'),
    t('compare.costGroup'),
    t('compare.costVillage'),
    t('compare.costCounty'),
  ];

  constructor() {
    super();
    this.policies = [];
    this.specs = [];
    this.result = null;
    this.chart = null;
    this.error = null;
    this.unavailable = false;
    this.busy = false;
    this.progress = { done: 0, total: 0 };
  }

  override async connectedCallback() {
    super.connectedCallback();
    const r = await api.populations();
    this.specs = r.ok ? r.data : bundled;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.running?.abort();
  }

  private async run(e: SubmitEvent) {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const req = {
      population: String(f.get('population')),
      policies: this.policies,
      n: Number(f.get('n')) || undefined,
      seed: Number(f.get('seed')),
    };
    this.running?.abort();
    const running = new AbortController();
    this.running = running;
    this.busy = true;
    this.error = null;
    this.progress = { done: 0, total: req.n ?? 0 };
    const r = await simulateWithProgress(req, (done, total) => (this.progress = { done, total }), running.signal);
    if (this.running !== running) return;
    this.running = null;
    this.busy = false;
    if (!r.ok && r.error.code === 'ABORTED') {
      this.error = { code: 'ABORTED', message: t('compare.cancelled'), status: 0 };
      return;
    }
    this.result = settle(this, r, 'UNKNOWN_POPULATION');
    // The same request again: the server keeps the last runs, so the chart costs no second simulation.
    this.chart = r.ok ? api.distributionChartUrl(req) : null;
  }

  private cancel() {
    this.running?.abort();
  }

  private rows(): Cell[][] {
    const r = this.result!;
    return [this.heads(), ...r.policies.map(statsRow)];
  }

  private fileName(ext: string): string {
    const p = this.result!.population;
    return `landflow-simulation-${p.id}-${p.n}-${p.seed}.${ext}`;
  }

  private async xlsx() {
    const problem = await downloadXlsx(this.fileName('xlsx'), t('compare.populationRun'), this.rows());
    if (problem) this.error = { code: 'XLSX', message: `${t('compare.xlsxFailed')} (${problem})`, status: 0 };
  }

  override render() {
    if (this.unavailable) return html`<lf-notice kind="unavailable">${t('common.unavailable', { what: 'POST /api/simulate' })}</lf-notice>`;
    const r = this.result;
    return html`
      <form @submit=${this.run}>
        <label>${t('compare.population')}
          <select name="population">${this.specs.map((s) => html`<option value=${s.id} lang="zh-CN">${s.name === s.id ? s.id : `${s.name}（${s.id}）`}</option>`)}</select></label>
        <label>${t('compare.n')}<input name="n" type="number" min="1" max=${this.specs[0]?.maxHouseholds ?? nothing} value="5000" /></label>
        <label>${t('compare.seed')}<input name="seed" type="number" min="1" value="1" /></label>
        <button class="primary" type="submit" ?disabled=${this.busy || this.policies.length === 0 || this.specs.length === 0}>${t('compare.simulate')}</button>
        ${
          r && !this.busy
            ? html`<button type="button" @click=${() => downloadText(this.fileName('csv'), toCsv(this.rows()))} data-testid="simulation-csv">↓ CSV</button>
              <button type="button" @click=${this.xlsx} data-testid="simulation-xlsx">↓ ${t('compare.downloadXlsx')}</button>`
            : nothing
        }
      </form>
      ${this.busy ? html`<lf-run-progress .done=${this.progress.done} .total=${this.progress.total} @lf-cancel=${this.cancel}></lf-run-progress>` : nothing}
      ${this.error ? html`<lf-notice kind=${this.error.code === 'ABORTED' ? 'info' : 'error'} .error=${this.error}></lf-notice>` : nothing}
      ${
        r
          ? html`<p class="small muted">${asWritten(r.population.name)} · n = ${r.population.n} · seed ${r.population.seed} · ${r.population.year}</p>
            <div class="scroll-x" tabindex="0"><table data-testid="simulation-table">
              <caption class="visually-hidden">${t('compare.populationRun')}</caption>
              <thead><tr>${this.heads().map((h, i) => html`<th scope="col" class=${i ? 'num' : ''}>${h}</th>`)}</tr></thead>
              <tbody>${r.policies.map(
                (
                  p,
                ) => html`<tr data-policy=${p.policy}>${statsRow(p).map((c, i) => (i ? html`<td class="num">${c ?? '—'}</td>` : html`<th scope="row">${asWritten(c)}</th>`))}</tr>
                  ${p.refusals.length ? html`<tr><td colspan="12" class="refusals">${t('compare.refusedBy')}${t('common.colon')}${p.refusals.map((x, i) => html`${i ? t('common.semicolon') : ''}${writtenOrShown(x.label)}${asWritten(`（${x.cite}）`)}${pct(x.share)}`)}</td></tr>` : nothing}`,
              )}</tbody>
            </table></div>
            ${this.chart ? html`<img src=${this.chart} alt=${t('compare.distributionChart')} />` : nothing}`
          : nothing
      }
    `;
  }
}

define('lf-population-run', LfPopulationRun);
