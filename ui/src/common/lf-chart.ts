// Small SVG charts drawn in the page: bars (one value per label) and lines (one series per
// policy over a swept input). Values are for drawing only; tables next to them give exact figures.
import { css, html, nothing, svg } from 'lit';
import { define, LfElement } from './lf-element.ts';
import { getLang } from '../i18n.ts';
import { asWritten } from './content.ts';

export interface Series {
  /** The policy's name, as written. */
  name: string;
  /** The UI's own words after it ("not affected"), in the UI's language. */
  note?: string;
  points: { x: number; y: number | null }[];
}

const COLORS = ['#2f6b3a', '#1f6fb2', '#b35c00', '#6a4c93', '#b3261e', '#00796b', '#8d6e00'];
const W = 640;
const H = 260;
const PAD = { l: 64, r: 12, t: 12, b: 36 };

function niceMax(v: number): number {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  return Math.ceil(v / p) * p;
}
// Axis figures as a reader of the UI's language counts them: 5.3万 in Chinese, 53,333 in English.
const fmt = (v: number) =>
  getLang() === 'zh'
    ? Math.abs(v) >= 10000
      ? `${(v / 10000).toFixed(1)}万`
      : v.toLocaleString('zh-CN', { maximumFractionDigits: 2 })
    : v.toLocaleString('en', { maximumFractionDigits: 2 });

/** A series name: the policy's name (as written, so marked Chinese) and the UI's words after it. */
const named = (s: Series) => html`${asWritten(s.name)}${s.note ? ` (${s.note})` : nothing}`;

export class LfChart extends LfElement {
  static override properties = {
    kind: { type: String },
    bars: { attribute: false },
    series: { attribute: false },
    xLabel: { type: String },
    yLabel: { type: String },
    caption: { type: String },
  };
  declare kind: 'bar' | 'line';
  declare bars: { label: string; value: number }[];
  declare series: Series[];
  declare xLabel: string;
  declare yLabel: string;
  declare caption: string;

  static override styles = [
    LfElement.styles,
    css`
      :host { display: block; }
      svg { width: 100%; height: auto; max-height: 20rem; background: #fff; border: 1px solid var(--lf-line); border-radius: var(--lf-radius); }
      text { font-size: 11px; fill: #444; }
      .legend { display: flex; gap: 0.9rem; flex-wrap: wrap; font-size: 0.85rem; margin-top: 0.3rem; }
      .legend i { display: inline-block; width: 0.8rem; height: 0.8rem; border-radius: 2px; margin-right: 0.3rem; vertical-align: -0.1rem; }
    `,
  ];

  constructor() {
    super();
    this.kind = 'bar';
    this.bars = [];
    this.series = [];
    this.xLabel = '';
    this.yLabel = '';
    this.caption = '';
  }

  private axes(maxY: number) {
    const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * maxY);
    const y = (v: number) => H - PAD.b - (v / maxY) * (H - PAD.t - PAD.b);
    return svg`${ticks.map((v) => svg`<line x1=${PAD.l} x2=${W - PAD.r} y1=${y(v)} y2=${y(v)} stroke="#e5e8e3" /><text x=${PAD.l - 6} y=${y(v) + 4} text-anchor="end">${fmt(v)}</text>`)}
      <text x=${12} y=${PAD.t + 8}>${this.yLabel}</text>`;
  }

  private barChart() {
    const max = niceMax(Math.max(0, ...this.bars.map((b) => b.value)));
    const n = Math.max(1, this.bars.length);
    const slot = (W - PAD.l - PAD.r) / n;
    const bw = Math.min(70, slot * 0.6);
    const y = (v: number) => H - PAD.b - (v / max) * (H - PAD.t - PAD.b);
    return svg`${this.axes(max)}${this.bars.map((b, i) => {
      const x = PAD.l + slot * i + (slot - bw) / 2;
      return svg`<rect x=${x} y=${y(b.value)} width=${bw} height=${Math.max(0, H - PAD.b - y(b.value))} fill=${COLORS[i % COLORS.length]}><title>${b.label}: ${b.value}</title></rect>
        <text x=${x + bw / 2} y=${H - PAD.b + 14} text-anchor="middle" lang="zh-CN">${b.label}</text>
        <text x=${x + bw / 2} y=${y(b.value) - 4} text-anchor="middle">${fmt(b.value)}</text>`;
    })}`;
  }

  private lineChart() {
    const xs = this.series.flatMap((s) => s.points.map((p) => p.x));
    const ys = this.series.flatMap((s) => s.points.map((p) => p.y ?? 0));
    const minX = Math.min(...xs);
    const maxX = Math.max(...xs);
    const max = niceMax(Math.max(0, ...ys));
    const x = (v: number) => PAD.l + ((v - minX) / (maxX - minX || 1)) * (W - PAD.l - PAD.r);
    const y = (v: number) => H - PAD.b - (v / max) * (H - PAD.t - PAD.b);
    const xTicks = [...new Set(xs)].filter((_, i, a) => a.length <= 6 || i % Math.ceil(a.length / 6) === 0);
    return svg`${this.axes(max)}
      ${xTicks.map((v) => svg`<text x=${x(v)} y=${H - PAD.b + 14} text-anchor="middle">${fmt(v)}</text>`)}
      <text x=${W - PAD.r} y=${H - 4} text-anchor="end">${this.xLabel}</text>
      ${this.series.map((s, i) => {
        const pts = s.points.filter((p) => p.y !== null);
        return svg`<polyline fill="none" stroke=${COLORS[i % COLORS.length]} stroke-width="2" points=${pts.map((p) => `${x(p.x)},${y(p.y!)}`).join(' ')} />
          ${pts.map((p) => svg`<circle cx=${x(p.x)} cy=${y(p.y!)} r="3" fill=${COLORS[i % COLORS.length]}><title>${s.name}: ${p.x} → ${p.y}</title></circle>`)}`;
      })}`;
  }

  override render() {
    const empty = this.kind === 'bar' ? this.bars.length === 0 : this.series.length === 0;
    if (empty) return nothing;
    return html`<figure style="margin:0">
      <svg viewBox="0 0 ${W} ${H}" role="img" aria-label=${this.caption}>${this.kind === 'bar' ? this.barChart() : this.lineChart()}</svg>
      ${
        this.kind === 'line'
          ? html`<div class="legend">${this.series.map((s, i) => html`<span><i style="background:${COLORS[i % COLORS.length]}"></i>${named(s)}</span>`)}</div>`
          : nothing
      }
      ${this.caption ? html`<figcaption class="small muted">${this.caption}</figcaption>` : nothing}
    </figure>`;
  }
}

define('lf-chart', LfChart);
