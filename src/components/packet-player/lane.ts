/**
 * One mode's run on screen: the topology drawn with D3, the frame moving from hop to hop, the
 * header inspector, the IPVS connection table and the outcome. It draws what the timeline says.
 */
import { select, type Selection } from 'd3-selection';
import 'd3-transition';
import { textIn } from '../../sim/core';
import { runJourney, type BreakName, type Journey, type Mode, type NodeId, type PacketState } from '../../sim/packet';
import { renderArp, renderHop } from './inspector';
import { layoutOf, route, along, type Layout } from './layout';
import type { Strings } from './strings';

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

export interface Lane {
  readonly el: HTMLElement;
  readonly journey: Journey;
  readonly layout: Layout;
  readonly svg: Selection<SVGSVGElement, unknown, null, undefined>;
  show(index: number, instant: boolean): void;
}

export function createLane(host: HTMLElement, mode: Mode, breaks: BreakName[], lang: string, s: Strings): Lane {
  const journey = runJourney({ mode, breaks });
  const layout = layoutOf(journey.topology);
  host.innerHTML = `
    <h3 class="pp-lane__title">${esc(s.modes[mode])}</h3>
    <div class="pp-lane__stage"></div>
    <div class="pp-lane__side">
      <div class="pp-inspector" role="group" aria-label="${esc(s.inspector)}">
        <h4 class="pp-inspector__where" data-role="where"></h4>
        <div data-role="layers"></div>
      </div>
      <section class="pp-table">
        <h4>${esc(s.table)}</h4>
        <div data-role="conns"></div>
        <div data-role="pool"></div>
      </section>
    </div>
    <p class="pp-outcome" data-role="outcome" hidden></p>`;
  host.dataset.mode = mode;
  const svg = select(host.querySelector<HTMLElement>('.pp-lane__stage')!).append('svg')
    .attr('viewBox', '0 0 700 310').attr('role', 'img').attr('aria-label', `${s.diagram}: ${s.modes[mode]}`);
  drawTopology(svg, journey, layout, lang);
  const pkt = svg.append('g').attr('class', 'pp-packet').attr('opacity', 0);
  pkt.append('rect').attr('x', -34).attr('y', -11).attr('width', 68).attr('height', 22).attr('rx', 5);
  const pktLabel = pkt.append('text').attr('text-anchor', 'middle').attr('y', 4).attr('font-size', 11);
  const arpRing = svg.append('circle').attr('class', 'pp-arp').attr('r', 0).attr('opacity', 0);

  const where = host.querySelector<HTMLElement>('[data-role="where"]')!;
  const layers = host.querySelector<HTMLElement>('[data-role="layers"]')!;
  const conns = host.querySelector<HTMLElement>('[data-role="conns"]')!;
  const pool = host.querySelector<HTMLElement>('[data-role="pool"]')!;
  const outcome = host.querySelector<HTMLElement>('[data-role="outcome"]')!;
  const name = (id: NodeId) => journey.topology.nodes[id]!.label[lang.startsWith('zh') ? 'zh' : 'en'];

  const show = (index: number, instant: boolean) => {
    const frame = journey.timeline.frame(index);
    const st: PacketState = frame.state;
    host.dataset.index = String(frame.index);
    host.dataset.event = frame.event?.kind ?? 'start';
    svg.selectAll<SVGGElement, unknown>('g.pp-node').classed('is-drop', (d) => st.drop?.at === (d as { id: NodeId }).id);
    if (st.hop) {
      const h = st.hop;
      host.dataset.at = `${h.from}>${h.to}`;
      where.textContent = `${s.onWire}: ${name(h.from)} → ${name(h.to)} · ${h.packet.l4.flags} · ${h.link}`;
      layers.innerHTML = renderHop(h, s);
      const pts = route(layout, h.from, h.to, h.link);
      const mid = along(pts, 0.5);
      pktLabel.text(h.packet.outer ? `IPIP ${h.packet.l4.flags}` : h.packet.l4.flags);
      pkt.classed('is-reply', h.direction === 'reply').classed('is-tunnel', !!h.packet.outer);
      pkt.interrupt().attr('opacity', 1);
      if (instant) pkt.attr('transform', `translate(${mid.x},${mid.y})`);
      else {
        pkt.attr('transform', `translate(${pts[0]!.x},${pts[0]!.y})`).transition().duration(450)
          .attrTween('transform', () => (t: number) => { const p = along(pts, t * 0.5); return `translate(${p.x},${p.y})`; });
      }
      arpRing.interrupt().attr('opacity', 0);
    } else if (st.arp) {
      const a = st.arp;
      host.dataset.at = `arp:${a.from}`;
      where.textContent = `${s.arp} ${a.op}: ${name(a.from)}${a.to === 'broadcast' ? ' → ff:ff:ff:ff:ff:ff' : ` → ${name(a.to)}`} · ${a.link}`;
      layers.innerHTML = renderArp(a, s);
      pkt.interrupt().attr('opacity', 0);
      const at = layout.nodes[a.from];
      arpRing.interrupt().attr('cx', at.x).attr('cy', at.y).attr('opacity', 0.8).attr('r', instant ? 40 : 10);
      if (!instant) arpRing.transition().duration(450).attr('r', 45).attr('opacity', 0.3);
    } else {
      host.dataset.at = frame.event ? `${frame.event.kind}:${frame.event.actor}` : 'start';
      where.textContent = frame.event ? textIn(frame.event.text, lang).split('. ')[0]! : s.start;
      if (!frame.event) layers.innerHTML = '';
      if (!st.drop) pkt.interrupt().attr('opacity', frame.event ? 0.35 : 0);
      arpRing.interrupt().attr('opacity', 0);
    }
    conns.innerHTML = st.conns.length === 0 ? `<p class="pp-empty">${esc(s.empty)}</p>` : `<table><thead><tr>${
      (['pro', 'state', 'expire', 'client', 'virtual', ...(mode === 'fullnat' ? ['local'] : []), 'real', 'forward'] as const)
        .map((k) => `<th scope="col">${esc(s.col[k as keyof Strings['col']])}</th>`).join('')}</tr></thead><tbody>${st.conns.map((c) =>
      `<tr data-state="${c.state}"><td>${c.proto}</td><td>${c.state}</td><td>${c.expire}s</td><td>${c.client}</td><td>${c.virtual}</td>${
        mode === 'fullnat' ? `<td>${c.local ?? ''}</td>` : ''}<td>${c.real}</td><td>${c.forward}</td></tr>`).join('')}</tbody></table>`;
    pool.innerHTML = st.pool ? `<p><strong>${esc(s.pool)}</strong> → ${esc(journey.topology.real[0]!.ip)}:${journey.topology.real[0]!.port}: ${
      st.pool.map((p) => `${p.addr} ${p.used.toLocaleString('en')}/${p.capacity.toLocaleString('en')}`).join(', ')}</p>` : '';
    if (st.outcome) {
      outcome.hidden = false;
      const o = st.outcome;
      outcome.dataset.outcome = o.delivered ? (o.warning ? 'warning' : 'delivered') : 'dropped';
      outcome.textContent = o.delivered
        ? (o.warning ? `${s.warning}: ${textIn(o.warning, lang)}` : s.delivered)
        : `${s.dropped}: ${textIn(o.dropReason!, lang)}`;
    } else {
      outcome.hidden = true;
      delete outcome.dataset.outcome;
    }
  };
  show(0, true);
  return { el: host, journey, layout, svg, show };
}

