/**
 * rr: the kernel keeps a pointer into the destination list (sched_data) and scans on from the
 * entry after it, wrapping once, for a server that is not overloaded and has weight > 0.
 * A removed server hands the pointer to the entry before it.
 */
import { usable, type Dest, type Scheduler, type Service } from './dest';

export function rr(svc: Service): Scheduler {
  /** null stands for the list head. */
  let last: Dest | null = null;
  let lastIndex = -1;
  return {
    schedule() {
      const list = svc.dests;
      const n = list.length;
      // Where the pointer is; remembered so that a steady list costs O(1), as a list pointer does.
      if (last && list[lastIndex] !== last) lastIndex = list.indexOf(last);
      const start = last ? lastIndex : -1;
      // After `last` to the end, then (if we did not start at the head) from the front up to `last` itself.
      const span = start >= 0 ? n : n - (start + 1);
      for (let k = 1; k <= span; k++) {
        const i = (start + k) % n;
        const d = list[i]!;
        if (usable(d)) {
          last = d;
          lastIndex = i;
          return d;
        }
      }
      return null;
    },
    delDest(d, formerIndex) {
      // p->next->prev after the unlink: the entry that stood before the removed one.
      if (last === d) last = formerIndex > 0 ? svc.dests[formerIndex - 1]! : null;
    },
  };
}
