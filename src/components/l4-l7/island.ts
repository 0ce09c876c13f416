/**
 * Draws both sides of the L4-vs-L7 run (src/sim/proxy) with D3: client, middle box and backend, each split
 * into a user-space band and a kernel band; the data moves between them step by step, copies across the
 * boundary are marked, the TCP connections are drawn beneath. One player steps both sides; everything
 * shown comes from the run's frames.
 */
import { select, type Selection } from 'd3-selection';
import 'd3-transition';
import { compareRun, type CompareState, type Place, type SideState, type Side } from '../../sim/proxy';
import { textIn, type Timeline } from '../../sim/core';
import { mountPlayer, type FrameChange } from '../player/mount';
import { stringsFor, type L4L7Strings } from './strings';
import { rolePath } from '../roles';

type Svg = Selection<SVGSVGElement, unknown, null, undefined>;
type G = Selection<SVGGElement, unknown, null, undefined>;

// 330 units wide: each side gets at least 336 px at a phone's 390 px and beside the other on a
// desktop, so one unit is never less than a pixel and the 12-unit labels stay 12 px (#16).
const W = 330;
const H = 250;
const BOX = {
  client: { x: 2, w: 74 },
  middle: { x: 94, w: 142 },
  backend: { x: 254, w: 74 },
} as const;
const TOP = 24;
const SPLIT = 112;
const BOTTOM = 196;
const WIRE = 172;
const CONN_Y = { c1: 218, c2: 242 } as const;
const COUNTERS = ['contextSwitches', 'crossings', 'copies', 'connections', 'syscalls'] as const;

/** nginx's host stands where the director does: the glyph of the box in the middle. */
const ROLES = { client: 'client', middle: 'director', backend: 'rs' } as const;
const cx = (node: Place['node']) => BOX[node].x + BOX[node].w / 2;
const at = (p: Place) => ({ x: cx(p.node), y: p.layer === 'user' ? (p.node === 'middle' ? 96 : 70) : WIRE });

interface SideView {
  side: Side;
  section: HTMLElement;
  svg: Svg;
  marker: G;
  markerText: Selection<SVGTextElement, unknown, null, undefined>;
  held: G;
  heldText: Selection<SVGTextElement, unknown, null, undefined>;
  worker: Selection<SVGTextElement, unknown, null, undefined>;
  workerState: Selection<SVGTextElement, unknown, null, undefined>;
  workerBox: Selection<SVGRectElement, unknown, null, undefined>;
  copy: G;
  conns: G;
}

