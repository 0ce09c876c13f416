/**
 * The segment view of the election lab: routers on one wire, each with its state, effective
 * priority and — while it is a BACKUP — its master-down timer drawn as a bar that drains; adverts
 * leave the sender as pulses along the wire. It draws one ElectionFrame; all numbers come from the sim.
 */
import { select, type Selection } from 'd3-selection';
import 'd3-transition';
import type { ElectionFrame } from '../../sim/vrrp/timeline';
import { onWidth } from '../fit';

const H = 136;
const FILL: Record<string, string> = { MASTER: 'var(--lab-green)', BACKUP: 'var(--lab-blue)', FAULT: 'var(--lab-vermillion)', STOPPED: 'var(--lab-muted)', INIT: 'var(--lab-muted)' };

export interface SegmentView {
  draw(f: ElectionFrame, instant: boolean): void;
}

/** The segment, drawn as wide as its host (../fit.ts): its 12-unit labels are 12 px on a phone and a desktop. */
export function segmentView(host: HTMLElement, routers: number, label: (r: number) => string): SegmentView {
  let last: ElectionFrame | undefined;
  let view: SegmentView | undefined;
  onWidth(host, (width) => {
    host.replaceChildren();
    view = drawSegment(host, Math.max(300, width), routers, label);
    if (last) view.draw(last, true);
  });
  return {
    draw(f, instant) {
      last = f;
      view?.draw(f, instant);
    },
  };
}

function drawSegment(host: HTMLElement, W: number, routers: number, label: (r: number) => string): SegmentView {
  const svg = select(host).append('svg').attr('viewBox', `0 0 ${W} ${H}`).attr('aria-hidden', 'true').attr('class', 'election-lab__segment');
  const margin = Math.min(80, W / (2 * routers));
  const xOf = (r: number) => margin + (r * (W - 2 * margin)) / Math.max(1, routers - 1);
  svg.append('line').attr('x1', 10).attr('x2', W - 10).attr('y1', 30).attr('y2', 30).attr('stroke', 'var(--lab-muted)').attr('stroke-width', 3);
  const pulses = svg.append('g');
  const nodes: Array<{ g: Selection<SVGGElement, unknown, null, undefined>; dot: Selection<SVGCircleElement, unknown, null, undefined>; text: Selection<SVGTextElement, unknown, null, undefined>; state: Selection<SVGTextElement, unknown, null, undefined>; bar: Selection<SVGRectElement, unknown, null, undefined>; left: Selection<SVGTextElement, unknown, null, undefined> }> = [];
  for (let r = 0; r < routers; r++) {
    const g = svg.append('g').attr('transform', `translate(${xOf(r)},30)`);
    g.append('line').attr('y1', 0).attr('y2', 22).attr('stroke', 'var(--lab-muted)').attr('stroke-width', 2);
    const dot = g.append('circle').attr('cy', 36).attr('r', 14).attr('stroke', 'currentColor').attr('stroke-width', 1);
    // Name and priority on one line, the state on the next: three routers fit a phone's width.
    const text = g.append('text').attr('y', 66).attr('text-anchor', 'middle').attr('font-size', 12).attr('fill', 'currentColor');
    const state = g.append('text').attr('y', 80).attr('text-anchor', 'middle').attr('font-size', 12).attr('font-weight', 700).attr('fill', 'currentColor');
    g.append('rect').attr('x', -40).attr('y', 86).attr('width', 80).attr('height', 6).attr('fill', 'none').attr('stroke', 'var(--lab-border)');
    const bar = g.append('rect').attr('x', -40).attr('y', 86).attr('height', 6).attr('width', 0).attr('fill', 'var(--lab-orange)');
    const left = g.append('text').attr('y', 106).attr('text-anchor', 'middle').attr('font-size', 12).attr('fill', 'currentColor');
    nodes.push({ g, dot, text, state, bar, left });
  }
  return {
    draw(f, instant) {
      nodes.forEach((n, r) => {
        const st = f.states[r] ?? 'INIT';
        n.dot.attr('fill', FILL[st] ?? 'var(--lab-muted)');
        n.text.text(`${label(r)} · ${f.priorities[r]}`);
        n.state.text(st);
        const tm = f.timers[r];
        n.bar.attr('width', tm && tm.total > 0 ? (80 * tm.remaining) / tm.total : 0);
        n.left.text(tm ? `${tm.remaining.toFixed(2)} s` : '');
      });
      pulses.selectAll('*').interrupt().remove();
      for (const a of f.adverts) {
        const x = xOf(a.router);
        for (const dir of [-1, 1]) {
          const c = pulses.append('circle').attr('cx', x).attr('cy', 30).attr('r', 5).attr('fill', 'var(--lab-orange)');
          const to = dir < 0 ? 10 : W - 10;
          if (instant) c.attr('cx', x + (to - x) / 2);
          else c.transition().duration(400).attr('cx', to).attr('opacity', 0.2);
        }
        pulses.append('text').attr('x', x).attr('y', 16).attr('text-anchor', 'middle').attr('font-size', 12).attr('fill', 'currentColor').text(`advert ${a.priority}`);
      }
    },
  };
}
