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
import { EDGES, HOOK_PLACES, POS, VIEW } from './layout';
import { stringsFor } from './strings';

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

  const svg = select(root.querySelector<HTMLElement>('[data-role="stage"]')!)
    .append('svg').attr('viewBox', `0 0 ${VIEW.width} ${VIEW.height}`).attr('aria-hidden', 'true');
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
  hooks.append('text').attr('text-anchor', 'middle').attr('dy', '0.35em').attr('font-size', 13).attr('font-weight', 700)
    .attr('fill', 'currentColor').text((h) => h);
  const badges = hooks.append('text').attr('class', 'ipvs').attr('text-anchor', 'middle').attr('y', 32).attr('font-size', 11)
    .attr('fill', 'var(--lab-orange)').text('');

  const other: Array<[keyof typeof POS, string, 'diamond' | 'box' | 'plain']> = [
    ['net-in', s.netIn, 'plain'], ['net-out', s.netOut, 'plain'], ['route-in', s.routeIn, 'diamond'],
    ['route-out', s.routeOut, 'diamond'], ['local', s.local, 'box'],
  ];
  const places = svg.append('g').selectAll('g').data(other).join('g').attr('transform', ([p]) => `translate(${POS[p].x},${POS[p].y})`);
  places.filter(([, , k]) => k === 'diamond').append('path').attr('d', 'M0,-20L34,0L0,20L-34,0Z')
    .attr('fill', 'var(--sl-color-bg-nav)').attr('stroke', 'var(--lab-green)').attr('stroke-width', 2);
  places.filter(([, , k]) => k === 'box').append('rect').attr('x', -70).attr('y', -18).attr('width', 140).attr('height', 36).attr('rx', 4)
    .attr('fill', 'var(--sl-color-bg-nav)').attr('stroke', 'var(--lab-purple)').attr('stroke-width', 2);
  places.append('text').attr('text-anchor', 'middle').attr('font-size', 12).attr('fill', 'currentColor')
    .attr('y', ([, , k]) => (k === 'diamond' ? 36 : k === 'box' ? 4 : 30)).text(([, label]) => label);

  const packet = svg.append('circle').attr('r', 9).attr('fill', 'var(--lab-vermillion)').attr('stroke', 'var(--sl-color-white)')
    .attr('stroke-width', 2).attr('opacity', 0);
  const order = svg.append('g');

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
      const { x } = POS[step.place];
      const y = POS[step.place].y - 30; // above the box, so the label stays readable
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

  const player = mountPlayer(root.querySelector<HTMLElement>('[data-player]')!, {
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
    player.load(sourceOf(timeline), { scenario: scenario.name, index: 0 });
  });
  root.dataset.ready = 'true';
}