function drawSide(section: HTMLElement, side: Side, s: L4L7Strings): SideView {
  const svg: Svg = select(section.querySelector<HTMLElement>('[data-role="stage"]')!)
    .append('svg').attr('viewBox', `0 0 ${W} ${H}`).attr('aria-hidden', 'true');
  const names = { client: s.client, middle: side === 'lvs' ? s.director : s.nginxHost, backend: side === 'lvs' ? s.rs : s.upstream };

  // The wire joins the kernels: everything that travels between hosts travels there.
  svg.append('line').attr('x1', cx('client')).attr('x2', cx('backend')).attr('y1', WIRE).attr('y2', WIRE)
    .attr('stroke', 'var(--lab-muted)').attr('stroke-width', 2);

  for (const node of ['client', 'middle', 'backend'] as const) {
    const b = BOX[node];
    const g = svg.append('g');
    g.append('rect').attr('x', b.x).attr('y', TOP).attr('width', b.w).attr('height', SPLIT - TOP)
      .attr('fill', 'var(--sl-color-bg-nav)').attr('stroke', 'var(--lab-border)');
    g.append('rect').attr('x', b.x).attr('y', SPLIT).attr('width', b.w).attr('height', BOTTOM - SPLIT)
      .attr('fill', 'var(--sl-color-bg)').attr('stroke', node === 'middle' ? 'var(--lab-blue)' : 'var(--lab-border)')
      .attr('stroke-width', node === 'middle' ? 2 : 1);
    g.append('text').attr('x', cx(node)).attr('y', 16).attr('text-anchor', 'middle').attr('font-size', 14)
      .attr('font-weight', 700).attr('fill', 'currentColor').text(names[node]);
    // The host's role glyph (../roles.ts), as in every lab, low in its kernel band, under the wire's traffic.
    g.append('path').attr('class', 'role').attr('data-role-glyph', ROLES[node])
      .attr('transform', `translate(${b.x + 10},${BOTTOM - 7})`).attr('d', rolePath(ROLES[node], 6))
      .attr('fill', 'var(--sl-color-bg-nav)').attr('stroke', 'var(--lab-blue)').attr('stroke-width', 2);
    const small = 12;
    g.append('text').attr('x', b.x + 4).attr('y', TOP + 12).attr('font-size', small).attr('fill', 'currentColor').text(s.user);
    g.append('text').attr('x', b.x + 4).attr('y', SPLIT + 12).attr('font-size', small).attr('fill', 'currentColor').text(s.kernel);
  }
  svg.append('text').attr('x', BOX.middle.x + 6).attr('y', SPLIT + 30).attr('font-size', 12)
    .attr('fill', 'currentColor').text(side === 'lvs' ? s.ipvs : s.stack);

  const workerBox = svg.append('rect').attr('x', BOX.middle.x + 10).attr('y', TOP + 18).attr('width', BOX.middle.w - 20)
    .attr('height', 38).attr('rx', 4).attr('fill', 'none')
    .attr('stroke', side === 'lvs' ? 'none' : 'var(--lab-orange)').attr('stroke-width', 2);
  const worker = svg.append('text').attr('x', cx('middle')).attr('y', TOP + 34).attr('text-anchor', 'middle')
    .attr('font-size', 12).attr('fill', 'currentColor');
  const workerState = svg.append('text').attr('x', cx('middle')).attr('y', TOP + 50).attr('text-anchor', 'middle')
    .attr('font-size', 12).attr('fill', 'currentColor');

  const copy = svg.append('g').attr('opacity', 0);
  copy.append('line').attr('x1', BOX.middle.x + BOX.middle.w - 22).attr('x2', BOX.middle.x + BOX.middle.w - 22)
    .attr('y1', 86).attr('y2', 156).attr('stroke', 'var(--lab-vermillion)').attr('stroke-width', 3);
  copy.append('path').attr('class', 'head').attr('fill', 'var(--lab-vermillion)');
  copy.append('text').attr('x', BOX.middle.x + BOX.middle.w - 28).attr('y', SPLIT + 16).attr('text-anchor', 'end')
    .attr('font-size', 12).attr('font-weight', 700).attr('fill', 'currentColor').text(s.copy);

  const conns = svg.append('g');
  const held = svg.append('g').attr('opacity', 0);
  held.append('rect').attr('x', -30).attr('y', -11).attr('width', 60).attr('height', 22).attr('rx', 5)
    .attr('fill', 'none').attr('stroke', 'var(--lab-orange)').attr('stroke-dasharray', '3 3').attr('stroke-width', 2);
  const heldText = held.append('text').attr('y', 4).attr('text-anchor', 'middle').attr('font-size', 12).attr('fill', 'currentColor');

  const marker = svg.append('g').attr('opacity', 0);
  marker.append('rect').attr('x', -32).attr('y', -12).attr('width', 64).attr('height', 24).attr('rx', 5)
    .attr('fill', 'var(--sl-color-bg-nav)').attr('stroke', 'var(--lab-orange)').attr('stroke-width', 2.5);
  const markerText = marker.append('text').attr('y', 4).attr('text-anchor', 'middle').attr('font-size', 12)
    .attr('font-weight', 700).attr('fill', 'currentColor');

  return { side, section, svg, marker, markerText, held, heldText, worker, workerState, workerBox, copy, conns };
}

