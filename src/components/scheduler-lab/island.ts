/**
 * Runs the lab's simulation (src/sim/schedulers/traffic.ts) for the chosen scheduler(s) and draws
 * each frame with D3: per-server bars of active and inactive connections, the share of connections
 * against the share of weight, and the newest connections as ipvsadm -Lnc shows them.
 */
import { select } from 'd3-selection';
import { scaleLinear } from 'd3-scale';
import { labRun, type LabState, type Pattern } from '../../sim/schedulers/traffic';
import { textIn, type Timeline } from '../../sim/core';
import { onWidth } from '../fit';
import { countsAt, trafficView } from '../requests-view';
import { failoverTraffic } from '../../sim/checkers/failover';
import { boolOf, chooseOption, intIn, listOf, readMoment, textOf, type LabState as LinkState } from '../link-state';
import { mountPlayer, type FrameChange, type PlayerHandle } from '../player/mount';
import { stringsFor } from './strings';
import { parseConfig } from '../../keepalived';

/** Height of one real server's row: its bar, then two lines of counts. */
const ROW = 58;

export function start(root: HTMLElement): void {
  const lang = root.dataset.lang ?? 'en';
  const s = stringsFor(lang);
  const q = <T extends Element>(sel: string) => root.querySelector<T>(sel)!;
  const a = q<HTMLSelectElement>('[data-role="a"]');
  const b = q<HTMLSelectElement>('[data-role="b"]');
  const pattern = q<HTMLSelectElement>('[data-role="pattern"]');
  const count = q<HTMLSelectElement>('[data-role="count"]');
  const weights = [...root.querySelectorAll<HTMLInputElement>('[data-role="weight"]')];
  const persistence = q<HTMLSelectElement>('[data-role="persistence"]');
  const sorry = q<HTMLInputElement>('[data-role="sorry"]');
  const runsBox = q<HTMLElement>('[data-role="runs"]');

  const weightError = q<HTMLElement>('[data-role="weight-error"]');
  let runs: Array<{ name: string; tl: Timeline<LabState> }> = [];
  let player: PlayerHandle | undefined;
  /** How many real servers the lab runs: four by default, as many as a loaded virtual_server has (up to four). */
  let servers = weights.length;

  /** The weights as keepalived reads them (0–65535, whole numbers), or null when one is not. */
  const readWeights = (): number[] | null => {
    let ok = true;
    const w = weights.slice(0, servers).map((x) => {
      const v = x.value.trim();
      const good = /^\d+$/.test(v) && Number(v) <= 65535;
      x.setAttribute('aria-invalid', String(!good));
      if (!good) ok = false;
      return Number(v);
    });
    weightError.hidden = ok;
    return ok ? w : null;
  };

  const build = () => {
    const w = readWeights();
    if (!w) return; // the last good run stays on screen; the message says what is wrong
    const names = [a.value, ...(b.value ? [b.value] : [])];
    runs = names.map((name) => ({ name, tl: labRun({ scheduler: name, weights: w, pattern: pattern.value as Pattern, connections: Number(count.value), seed: 'lab', persistence: Number(persistence.value), sorry: sorry.checked }) }));
    runsBox.replaceChildren(...runs.map((r) => {
      const sec = document.createElement('section');
      sec.dataset.scheduler = r.name;
      const h = Math.max(1, w.length) * ROW;
      sec.innerHTML = `<h3>${r.name}</h3><svg data-rows="${h}" role="img" aria-label="${r.name}"></svg><p data-role="summary"></p><table><caption class="sr-only">${s.table}</caption><thead><tr><th scope="col">#</th><th scope="col">${s.client}</th><th scope="col">${s.server}</th><th scope="col">${s.state}</th></tr></thead><tbody></tbody></table>`;
      return sec;
    }));
    const first = runs[0]!.tl;
    const source = { count: first.frames.length, caption: (i: number) => { const e = first.frame(i).event; return e ? textIn(e.text, lang) : ''; } };
    // Open on the finished run (or a link's moment); the timeline goes back through it.
    if (!player) {
      player = mountPlayer(q<HTMLElement>('[data-player]'), { source, render, state, defaults });
      player.seek(link.t ?? first.frames.length - 1);
    } else player.load(source, { index: first.frames.length - 1 });
  };

  const render = ({ index }: FrameChange) => {
    runs.forEach((r, k) => {
      const state = r.tl.frame(index).state;
      const sec = runsBox.children[k] as HTMLElement;
      const max = Math.max(1, ...state.servers.map((x) => x.active + x.inactive));
      // As wide as its section (../fit.ts): the labels are 12 px or more on a phone and a desktop.
      const svgEl = sec.querySelector('svg')!;
      const W = Math.max(280, Math.floor(svgEl.getBoundingClientRect().width));
      const x = scaleLinear().domain([0, max]).range([0, W - 100]);
      const svg = select(svgEl);
      svg.attr('viewBox', `0 0 ${W} ${svg.attr('data-rows')}`);
      const rows = svg.selectAll<SVGGElement, LabState['servers'][number]>('g.srv').data(state.servers).join((en) => {
        const g = en.append('g').attr('class', 'srv');
        g.append('text').attr('class', 'name').attr('x', 0).attr('y', 16).attr('font-size', 14).attr('fill', 'currentColor');
        g.append('rect').attr('class', 'act').attr('x', 90).attr('y', 4).attr('height', 16).attr('fill', 'var(--lab-blue)');
        g.append('rect').attr('class', 'ina').attr('y', 4).attr('height', 16).attr('fill', 'var(--lab-sky)');
        g.append('text').attr('class', 'num').attr('y', 36).attr('x', 90).attr('font-size', 12).attr('fill', 'currentColor');
        return g;
      });
      rows.attr('transform', (_, i) => `translate(0,${i * ROW})`);
      // On a narrow section the counts start under the name, where the whole line fits.
      rows.select('.name').text((d, i) => `RS${i + 1} w${d.weight}`);
      rows.select('.act').attr('width', (d) => x(d.active));
      rows.select('.ina').attr('x', (d) => 90 + x(d.active)).attr('width', (d) => x(d.inactive));
      const totalW = state.servers.reduce((n, d) => n + d.weight, 0) || 1;
      const totalC = state.servers.reduce((n, d) => n + d.total, 0) || 1;
      // Two lines: the connections, then the share against the weight's share.
      rows.select('.num').selectAll('tspan').data((d) => [
        `${d.active} ${s.active} · ${d.inactive} ${s.inactive}`,
        `${Math.round((100 * d.total) / totalC)}% ${s.share} / ${Math.round((100 * d.weight) / totalW)}% ${s.ofWeight}`,
      ]).join('tspan').attr('x', W < 480 ? 0 : 90).attr('dy', (_, i) => (i ? 15 : 0)).text((t) => t);
      sec.dataset.totals = state.servers.map((d) => d.total).join(',');
      sec.querySelector<HTMLElement>('[data-role="summary"]')!.textContent =
        `${state.connections} ${s.connections.toLowerCase()} · ${state.refused} ${s.refused} · ${state.sorry} ${s.sorryTook} · ${state.templates} ${s.templates}`;
      sec.dataset.sorry = String(state.sorry);
      sec.dataset.templates = String(state.templates);
      sec.querySelector('tbody')!.innerHTML = state.table.map((c) => `<tr><td>${c.id}</td><td>${c.client}</td><td>${c.server}:80</td><td>${c.state}</td></tr>`).join('');
    });
    root.dataset.index = String(index);
  };

  for (const el of [a, b, pattern, count, persistence, sorry, ...weights]) el.addEventListener('change', build);

  // The real kernel: its module (and the machine) load only when the reader asks.
  q<HTMLButtonElement>('[data-role="kernel-run"]').addEventListener('click', () => {
    const w = readWeights();
    if (!w) return;
    const cfg = { scheduler: a.value, weights: w, pattern: pattern.value as Pattern, connections: Number(count.value), seed: 'lab', persistence: Number(persistence.value), sorry: sorry.checked };
    void import('./kernel-panel').then((m) => m.runKernelReplay(root, cfg, lang, import.meta.env.BASE_URL.replace(/\/?$/, '/')));
  });

  // A virtual_server from a real config sets the scheduler, the weights (first four real servers),
  // persistence and the sorry server; the config language reads it, the lab only applies it.
  // The config is read by the config language with keepalived -t's verdicts: a config keepalived would
  // refuse loads nothing, and the errors are listed; what the lab cannot use is said next to it.
  let loadedConfig = '';
  const configBox = q<HTMLTextAreaElement>('[data-role="config"]');
  /** Applies the config's first virtual_server to the controls; says whether it could. */
  const applyConfig = (): boolean => {
    const status = q<HTMLElement>('[data-role="config-status"]');
    const say = (...lines: string[]) => status.replaceChildren(...lines.map((l) => Object.assign(document.createElement('p'), { textContent: l })));
    const parsed = parseConfig(configBox.value);
    const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
    status.dataset.errors = String(errors.length);
    if (errors.length) {
      say(`${s.rejected} (${errors.length})`, ...errors.map((d) => `${s.line} ${d.line}: ${lang.startsWith("zh") ? d.zh : d.message}`));
      return false;
    }
    const vs = parsed.model.virtualServers[0];
    if (!vs) return say(s.noVs), false;
    if (vs.realServers.length === 0) return say(s.noReal), false;
    servers = Math.min(weights.length, vs.realServers.length);
    a.value = vs.scheduler;
    weights.forEach((w, i) => {
      w.value = String(vs.realServers[i]?.weight ?? 1);
      w.hidden = i >= servers;
    });
    const p = vs.persistenceTimeout ?? 0;
    if (![...persistence.options].some((o) => o.value === String(p))) persistence.add(new Option(`${p} s`, String(p)));
    persistence.value = String(p);
    sorry.checked = vs.sorryServer !== undefined;
    const unused = [
      `lb_kind ${vs.lbKind}`,
      ...(vs.persistenceGranularity ? [`persistence_granularity ${vs.persistenceGranularity}`] : []),
      ...vs.schedulerFlags,
    ];
    say(
      `${s.loaded} ${vs.address ?? vs.fwmark ?? vs.group}:${vs.port ?? ''} (${vs.scheduler}, ${vs.realServers.length} real servers)`,
      ...(vs.realServers.length > weights.length ? [s.firstFour.replace('{n}', String(vs.realServers.length))] : []),
      `${s.unused} ${unused.join(', ')}`,
    );
    loadedConfig = configBox.value;
    return true;
  };
  q<HTMLButtonElement>('[data-role="load"]').addEventListener('click', () => {
    if (applyConfig()) build();
  });
  // Client traffic while one real server dies: worked out when the reader opens it, again on every change.
  const trafficBox = q<HTMLDetailsElement>('[data-role="traffic"]');
  const dies = q<HTMLSelectElement>('[data-role="dies"]');
  const strip = trafficView(q<HTMLElement>('[data-role="traffic-strip"]'), s.noServer);
  const showTraffic = () => {
    if (!trafficBox.open) return;
    const w = readWeights();
    if (!w) return;
    [...dies.options].forEach((o, i) => (o.hidden = i >= servers));
    if (Number(dies.value) >= servers) dies.value = '0';
    const k = Number(dies.value);
    const f = failoverTraffic({ scheduler: a.value, weights: w, dies: k, at: 20, until: 60 });
    const removed = q<HTMLElement>('[data-role="traffic-removed"]');
    const counts = q<HTMLElement>('[data-role="traffic-counts"]');
    if (!f) {
      removed.textContent = s.noTraffic.replace('{why}', a.value);
      counts.textContent = '';
      return;
    }
    strip.draw(f.requests, f.servers, 60, 60);
    const c = countsAt(f.requests, 60);
    counts.textContent = s.counts.replace('{sent}', String(c.sent)).replace('{ok}', String(c.ok)).replace('{failed}', String(c.failed))
      .replace('{retried}', String(c.retried)).replace('{lost}', String(c.lost));
    const server = f.servers[k]!;
    const lost = f.requests.filter((r) => r.server === server && r.at >= 20).length;
    removed.textContent = f.removedAt === null ? s.notRemoved.replace('{server}', server)
      : s.removed.replace('{server}', server).replace('{t}', String(f.removedAt)).replace('{n}', String(lost));
    root.dataset.traffic = `${c.sent}/${c.ok}/${c.failed}/${c.retried}`;
    root.dataset.removedAt = String(f.removedAt ?? '');
  };
  const relink = () => player?.seek(player.state.index);
  trafficBox.addEventListener('toggle', () => { showTraffic(); relink(); });
  dies.addEventListener('change', () => { showTraffic(); relink(); });
  for (const el of [a, ...weights]) el.addEventListener('change', showTraffic);
  q<HTMLButtonElement>('[data-role="load"]').addEventListener('click', showTraffic);

  // The whole lab in its link: schedulers, pattern, connections, persistence, sorry server, servers and weights.
  const state = (): LinkState => ({
    a: a.value, b: b.value, pattern: pattern.value, count: count.value, persistence: Number(persistence.value),
    sorry: sorry.checked, servers, weights: weights.slice(0, servers).map((w) => Number(w.value)),
    ...(loadedConfig ? { config: loadedConfig } : {}),
    traffic: trafficBox.open, dies: Number(dies.value),
  });
  const defaults = state();
  const link = readMoment(location.hash, 'sched');
  const x = link.x;
  // A loaded config first (it sets the controls and says what the lab could not use), then the controls.
  const config = textOf(x, 'config');
  if (config) {
    configBox.value = config;
    applyConfig();
  }
  chooseOption(a, textOf(x, 'a', 20));
  chooseOption(b, textOf(x, 'b', 20));
  chooseOption(pattern, textOf(x, 'pattern', 20));
  chooseOption(count, textOf(x, 'count', 10));
  const p = intIn(x, 'persistence', 0, 2 ** 31 - 1);
  if (p !== undefined) {
    if (![...persistence.options].some((o) => o.value === String(p))) persistence.add(new Option(`${p} s`, String(p)));
    persistence.value = String(p);
  }
  sorry.checked = boolOf(x, 'sorry') ?? sorry.checked;
  chooseOption(dies, String(intIn(x, 'dies', 0, 3) ?? 0));
  trafficBox.open = boolOf(x, 'traffic') ?? false;
  const n = intIn(x, 'servers', 1, weights.length);
  const w = listOf(x, 'weights', (v): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 65535, weights.length);
  if (n !== undefined && w?.length === n) {
    servers = n;
    weights.forEach((el, i) => {
      el.hidden = i >= n;
      if (i < n) el.value = String(w[i]);
    });
  }
  onWidth(runsBox, () => {
    if (player) render({ index: player.state.index, previous: player.state.index, instant: true });
  });
  build();
  root.dataset.ready = 'true';
}
