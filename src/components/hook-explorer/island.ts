/**
 * Draws the packet-flow diagram with D3 and moves a packet through it, one kernel step per frame.
 * Everything shown comes from the Netfilter model's run (src/sim/netfilter); nothing is decided here.
 */
import { select } from 'd3-selection';
import 'd3-transition';
import { SCENARIOS, scenarioNamed, traceRun, type TraceState } from '../../sim/netfilter';
import type { Scenario } from '../../sim/netfilter/scenarios';
import type { Step } from '../../sim/netfilter/path';
import { textIn, type Timeline } from '../../sim/core';
import { mountPlayer, type FrameChange } from '../player/mount';
import { onWidth, pickLayout } from '../fit';
import { EDGES, HOOK_PLACES, LAYOUTS, type HookLayout } from './layout';
import { stringsFor, type ExplorerStrings } from './strings';

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export function start(root: HTMLElement): void {
  const lang = root.dataset.lang ?? 'en';
  const s = stringsFor(lang);
  const picker = root.querySelector<HTMLSelectElement>('[data-role="scenario"]')!;
  const panel = root.querySelector<HTMLElement>('[data-role="panel"]')!;
  const summary = root.querySelector<HTMLElement>('[data-role="summary"]')!;
  const runs = new Map<string, Timeline<TraceState>>();
  const runOf = (sc: Scenario) => {
    if (!runs.has(sc.name)) runs.set(sc.name, traceRun(sc));
    return runs.get(sc.name)!;
  };

  // The diagram is drawn for the width it gets (../fit.ts) and drawn again when that width changes.
  const stageHost = root.querySelector<HTMLElement>('[data-role="stage"]')!;
  let stage: ReturnType<typeof drawStage>;
  let player: ReturnType<typeof mountPlayer> | undefined;
  onWidth(stageHost, (width) => {
    const layout = pickLayout(width, LAYOUTS);
    if (stage?.layout === layout) return;
    stageHost.replaceChildren();
    stage = drawStage(stageHost, layout, s);
    if (player) render({ index: player.state.index, previous: player.state.index, instant: true });
  });

  let scenario: Scenario = scenarioNamed(root.dataset.scenario ?? '') ?? SCENARIOS[0]!;
  let timeline = runOf(scenario);

  const panelFor = (step: Step | undefined, packetLabel: string) => {
    if (!step) return `<p>${escape(s.start)}</p>`;
    const head = `<p><strong>${escape(s.packet)}:</strong> ${escape(packetLabel)}</p>`;
    if (step.kind !== 'hook') {
      return `${head}<p><code>${escape(step.fn)}</code>${step.kind === 'route' ? ` → <strong>${escape(step.result)}</strong>` : ''}</p>`;
    }
    const rows = step.callbacks.map((c) => {
      const cls = [c.cb.owner === 'ipvs' ? 'is-ipvs' : '', c.verdict === 'skipped' ? 'is-skipped' : ''].join(' ').trim();
      const verdict = c.verdict === 'skipped' ? s.skipped : c.verdict;
      const note = c.note ? `<p class="note">${escape(textIn(c.note, lang))}</p>` : '';
      return `<tr class="${cls}" data-owner="${c.cb.owner}"><td>${c.cb.priority === 2147483647 ? 'INT_MAX' : c.cb.priority}</td><td><code>${escape(c.cb.fn)}</code>${note}</td><td>${c.cb.owner === 'ipvs' ? s.ipvs : c.cb.owner}</td><td>${verdict}</td></tr>`;
    }).join('');
    return `${head}<p><strong>${escape(step.hook)}</strong> — ${escape(s.callbacks)}</p>
      <table><thead><tr><th scope="col">${s.priority}</th><th scope="col">${s.fn}</th><th scope="col">${s.owner}</th><th scope="col">${s.verdict}</th></tr></thead><tbody>${rows}</tbody></table>`;
  };

  const render = ({ index, instant }: FrameChange) => {
    const frame = timeline.frame(index);
    const { step, passed, packet: pi } = frame.state;
    const { layout, hooks, badges, order, packet } = stage;
    const POS = layout.pos;
    badges.text((h) => (scenario.ipvs && ['LOCAL_IN', 'FORWARD', 'LOCAL_OUT'].includes(h) ? `+ ${s.ipvs}` : ''));
    hooks.select('rect')
      .attr('stroke', (h) => (step?.kind === 'hook' && step.hook === h ? 'var(--lab-vermillion)' : passed.some((p) => p.hook === h) ? 'var(--lab-orange)' : 'var(--lab-blue)'))
      .attr('stroke-width', (h) => (step?.kind === 'hook' && step.hook === h ? 4 : 2.5));
    // The order in which hooks were passed, as small numbers beside each hook.
    const marks = passed.map((p, i) => ({ ...p, i }));
    order.selectAll('text').data(marks).join('text')
      .attr('x', (d) => POS[d.hook as keyof typeof POS].x - 70 + 14 * (marks.filter((m) => m.hook === d.hook && m.i < d.i).length))
      .attr('y', (d) => POS[d.hook as keyof typeof POS].y - 24)
      .attr('font-size', 12).attr('font-weight', 700).attr('fill', 'var(--lab-orange)').text((d) => String(d.i + 1));
    if (!step) packet.interrupt().attr('opacity', 0);
    else {
      // Beside its place (above on a desktop, to the right on a phone), so the box stays readable.
      const x = POS[step.place].x + layout.packet.dx;
      const y = POS[step.place].y + layout.packet.dy;
      const moved = packet.interrupt().attr('opacity', 1);
      if (instant) moved.attr('cx', x).attr('cy', y);
      else moved.transition().duration(350).attr('cx', x).attr('cy', y);
    }
    const label = pi >= 0 ? textIn(scenario.packets[pi]!.label, lang) : '';
    panel.innerHTML = panelFor(step, label);
    root.dataset.hook = step?.kind === 'hook' ? step.hook : '';
    root.dataset.passed = passed.map((p) => p.hook).join(' ');
  };

  const sourceOf = (tl: Timeline<TraceState>) => ({
    count: tl.frames.length,
    caption: (i: number) => {
      const e = tl.frame(i).event;
      return e ? textIn(e.text, lang) : '';
    },
  });

  player = mountPlayer(root.querySelector<HTMLElement>('[data-player]')!, {
    source: sourceOf(timeline),
    scenario: scenario.name,
    onMoment: (m) => {
      const wanted = m.s ? scenarioNamed(m.s) : undefined;
      if (!wanted) return;
      scenario = wanted;
      timeline = runOf(scenario);
      picker.value = scenario.name;
      return sourceOf(timeline);
    },
    render,
  });
  const showSummary = () => (summary.textContent = textIn(scenario.summary, lang));
  showSummary();
  picker.addEventListener('change', () => {
    scenario = scenarioNamed(picker.value) ?? scenario;
    timeline = runOf(scenario);
    showSummary();
    player!.load(sourceOf(timeline), { scenario: scenario.name, index: 0 });
  });
  // The real kernel: its module (and the machine) load only when the reader asks.
  root.querySelector<HTMLButtonElement>('[data-role="kernel-run"]')?.addEventListener('click', () => {
    const box = root.querySelector<HTMLElement>('[data-role="kernel"]')!;
    void import('../kernel/packet-run').then((m) => m.runTrace(box, scenario.name, root.dataset.lang ?? 'en', import.meta.env.BASE_URL.replace(/\/?$/, '/')));
  });
  root.dataset.ready = 'true';
}

