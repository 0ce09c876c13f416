/**
 * Seeded IPVS scheduler scenarios for the real-kernel suite: every scheduler the 6.1 kernel has,
 * with and without its flags, over connect, close, weight, threshold, add (new servers and removed
 * ones coming back from the trash) and remove. Every connection has its own saddr:sport, as a real
 * client's would; dh, lblc and lblcr ask for many destination addresses through a fwmark service.
 */
import { createRng, type Rng } from '../../src/sim/core/rng';
import type { Scenario, ScenarioEvent } from '../../src/sim/schedulers';

/** The schedulers of Linux 6.1's user-mode build (no twos: it came later), with their flag sets. */
export const KERNEL_VARIANTS: Array<{ scheduler: string; flags: string[] }> = [
  ...['rr', 'wrr', 'lc', 'wlc', 'sed', 'nq', 'sh', 'dh', 'lblc', 'lblcr', 'mh', 'fo', 'ovf'].map((scheduler) => ({ scheduler, flags: [] as string[] })),
  { scheduler: 'sh', flags: ['sh-port'] },
  { scheduler: 'sh', flags: ['sh-fallback'] },
  { scheduler: 'sh', flags: ['sh-fallback', 'sh-port'] },
  { scheduler: 'mh', flags: ['mh-port'] },
  { scheduler: 'mh', flags: ['mh-fallback', 'mh-port'] },
];

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[rng.int(xs.length)]!;

function weight(rng: Rng): number {
  const r = rng.next();
  return r < 0.1 ? 0 : r < 0.2 ? 1 + rng.int(40) : 1 + rng.int(6);
}

export function generateScenario(rng: Rng, variant: { scheduler: string; flags: string[] }, n: number): Scenario {
  const byDaddr = ['dh', 'lblc', 'lblcr'].includes(variant.scheduler);
  const net = 1 + (n % 250);
  let hostSeq = 0;
  const newDest = () => ({ addr: `10.1.${net}.${++hostSeq}`, port: rng.next() < 0.2 ? 8080 : 80, weight: weight(rng) });
  const dests = Array.from({ length: 2 + rng.int(4) }, newDest);
  const clients = Array.from({ length: 3 + rng.int(30) }, () => `203.0.${rng.int(4) + 113}.${1 + rng.int(254)}`);
  const vips = byDaddr ? Array.from({ length: 4 + rng.int(28) }, (_, i) => `192.0.2.${10 + i}`) : ['192.0.2.10'];
  const nextPort = new Map<string, number>();
  const list = [...dests];
  const removed: Array<(typeof dests)[number]> = [];
  const events: ScenarioEvent[] = [];
  const open: number[] = [];
  let conns = 0;
  const total = 12 + rng.int(24);
  while (events.length < total) {
    const r = rng.next();
    if (r < 0.6 || !list.length) {
      const saddr = pick(rng, clients);
      // With sh-port or mh-port the source port is hashed: spread it; otherwise count up.
      const base = nextPort.get(saddr) ?? 40000 + rng.int(20000);
      const sport = base + 1 + rng.int(variant.flags.some((f) => f.endsWith('-port')) ? 500 : 1);
      nextPort.set(saddr, sport);
      events.push({ op: 'connect', saddr, sport, daddr: pick(rng, vips), dport: 80 });
      open.push(conns++);
    } else if (r < 0.72 && open.length) {
      const k = rng.int(open.length);
      events.push({ op: 'close', conn: open[k]! });
      open.splice(k, 1);
    } else if (r < 0.82) {
      events.push({ op: 'weight', dest: rng.int(list.length), weight: weight(rng) });
    } else if (r < 0.86) {
      events.push({ op: 'threshold', dest: rng.int(list.length), upper: rng.next() < 0.3 ? 0 : 1 + rng.int(4), lower: 0 });
    } else if (r < 0.93) {
      const back = removed.length && rng.next() < 0.4 ? removed.splice(rng.int(removed.length), 1)[0]! : newDest();
      const d = { ...back, weight: weight(rng) };
      list.unshift(d);
      events.push({ op: 'add', dest: d });
    } else if (list.length > 1) {
      const i = rng.int(list.length);
      removed.push(list.splice(i, 1)[0]!);
      events.push({ op: 'remove', dest: i });
    }
  }
  return { scheduler: variant.scheduler, flags: [...variant.flags], dests, events };
}

/** `count` scenarios spread evenly over the variants, reproducible from `seed`. */
export function generateScenarios(seed: string, count: number): Array<{ id: string; scenario: Scenario }> {
  const rng = createRng(seed);
  return Array.from({ length: count }, (_, n) => {
    const variant = KERNEL_VARIANTS[n % KERNEL_VARIANTS.length]!;
    return { id: `gen-${n}-${variant.scheduler}${variant.flags.length ? `-${variant.flags.join('+')}` : ''}`, scenario: generateScenario(rng, variant, n) };
  });
}
