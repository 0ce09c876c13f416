/**
 * Draws the request journey (src/sim/demo) with D3: four nodes on a line, the packet as a label
 * that moves from hop to hop, with the rewritten fields highlighted. All behaviour comes from the run.
 */
import { select } from 'd3-selection';
import 'd3-transition';
import { requestJourney, type DemoNode, type DemoState } from '../../sim/demo/request-journey';
import { textIn } from '../../sim/core';
import { mountPlayer, type FrameChange } from '../player/mount';
import { onWidth, pickLayout } from '../fit';
import { roleOf, rolePath } from '../roles';

const NODES: Array<{ id: DemoNode; label: string }> = [
  { id: 'client', label: 'Client' },
  { id: 'router', label: 'Router' },
  { id: 'director', label: 'Director (VIP)' },
  { id: 'rs1', label: 'RS1' },
];
const NODE_ZH: Record<DemoNode, string> = { client: '客户端', router: '路由器', director: '调度器 (VIP)', rs1: 'RS1' };

/**
 * Two layouts (../fit.ts picks by width, so text is never scaled below its size): on a desktop the
 * nodes on a line, requests above it and replies on a lane below; on a phone the nodes down a column,
 * requests down its wire and replies up a dashed lane beside it, the packet always to the right.
 */
interface DemoLayout {
  width: number;
  height: number;
  node(i: number): { x: number; y: number };
  /** Where the packet's box is centred when it is between nodes a and b. */
  packet(a: { x: number; y: number }, b: { x: number; y: number }, reply: boolean): { x: number; y: number };
  label: { dx: number; dy: number; anchor: 'middle' | 'start' };
  lanes: { request: [number, number, number, number]; reply: [number, number, number, number] };
  words: { request: [number, number]; reply: [number, number] };
  /** The IPVS entry: one line or two. */
  conn: { x: number; y: number; split: boolean };
}

const WIDE: DemoLayout = {
  width: 680,
  height: 250,
  node: (i) => ({ x: 70 + i * 180, y: 70 }),
  packet: (a, b, reply) => ({ x: (a.x + b.x) / 2, y: (reply ? 220 : 70) - 39 }),
  label: { dx: 0, dy: 42, anchor: 'middle' },
  lanes: { request: [70, 70, 610, 70], reply: [70, 220, 610, 220] },
  words: { request: [8, 40], reply: [8, 242] },
  conn: { x: 340, y: 238, split: false },
};

const TALL: DemoLayout = {
  width: 330,
  height: 480,
  node: (i) => ({ x: 50, y: 40 + i * 120 }),
  packet: (a, b) => ({ x: 170, y: (a.y + b.y) / 2 }),
  label: { dx: 32, dy: 5, anchor: 'start' },
  lanes: { request: [50, 40, 50, 400], reply: [14, 40, 14, 400] },
  words: { request: [250, 20], reply: [250, 410] },
  conn: { x: 4, y: 444, split: true },
};

