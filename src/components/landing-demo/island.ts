/**
 * Draws the request journey (src/sim/demo) with D3: four nodes on a line, the packet as a label
 * that moves from hop to hop, with the rewritten fields highlighted. All behaviour comes from the run.
 */
import { select } from 'd3-selection';
import 'd3-transition';
import { requestJourney, type DemoNode, type DemoState } from '../../sim/demo/request-journey';
import { textIn } from '../../sim/core';
import { mountPlayer, type FrameChange } from '../player/mount';

const NODES: Array<{ id: DemoNode; label: string; x: number }> = [
  { id: 'client', label: 'Client', x: 70 },
  { id: 'router', label: 'Router', x: 250 },
  { id: 'director', label: 'Director (VIP)', x: 430 },
  { id: 'rs1', label: 'RS1', x: 610 },
];
const NODE_ZH: Record<DemoNode, string> = { client: '客户端', router: '路由器', director: '调度器 (VIP)', rs1: 'RS1' };
const Y = 70;
const xOf = (id: DemoNode) => NODES.find((n) => n.id === id)!.x;

export function start(root: HTMLElement): void {
  const lang = root.dataset.lang ?? 'en';
  const timeline = requestJourney();
  const svg = select(root.querySelector<HTMLElement>('[data-role="stage"]')!)
    .append('svg')
    .attr('viewBox', '0 0 680 250')
    .attr('aria-hidden', 'true');

  svg.append('line').attr('x1', 70).attr('x2', 610).attr('y1', Y).attr('y2', Y)
    .attr('stroke', 'var(--lab-muted)').attr('stroke-width', 2);
  // Replies travel on a lane of their own below the wire, so request and reply never overlap.
  svg.append('line').attr('x1', 70).attr('x2', 610).attr('y1', Y + 150).attr('y2', Y + 150)
    .attr('stroke', 'var(--lab-muted)').attr('stroke-dasharray', '4 6');
  const zh = lang.startsWith('zh');
  svg.append('text').attr('x', 8).attr('y', Y - 30).attr('font-size', 12).attr('fill', 'currentColor')
    .text(zh ? '请求 →' : 'request →');
  svg.append('text').attr('x', 8).attr('y', Y + 172).attr('font-size', 12).attr('fill', 'currentColor')
    .text(zh ? '← 回复' : '← reply');
  const nodes = svg.selectAll('g.node').data(NODES).join('g')
    .attr('class', 'node').attr('transform', (d) => `translate(${d.x},${Y})`);
  nodes.append('circle').attr('r', 22).attr('fill', 'var(--sl-color-bg-nav)')
    .attr('stroke', 'var(--lab-blue)').attr('stroke-width', 3);
  nodes.append('text').attr('y', 42).attr('text-anchor', 'middle').attr('fill', 'currentColor')
    .attr('font-size', 14).text((d) => (lang.startsWith('zh') ? NODE_ZH[d.id] : d.label));

  const pkt = svg.append('g').attr('class', 'packet').attr('opacity', 0);
  pkt.append('rect').attr('x', -78).attr('y', -62).attr('width', 156).attr('height', 46).attr('rx', 6)
    .attr('fill', 'var(--sl-color-bg-nav)').attr('stroke', 'var(--lab-orange)').attr('stroke-width', 2);
  const srcText = pkt.append('text').attr('y', -44).attr('text-anchor', 'middle').attr('font-size', 12);
  const dstText = pkt.append('text').attr('y', -26).attr('text-anchor', 'middle').attr('font-size', 12);
  const conn = svg.append('text').attr('x', 340).attr('y', 238).attr('text-anchor', 'middle')
    .attr('font-size', 13).attr('fill', 'currentColor');

  const render = ({ index, instant }: FrameChange) => {
    const state: DemoState = timeline.frame(index).state;
    const p = state.packet;
    conn.text(state.conn ? `IPVS: ${state.conn.client} → ${state.conn.vip} → ${state.conn.rip}` : '');
    if (!p) {
      pkt.interrupt().attr('opacity', 0);
      return;
    }
    const mark = (field: 'src' | 'dst') => (p.changed.includes(field) ? 'var(--lab-vermillion)' : 'currentColor');
    srcText.text(`src ${p.src}`).attr('fill', mark('src')).attr('font-weight', p.changed.includes('src') ? 700 : 400);
    dstText.text(`dst ${p.dst}`).attr('fill', mark('dst')).attr('font-weight', p.changed.includes('dst') ? 700 : 400);
    const from = `translate(${xOf(p.from)},${Y + (p.direction === 'reply' ? 150 : 0)})`;
    const to = `translate(${(xOf(p.from) + xOf(p.to)) / 2},${Y + (p.direction === 'reply' ? 150 : 0)})`;
    pkt.interrupt().attr('opacity', 1);
    if (instant) pkt.attr('transform', to);
    else pkt.attr('transform', from).transition().duration(500).attr('transform', to);
  };

  mountPlayer(root.querySelector<HTMLElement>('[data-player]')!, {
    source: {
      count: timeline.frames.length,
      caption: (i) => {
        const e = timeline.frame(i).event;
        return e ? textIn(e.text, lang) : '';
      },
    },
    render,
  });
  root.dataset.ready = 'true';
}