function drawTopology(svg: Selection<SVGSVGElement, unknown, null, undefined>, j: Journey, layout: Layout, lang: string) {
  const zh = lang.startsWith('zh');
  const wires = svg.append('g').attr('class', 'pp-wires');
  for (const w of layout.wires) {
    wires.append('line').attr('x1', w.a.x).attr('y1', w.a.y).attr('x2', w.b.x).attr('y2', w.b.y).attr('data-link', w.link);
  }
  for (const [link, p] of Object.entries(layout.switches)) {
    const g = svg.append('g').attr('class', 'pp-switch').attr('transform', `translate(${p.x},${p.y})`);
    g.append('rect').attr('x', -16).attr('y', -8).attr('width', 32).attr('height', 16).attr('rx', 3);
    g.append('text').attr('y', 22).attr('text-anchor', 'middle').attr('font-size', 10).text(link);
  }
  const nodes = Object.values(j.topology.nodes);
  const g = svg.append('g').selectAll('g.pp-node').data(nodes).join('g').attr('class', 'pp-node')
    .attr('transform', (d) => `translate(${layout.nodes[d.id].x},${layout.nodes[d.id].y})`);
  g.append('circle').attr('r', 18);
  g.append('text').attr('class', 'pp-node__name').attr('y', 4).attr('text-anchor', 'middle').attr('font-size', 10)
    .text((d) => (d.id === 'director' ? (zh ? '调度' : 'LVS') : d.id === 'client' ? (zh ? '客户' : 'CL') : d.id === 'router' ? 'R' : d.id.toUpperCase()));
  g.append('text').attr('y', 32).attr('text-anchor', 'middle').attr('font-size', 10)
    .text((d) => d.ifaces.filter((i) => i.name !== 'lo' && i.name !== 'tunl0').map((i) => i.addrs[0]!.ip).join(' · '));
  g.filter((d) => d.ifaces.some((i) => i.name === 'lo' || i.name === 'tunl0') || d.id === 'director')
    .append('text').attr('y', 44).attr('text-anchor', 'middle').attr('font-size', 10).attr('class', 'pp-vip')
    .text((d) => {
      const dev = d.ifaces.find((i) => (i.name === 'lo' || i.name === 'tunl0') && i.addrs.some((a) => a.ip === j.topology.vip));
      return d.id === 'director' ? `VIP ${j.topology.vip}` : dev ? `VIP@${dev.name}` : '';
    });
}
