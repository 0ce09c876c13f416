/**
 * The least-connection family: lc, wlc, sed, nq — one scan of the list, kept in the kernel's
 * order so ties go to the first destination, with cross-multiplied comparisons instead of division.
 */
import { overhead, usable, type Dest, type Scheduler, type Service } from './dest';

/** lc: least overhead; weight 0 and overloaded servers are skipped; ties keep the first. */
export function lc(svc: Service): Scheduler {
  return {
    schedule() {
      let least: Dest | null = null;
      let loh = 0;
      for (const d of svc.dests) {
        if (!usable(d)) continue;
        const doh = overhead(d);
        if (!least || doh < loh) {
          least = d;
          loh = doh;
        }
      }
      return least;
    },
  };
}

/**
 * wlc and sed share a shape: the first usable destination is the candidate, then any later
 * non-overloaded one replaces it when loh * w(d) > doh * w(least).
 */
function weightedLeast(svc: Service, cost: (d: Dest) => number): Scheduler {
  return {
    schedule() {
      const list = svc.dests;
      let i = list.findIndex(usable);
      if (i < 0) return null;
      let least = list[i]!;
      let loh = cost(least);
      for (i++; i < list.length; i++) {
        const d = list[i]!;
        if (d.overloaded) continue;
        const doh = cost(d);
        if (loh * d.weight > doh * least.weight) {
          least = d;
          loh = doh;
        }
      }
      return least;
    },
  };
}

/** wlc: (active × 256 + inactive) / weight, lowest wins. */
export const wlc = (svc: Service) => weightedLeast(svc, overhead);

/** sed: shortest expected delay, (active + 1) / weight. */
export const sed = (svc: Service) => weightedLeast(svc, (d) => d.activeconns + 1);

/** nq: an idle server (no active connections) at once; otherwise sed. */
export function nq(svc: Service): Scheduler {
  return {
    schedule() {
      let least: Dest | null = null;
      let loh = 0;
      for (const d of svc.dests) {
        if (!usable(d)) continue;
        const doh = d.activeconns + 1;
        if (d.activeconns === 0) return d;
        if (!least || loh * d.weight > doh * least.weight) {
          least = d;
          loh = doh;
        }
      }
      return least;
    },
  };
}
