/** fo and ovf: the highest weight wins; ties keep the first in the list. */
import type { Dest, Scheduler, Service } from './dest';

/** fo (weighted fail over): the non-overloaded server with the highest weight. */
export function fo(svc: Service): Scheduler {
  return {
    schedule() {
      let best: Dest | null = null;
      for (const d of svc.dests) if (!d.overloaded && d.weight > (best?.weight ?? 0)) best = d;
      return best;
    },
  };
}

/** ovf (overflow): the highest-weight server whose active connections do not exceed its weight. */
export function ovf(svc: Service): Scheduler {
  return {
    schedule() {
      let best: Dest | null = null;
      for (const d of svc.dests) {
        if (d.overloaded || d.activeconns > d.weight || d.weight === 0) continue;
        if (!best || d.weight > best.weight) best = d;
      }
      return best;
    },
  };
}
