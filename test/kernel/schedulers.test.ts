/**
 * The IPVS schedulers against a real kernel: the corpus and a seeded set of generated scenarios
 * are replayed on Linux 6.1 in user-mode Linux (real connections through a real NAT director),
 * and `lvs-lab schedule`'s engine must pick the same real server for every connection.
 * KERNEL_SEED=… picks another generated set; the seed in use is printed.
 */
import { beforeAll, expect, it } from 'vitest';
import { replay, type Scenario } from '../../src/sim/schedulers';
import { loadCorpus, kernelCanReplay } from './corpus';
import { kernelDescribe } from './suite';
import { replayOnKernel, type KernelPicks } from './replay-on-kernel';
import { KERNEL_VARIANTS, generateScenarios } from './scenario-generator';

const SEED = process.env.KERNEL_SEED ?? 'lvs-lab-2026';
const COUNT = Number(process.env.KERNEL_SCENARIOS ?? 216);

/** dh through a fwmark service: 64 requested addresses spread over 7 caches. */
function manyAddresses(): Scenario {
  const dests = Array.from({ length: 7 }, (_, i) => ({ addr: `10.2.0.${i + 1}`, port: 80, weight: 1 + (i % 3) }));
  const events = Array.from({ length: 64 }, (_, i) => ({ op: 'connect' as const, saddr: '203.0.113.50', sport: 41000 + i, daddr: `198.51.100.${i + 1}`, dport: 80 }));
  return { scheduler: 'dh', flags: [], dests, events };
}

const items = [
  ...loadCorpus().filter((c) => kernelCanReplay(c.scenario)).map((c) => ({ id: `corpus/${c.file}`, scenario: c.scenario as Scenario })),
  { id: 'dh-fwmark-64-addresses', scenario: manyAddresses() },
  ...generateScenarios(SEED, COUNT),
];

/** The first connection where the engine and the kernel part ways, in words. */
function firstDifference(s: Scenario, kernel: Array<number | null>, engine: Array<number | null>): string | null {
  const n = Math.max(kernel.length, engine.length);
  for (let i = 0; i < n; i++) {
    if (kernel[i] !== engine[i]) {
      const connects = s.events.filter((e) => e.op === 'connect');
      const c = connects[i];
      return `connection ${i}${c && 'saddr' in c ? ` (${c.saddr}:${c.sport} → ${c.daddr}:${c.dport})` : ''}: kernel picked ${kernel[i]}, engine ${engine[i]}`;
    }
  }
  return null;
}

kernelDescribe('IPVS schedulers on a real Linux 6.1 kernel', () => {
  let results: KernelPicks = {};
  beforeAll(async () => {
    console.log(`kernel scheduler suite: ${items.length} scenarios (generated with KERNEL_SEED=${SEED})`);
    const run = await replayOnKernel(items);
    results = run.results;
    console.log(`kernel scheduler suite: replayed in ${(run.ms / 1000).toFixed(1)} s`);
  }, 1_500_000);

  it('replays every scenario (none failed in the guest)', () => {
    const failed = items.filter((it) => !results[it.id]?.picks).map((it) => `${it.id}: ${results[it.id]?.error ?? 'no result'}`);
    expect(failed).toEqual([]);
  });

  it('covers all 13 schedulers of the kernel and the sh/mh flags, 200 generated scenarios or more', () => {
    expect(new Set(items.map((i) => i.scenario.scheduler)).size).toBe(13);
    expect(items.filter((i) => i.id.startsWith('gen-')).length).toBeGreaterThanOrEqual(200);
    const ops = new Set(items.flatMap((i) => i.scenario.events.map((e) => e.op)));
    for (const op of ['connect', 'close', 'weight', 'add', 'remove']) expect(ops).toContain(op);
  });

  const variants = [...KERNEL_VARIANTS.map((v) => `${v.scheduler}${v.flags.length ? ` ${v.flags.join(',')}` : ''}`)];
  for (const variant of variants) {
    it(`${variant}: the engine picks what the kernel picks, connection for connection`, () => {
      const [scheduler, flags = ''] = variant.split(' ');
      const mine = items.filter((i) => i.scenario.scheduler === scheduler && [...i.scenario.flags].sort().join(',') === flags);
      expect(mine.length).toBeGreaterThan(0);
      const differences: string[] = [];
      for (const { id, scenario } of mine) {
        const kernel = results[id]?.picks;
        if (!kernel) continue; // reported by the first test
        const diff = firstDifference(scenario, kernel, replay(scenario).picks);
        if (diff) differences.push(`${id}: ${diff}`);
      }
      expect(differences).toEqual([]);
    });
  }
});
