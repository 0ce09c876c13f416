/**
 * The election lab's behaviour: routers' settings and the actions taken become the event list of a
 * deterministic cluster run (src/sim/vrrp); the lab draws its swimlanes with D3 and plays it with the
 * shared player. An action at time t keeps the events before t and replays everything after.
 */
import { select } from 'd3-selection';
import { scaleLinear } from 'd3-scale';
import { electionTimeline, type ElectionFrame } from '../../sim/vrrp/timeline';
import type { ClusterEvent, InstanceSpec, Transition } from '../../sim/vrrp';
import { textIn, type Timeline } from '../../sim/core';
import { mountPlayer, type FrameChange, type PlayerHandle } from '../player/mount';

const COLORS: Record<string, string> = { MASTER: 'var(--lab-green)', BACKUP: 'var(--lab-blue)', STOPPED: 'var(--lab-muted)', INIT: 'transparent' };
const W = 640;
const LANE = 28;

export function start(root: HTMLElement): void {
  const lang = root.dataset.lang ?? 'en';
  const fieldsets = [...root.querySelectorAll<HTMLFieldSetElement>('fieldset[data-router]')];
  const lanes = root.querySelector<HTMLElement>('[data-role="lanes"]')!;
  let events: ClusterEvent[] = [];
  let timeline: Timeline<ElectionFrame>;
  let transitions: Transition[] = [];
  let until = 20;
  let player: PlayerHandle | undefined;
  let current = 0;

  const specs = (): InstanceSpec[] => fieldsets.map((f, i) => ({
    router: i, name: 'VI_1', vrid: 51, advertInt: 1, version: 2, preemptDelay: 0, auth: '', address: 10 + i,
    priority: Math.max(1, Math.min(254, Number(f.querySelector<HTMLInputElement>('[data-role="priority"]')!.value) || 100)),
    preempt: !f.querySelector<HTMLInputElement>('[data-role="nopreempt"]')!.checked,
  }));

  const svg = select(lanes).append('svg').attr('viewBox', `0 0 ${W} ${fieldsets.length * LANE + 24}`).attr('aria-hidden', 'true');
  const x = scaleLinear().range([70, W - 10]);

  const build = (keepAt?: number) => {
    until = Math.max(20, ...events.map((e) => e.at + 12));
    ({ timeline, transitions } = electionTimeline(specs(), events, until));
    x.domain([0, until]);
    svg.selectAll('*').remove();
    fieldsets.forEach((_, r) => {
      svg.append('text').attr('x', 0).attr('y', r * LANE + 18).attr('font-size', 12).attr('fill', 'currentColor').text(`R${r + 1}`);
      const mine = transitions.filter((t) => t.router === r);
      mine.forEach((t, k) => {
        const end = mine[k + 1]?.at ?? until;
        svg.append('rect').attr('x', x(t.at)).attr('y', r * LANE + 6).attr('width', Math.max(0, x(end) - x(t.at))).attr('height', 16)
          .attr('fill', COLORS[t.to] ?? 'transparent').attr('data-state', t.to);
      });
    });
    svg.append('g').attr('transform', `translate(0,${fieldsets.length * LANE + 14})`).selectAll('text')
      .data(x.ticks(8)).join('text').attr('x', (d) => x(d)).attr('font-size', 10).attr('text-anchor', 'middle').attr('fill', 'currentColor').text((d) => `${d}s`);
    svg.append('line').attr('class', 'cursor').attr('y1', 0).attr('y2', fieldsets.length * LANE + 4).attr('stroke', 'var(--lab-vermillion)').attr('stroke-width', 2);
    const source = { count: timeline.frames.length, caption: (i: number) => { const e = timeline.frame(i).event; return e ? textIn(e.text, lang) : ''; } };
    const index = keepAt === undefined ? timeline.frames.length - 1 : Math.round(keepAt / 0.25);
    if (!player) {
      player = mountPlayer(root.querySelector<HTMLElement>('[data-player]')!, { source, render, noUrl: true });
      player.seek(index);
    } else player.load(source, { index });
  };

  const render = ({ index }: FrameChange) => {
    const f = timeline.frame(index).state;
    current = f.t;
    svg.select('.cursor').attr('x1', x(f.t)).attr('x2', x(f.t));
    fieldsets.forEach((fs, r) => {
      const st = f.states[r] ?? 'INIT';
      fs.querySelector<HTMLElement>('[data-role="state"]')!.textContent = st;
      fs.dataset.state = st;
    });
    root.dataset.masters = f.states.map((s, i) => (s === 'MASTER' ? i : -1)).filter((i) => i >= 0).join(',');
    root.dataset.time = String(f.t);
  };

  fieldsets.forEach((fs, r) => {
    fs.querySelectorAll<HTMLButtonElement>('button[data-action]').forEach((b) => b.addEventListener('click', () => {
      const at = current;
      events = [...events.filter((e) => e.at < at), { at, router: r, action: b.dataset.action as ClusterEvent['action'] }];
      build(at);
    }));
    fs.querySelectorAll('input').forEach((inp) => inp.addEventListener('change', () => build(current)));
  });
  build();
  root.dataset.ready = 'true';
}
