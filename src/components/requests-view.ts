/**
 * Client traffic (the health panel's, the scheduler lab's failover): the requests of the last seconds as marks on one row per server
 * IPVS chose (src/sim/checkers/requests.ts decides everything), drawn for the width it gets. Answered,
 * late, waiting and failed requests differ in shape as well as colour; a retry is a ring.
 */
import { select } from 'd3-selection';
import type { ClientRequest } from '../sim/checkers/requests';
import { onWidth } from './fit';

const WINDOW = 12;
const ROW = 22;
const LEFT_MIN = 120;

export interface TrafficCounts { sent: number; ok: number; wait: number; failed: number; retried: number; lost: number }

/** What the client saw by time t: every number from the requests alone. */
export function countsAt(reqs: readonly ClientRequest[], t: number): TrafficCounts {
  const sent = reqs.filter((q) => q.at <= t);
  const over = sent.filter((q) => q.done <= t);
  const failed = over.filter((q) => q.result === 'timeout' || q.result === 'reset');
  return {
    sent: sent.length,
    ok: over.filter((q) => q.result === 'ok' || q.result === 'slow').length,
    wait: sent.length - over.length,
    failed: failed.length,
    retried: sent.filter((q) => q.attempt === 1).length,
    lost: failed.filter((q) => q.attempt === 1).length,
  };
}

export function trafficView(host: HTMLElement, noServer: string) {
  let last: { reqs: readonly ClientRequest[]; rows: string[]; t: number; span: number } | undefined;
  let width = 320;
  const draw = () => {
    if (!last) return;
    const { reqs, rows, t, span } = last;
    const names = [...rows, noServer];
    const left = Math.min(LEFT_MIN + 40, Math.max(LEFT_MIN, width * 0.3));
    const H = names.length * ROW + 22;
    host.replaceChildren();
    const svg = select(host).append('svg').attr('viewBox', `0 0 ${width} ${H}`).attr('aria-hidden', 'true');
    const x = (s: number) => left + ((s - (t - span)) / span) * (width - left - 10);
    const y = (server: string | null) => (names.indexOf(server ?? noServer) + 0.5) * ROW;
    names.forEach((n, i) => {
      svg.append('text').attr('x', 0).attr('y', i * ROW + 15).attr('font-size', 12).attr('fill', 'currentColor').text(n);
      svg.append('line').attr('x1', left).attr('x2', width - 10).attr('y1', (i + 0.5) * ROW).attr('y2', (i + 0.5) * ROW)
        .attr('stroke', 'var(--lab-border)');
    });
    for (const s of [0, span / 2, span]) {
      svg.append('text').attr('x', x(t - span + s)).attr('y', H - 4).attr('font-size', 12).attr('text-anchor', s === 0 ? 'start' : s === span ? 'end' : 'middle')
        .attr('fill', 'currentColor').text(`${Math.max(0, Math.round((t - span + s) * 10) / 10)} s`);
    }
    const shown = reqs.filter((q) => q.at <= t && q.at >= t - span);
    for (const q of shown) {
      const state = q.done > t ? 'wait' : q.result;
      const g = svg.append('g').attr('class', 'hp-req').attr('data-result', state).attr('data-attempt', q.attempt)
        .attr('transform', `translate(${x(q.at)},${y(q.server)})`);
      if (state === 'timeout' || state === 'reset') {
        g.append('path').attr('d', 'M-4,-4L4,4M-4,4L4,-4').attr('stroke', 'var(--lab-vermillion)').attr('stroke-width', 2.5);
      } else if (state === 'wait') {
        g.append('circle').attr('r', 4).attr('fill', 'none').attr('stroke', 'var(--lab-orange)').attr('stroke-width', 2).attr('stroke-dasharray', '2 2');
      } else if (state === 'slow') {
        g.append('path').attr('d', 'M0,-5L5,0L0,5L-5,0Z').attr('fill', 'var(--lab-orange)');
      } else g.append('circle').attr('r', 4).attr('fill', 'var(--lab-green)');
      if (q.attempt === 1) g.append('circle').attr('r', 7).attr('fill', 'none').attr('stroke', 'currentColor').attr('stroke-width', 1);
    }
  };
  onWidth(host, (w) => {
    width = Math.max(300, w);
    draw();
  });
  return {
    /** The requests sent in the `span` seconds up to `t` (the last 12 s unless told). */
    draw(reqs: readonly ClientRequest[], rows: string[], t: number, span = WINDOW) {
      last = { reqs, rows, t, span };
      draw();
    },
  };
}
