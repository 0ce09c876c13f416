/**
 * The election lab's behaviour: routers' settings and the actions taken become the event list of a
 * deterministic cluster run (src/sim/vrrp); the lab draws its swimlanes with D3 and plays it with the
 * shared player. An action at time t keeps the events before t and replays everything after.
 */
import { select } from 'd3-selection';
import { scaleLinear } from 'd3-scale';
import { electionTimeline, type ElectionFrame } from '../../sim/vrrp/timeline';
import { specsFromModels, type ClusterEvent, type InstanceSpec, type Transition } from '../../sim/vrrp';
import { parseConfig } from '../../keepalived';
import { segmentView } from './segment';
import { takeovers } from '../../sim/vrrp/takeover';
import { onWidth } from '../fit';
import { listOf, readMoment, type LabState as LinkState } from '../link-state';
import { reducedMotion } from '../player/mount';
import { textIn, type Timeline } from '../../sim/core';
import { mountPlayer, type FrameChange, type PlayerHandle } from '../player/mount';
import { stringsFor } from './strings';

const COLORS: Record<string, string> = { MASTER: 'var(--lab-green)', BACKUP: 'var(--lab-blue)', FAULT: 'var(--lab-vermillion)', STOPPED: 'var(--lab-muted)', INIT: 'transparent' };
const LANE = 28;

