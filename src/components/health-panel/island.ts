/**
 * The health panel's behaviour: the loaded virtual server and the actions taken (fail, slow, recover)
 * become the world script of a deterministic checker run (src/sim/checkers); the shared player steps
 * through its events. An action at time t keeps the actions before t and replays everything after.
 */
import { parseConfig } from '../../keepalived';
import { runHealthChecks, specFromConfig, type HealthOptions, type HealthRun, type HealthState, type WorldEvent } from '../../sim/checkers';
import type { VirtualServer } from '../../keepalived';
import { textIn } from '../../sim/core';
import { mountPlayer, type FrameChange, type PlayerHandle } from '../player/mount';
import { stringsFor } from './strings';
import { requestsThrough, DEFAULT_CLIENT, type ClientRequest } from '../../sim/checkers/requests';
import { countsAt, trafficView } from '../requests-view';
import { boolOf, intIn, listOf, readMoment, textOf, type LabState as LinkState } from '../link-state';

const SVG = 'http://www.w3.org/2000/svg';
const seconds = (s: number) => `${Math.max(0, Math.round(s * 10) / 10)} s`;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

export function start(root: HTMLElement): void {
  const lang = root.dataset.lang ?? 'en';
  const s = stringsFor(lang);
  const q = <T extends Element>(sel: string) => root.querySelector<T>(sel)!;
  const serversEl = q<HTMLElement>('[data-role="servers"]');
  const status = q<HTMLElement>('[data-role="config-status"]');
  const textarea = q<HTMLTextAreaElement>('[data-role="config"]');
  const vsIndex = q<HTMLInputElement>('[data-role="vs-index"]');

  let vs!: VirtualServer;
  let options: HealthOptions = {};
  let events: WorldEvent[] = [];
  let run: HealthRun;
  let player: PlayerHandle | undefined;
  let current = 0;
  // Client traffic through the run's IPVS table, worked out when the reader turns it on.
  const trafficOn = q<HTMLInputElement>('[data-role="traffic"]');
  const trafficBox = q<HTMLElement>('[data-role="traffic-box"]');
  const traffic = trafficView(q<HTMLElement>('[data-role="traffic-strip"]'), s.noServer);
  let requests: ClientRequest[] | undefined;
  let until = 120;

  /** Parse the textarea; on success replace the virtual server. Never throws. */
  const load = (initial: boolean): boolean => {
    status.replaceChildren();
    try {
      const parsed = parseConfig(textarea.value);
      const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
      const picked = specFromConfig(parsed, Math.max(0, Math.trunc(Number(vsIndex.value) || 0)));
      const usable = picked && picked.vs.realServers.length > 0;
      if (errors.length) {
        status.append(el('p', {}, usable ? s.rejected : s.errors));
        const ul = el('ul');
        for (const d of errors.slice(0, 8)) ul.append(el("li", {}, `${s.line.replace("{n}", String(d.line))}: ${lang.startsWith("zh") ? d.zh : d.message}`));
        status.append(ul);
      }
      if (!usable) {
        status.append(el('p', { 'data-error': 'true' }, s.noVs));
        return false;
      }
      vs = picked.vs;
      options = picked.options;
      if (!errors.length && !initial) status.append(el('p', {}, s.loaded));
      return true;
    } catch (e) {
      status.append(el('p', { 'data-error': 'true' }, `${s.crashed} ${e instanceof Error ? e.message : String(e)}`));
      return false;
    }
  };

  /** One card per real server, built when a virtual server is loaded. */
  const drawServers = () => {
    serversEl.replaceChildren();
    q<HTMLElement>('[data-role="vs"]').textContent = run.spec.label;
    run.spec.servers.forEach((sv, i) => {
      const label = run.timeline.frame(0).state.servers[i]!.label;
      const card = el('div', { class: 'hp-server', 'data-server': String(i), role: 'group', 'aria-label': label });
      card.append(el('p', {}, ''));
      card.firstElementChild!.append(el('strong', {}, label), document.createTextNode(' '), el('span', { class: 'hp-server__pool', 'data-role': 'pool' }));
      card.append(el('p', { class: 'hp-server__world', 'data-role': 'world' }));
      const list = el('ul', { class: 'hp-checkers' });
      for (const c of sv.checkers) {
        const li = el('li', { class: 'hp-checker', 'data-checker': c.id });
        const head = el('span');
        head.append(el('code', {}, c.id), document.createTextNode(' '), el('span', { class: 'hp-badge', 'data-role': 'state' }), document.createTextNode(' '), el('span', { 'data-role': 'failed' }));
        const bar = document.createElementNS(SVG, 'svg');
        bar.setAttribute('class', 'hp-bar');
        bar.setAttribute('viewBox', '0 0 100 8');
        bar.setAttribute('preserveAspectRatio', 'none');
        bar.setAttribute('aria-hidden', 'true');
        for (const cls of ['track', 'fill']) {
          const r = document.createElementNS(SVG, 'rect');
          r.setAttribute('class', cls);
          r.setAttribute('x', '0');
          r.setAttribute('y', '0');
          r.setAttribute('height', '8');
          r.setAttribute('width', '100');
          bar.append(r);
        }
        li.append(head, bar, el('span', { 'data-role': 'next' }), el('span', { class: 'hp-last', 'data-role': 'last' }));
        list.append(li);
      }
      card.append(list);
      const actions = el('div', { class: 'hp-actions', role: 'group', 'aria-label': `${s.actions} ${label}` });
      for (const [action, text] of [['fail', s.fail], ['slow', s.slow], ['recover', s.recover]] as const) {
        const b = el('button', { type: 'button', 'data-action': action }, text);
        b.addEventListener('click', () => act(i, action));
        actions.append(b);
      }
      card.append(actions);
      serversEl.append(card);
    });
  };

  const act = (server: number, action: 'fail' | 'slow' | 'recover') => {
    const at = current;
    const slowBy = Math.max(...run.spec.servers[server]!.checkers.map((c) => Math.max(c.connectTimeout, c.kind === 'MISC_CHECK' ? c.miscTimeout : 0)), 1) + 2;
    events = [...events.filter((e) => e.at < at || (e.at === at && e.server !== server)), { at, server, action, ...(action === 'slow' ? { value: slowBy } : {}) }];
    build(at);
  };

  const build = (keepAt?: number, redraw = false) => {
    until = Math.max(120, ...events.map((e) => e.at + 90));
    run = runHealthChecks(vs, events, until, options);
    requests = undefined;
    if (redraw) drawServers();
    const tl = run.timeline;
    const duration = Math.max(1, tl.duration);
    const source = {
      count: tl.frames.length,
      caption: (i: number) => {
        const e = tl.frame(i).event;
        return e ? `${seconds(e.t / 1000)}: ${textIn(e.text, lang)}` : '';
      },
      position: (i: number) => tl.frame(i).t / duration,
    };
    const index = keepAt === undefined ? 0 : tl.frameAtTime(Math.round(keepAt * 1000)).index;
    if (!player) {
      player = mountPlayer(root.querySelector<HTMLElement>('[data-player]')!, { source, render, state, defaults });
      player.seek(link.t ?? index);
    } else player.load(source, { index });
  };

  const render = ({ index }: FrameChange) => {
    const f: HealthState = run.timeline.frame(index).state;
    current = f.t;
    root.dataset.index = String(index);
    root.dataset.time = String(f.t);
    q<HTMLElement>('[data-role="time"]').textContent = `${s.time}: ${seconds(f.t)}`;
    f.servers.forEach((sv, i) => {
      const card = serversEl.querySelector<HTMLElement>(`[data-server="${i}"]`);
      if (!card) return;
      card.dataset.inIpvs = String(sv.inIpvs);
      card.dataset.weight = String(sv.weight ?? 0);
      card.dataset.alive = String(sv.alive);
      card.querySelector('[data-role="pool"]')!.textContent = sv.inIpvs ? `${s.inIpvs}, ${s.weight} ${sv.weight}` : s.notInIpvs;
      card.querySelector('[data-role="world"]')!.textContent = `${s.world[sv.world]}`;
      sv.checkers.forEach((c) => {
        const li = card.querySelector<HTMLElement>(`[data-checker="${CSS.escape(c.id)}"]`);
        if (!li) return;
        li.dataset.state = c.state;
        li.dataset.busy = String(c.busy);
        li.querySelector('[data-role="state"]')!.textContent = c.simulated ? c.state : s.notSimulated;
        // Up to retry + 1 the count is progress towards removal; past it (keepalived keeps checking a
        // removed server) it is only a run of failures, never "22/3".
        const max = c.retry + 1;
        li.querySelector('[data-role="failed"]')!.textContent = `${s.failed}: ${(c.failed <= max ? s.failedOf : s.failedRun)
          .replace('{n}', String(c.failed)).replace('{max}', String(max))}`;
        const span = c.next === null ? 0 : c.next - c.since;
        const left = c.next === null ? 0 : c.next - f.t;
        li.querySelector('.fill')!.setAttribute('width', String(span > 0 ? Math.max(0, Math.min(100, (left / span) * 100)) : 0));
        li.querySelector('[data-role="next"]')!.textContent = c.next === null ? '' : `${c.busy ? s.waiting : s.nextIn} ${seconds(left)}`;
        li.querySelector('[data-role="last"]')!.textContent = c.last ? textIn(c.last, lang) : '';
      });
    });
    const sorry = q<HTMLElement>('[data-role="sorry"]');
    if (f.sorry) {
      sorry.dataset.sorryActive = String(f.sorry.active);
      sorry.textContent = `${s.sorry} ${f.sorry.label}: ${f.sorry.active ? s.sorryActive : s.sorryIdle}${f.sorry.inIpvs ? ` (${s.inIpvs}, ${s.weight} ${f.sorry.weight})` : ''}`;
    } else {
      sorry.dataset.sorryActive = 'false';
      sorry.textContent = s.noSorry;
    }
    trafficBox.hidden = !trafficOn.checked;
    if (trafficOn.checked) {
      // The service's own scheduler, and its persistence templates when it has persistence_timeout.
      requests ??= requestsThrough(run, vs.scheduler, until, DEFAULT_CLIENT,
        vs.persistenceTimeout !== undefined ? { timeout: vs.persistenceTimeout, ...(vs.persistenceGranularity ? { netmask: vs.persistenceGranularity } : {}) } : undefined);
      const rows = [...f.servers.map((sv) => sv.label), ...(f.sorry ? [f.sorry.label] : [])];
      traffic.draw(requests, rows, f.t);
      const c = countsAt(requests, f.t);
      const counts = q<HTMLElement>('[data-role="traffic-counts"]');
      counts.textContent = s.counts.replace('{sent}', String(c.sent)).replace('{ok}', String(c.ok)).replace('{wait}', String(c.wait))
        .replace('{failed}', String(c.failed)).replace('{retried}', String(c.retried)).replace('{lost}', String(c.lost));
      root.dataset.requests = `${c.sent}/${c.ok}/${c.failed}/${c.retried}`;
    }
    const ipvs = q<HTMLElement>('[data-role="ipvs"]');
    ipvs.replaceChildren(...(f.ipvs.length ? f.ipvs.map((d) => el('li', { 'data-sorry': String(d.sorry) }, `-> ${d.server}  ${s.weight} ${d.weight}${d.sorry ? `  (${s.sorry})` : ''}`)) : [el('li', {}, s.empty)]));
  };

  let loadedConfig = textarea.value;
  let loadedIndex = vsIndex.value;
  q<HTMLButtonElement>('[data-role="load"]').addEventListener('click', () => {
    if (!load(false)) return;
    loadedConfig = textarea.value;
    loadedIndex = vsIndex.value;
    events = [];
    build(undefined, true);
  });

  // The whole panel in its link: the loaded config and virtual server, and every action taken on a server.
  const state = (): LinkState => ({ config: loadedConfig, vs: Number(loadedIndex) || 0, events: events.map((e) => ({ ...e })), traffic: trafficOn.checked });
  const defaults = state();
  const link = readMoment(location.hash, 'health');
  const saved = link.x;
  const config = textOf(saved, 'config');
  const which = intIn(saved, 'vs', 0, 1000);
  if (config !== undefined) textarea.value = config;
  if (which !== undefined) vsIndex.value = String(which);
  let ok = load(true);
  if (!ok && (config !== undefined || which !== undefined)) {
    // A link whose config does not load: the panel opens with its own config instead.
    textarea.value = loadedConfig;
    vsIndex.value = loadedIndex;
    ok = load(true);
  } else {
    loadedConfig = textarea.value;
    loadedIndex = vsIndex.value;
    const servers = ok ? vs.realServers.length : 0;
    const evs = listOf(saved, 'events', (v): v is WorldEvent => {
      const e = v as Partial<WorldEvent> | null;
      return !!e && typeof e === 'object' && typeof e.at === 'number' && e.at >= 0 && e.at <= 100_000 && Number.isInteger(e.server)
        && (e.server as number) >= 0 && (e.server as number) < servers && ['fail', 'slow', 'recover'].includes(String(e.action))
        && (e.value === undefined || (typeof e.value === 'number' && e.value >= 0 && e.value <= 3600));
    });
    if (evs) events = evs.map((e) => ({ at: e.at, server: e.server, action: e.action, ...(e.value !== undefined ? { value: e.value } : {}) }));
  }
  trafficOn.checked = boolOf(saved, 'traffic') ?? false;
  trafficOn.addEventListener('change', () => {
    if (player) player.seek(player.state.index);
  });
  if (ok) build(undefined, true);
  root.dataset.ready = 'true';
}