/** The diagram in one layout: the hooks, the places between them, and the packet. */
function drawStage(host: HTMLElement, layout: HookLayout, s: ExplorerStrings) {
  const POS = layout.pos;
  const svg = select(host).append('svg').attr('viewBox', `0 0 ${layout.width} ${layout.height}`)
    .attr('data-layout', layout.name).attr('aria-hidden', 'true');
  svg.append('defs').append('marker').attr('id', 'hx-arrow').attr('viewBox', '0 0 10 10').attr('refX', 9).attr('refY', 5)
    .attr('markerWidth', 7).attr('markerHeight', 7).attr('orient', 'auto')
    .append('path').attr('d', 'M0,0L10,5L0,10z').attr('fill', 'var(--lab-muted)');
  svg.append('g').selectAll('line').data(EDGES).join('line')
    .attr('x1', ([a]) => POS[a].x).attr('y1', ([a]) => POS[a].y)
    .attr('x2', ([a, b]) => POS[a].x + (POS[b].x - POS[a].x) * 0.8).attr('y2', ([a, b]) => POS[a].y + (POS[b].y - POS[a].y) * 0.8)
    .attr('stroke', 'var(--lab-muted)').attr('stroke-width', 2).attr('marker-end', 'url(#hx-arrow)');

  const hooks = svg.append('g').selectAll('g').data(HOOK_PLACES).join('g')
    .attr('class', 'hook').attr('transform', (h) => `translate(${POS[h].x},${POS[h].y})`);
  hooks.append('rect').attr('x', -62).attr('y', -18).attr('width', 124).attr('height', 36).attr('rx', 8)
    .attr('fill', 'var(--sl-color-bg-nav)').attr('stroke', 'var(--lab-blue)').attr('stroke-width', 2.5);
  hooks.append('text').attr('class', 'on-shape').attr('text-anchor', 'middle').attr('dy', '0.35em').attr('font-size', 13).attr('font-weight', 700)
    .attr('fill', 'currentColor').text((h) => h);
  const badgeAt = (h: string) => layout.badges[h as keyof HookLayout['badges']] ?? { dx: 0, dy: 32, anchor: 'middle' as const };
  const badges = hooks.append('text').attr('class', 'ipvs').attr('font-size', 12)
    .attr('x', (h) => badgeAt(h).dx).attr('y', (h) => badgeAt(h).dy).attr('text-anchor', (h) => badgeAt(h).anchor)
    .attr('fill', 'var(--lab-orange)').text('');

  const other: Array<[keyof typeof POS, string, 'diamond' | 'box' | 'plain']> = [
    ['net-in', s.netIn, 'plain'], ['net-out', s.netOut, 'plain'], ['route-in', s.routeIn, 'diamond'],
    ['route-out', s.routeOut, 'diamond'], ['local', s.local, 'box'],
  ];
  const places = svg.append('g').selectAll('g').data(other).join('g').attr('transform', ([p]) => `translate(${POS[p].x},${POS[p].y})`);
  places.filter(([, , k]) => k === 'diamond').append('path').attr('d', 'M0,-20L34,0L0,20L-34,0Z')
    .attr('fill', 'var(--sl-color-bg-nav)').attr('stroke', 'var(--lab-green)').attr('stroke-width', 2);
  places.filter(([, , k]) => k === 'box').append('rect').attr('x', -layout.localWidth / 2).attr('y', -18)
    .attr('width', layout.localWidth).attr('height', 36).attr('rx', 4)
    .attr('fill', 'var(--sl-color-bg-nav)').attr('stroke', 'var(--lab-purple)').attr('stroke-width', 2);
  const spot = (p: keyof typeof POS) => (p === 'local' ? { dx: 0, dy: 4, anchor: 'middle' as const } : layout.labels[p as keyof HookLayout['labels']]);
  places.append('text').attr('class', ([, , k]) => (k === 'box' ? 'on-shape' : null)).attr('font-size', 12).attr('fill', 'currentColor')
    .attr('x', ([p]) => spot(p).dx).attr('y', ([p]) => spot(p).dy).attr('text-anchor', ([p]) => spot(p).anchor)
    .text(([, label]) => label);

  const packet = svg.append('circle').attr('r', 9).attr('fill', 'var(--lab-vermillion)').attr('stroke', 'var(--sl-color-white)')
    .attr('stroke-width', 2).attr('opacity', 0);
  const order = svg.append('g');
  return { layout, hooks, badges, packet, order };
}
