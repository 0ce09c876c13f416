/**
 * The segment view of the election lab: routers on one wire, each with its state, effective
 * priority and — while it is a BACKUP — its master-down timer drawn as a bar that drains; adverts
 * leave the sender as pulses along the wire. It draws one ElectionFrame; all numbers come from the sim.
 *
 * The drawing can be touched: a router opens a menu (stop, crash, start), a router's link cuts or
 * heals it, drawn cut. The view only reports what the reader asked for; the lab turns it into an
 * event of the run.
 */
import { select, type Selection } from 'd3-selection';
import 'd3-transition';
import type { ElectionFrame } from '../../sim/vrrp/timeline';
import { onWidth } from '../fit';
import { rolePath } from '../roles';
import { stringsFor } from './strings';

const H = 146;
const WIRE = 30;
/** How long an advert takes to cross the drawing. */
const FLIGHT_MS = 600;
const FILL: Record<string, string> = { MASTER: 'var(--lab-green)', BACKUP: 'var(--lab-blue)', FAULT: 'var(--lab-vermillion)', STOPPED: 'var(--lab-muted)', INIT: 'var(--lab-muted)' };

export type SegmentAction = 'stop' | 'kill' | 'start' | 'link-down' | 'link-up';

export interface SegmentView {
  draw(f: ElectionFrame, instant: boolean): void;
}

type Strings = ReturnType<typeof stringsFor>;
const fill = (text: string, r: string, state = '') => text.replace('{r}', r).replace('{state}', state);

/** The segment, drawn as wide as its host (../fit.ts): its 12-unit labels are 12 px on a phone and a desktop. */
export function segmentView(host: HTMLElement, routers: number, label: (r: number) => string, s: Strings, act: (r: number, a: SegmentAction) => void): SegmentView {
  host.classList.add('election-lab__segment-host');
  const stage = host.appendChild(document.createElement('div'));
  const menu = routerMenu(host, s, act);
  let last: ElectionFrame | undefined;
  let view: SegmentView | undefined;
  onWidth(host, (width) => {
    stage.replaceChildren();
    view = drawSegment(stage, Math.max(300, width), routers, label, s, act, menu.open);
    if (last) view.draw(last, true);
  });
  return {
    draw(f, instant) {
      last = f;
      view?.draw(f, instant);
    },
  };
}

/** The menu a router opens: stop, crash, start. Esc or a click elsewhere closes it; focus goes back to the router. */
function routerMenu(host: HTMLElement, s: Strings, act: (r: number, a: SegmentAction) => void) {
  const el = host.appendChild(document.createElement('div'));
  el.className = 'election-lab__menu';
  el.setAttribute('role', 'menu');
  el.hidden = true;
  let router = -1;
  let opener: SVGElement | undefined;
  const items = ([['stop', s.stopItem], ['kill', s.crashItem], ['start', s.startItem]] as const).map(([a, text]) => {
    const b = el.appendChild(document.createElement('button'));
    b.type = 'button';
    b.setAttribute('role', 'menuitem');
    b.dataset.menuAction = a;
    b.textContent = text;
    b.addEventListener('click', () => {
      const r = router;
      close();
      act(r, a);
    });
    return b;
  });
  const close = (refocus = true) => {
    if (el.hidden) return;
    el.hidden = true;
    opener?.setAttribute('aria-expanded', 'false');
    if (refocus) opener?.focus();
  };
  el.addEventListener('keydown', (e) => {
    const i = items.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'Escape') close();
    else if (e.key === 'ArrowDown') items[(i + 1) % items.length]!.focus();
    else if (e.key === 'ArrowUp') items[(i + items.length - 1) % items.length]!.focus();
    else return;
    e.preventDefault();
    e.stopPropagation();
  });
  document.addEventListener('pointerdown', (e) => {
    if (!el.hidden && !el.contains(e.target as Node) && !opener?.contains(e.target as Node)) close(false);
  });
  return {
    open(r: number, from: SVGElement, name: string) {
      router = r;
      opener = from;
      el.setAttribute('aria-label', name);
      const box = from.getBoundingClientRect();
      const base = host.getBoundingClientRect();
      el.style.left = `${Math.max(0, Math.min(base.width - 190, box.left - base.left + box.width / 2 - 95))}px`;
      el.style.top = `${box.bottom - base.top + 4}px`;
      el.hidden = false;
      from.setAttribute('aria-expanded', 'true');
      items[0]!.focus();
    },
  };
}

/** Enter and Space do what a click does, on the drawing's focusable parts. */
function pressable<E extends SVGElement>(sel: Selection<E, unknown, null, undefined>, run: (el: E) => void) {
  sel.attr('tabindex', 0).attr('role', 'button')
    .on('click', function () { run(this); })
    .on('keydown', function (ev: Event) {
      const e = ev as KeyboardEvent;
      if (e.key !== 'Enter' && e.key !== ' ') return;
      e.preventDefault();
      e.stopPropagation();
      run(this);
    });
}