function renderSide(v: SideView, st: SideState, prev: SideState, instant: boolean, s: L4L7Strings): void {
  // The data, moving from where it was to where it is.
  if (st.place && st.what) {
    const to = at(st.place);
    const from = prev.place ? at(prev.place) : to;
    v.markerText.text(st.what);
    v.marker.interrupt().attr('opacity', 1);
    if (instant || st.idle) v.marker.attr('transform', `translate(${to.x},${to.y})`);
    else v.marker.attr('transform', `translate(${from.x},${from.y})`).transition().duration(450)
      .attr('transform', `translate(${to.x},${to.y})`);
  } else v.marker.interrupt().attr('opacity', 0);

  if (st.held) {
    const p = at(st.held.place);
    v.held.attr('opacity', 1).attr('transform', `translate(${p.x - 40},${p.y})`);
    v.heldText.text(st.held.what);
  } else v.held.attr('opacity', 0);

  v.worker.text(st.worker === 'none' ? s.noProcess : s.worker);
  v.workerState.text(st.worker === 'none' ? '' : st.worker === 'running' ? s.running : s.asleep);
  v.workerBox.attr('stroke-dasharray', st.worker === 'asleep' ? '4 4' : null);

  const x = BOX.middle.x + BOX.middle.w - 22;
  v.copy.attr('opacity', st.copied ? 1 : 0);
  v.copy.select('path.head').attr('d', st.copied === 'down' ? `M${x - 7},150 L${x + 7},150 L${x},162 Z` : `M${x - 7},92 L${x + 7},92 L${x},80 Z`);

  v.section.querySelector<HTMLElement>('[data-role="wire"]')!.textContent =
    st.packet ? `${st.what ?? ''}: ${st.packet.src} → ${st.packet.dst}` : '';
  v.section.querySelector<HTMLElement>('[data-role="entry"]')!.textContent = st.ipvsEntry ? `${s.ipvsEntry}: ${st.ipvsEntry}` : '';

  // Connections beneath the hosts: LVS's one runs from the client to RS1 straight through the director.
  const lines = v.conns.selectAll<SVGGElement, SideState['conns'][number]>('g.conn').data(st.conns, (d) => d.id)
    .join((en) => {
      const g = en.append('g').attr('class', 'conn');
      g.append('line').attr('stroke-width', 3);
      g.append('text').attr('font-size', 12).attr('fill', 'currentColor');
      return g;
    });
  lines.select('line')
    .attr('x1', (d) => cx(d.ends[0]) ).attr('x2', (d) => cx(d.ends[1]))
    .attr('y1', (d) => CONN_Y[d.id as 'c1' | 'c2'] ?? 218).attr('y2', (d) => CONN_Y[d.id as 'c1' | 'c2'] ?? 218)
    .attr('stroke', (d) => (d.state === 'closed' ? 'var(--lab-muted)' : d.id === 'c1' ? 'var(--lab-blue)' : 'var(--lab-orange)'))
    .attr('stroke-dasharray', (d) => (d.state === 'opening' ? '6 4' : d.state === 'closed' ? '2 4' : null));
  lines.select('text')
    .attr('x', (d) => (cx(d.ends[0]) + cx(d.ends[1])) / 2).attr('text-anchor', 'middle')
    .attr('y', (d) => (CONN_Y[d.id as 'c1' | 'c2'] ?? 218) - 5)
    .text((d) => `${s.conn} ${d.id.slice(1)} · ${d.state}`);

  for (const key of COUNTERS) {
    const row = v.section.querySelector<HTMLElement>(`tr[data-counter="${key}"]`)!;
    row.querySelector('td')!.textContent = String(st.counters[key]);
    row.toggleAttribute('data-changed', st.counters[key] !== prev.counters[key]);
  }
  v.section.querySelector<HTMLElement>('[data-role="calls"]')!.textContent = st.idle
    ? s.idle
    : st.calls.length ? st.calls.map((c) => c.call).join(' · ') : s.none;
}

export function start(root: HTMLElement): void {
  const lang = root.dataset.lang ?? 'en';
  const s = stringsFor(lang);
  const keepalive = root.querySelector<HTMLInputElement>('[data-role="keepalive"]')!;
  const views = (['lvs', 'nginx'] as const).map((side) =>
    drawSide(root.querySelector<HTMLElement>(`section[data-side="${side}"]`)!, side, s));

  let timeline: Timeline<CompareState> = compareRun();
  const sourceOf = (tl: Timeline<CompareState>) => ({
    count: tl.frames.length,
    caption: (i: number) => {
      const e = tl.frame(i).event;
      return e ? textIn(e.text, lang) : '';
    },
  });

  const render = ({ index, previous, instant }: FrameChange) => {
    const frame = timeline.frame(index);
    // Stepping one forward animates from the frame before; any jump is drawn in place.
    const before = timeline.frame(index - 1 === previous ? previous : index).state;
    for (const v of views) renderSide(v, frame.state[v.side], before[v.side], instant || index - 1 !== previous, s);
    root.dataset.index = String(index);
    root.dataset.phase = String(frame.state.phase);
    for (const v of views) {
      const c = frame.state[v.side].counters;
      root.setAttribute(`data-${v.side}-copies`, String(c.copies));
      root.setAttribute(`data-${v.side}-connections`, String(c.connections));
      root.setAttribute(`data-${v.side}-syscalls`, String(c.syscalls));
      root.setAttribute(`data-${v.side}-switches`, String(c.contextSwitches));
      root.setAttribute(`data-${v.side}-crossings`, String(c.crossings));
      root.setAttribute(`data-${v.side}-place`, frame.state[v.side].place ? `${frame.state[v.side].place!.node}.${frame.state[v.side].place!.layer}` : '');
    }
  };

  const player = mountPlayer(root.querySelector<HTMLElement>('[data-player]')!, {
    source: sourceOf(timeline),
    render,
    scenario: 'fresh',
    onMoment: (m) => {
      if (m.s !== 'keepalive') return;
      keepalive.checked = true;
      timeline = compareRun({ keepalive: true });
      return sourceOf(timeline);
    },
  });
  keepalive.addEventListener('change', () => {
    timeline = compareRun({ keepalive: keepalive.checked });
    player.load(sourceOf(timeline), { scenario: keepalive.checked ? 'keepalive' : 'fresh', index: 0 });
  });
  root.dataset.ready = 'true';
}
