// Charts as SVG, rendered on the server by Apache ECharts (server-side rendering, no DOM). Every
// number drawn is read from a result object the tables print, never recomputed here.
import * as echarts from 'echarts';
import type { CaseComparison } from './case.ts';
import type { CaseSweep } from './case-sweep.ts';
import type { PopulationSweep, SimulationResult } from './simulate.ts';

export interface ChartSize {
  width?: number;
  height?: number;
}

// Unquoted family names: the SVG puts them inside a double-quoted style attribute.
const FONT = 'Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, sans-serif';

function render(option: echarts.EChartsCoreOption, size: ChartSize = {}): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width ?? 960, height: size.height ?? 540 });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: FONT }, backgroundColor: '#ffffff', ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** "12345.67" → 12345.67 for plotting only (the printed figure stays the decimal string). */
const plot = (amount: string | null | undefined): number | null => (amount === null || amount === undefined ? null : Number(amount));

const wan = (yuan: number) => (yuan >= 10000 ? `${Number((yuan / 10000).toFixed(2))}万` : String(yuan));

/** Histogram of eligible households' compensation, one bar series per scheme. */
export function distributionChart(r: SimulationResult, size?: ChartSize): string {
  const { edges, counts } = r.histogram;
  const labels = edges.slice(0, -1).map((e, i) => (i === edges.length - 2 ? `≥${wan(e)}` : `${wan(e)}–${wan(edges[i + 1]!)}`));
  return render(
    {
      title: {
        text: '退出补偿分布 Distribution of exit compensation',
        subtext: `${r.population.name}，${r.population.n} 户 households，seed ${r.population.seed}；只计符合条件的户 eligible households only（元）`,
        left: 'center',
      },
      legend: { top: 64, data: r.policies.map((p) => `${p.name} ${p.policy}`) },
      grid: { top: 112, left: 64, right: 24, bottom: 88 },
      tooltip: { trigger: 'axis' },
      xAxis: {
        type: 'category',
        data: labels,
        name: '补偿 compensation（元）',
        nameLocation: 'middle',
        nameGap: 56,
        axisLabel: { rotate: 40, fontSize: 10 },
      },
      yAxis: { type: 'value', name: '户数 households' },
      series: r.policies.map((p) => ({ name: `${p.name} ${p.policy}`, type: 'bar', data: counts[p.policy] ?? [] })),
    },
    size,
  );
}

/** Mean compensation (eligible households) along a sweep, one line per scheme. */
export function populationSweepChart(s: PopulationSweep, size?: ChartSize): string {
  const subtext = `${s.population.name}，${s.population.n} 户，seed ${s.population.seed}；平均补偿 mean compensation of eligible households（元）`;
  const lines = s.policies.map((p, j) => ({
    name: `${p.name} ${p.policy}`,
    type: 'line',
    data: s.points.map((pt) => plot(pt.policies[j]!.mean)),
  }));
  return sweepChart(s.sweep, subtext, lines, size);
}

/** One household's compensation along a sweep; a point where the household is refused is left out. */
export function caseSweepChart(s: CaseSweep, size?: ChartSize): string {
  const subtext = "本户补偿（不符合条件的点不画）this household's compensation; points where it is refused are left out（元）";
  const lines = s.policies.map((p, j) => ({
    name: `${p.name} ${p.policy}`,
    type: 'line',
    connectNulls: false,
    data: s.points.map((pt) => (pt.results[j]!.eligible ? plot(pt.results[j]!.amount) : null)),
  }));
  return sweepChart(s.sweep, subtext, lines, size);
}

/** A line per scheme over a sweep's values, in 元: the frame both sweep charts share. */
function sweepChart(sweep: { target: string; values: string[] }, subtext: string, lines: { name: string }[], size?: ChartSize): string {
  return render(
    {
      title: { text: `扫描 sweep: ${sweep.target}`, subtext, left: 'center' },
      legend: { top: 64, data: lines.map((l) => l.name) },
      grid: { top: 112, left: 80, right: 32, bottom: 64 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: sweep.values, name: sweep.target, nameLocation: 'middle', nameGap: 32 },
      yAxis: { type: 'value', name: '元' },
      series: lines,
    },
    size,
  );
}

/** One household under every scheme: compensation bars, refused schemes marked. */
export function caseChart(results: CaseComparison[], size?: ChartSize): string {
  return render(
    {
      title: {
        text: '同一农户在各试点的退出补偿 One household under each pilot',
        subtext: '灰色：不符合条件 grey: not eligible（元）',
        left: 'center',
      },
      grid: { top: 80, left: 80, right: 24, bottom: 56 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: results.map((r) => `${r.name} ${r.policy}`) },
      yAxis: { type: 'value', name: '元' },
      series: [
        {
          type: 'bar',
          label: {
            show: true,
            position: 'top',
            formatter: (p: { dataIndex: number }) => results[p.dataIndex]?.compensation?.amount ?? '—',
          },
          data: results.map((r) => ({
            value: plot(r.compensation?.amount) ?? 0,
            itemStyle: { color: r.eligible ? '#3b6fb6' : '#b0b0b0' },
          })),
        },
      ],
    },
    size,
  );
}
