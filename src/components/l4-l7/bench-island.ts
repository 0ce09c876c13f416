/**
 * Draws the measured figures of BenchChart.astro as two grouped bar charts (requests/s and p99 latency), one
 * bar per pass (keep-alive, Connection: close) per middle box. The chart is for the eye; the table beside it
 * carries the same numbers as text.
 */
import { select } from 'd3-selection';
import { scaleBand, scaleLinear } from 'd3-scale';
import type { ChartFigure } from './bench-types';
import { onWidth } from '../fit';

const ROW = 46;
const LEFT = 8;
const PASSES = [
  { key: 'keepalive', color: 'var(--lab-blue)' },
  { key: 'close', color: 'var(--lab-orange)' },
] as const;

/** One chart in its own cell, drawn as wide as the cell is (so its 12-unit labels are 12 px), again on resize. */
function chart(box: HTMLElement, figures: ChartFigure[], metric: 'rps' | 'p99', title: string, legend: Record<'keepalive' | 'close', string>, lang: string) {
  const cell = box.appendChild(document.createElement('div'));
  cell.className = 'bench__cell';
  onWidth(cell, (W) => {
    cell.replaceChildren();
    draw(cell, W, figures, metric, title, legend, lang);
  });
}

function draw(box: HTMLElement, W: number, figures: ChartFigure[], metric: 'rps' | 'p99', title: string, legend: Record<'keepalive' | 'close', string>, lang: string) {
  const H = 44 + figures.length * (ROW + 18) + 10;
  const svg = select(box).append('svg').attr('viewBox', `0 0 ${W} ${H}`).attr('data-metric', metric);
  svg.append('text').attr('x', LEFT).attr('y', 16).attr('font-size', 13).attr('font-weight', 700).attr('fill', 'currentColor').text(title);
  PASSES.forEach((p, i) => {
    const g = svg.append('g').attr('transform', `translate(${LEFT + i * Math.min(170, W / 2)},30)`);
    g.append('rect').attr('width', 12).attr('height', 12).attr('y', -10).attr('fill', p.color);
    g.append('text').attr('x', 18).attr('font-size', 12).attr('fill', 'currentColor').text(legend[p.key]);
  });
  const rangeKey = metric === 'rps' ? 'rpsRange' : 'p99Range';
  const max = Math.max(1e-9, ...figures.flatMap((f) => [f.keepalive[metric], f.close[metric], f.keepalive[rangeKey]?.[1] ?? 0, f.close[rangeKey]?.[1] ?? 0]));
  const x = scaleLinear().domain([0, max]).range([0, W - LEFT - 90]);
  const y = scaleBand<string>().domain(figures.map((f) => f.id)).range([44, H - 10]).paddingInner(0.1);
  const fmt = new Intl.NumberFormat(lang.startsWith('zh') ? 'zh-CN' : 'en', { maximumFractionDigits: metric === 'rps' ? 0 : 2 });
  const rows = svg.selectAll('g.mode').data(figures).join('g').attr('class', 'mode')
    .attr('transform', (f) => `translate(${LEFT},${y(f.id)})`);
  rows.append('text').attr('y', 12).attr('font-size', 12).attr('fill', 'currentColor').text((f) => f.label);
  PASSES.forEach((p, i) => {
    rows.append('rect').attr('y', 18 + i * 18).attr('height', 15).attr('fill', p.color)
      .attr('width', (f) => Math.max(1, x(f[p.key][metric])));
    // The spread of the runs: a whisker from the lowest to the highest, over the median's bar.
    rows.filter((f) => Boolean(f[p.key][rangeKey])).append('path').attr('class', 'spread')
      .attr('stroke', 'currentColor').attr('stroke-width', 1.5).attr('fill', 'none')
      .attr('d', (f) => {
        const [lo, hi] = f[p.key][rangeKey]!;
        const yy = 25.5 + i * 18;
        return `M${x(lo)},${yy - 4}V${yy + 4}M${x(lo)},${yy}H${x(hi)}M${x(hi)},${yy - 4}V${yy + 4}`;
      });
    rows.append('text').attr('y', 30 + i * 18)
      .attr('x', (f) => Math.max(1, x(f[p.key][metric]), x(f[p.key][rangeKey]?.[1] ?? 0)) + 5)
      .attr('font-size', 12).attr('fill', 'currentColor').text((f) => fmt.format(f[p.key][metric]));
  });
}

export function start(root: HTMLElement): void {
  const box = root.querySelector<HTMLElement>('[data-role="charts"]')!;
  const figures = JSON.parse(box.dataset.figures ?? '[]') as ChartFigure[];
  const str = JSON.parse(box.dataset.str ?? '{}') as { rps: string; p99: string; keepalive: string; close: string };
  const lang = root.dataset.lang ?? 'en';
  const legend = { keepalive: str.keepalive, close: str.close };
  chart(box, figures, 'rps', str.rps, legend, lang);
  chart(box, figures, 'p99', str.p99, legend, lang);
  root.dataset.ready = 'true';
}
