// A sweep: one input of the household (rent, subsidy, negotiated price …) or one policy parameter
// stepped over a range (POST /api/compare/sweep), the compensation under each policy drawn as a
// line — where the policies cross, and how steeply each responds. A parameter counted in whole
// units (补偿年限 is a period, "N 年") is stepped by whole units, so the defaults always draw.
import { css, html, nothing } from 'lit';
import { api, type ApiError, type CaseSweep } from '../api.ts';
import { t, type Key } from '../i18n.ts';
import { define, LfElement } from '../common/lf-element.ts';
import { settle } from '../common/lf-notice.ts';
import type { Series } from '../common/lf-chart.ts';
import '../common/lf-chart.ts';
import { controlRow } from '../styles.ts';
import './lf-run-progress.ts';

interface Variable {
  target: string;
  label: Key;
  unit: Key;
  from: number;
  to: number;
  /** Values are whole numbers (a period in years). */
  whole?: boolean;
}

export const VARIABLES: Variable[] = [
  { target: 'market.rentPerMuYear', label: 'compare.var.rent', unit: 'unit.yuanPerMuYear', from: 300, to: 1200 },
  { target: 'market.subsidyPerMuYear', label: 'compare.var.subsidy', unit: 'unit.yuanPerMuYear', from: 50, to: 200 },
  { target: 'exit.negotiatedPricePerMu', label: 'compare.var.negotiated', unit: 'unit.yuanPerMu', from: 5000, to: 40000 },
  { target: 'market.acquisitionStandardPerMu', label: 'compare.var.acquisition', unit: 'unit.yuanPerMu', from: 20000, to: 80000 },
  { target: 'param:compensationYears', label: 'compare.var.years', unit: 'unit.years', from: 10, to: 40, whole: true },
];

/**
 * The sweep the server is asked for: FROM:TO:STEP with about `points` points. The step is rounded
 * to 0.01, or to a whole number for a whole-valued input (never below 1), so every value is one
 * the input can take.
 */
export function sweepSpec(v: Variable, from: number, to: number, points: number): string {
  const n = Math.min(41, Math.max(2, Math.round(points) || 2));
  const raw = (to - from) / (n - 1);
  const step = v.whole ? Math.max(1, Math.round(raw)) : Math.max(0.01, Math.round(raw * 100) / 100);
  const a = v.whole ? Math.round(from) : from;
  const b = v.whole ? Math.round(to) : to;
  return `${v.target}=${a}:${b}:${step}`;
}

/** The sweep's lines: one per policy, ineligible points left out. */
export function sweepSeries(s: CaseSweep): Series[] {
  return s.policies.map((p) => ({
    name: p.name,
    ...(p.affected ? {} : { note: t('compare.notAffected') }),
    points: s.points.map((pt) => {
      const r = pt.results.find((x) => x.policy === p.policy);
      return { x: Number(pt.value), y: r?.eligible && r.amount !== null ? Number(r.amount) : null };
    }),
  }));
}

export class LfSweepChart extends LfElement {
  static override properties = {
    policies: { attribute: false },
    kase: { attribute: false },
    variable: { state: true },
    series: { state: true },
    error: { state: true },
    unavailable: { state: true },
    busy: { state: true },
  };
  declare policies: string[];
  declare kase: unknown;
  declare variable: number;
  declare series: Series[] | null;
  declare error: ApiError | null;
  declare unavailable: boolean;
  declare busy: boolean;
  private running: AbortController | null = null;

  static override styles = [
    LfElement.styles,
    controlRow,
    css`
      input { width: 7rem; }
      lf-run-progress { margin-bottom: 0.5rem; }
    `,
  ];

  constructor() {
    super();
    this.policies = [];
    this.kase = null;
    this.variable = 0;
    this.series = null;
    this.error = null;
    this.unavailable = false;
    this.busy = false;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.running?.abort();
  }

  private async run(e: SubmitEvent) {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const sweep = sweepSpec(VARIABLES[this.variable]!, Number(f.get('from')), Number(f.get('to')), Number(f.get('steps')));
    this.running?.abort();
    const running = new AbortController();
    this.running = running;
    this.busy = true;
    const r = await api.compareSweep({ policies: this.policies, case: this.kase, sweep }, running.signal);
    if (this.running !== running) return;
    this.running = null;
    this.busy = false;
    if (!r.ok && r.error.code === 'ABORTED') {
      this.error = { code: 'ABORTED', message: t('compare.cancelled'), status: 0 };
      return;
    }
    const data = settle(this, r, 'UNKNOWN_POLICY');
    this.series = data ? sweepSeries(data) : null;
  }

  override render() {
    const v = VARIABLES[this.variable]!;
    const label = `${t(v.label)} (${t(v.unit)})`;
    return html`
      <form @submit=${this.run}>
        <label>${t('compare.sweepVariable')}
          <select name="variable" @change=${(e: Event) => (this.variable = Number((e.target as HTMLSelectElement).value))}>
            ${VARIABLES.map((x, i) => html`<option value=${i} ?selected=${i === this.variable}>${t(x.label)} (${t(x.unit)})</option>`)}
          </select></label>
        <label>${t('compare.from')}<input name="from" type="number" step=${v.whole ? 1 : 'any'} .value=${String(v.from)} /></label>
        <label>${t('compare.to')}<input name="to" type="number" step=${v.whole ? 1 : 'any'} .value=${String(v.to)} /></label>
        <label>${t('compare.steps')}<input name="steps" type="number" min="2" max="41" value="10" /></label>
        <button class="primary" type="submit" ?disabled=${this.busy || this.policies.length === 0 || !this.kase}>${t('compare.sweep')}</button>
      </form>
      ${this.busy ? html`<lf-run-progress @lf-cancel=${() => this.running?.abort()}></lf-run-progress>` : nothing}
      ${this.unavailable ? html`<lf-notice kind="unavailable">${t('common.unavailable', { what: 'POST /api/compare/sweep' })}</lf-notice>` : nothing}
      ${this.error ? html`<lf-notice kind=${this.error.code === 'ABORTED' ? 'info' : 'error'} .error=${this.error}></lf-notice>` : nothing}
      ${this.series ? html`<lf-chart kind="line" .series=${this.series} xLabel=${label} yLabel=${t('unit.yuan')} caption=${t('compare.sweepCaption')}></lf-chart>` : nothing}
    `;
  }
}

define('lf-sweep-chart', LfSweepChart);