export function start(root: HTMLElement): void {
  const lang = root.dataset.lang ?? 'en';
  const fieldsets = [...root.querySelectorAll<HTMLFieldSetElement>('fieldset[data-router]')];
  const lanes = root.querySelector<HTMLElement>('[data-role="lanes"]')!;
  let events: ClusterEvent[] = [];
  let timeline: Timeline<ElectionFrame>;
  let transitions: Transition[] = [];
  /** The run's takeovers, found once per build (not at every frame drawn). */
  let found: ReturnType<typeof takeovers> = [];
  let until = 20;
  let player: PlayerHandle | undefined;
  let current = 0;

  /** Routers loaded from keepalived.conf text: all their instances, the first one drawn. */
  const loaded: Array<InstanceSpec[] | undefined> = [];
  const specs = (): InstanceSpec[] => fieldsets.flatMap((f, i) => {
    const priority = Number(f.querySelector<HTMLInputElement>('[data-role="priority"]')!.value);
    const preempt = !f.querySelector<HTMLInputElement>('[data-role="nopreempt"]')!.checked;
    const mine = loaded[i];
    if (mine) return mine.map((sp, k) => ({ ...sp, router: i, ...(k === 0 ? { priority, preempt } : {}) }));
    return [{ router: i, name: 'VI_1', vrid: 51, advertInt: 1, version: 2 as const, preemptDelay: 0, auth: '', address: 10 + i, priority, preempt }];
  });
  const s = stringsFor(lang);
  /** The reader's action at the moment shown: the events before it stay, everything after is replayed. */
  const act = (r: number, action: ClusterEvent['action'], name?: string) => {
    const at = current;
    events = [...events.filter((e) => e.at < at), { at, router: r, action, ...(name ? { name } : {}) }];
    build(at);
  };
  const segment = segmentView(root.querySelector<HTMLElement>('[data-role="segment"]')!, fieldsets.length, (r) => `R${r + 1}`, s, act);

  // The swimlanes are as wide as their host (../fit.ts), so their labels are never scaled below 12 px.
  let W = 640;
  const svg = select(lanes).append('svg').attr('aria-hidden', 'true');
  const x = scaleLinear();

  /** Priorities as keepalived reads them (whole numbers 1–255); a bad one is marked and the last good run stays. */
  const prioritiesValid = () => fieldsets.map((f) => {
    const input = f.querySelector<HTMLInputElement>('[data-role="priority"]')!;
    const v = input.value.trim();
    const ok = /^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 255;
    input.setAttribute('aria-invalid', String(!ok));
    f.querySelector<HTMLElement>('[data-role="priority-error"]')!.hidden = ok;
    return ok;
  }).every(Boolean);

  const drawLanes = () => {
    x.domain([0, until]).range([40, W - 14]);
    svg.attr('viewBox', `0 0 ${W} ${fieldsets.length * LANE + 24}`);
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
      .data(x.ticks(Math.max(3, Math.floor(W / 80)))).join('text').attr('x', (d) => x(d)).attr('font-size', 12).attr('text-anchor', 'middle').attr('fill', 'currentColor').text((d) => `${d}s`);
    svg.append('line').attr('class', 'cursor').attr('y1', 0).attr('y2', fieldsets.length * LANE + 4).attr('stroke', 'var(--lab-vermillion)').attr('stroke-width', 2);
    svg.select('.cursor').attr('x1', x(current)).attr('x2', x(current));
  };
  onWidth(lanes, (width) => {
    W = Math.max(300, width);
    if (timeline) drawLanes();
  });

  const build = (keepAt?: number) => {
    if (timeline && !prioritiesValid()) return;
    until = Math.max(20, ...events.map((e) => e.at + 12));
    ({ timeline, transitions } = electionTimeline(specs(), events, until));
    found = takeovers(transitions, events);
    drawLanes();
    const source = { count: timeline.frames.length, caption: (i: number) => { const e = timeline.frame(i).event; return e ? textIn(e.text, lang) : ''; } };
    const index = keepAt === undefined ? 0 : Math.round(keepAt / 0.25);
    if (!player) {
      player = mountPlayer(root.querySelector<HTMLElement>('[data-player]')!, { source, render, state, defaults });
      // The lab opens at the start of its timeline (or a link's moment): the election plays out from there.
      player.seek(link.t ?? 0);
    } else player.load(source, { index });
  };

  const render = ({ index, instant }: FrameChange) => {
    const f = timeline.frame(index).state;
    segment.draw(f, instant || reducedMotion());
    root.dataset.adverts = String(f.adverts.length);
    current = f.t;
    svg.select('.cursor').attr('x1', x(f.t)).attr('x2', x(f.t));
    fieldsets.forEach((fs, r) => {
      const st = f.states[r] ?? 'INIT';
      fs.querySelector<HTMLElement>('[data-role="state"]')!.textContent = `${st} · ${f.priorities[r]}`;
      fs.dataset.state = st;
      fs.dataset.priority = String(f.priorities[r]);
      const tm = f.timers[r];
      if (tm) fs.dataset.timer = tm.remaining.toFixed(3);
      else delete fs.dataset.timer;
    });
    root.dataset.masters = f.states.map((s, i) => (s === 'MASTER' ? i : -1)).filter((i) => i >= 0).join(',');
    root.dataset.time = String(f.t);
    // Takeovers seen so far ("stop:0.609 kill:3.609"): the lab's tasks read them.
    root.dataset.takeovers = found.filter((k) => k.at + k.after <= f.t + 1e-9).map((k) => `${k.cause}:${k.after}`).join(' ');
  };

  fieldsets.forEach((fs, r) => {
    fs.querySelectorAll<HTMLButtonElement>('button[data-action]').forEach((b) => b.addEventListener('click', () => {
      act(r, b.dataset.action as ClusterEvent['action'], b.dataset.script || undefined);
    }));
    fs.querySelectorAll('input').forEach((inp) => inp.addEventListener('change', () => build(current)));
  });
  const status = root.querySelector<HTMLElement>('[data-role="config-status"]')!;
  const textareas = [...root.querySelectorAll<HTMLTextAreaElement>('textarea[data-config]')];
  /** Reads each router's keepalived.conf (an empty one leaves the router to the controls) and says what it found. */
  const applyConfigs = () => {
    const texts = textareas;
    const notes: string[] = [];
    texts.forEach((ta, i) => {
      const fs = fieldsets[i]!;
      const scriptBtns = fs.querySelectorAll<HTMLButtonElement>('button[data-script]');
      if (!ta.value.trim()) {
        loaded[i] = undefined;
        scriptBtns.forEach((b) => (b.hidden = true));
        return;
      }
      const result = parseConfig(ta.value);
      const errors = result.diagnostics.filter((d) => d.severity === 'error');
      const mine = specsFromModels([result.model]);
      if (mine.length === 0) {
        loaded[i] = undefined;
        notes.push(`R${i + 1}: ${s.noInstance}`);
        return;
      }
      loaded[i] = mine;
      const first = mine[0]!;
      fs.querySelector<HTMLInputElement>('[data-role="priority"]')!.value = String(first.priority);
      fs.querySelector<HTMLInputElement>('[data-role="nopreempt"]')!.checked = !first.preempt;
      const script = first.trackScripts?.[0]?.name;
      scriptBtns.forEach((b) => {
        b.hidden = !script;
        if (script) b.dataset.script = script;
      });
      notes.push(`R${i + 1}: ${first.name} VRID ${first.vrid}, ${s.priority} ${first.priority}${first.trackScripts?.length ? `, track_script ${first.trackScripts.map((t) => `${t.name} (${t.weight})`).join(', ')}` : ''}`
        + (errors.length ? ` — ${errors.length} ${s.errors}:` : ''));
      // Every error keepalived -t would give, each on its own line: the count said is the count listed.
      for (const d of errors) notes.push(`  R${i + 1} ${s.line} ${d.line}: ${lang.startsWith("zh") ? d.zh : d.message}`);
    });
    status.replaceChildren(...(notes.length ? notes : [s.nothingLoaded]).map((n) => Object.assign(document.createElement('p'), { textContent: n.trim() })));
    status.dataset.errors = String(notes.filter((n) => n.startsWith('  ')).length);
    root.dataset.loaded = String(loaded.filter(Boolean).length);
  };
  root.querySelector<HTMLButtonElement>('[data-role="load"]')!.addEventListener('click', () => {
    applyConfigs();
    events = [];
    build(0);
  });

  // The whole lab in its link: the loaded configs, each router's priority and nopreempt, and every action taken.
  const priorityInputs = fieldsets.map((f) => f.querySelector<HTMLInputElement>('[data-role="priority"]')!);
  const nopreemptInputs = fieldsets.map((f) => f.querySelector<HTMLInputElement>('[data-role="nopreempt"]')!);
  const state = (): LinkState => ({
    priorities: priorityInputs.map((i) => Number(i.value)),
    nopreempt: nopreemptInputs.map((i) => i.checked),
    events: events.map((e) => ({ ...e })),
    ...(loaded.some(Boolean) ? { configs: textareas.map((t, i) => (loaded[i] ? t.value : '')) } : {}),
  });
  const defaults = state();
  const link = readMoment(location.hash, 'vrrp');
  const saved = link.x;
  const configs = listOf(saved, 'configs', (v): v is string => typeof v === 'string' && v.length <= 20_000, fieldsets.length);
  if (configs?.some(Boolean)) {
    configs.forEach((c, i) => (textareas[i]!.value = c));
    applyConfigs();
  } else if (root.dataset.autoload === 'true') applyConfigs(); // configs handed over before the lab started (the playground's "Run it")
  const prios = listOf(saved, 'priorities', (v): v is number => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 255, fieldsets.length);
  if (prios?.length === fieldsets.length) prios.forEach((p, i) => (priorityInputs[i]!.value = String(p)));
  const nps = listOf(saved, 'nopreempt', (v): v is boolean => typeof v === 'boolean', fieldsets.length);
  if (nps?.length === fieldsets.length) nps.forEach((v, i) => (nopreemptInputs[i]!.checked = v));
  const ACTIONS = ['stop', 'kill', 'start', 'link-down', 'link-up', 'script-fail', 'script-ok'];
  const evs = listOf(saved, 'events', (v): v is ClusterEvent => {
    const e = v as Partial<ClusterEvent> | null;
    return !!e && typeof e === 'object' && typeof e.at === 'number' && e.at >= 0 && e.at <= 3600 && Number.isInteger(e.router)
      && (e.router as number) >= 0 && (e.router as number) < fieldsets.length && ACTIONS.includes(String(e.action))
      && (e.name === undefined || (typeof e.name === 'string' && e.name.length <= 100));
  });
  if (evs) events = evs.map((e) => ({ at: e.at, router: e.router, action: e.action, ...(e.name ? { name: e.name } : {}) }));
  build();
  root.dataset.ready = 'true';
}