function drawSegment(host: HTMLElement, W: number, routers: number, label: (r: number) => string, s: Strings,
  act: (r: number, a: SegmentAction) => void, open: (r: number, from: SVGElement, name: string) => void): SegmentView {
  const svg = select(host).append('svg').attr('viewBox', `0 0 ${W} ${H}`).attr('class', 'election-lab__segment');
  const margin = Math.min(80, W / (2 * routers));
  const xOf = (r: number) => margin + (r * (W - 2 * margin)) / Math.max(1, routers - 1);
  svg.append('line').attr('x1', 10).attr('x2', W - 10).attr('y1', WIRE).attr('y2', WIRE).attr('stroke', 'var(--lab-muted)').attr('stroke-width', 3);
  const pulses = svg.append('g').attr('aria-hidden', 'true');
  const nodes = Array.from({ length: routers }, (_, r) => {
    const g = svg.append('g').attr('transform', `translate(${xOf(r)},${WIRE})`);
    // The router's link: a drop from the wire; a wide invisible line makes it easy to hit.
    const link = g.append('g').attr('class', 'election-lab__link').attr('data-router', r);
    const drop = link.append('line').attr('y1', 0).attr('y2', 22).attr('stroke', 'var(--lab-muted)').attr('stroke-width', 2);
    const cut = link.append('text').attr('y', 15).attr('text-anchor', 'middle').attr('font-size', 14).attr('font-weight', 700)
      .attr('fill', 'var(--lab-vermillion)').attr('aria-hidden', 'true').text('✕').attr('opacity', 0);
    link.append('line').attr('y1', 2).attr('y2', 22).attr('stroke', 'transparent').attr('stroke-width', 16);
    pressable(link, (el) => act(r, el.dataset.up === 'false' ? 'link-up' : 'link-down'));
    const node = g.append('g').attr('class', 'election-lab__router').attr('data-router', r).attr('aria-haspopup', 'menu').attr('aria-expanded', 'false');
    // The whole area under the router answers a click, not only its strokes.
    node.append('rect').attr('x', -42).attr('y', 20).attr('width', 84).attr('height', 64).attr('fill', 'transparent');
    // Each router is an LVS director running keepalived: the director's glyph (../roles.ts), filled with its VRRP state.
    const dot = node.append('path').attr('transform', 'translate(0,36)').attr('d', rolePath('director', 15)).attr('stroke', 'currentColor').attr('stroke-width', 1);
    // Name and priority on one line, the state on the next: three routers fit a phone's width.
    const text = node.append('text').attr('y', 66).attr('text-anchor', 'middle').attr('font-size', 12).attr('fill', 'currentColor');
    const state = node.append('text').attr('y', 80).attr('text-anchor', 'middle').attr('font-size', 12).attr('font-weight', 700).attr('fill', 'currentColor');
    pressable(node, (el) => open(r, el, el.getAttribute('aria-label') ?? label(r)));
    g.append('rect').attr('x', -40).attr('y', 86).attr('width', 80).attr('height', 6).attr('fill', 'none').attr('stroke', 'var(--lab-border)');
    const bar = g.append('rect').attr('x', -40).attr('y', 86).attr('height', 6).attr('width', 0).attr('fill', 'var(--lab-orange)');
    const left = g.append('text').attr('y', 106).attr('text-anchor', 'middle').attr('font-size', 12).attr('fill', 'currentColor');
    return { node, dot, text, state, bar, left, link, drop, cut };
  });
  return {
    draw(f, instant) {
      nodes.forEach((n, r) => {
        const st = f.states[r] ?? 'INIT';
        const name = label(r);
        n.dot.attr('fill', FILL[st] ?? 'var(--lab-muted)');
        n.text.text(`${name} · ${f.priorities[r]}`);
        n.state.text(st);
        n.node.attr('data-state', st).attr('aria-label', fill(s.routerButton, name, st));
        const up = f.links?.[r] !== false;
        n.link.attr('data-up', String(up)).attr('aria-label', fill(up ? s.cutLink : s.healLink, name));
        n.drop.attr('stroke-dasharray', up ? null : '3 4').attr('stroke', up ? 'var(--lab-muted)' : 'var(--lab-vermillion)');
        n.cut.attr('opacity', up ? 0 : 1);
        const tm = f.timers[r];
        n.bar.attr('width', tm && tm.total > 0 ? (80 * tm.remaining) / tm.total : 0);
        n.left.text(tm ? `${tm.remaining.toFixed(2)} s` : '');
      });
      // Adverts fly the whole segment and then go, whatever the speed: a later frame does not cut
      // them short. A jump (seek, reduced motion) shows the moment's adverts standing half way.
      if (instant) pulses.selectAll('*').interrupt().remove();
      for (const a of f.adverts) {
        const x = xOf(a.router);
        for (const dir of [-1, 1]) {
          const c = pulses.append('circle').attr('class', 'advert').attr('cx', x).attr('cy', WIRE).attr('r', 5).attr('fill', 'var(--lab-orange)');
          const to = dir < 0 ? 10 : W - 10;
          if (instant) c.attr('cx', x + (to - x) / 2);
          else c.transition().duration(FLIGHT_MS).attr('cx', to).attr('opacity', 0.2).remove();
        }
        const words = pulses.append('text').attr('x', x).attr('y', 16).attr('text-anchor', 'middle').attr('font-size', 12).attr('fill', 'currentColor').text(`advert ${a.priority}`);
        if (!instant) words.transition().duration(FLIGHT_MS).remove();
      }
    },
  };
}
