/**
 * One mode's run on screen: the topology drawn with D3, the frame moving from hop to hop, the
 * header inspector, the IPVS connection table and the outcome. It draws what the timeline says.
 */
import { select, type Selection } from 'd3-selection';
import 'd3-transition';
import { textIn } from '../../sim/core';
import { runJourney, type BreakName, type Journey, type Mode, type NodeId, type PacketState } from '../../sim/packet';
import { renderArp, renderHop } from './inspector';
import { onWidth, pickLayout } from '../fit';
import { roleOf, rolePath } from '../roles';
import { layoutsOf, route, along, type Layout, type Point } from './layout';
import type { Strings } from './strings';

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

export interface Lane {
  readonly el: HTMLElement;
  readonly journey: Journey;
  /** The layout drawn now: it changes with the lane's width (wide on a desktop, tall on a phone). */
  readonly layout: Layout;
  show(index: number, instant: boolean): void;
}

type Svg = Selection<SVGSVGElement, unknown, null, undefined>;

export function createLane(host: HTMLElement, mode: Mode, breaks: BreakName[], lang: string, s: Strings): Lane {
  const journey = runJourney({ mode, breaks });
  const layouts = layoutsOf(journey.topology);
  host.innerHTML = `
    <h3 class="pp-lane__title">${esc(s.modes[mode])}</h3>
    <div class="pp-lane__stage"></div>
    <div class="pp-lane__side">
      <div class="pp-inspector" role="group" aria-label="${esc(s.inspector)}" tabindex="-1">
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
  // Drawn for the lane's width and drawn again when it changes, at the moment shown.
  const stage = host.querySelector<HTMLElement>('.pp-lane__stage')!;
  let layout = layouts[0]!;
  let drawn: ReturnType<typeof drawStage> | undefined;
  let current = -1;
  onWidth(stage, (width) => {
    const next = pickLayout(width, layouts);
    if (drawn && next === layout) return;
    layout = next;
    drawn?.svg.remove();
    drawn = drawStage(stage, journey, layout, lang, `${s.diagram}: ${s.modes[mode]}`, s.openHeaders, () => openHeaders());
    if (current >= 0) show(current, true);
  });

  const inspector = host.querySelector<HTMLElement>('.pp-inspector')!;
  const where = host.querySelector<HTMLElement>('[data-role="where"]')!;
  const layers = host.querySelector<HTMLElement>('[data-role="layers"]')!;
  const conns = host.querySelector<HTMLElement>('[data-role="conns"]')!;
  const pool = host.querySelector<HTMLElement>('[data-role="pool"]')!;
  const outcome = host.querySelector<HTMLElement>('[data-role="outcome"]')!;
  const name = (id: NodeId) => journey.topology.nodes[id]!.label[lang.startsWith('zh') ? 'zh' : 'en'];

  // Layers the reader closed stay closed from hop to hop; clicking the packet opens them all again.
  const closed = new Set<string>();
  layers.addEventListener('toggle', (e) => {
    const d = e.target as HTMLDetailsElement;
    if (!d.dataset.layer) return;
    if (d.open) closed.delete(d.dataset.layer);
    else closed.add(d.dataset.layer);
  }, true);
  const openHeaders = () => {
    closed.clear();
    for (const d of layers.querySelectorAll('details')) d.open = true;
    inspector.scrollIntoView({ block: 'nearest' });
    inspector.focus({ preventScroll: true });
  };

  const show = (index: number, instant: boolean) => {
    const { svg, pkt, pktLabel, arpRing } = drawn!;
    current = index;
    const frame = journey.timeline.frame(index);
    const st: PacketState = frame.state;
    // The packet is a button only while it is on a wire.
    pkt.attr('tabindex', st.hop ? 0 : -1).attr('aria-hidden', st.hop ? null : 'true');
    host.dataset.index = String(frame.index);
    host.dataset.event = frame.event?.kind ?? 'start';
    svg.selectAll<SVGGElement, unknown>('g.pp-node').classed('is-drop', (d) => st.drop?.at === (d as { id: NodeId }).id);
    if (st.hop) {
      const h = st.hop;
      host.dataset.at = `${h.from}>${h.to}`;
      where.textContent = `${s.onWire}: ${name(h.from)} → ${name(h.to)} · ${h.packet.l4.flags} · ${h.link}`;
      layers.innerHTML = renderHop(h, s, closed);
      const pts = route(layout, h.from, h.to, h.link);
      const mid = along(pts, 0.5);
      pktLabel.text(h.packet.outer ? `IPIP ${h.packet.l4.flags}` : h.packet.l4.flags);
      pkt.classed('is-reply', h.direction === 'reply').classed('is-tunnel', !!h.packet.outer);
      pkt.interrupt().attr('opacity', 1);
      if (instant) pkt.attr('transform', `translate(${mid.x},${mid.y})`);
      else {
        // It leaves from the edge of the sender's glyph, not over it, and comes to rest half way.
        const f0 = Math.min(0.5, clearOf(pts));
        const start = along(pts, f0);
        pkt.attr('transform', `translate(${start.x},${start.y})`).transition().duration(450)
          .attrTween('transform', () => (t: number) => { const p = along(pts, f0 + t * (0.5 - f0)); return `translate(${p.x},${p.y})`; });
      }
      arpRing.interrupt().attr('opacity', 0);
    } else if (st.arp) {
      const a = st.arp;
      host.dataset.at = `arp:${a.from}`;
      where.textContent = `${s.arp} ${a.op}: ${name(a.from)}${a.to === 'broadcast' ? ' → ff:ff:ff:ff:ff:ff' : ` → ${name(a.to)}`} · ${a.link}`;
      layers.innerHTML = renderArp(a, s, closed);
      pkt.interrupt().attr('opacity', 0);
      const at = layout.nodes[a.from];
      arpRing.interrupt().attr('cx', at.x).attr('cy', at.y).attr('opacity', 0.8).attr('r', instant ? 40 : 10);
      if (!instant) arpRing.transition().duration(450).attr('r', 45).attr('opacity', 0.3);
    } else {
      host.dataset.at = frame.event ? `${frame.event.kind}:${frame.event.actor}` : 'start';
      where.textContent = frame.event ? textIn(frame.event.text, lang).split('. ')[0]! : s.start;
      if (!frame.event) layers.innerHTML = '';
      if (!st.drop) {
        // A faint packet where it last was on a wire (not where a cut-short tween left it, over a node).
        pkt.interrupt().attr('opacity', frame.event ? 0.35 : 0);
        for (let k = index - 1; k >= 0; k--) {
          const h = journey.timeline.frame(k).state.hop;
          if (!h) continue;
          const mid = along(route(layout, h.from, h.to, h.link), 0.5);
          pkt.attr('transform', `translate(${mid.x},${mid.y})`);
          break;
        }
      }
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
  return { el: host, journey, get layout() { return layout; }, show };
}

function drawStage(stage: HTMLElement, j: Journey, layout: Layout, lang: string, label: string, packetLabel: string, open: () => void) {
  // A group, not an image: the packet in it is a button.
  const svg: Svg = select(stage).insert('svg', ':first-child')
    .attr('viewBox', `0 0 ${layout.width} ${layout.height}`).attr('data-layout', layout.name)
    .attr('role', 'group').attr('aria-label', label);
  drawTopology(svg, j, layout, lang);
  const pkt = svg.append('g').attr('class', 'pp-packet').attr('opacity', 0)
    .attr('role', 'button').attr('tabindex', -1).attr('aria-label', packetLabel)
    .on('click', open)
    .on('keydown', (ev: Event) => {
      const e = ev as KeyboardEvent;
      if (e.key !== 'Enter' && e.key !== ' ') return;
      e.preventDefault();
      e.stopPropagation();
      open();
    });
  pkt.append('rect').attr('x', -34).attr('y', -11).attr('width', 68).attr('height', 22).attr('rx', 5);
  const pktLabel = pkt.append('text').attr('text-anchor', 'middle').attr('y', 4).attr('font-size', 12);
  const arpRing = svg.append('circle').attr('class', 'pp-arp').attr('r', 0).attr('opacity', 0);
  return { svg, pkt, pktLabel, arpRing };
}

/**
 * How far along a route (as a fraction) the packet's box (68 × 22) first clears the sending node's
 * glyph (radius 18), going along the route's first segment.
 */
function clearOf(pts: Point[]): number {
  const total = pts.slice(1).reduce((n, p, i) => n + Math.hypot(p.x - pts[i]!.x, p.y - pts[i]!.y), 0);
  const [a, b] = [pts[0]!, pts[1]!];
  const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
  const ux = Math.abs(b.x - a.x) / len;
  const uy = Math.abs(b.y - a.y) / len;
  const d = Math.min(ux > 0 ? (34 + 18 + 2) / ux : Infinity, uy > 0 ? (11 + 18 + 2) / uy : Infinity);
  return total > 0 ? d / total : 0;
}

/** Address lines of a node, one per line: its interfaces' first addresses, then where it holds the VIP. */
function addressLines(d: Journey['topology']['nodes'][NodeId], vip: string): string[] {
  const lines = d.ifaces.filter((i) => i.name !== 'lo' && i.name !== 'tunl0').map((i) => i.addrs[0]!.ip);
  const dev = d.ifaces.find((i) => (i.name === 'lo' || i.name === 'tunl0') && i.addrs.some((a) => a.ip === vip));
  if (d.id === 'director') lines.push(`VIP ${vip}`);
  else if (dev) lines.push(`VIP@${dev.name}`);
  return lines;
}

const LINE = 14;

function drawTopology(svg: Svg, j: Journey, layout: Layout, lang: string) {
  const zh = lang.startsWith('zh');
  const wires = svg.append('g').attr('class', 'pp-wires');
  for (const w of layout.wires) {
    wires.append('line').attr('x1', w.a.x).attr('y1', w.a.y).attr('x2', w.b.x).attr('y2', w.b.y).attr('data-link', w.link);
  }
  for (const [link, p] of Object.entries(layout.switches)) {
    const g = svg.append('g').attr('class', 'pp-switch').attr('transform', `translate(${p.x},${p.y})`);
    g.append('rect').attr('x', -16).attr('y', -8).attr('width', 32).attr('height', 16).attr('rx', 3);
    if (layout.switchLabel === 'below') g.append('text').attr('y', 24).attr('text-anchor', 'middle').attr('font-size', 12).text(link);
    else g.append('text').attr('x', -20).attr('y', 4).attr('text-anchor', 'end').attr('font-size', 12).text(link);
  }
  const nodes = Object.values(j.topology.nodes);
  const g = svg.append('g').selectAll('g.pp-node').data(nodes).join('g').attr('class', 'pp-node')
    .attr('data-node', (d) => d.id)
    .attr('transform', (d) => `translate(${layout.nodes[d.id].x},${layout.nodes[d.id].y})`);
  // The role's glyph (../roles.ts): the same shape for a client, router, director or real server in every lab.
  g.append('path').attr('class', 'pp-node__shape').attr('d', (d) => rolePath(roleOf(d.id)));
  g.append('text').attr('class', 'pp-node__name on-shape').attr('y', 4).attr('text-anchor', 'middle').attr('font-size', 12)
    .text((d) => (d.id === 'director' ? (zh ? '调度' : 'LVS') : d.id === 'client' ? (zh ? '客户' : 'CL') : d.id === 'router' ? 'R' : d.id.toUpperCase()));
  // The addresses go on the side of the circle no wire reaches, one per line.
  g.each(function (d) {
    const lines = addressLines(d, j.topology.vip);
    const side = layout.labels[d.id];
    const text = select(this).append('text').attr('class', 'pp-node__addr').attr('font-size', 12)
      .attr('text-anchor', side === 'right' ? 'start' : 'middle');
    const first = side === 'below' ? 34 : side === 'above' ? -26 - (lines.length - 1) * LINE : 4 - ((lines.length - 1) * LINE) / 2;
    lines.forEach((line, k) => {
      text.append('tspan').attr('x', side === 'right' ? 26 : 0).attr('y', first + k * LINE)
        .attr('class', line.startsWith('VIP') ? 'pp-vip' : null).text(line);
    });
  });
}
