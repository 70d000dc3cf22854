// A sweep: one input of the household (rent, subsidy, negotiated price …) or one policy parameter
// stepped over a range (POST /api/compare/sweep), the compensation under each policy drawn as a
// line — where the policies cross, and how steeply each responds.
import { css, html, nothing } from 'lit';
import { api, type ApiError, type CaseSweep } from '../api.ts';
import { t } from '../i18n.ts';
import { define, LfElement } from '../common/lf-element.ts';
import { settle } from '../common/lf-notice.ts';
import type { Series } from '../common/lf-chart.ts';
import '../common/lf-chart.ts';
import { controlRow } from '../styles.ts';

const VARIABLES = [
  { target: 'market.rentPerMuYear', label: '流转费', unit: '元/亩/年', from: 300, to: 1200 },
  { target: 'market.subsidyPerMuYear', label: '地力补贴', unit: '元/亩/年', from: 50, to: 200 },
  { target: 'exit.negotiatedPricePerMu', label: '协商价格', unit: '元/亩', from: 5000, to: 40000 },
  { target: 'market.acquisitionStandardPerMu', label: '征地补偿标准', unit: '元/亩', from: 20000, to: 80000 },
  { target: 'param:compensationYears', label: '补偿年限（政策参数）', unit: '年', from: 10, to: 40 },
];

/** The sweep's lines: one per policy, ineligible points left out. */
export function sweepSeries(s: CaseSweep): Series[] {
  return s.policies.map((p) => ({
    name: p.affected ? p.name : `${p.name}（${t('compare.notAffected')}）`,
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

  static override styles = [
    LfElement.styles,
    controlRow,
    css`
      input { width: 7rem; }
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

  private async run(e: SubmitEvent) {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const v = VARIABLES[this.variable];
    const from = Number(f.get('from'));
    const to = Number(f.get('to'));
    const points = Math.min(41, Math.max(2, Number(f.get('steps')) || 2));
    // The server counts the points exactly from FROM:TO:STEP; the step is rounded to 0.01.
    const step = Math.max(0.01, Math.round(((to - from) / (points - 1)) * 100) / 100);
    this.busy = true;
    const r = await api.compareSweep({ policies: this.policies, case: this.kase, sweep: `${v.target}=${from}:${to}:${step}` });
    this.busy = false;
    const data = settle(this, r, 'UNKNOWN_POLICY');
    this.series = data ? sweepSeries(data) : null;
  }

  override render() {
    const v = VARIABLES[this.variable];
    return html`
      <form @submit=${this.run}>
        <label>${t('compare.sweepVariable')}
          <select @change=${(e: Event) => (this.variable = Number((e.target as HTMLSelectElement).value))}>
            ${VARIABLES.map((x, i) => html`<option value=${i} ?selected=${i === this.variable}>${x.label}（${x.unit}）</option>`)}
          </select></label>
        <label>${t('compare.from')}<input name="from" type="number" .value=${String(v.from)} /></label>
        <label>${t('compare.to')}<input name="to" type="number" .value=${String(v.to)} /></label>
        <label>${t('compare.steps')}<input name="steps" type="number" min="2" max="41" value="10" /></label>
        <button class="primary" type="submit" ?disabled=${this.busy || this.policies.length === 0 || !this.kase}>${this.busy ? t('common.running') : t('compare.sweep')}</button>
      </form>
      ${this.unavailable ? html`<lf-notice kind="unavailable">${t('common.unavailable', { what: 'POST /api/compare/sweep' })}</lf-notice>` : nothing}
      ${this.error ? html`<lf-notice kind="error" .error=${this.error}></lf-notice>` : nothing}
      ${this.series ? html`<lf-chart kind="line" .series=${this.series} xLabel="${v.label}（${v.unit}）" yLabel="元" caption=${t('compare.sweepCaption')}></lf-chart>` : nothing}
    `;
  }
}

define('lf-sweep-chart', LfSweepChart);