export function start(root: HTMLElement): void {
  const lang = root.dataset.lang ?? 'en';
  const zh = lang.startsWith('zh');
  const timeline = requestJourney();
  const stage = root.querySelector<HTMLElement>('[data-role="stage"]')!;
  let view: ReturnType<typeof draw>;
  let shown = -1;
  onWidth(stage, (width) => {
    const layout = pickLayout(width, [WIDE, TALL]);
    if (view?.layout === layout) return;
    stage.replaceChildren();
    view = draw(stage, layout, zh);
    if (shown >= 0) render({ index: shown, previous: shown, instant: true });
  });

  const render = ({ index, instant }: FrameChange) => {
    shown = index;
    const { layout, pkt, srcText, dstText, conn } = view;
    const state: DemoState = timeline.frame(index).state;
    const p = state.packet;
    const entry = state.conn ? [`IPVS: ${state.conn.client} →`, `${state.conn.vip} → ${state.conn.rip}`] : [];
    conn.selectAll('tspan').data(layout.conn.split ? entry : entry.length ? [entry.join(' ')] : []).join('tspan')
      .attr('x', layout.conn.x).attr('dy', (_, i) => (i ? 16 : 0)).text((d) => d);
    if (!p) {
      pkt.interrupt().attr('opacity', 0);
      return;
    }
    const mark = (field: 'src' | 'dst') => (p.changed.includes(field) ? 'var(--lab-vermillion)' : 'currentColor');
    srcText.text(`src ${p.src}`).attr('fill', mark('src')).attr('font-weight', p.changed.includes('src') ? 700 : 400);
    dstText.text(`dst ${p.dst}`).attr('fill', mark('dst')).attr('font-weight', p.changed.includes('dst') ? 700 : 400);
    const a = layout.node(indexOf(p.from));
    const b = layout.node(indexOf(p.to));
    const reply = p.direction === 'reply';
    const at = layout.packet(a, b, reply);
    const from = layout.packet(a, a, reply);
    pkt.interrupt().attr('opacity', 1);
    if (instant) pkt.attr('transform', `translate(${at.x},${at.y})`);
    else pkt.attr('transform', `translate(${from.x},${from.y})`).transition().duration(500).attr('transform', `translate(${at.x},${at.y})`);
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

const indexOf = (id: DemoNode) => NODES.findIndex((n) => n.id === id);

function draw(host: HTMLElement, layout: DemoLayout, zh: boolean) {
  const svg = select(host).append('svg').attr('viewBox', `0 0 ${layout.width} ${layout.height}`)
    .attr('data-layout', layout === TALL ? 'tall' : 'wide').attr('aria-hidden', 'true');
  const [r1, r2, r3, r4] = layout.lanes.request;
  svg.append('line').attr('x1', r1).attr('y1', r2).attr('x2', r3).attr('y2', r4).attr('stroke', 'var(--lab-muted)').attr('stroke-width', 2);
  // Replies travel on a lane of their own, so request and reply never overlap.
  const [p1, p2, p3, p4] = layout.lanes.reply;
  svg.append('line').attr('x1', p1).attr('y1', p2).attr('x2', p3).attr('y2', p4).attr('stroke', 'var(--lab-muted)').attr('stroke-dasharray', '4 6');
  const tall = layout === TALL;
  svg.append('text').attr('x', layout.words.request[0]).attr('y', layout.words.request[1]).attr('font-size', 12).attr('fill', 'currentColor')
    .text(zh ? (tall ? '请求 ↓' : '请求 →') : tall ? 'request ↓' : 'request →');
  svg.append('text').attr('x', layout.words.reply[0]).attr('y', layout.words.reply[1]).attr('font-size', 12).attr('fill', 'currentColor')
    .text(zh ? (tall ? '↑ 回复' : '← 回复') : tall ? '↑ reply' : '← reply');
  const nodes = svg.selectAll('g.node').data(NODES).join('g')
    .attr('class', 'node').attr('transform', (_, i) => `translate(${layout.node(i).x},${layout.node(i).y})`);
  nodes.append('path').attr('d', (d) => rolePath(roleOf(d.id), 22)).attr('fill', 'var(--sl-color-bg-nav)')
    .attr('stroke', 'var(--lab-blue)').attr('stroke-width', 3);
  nodes.append('text').attr('x', layout.label.dx).attr('y', layout.label.dy).attr('text-anchor', layout.label.anchor).attr('fill', 'currentColor')
    .attr('font-size', 14).text((d) => (zh ? NODE_ZH[d.id] : d.label));

  const pkt = svg.append('g').attr('class', 'packet').attr('opacity', 0);
  pkt.append('rect').attr('x', -78).attr('y', -23).attr('width', 156).attr('height', 46).attr('rx', 6)
    .attr('fill', 'var(--sl-color-bg-nav)').attr('stroke', 'var(--lab-orange)').attr('stroke-width', 2);
  const srcText = pkt.append('text').attr('y', -5).attr('text-anchor', 'middle').attr('font-size', 12);
  const dstText = pkt.append('text').attr('y', 13).attr('text-anchor', 'middle').attr('font-size', 12);
  const conn = svg.append('text').attr('x', layout.conn.x).attr('y', layout.conn.y)
    .attr('text-anchor', layout.conn.split ? 'start' : 'middle').attr('font-size', 13).attr('fill', 'currentColor');
  return { layout, pkt, srcText, dstText, conn };
}
