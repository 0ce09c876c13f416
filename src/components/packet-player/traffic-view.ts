/**
 * The traffic overlay: 200 packets in flight at once over the lane's diagram, each following the
 * path the sim gives its connection (src/sim/packet/traffic.ts), colour-coded request or reply.
 * One requestAnimationFrame loop paints them on a canvas over the diagram — no per-packet DOM — so
 * the main thread stays free (bench/packet-flight.mjs measures it).
 */
import { traffic, type Flight } from '../../sim/packet';
import { along, route, type Point } from './layout';
import type { Lane } from './lane';

export const IN_FLIGHT = 200;
const HOP_MS = 420;

export interface TrafficHandle {
  stop(): void;
  director: ReturnType<typeof traffic>['director'];
}

export function startTraffic(lane: Lane, reduced: boolean): TrafficHandle {
  const { journey } = lane;
  // The lane's layout changes with its width (wide or tall); the paths follow the one drawn now.
  let layout = lane.layout;
  // Five packets per connection: 40 connections put 200 packets on the wires.
  const t = traffic(journey.mode, IN_FLIGHT / 5);
  const pathPoints = (f: Flight): Point[] => {
    const pts: Point[] = [];
    for (let i = 1; i < f.path.length; i++) {
      const a = f.path[i - 1]!;
      const b = f.path[i]!;
      const seg = route(layout, a, b, f.links[i - 1]!);
      pts.push(...(i === 1 ? seg : seg.slice(1)));
    }
    return pts;
  };
  // A canvas over the diagram: 200 moving SVG elements would make the browser re-render the whole
  // SVG every frame; one canvas repaint is a fraction of that.
  const stage = lane.el.querySelector<HTMLElement>('.pp-lane__stage')!;
  const canvas = document.createElement('canvas');
  canvas.className = 'pp-traffic';
  canvas.setAttribute('aria-hidden', 'true');
  stage.append(canvas);
  const ctx = canvas.getContext('2d');
  const styles = getComputedStyle(lane.el);
  const colour = {
    request: styles.getPropertyValue('--lab-orange').trim() || '#e69f00',
    reply: styles.getPropertyValue('--lab-green').trim() || '#009e73',
  };
  const dots = t.flights.map((f) => ({
    f, pts: pathPoints(f), reply: f.direction === 'reply',
    period: (f.path.length - 1) * HOP_MS, phase: f.start * HOP_MS,
  }));
  let scale = 1;
  const resize = () => {
    if (layout !== lane.layout) {
      layout = lane.layout;
      for (const d of dots) d.pts = pathPoints(d.f);
    }
    const w = stage.clientWidth;
    const dpr = window.devicePixelRatio || 1;
    scale = w / layout.width;
    canvas.width = Math.round(w * dpr);
    canvas.height = Math.round(layout.height * scale * dpr);
    canvas.style.width = `${w}px`;
    canvas.style.height = `${layout.height * scale}px`;
    ctx?.setTransform(dpr * scale, 0, 0, dpr * scale, 0, 0);
  };
  resize();
  lane.el.dataset.inFlight = String(dots.length);

  const place = (now: number) => {
    if (!ctx) return;
    if (layout !== lane.layout) resize();
    ctx.clearRect(0, 0, layout.width, layout.height);
    for (const reply of [false, true]) {
      ctx.fillStyle = reply ? colour.reply : colour.request;
      ctx.beginPath();
      for (const d of dots) {
        if (d.reply !== reply) continue;
        const p = along(d.pts, ((now + d.phase) % d.period) / d.period);
        ctx.moveTo(p.x + 4, p.y);
        ctx.arc(p.x, p.y, 4, 0, Math.PI * 2);
      }
      ctx.fill();
    }
  };
  let raf = 0;
  const onResize = () => { resize(); if (reduced) place(0); };
  window.addEventListener('resize', onResize);
  // The packets move only while a reader can see them: scrolled out of view or in a hidden tab,
  // the loop stops (data-traffic="paused") and picks up where it was when it comes back.
  let onScreen = true;
  let elapsed = 0;
  let resumedAt = 0;
  const loop = (now: number) => {
    place(elapsed + now - resumedAt);
    raf = requestAnimationFrame(loop);
  };
  const update = () => {
    const run = !reduced && onScreen && !document.hidden;
    if (run && !raf) {
      resumedAt = performance.now();
      raf = requestAnimationFrame(loop);
    } else if (!run && raf) {
      cancelAnimationFrame(raf);
      raf = 0;
      elapsed += performance.now() - resumedAt;
    }
    lane.el.dataset.traffic = reduced ? 'still' : run ? 'running' : 'paused';
  };
  const io = new IntersectionObserver((entries) => {
    onScreen = entries.some((e) => e.isIntersecting);
    update();
  });
  io.observe(stage);
  document.addEventListener('visibilitychange', update);
  // Reduced motion: the packets are drawn where they are, once, and do not move.
  if (reduced) place(0);
  update();
  return {
    director: t.director,
    stop() {
      cancelAnimationFrame(raf);
      io.disconnect();
      document.removeEventListener('visibilitychange', update);
      window.removeEventListener('resize', onResize);
      canvas.remove();
      delete lane.el.dataset.traffic;
      delete lane.el.dataset.inFlight;
    },
  };
}
