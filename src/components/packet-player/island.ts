/**
 * The packet player: one or two lanes (a mode each, side by side to compare), a break switch, the
 * shared step player, and the traffic overlay. Runs come from src/sim/packet; this file only wires.
 */
import { textIn } from '../../sim/core';
import { breaksFor, type BreakName, type Mode } from '../../sim/packet';
import { mountPlayer, reducedMotion, type PlayerHandle, type PlayerSource } from '../player/mount';
import { createLane, type Lane } from './lane';
import { stringsFor } from './strings';
import { startTraffic, type TrafficHandle } from './traffic-view';

interface Choice { mode: Mode; brk: BreakName | ''; compare: Mode | '' }

/** The scenario in a shared link: "dr", "dr+arp", "nat~dr" (compare). */
export function scenarioOf(c: Choice): string {
  return `${c.mode}${c.brk ? `+${c.brk}` : ''}${c.compare ? `~${c.compare}` : ''}`;
}

export function parseScenario(s: string | undefined): Choice | undefined {
  const m = /^(nat|fullnat|dr|tun)(?:\+([a-z0-9-]+))?(?:~(nat|fullnat|dr|tun))?$/.exec(s ?? '');
  if (!m) return undefined;
  const mode = m[1] as Mode;
  const brk = (m[2] ?? '') as BreakName | '';
  if (brk && !breaksFor(mode).some((b) => b.name === brk)) return undefined;
  return { mode, brk, compare: (m[3] ?? '') as Mode | '' };
}

export function start(root: HTMLElement): void {
  const lang = root.dataset.lang ?? 'en';
  const s = stringsFor(lang);
  const modeSel = root.querySelector<HTMLSelectElement>('[data-role="mode"]')!;
  const breakSel = root.querySelector<HTMLSelectElement>('[data-role="break"]')!;
  const compareSel = root.querySelector<HTMLSelectElement>('[data-role="compare"]')!;
  const lanesEl = root.querySelector<HTMLElement>('[data-role="lanes"]')!;
  const trafficBtn = root.querySelector<HTMLButtonElement>('[data-role="traffic"]')!;
  const load = root.querySelector<HTMLElement>('[data-role="load"]')!;
  let lanes: Lane[] = [];
  let flows: TrafficHandle[] = [];
  let player: PlayerHandle | undefined;

  const fillBreaks = (mode: Mode, selected: string) => {
    breakSel.replaceChildren(new Option(s.working, ''), ...breaksFor(mode).map((b) => {
      const o = new Option(b.name, b.name, false, b.name === selected);
      o.title = textIn(b.text, lang);
      return o;
    }));
    breakSel.value = selected;
  };

  const choice = (): Choice => ({ mode: modeSel.value as Mode, brk: breakSel.value as BreakName | '', compare: compareSel.value as Mode | '' });

  const build = (c: Choice): PlayerSource => {
    stopTraffic();
    lanesEl.replaceChildren();
    const specs: Array<[Mode, BreakName[]]> = [[c.mode, c.brk ? [c.brk] : []]];
    if (c.compare) specs.push([c.compare, []]);
    lanes = specs.map(([mode, breaks]) => {
      const host = document.createElement('section');
      host.className = 'pp-lane';
      host.dataset.lane = String(lanesEl.children.length);
      lanesEl.append(host);
      return createLane(host, mode, breaks, lang, s);
    });
    root.dataset.lanes = String(lanes.length);
    const count = Math.max(...lanes.map((l) => l.journey.timeline.frames.length));
    return {
      count,
      caption: (i) => lanes.map((l) => {
        const e = l.journey.timeline.frame(i).event;
        const text = e ? textIn(e.text, lang) : s.start;
        return lanes.length > 1 ? `${s.modes[l.journey.mode]}: ${text}` : text;
      }).join('  |  '),
    };
  };

  const stopTraffic = () => {
    for (const f of flows) f.stop();
    flows = [];
    trafficBtn.textContent = s.traffic;
    trafficBtn.setAttribute('aria-pressed', 'false');
    load.textContent = '';
  };

  const apply = (c: Choice) => {
    modeSel.value = c.mode;
    fillBreaks(c.mode, c.brk);
    compareSel.value = c.compare;
    player?.load(build(c), { scenario: scenarioOf(c), index: 0 });
  };

  const initial: Choice = { mode: (root.dataset.mode as Mode) ?? 'nat', brk: '', compare: (root.dataset.compare as Mode | '') ?? '' };
  modeSel.value = initial.mode;
  compareSel.value = initial.compare;
  fillBreaks(initial.mode, '');
  const first = build(initial);
  player = mountPlayer(root.querySelector<HTMLElement>('[data-player]')!, {
    source: first,
    scenario: scenarioOf(initial),
    onMoment: (m) => {
      const c = parseScenario(m.s);
      if (!c) return;
      modeSel.value = c.mode;
      fillBreaks(c.mode, c.brk);
      compareSel.value = c.compare;
      return build(c);
    },
    render: ({ index, instant }) => {
      for (const l of lanes) l.show(index, instant || reducedMotion());
      root.dataset.index = String(index);
    },
  });

  modeSel.addEventListener('change', () => apply({ ...choice(), brk: '' }));
  breakSel.addEventListener('change', () => apply(choice()));
  compareSel.addEventListener('change', () => apply(choice()));
  trafficBtn.addEventListener('click', () => {
    if (flows.length) return stopTraffic();
    flows = lanes.map((lane) => startTraffic(lane, reducedMotion()));
    trafficBtn.textContent = s.stopTraffic;
    trafficBtn.setAttribute('aria-pressed', 'true');
    load.textContent = flows.map((f, i) => {
      const d = f.director;
      const text = s.directorLoad(d.request.packets, d.request.bytes.toLocaleString('en'), d.reply.packets, d.reply.bytes.toLocaleString('en'));
      return lanes.length > 1 ? `${s.modes[lanes[i]!.journey.mode]}: ${text}` : text;
    }).join(' ');
  });
  // The real kernel: its module (and the machine) load only when the reader asks.
  root.querySelector<HTMLButtonElement>('[data-role="kernel-run"]')?.addEventListener('click', () => {
    const c = choice();
    const box = root.querySelector<HTMLElement>('[data-role="kernel"]')!;
    void import('../kernel/packet-run').then((m) => m.runForwarding(box, c.mode, c.brk || undefined, lang, import.meta.env.BASE_URL.replace(/\/?$/, '/')));
  });
  root.dataset.ready = 'true';
}
