/**
 * twos (power of two choices): two servers drawn at random, each with probability proportional to
 * its weight, and the one with the lower overhead per weight wins. The kernel draws with
 * get_random_u32(); here the draws come from the simulation's seeded RNG, so a run is repeatable
 * but its picks are not the kernel's — only the rule is.
 */
import { overhead, type Dest, type Scheduler, type Service } from './dest';

export function twos(svc: Service): Scheduler {
  return {
    schedule() {
      let total = 0;
      let choice1: Dest | null = null;
      for (const d of svc.dests) {
        if (!d.overloaded && d.weight > 0) {
          total += d.weight;
          choice1 = d;
        }
      }
      if (!choice1) return null;
      total += 1;
      let r1 = Math.floor(svc.random() * 4294967296) % total;
      let r2 = Math.floor(svc.random() * 4294967296) % total;
      let choice2: Dest | null = null;
      let w1 = -1;
      let w2 = -1;
      let oh1 = 0;
      let oh2 = 0;
      for (const d of svc.dests) {
        if (d.overloaded || d.weight <= 0) continue;
        r1 -= d.weight;
        r2 -= d.weight;
        if (r1 <= 0 && w1 === -1) {
          choice1 = d;
          w1 = d.weight;
          oh1 = overhead(d);
        }
        if (r2 <= 0 && w2 === -1) {
          choice2 = d;
          w2 = d.weight;
          oh2 = overhead(d);
        }
        if (w1 !== -1 && w2 !== -1) break;
      }
      if (choice2 && w2 * oh1 > w1 * oh2) choice1 = choice2;
      return choice1;
    },
  };
}
