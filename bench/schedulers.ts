/**
 * Scheduler speed: 1,000,000 new connections over 10, 100 and 1,000 servers for every scheduler,
 * with a steady state of about 1,000 open connections (each closes 1,000 connections later).
 * Prints connections per second and how the cost grows with the number of servers.
 *
 *   npx tsx bench/schedulers.ts [--connections N] [--only rr,wlc]
 */
import { SCHEDULERS, makeDest, type Dest, type Service } from '../src/sim/schedulers';
import { createRng } from '../src/sim/core/rng';

const argOf = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const N = Number(argOf('--connections') ?? 1_000_000);
const only = argOf('--only')?.split(',');
const SIZES = [10, 100, 1000];
const WINDOW = 1000;

function run(name: string, servers: number): number {
  const rng = createRng(`${name}-${servers}`);
  const dests: Dest[] = Array.from({ length: servers }, (_, i) => makeDest(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, 80, 1 + (i % 4)));
  const svc: Service = { dests, flags: new Set(), random: () => rng.next() };
  const sched = SCHEDULERS[name]!(svc);
  const open: Array<Dest | null> = new Array(WINDOW).fill(null);
  const clients = Array.from({ length: 4096 }, (_, i) => `198.${(i >> 8) & 255}.${i & 255}.${(i * 7) & 255}`);
  const start = performance.now();
  for (let c = 0; c < N; c++) {
    const client = clients[c & 4095]!;
    const d = sched.schedule({ saddr: client, sport: 1024 + (c & 0x7fff), daddr: clients[(c >> 3) & 4095]!, dport: 80 });
    const slot = c % WINDOW;
    const old = open[slot];
    if (old) old.activeconns--;
    if (d) d.activeconns++;
    open[slot] = d;
  }
  return N / ((performance.now() - start) / 1000);
}

const fmt = (x: number) => Math.round(x).toLocaleString('en').padStart(12);
console.log(`${N.toLocaleString('en')} new connections per run; connections/second by number of servers`);
console.log(`${'scheduler'.padEnd(10)}${SIZES.map((s) => `${s} servers`.padStart(13)).join('')}   cost ×(1000 vs 10)`);
for (const name of Object.keys(SCHEDULERS)) {
  if (only && !only.includes(name)) continue;
  const rates = SIZES.map((s) => run(name, s));
  console.log(`${name.padEnd(10)}${rates.map(fmt).join(' ')}   ${(rates[0]! / rates[2]!).toFixed(1)}`);
}
console.log('As in the kernel: rr, wrr (amortised), sh, dh and mh do not scan the list; lc, wlc, sed, nq, fo, ovf and twos scan it on every connection; lblc and lblcr scan it only when the destination address is not cached.');
