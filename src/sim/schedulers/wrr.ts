/**
 * wrr: passes over the list with a falling threshold cw, from mw (max weight, less gcd − 1)
 * down in steps of di (the weights' gcd); a server is picked when its weight ≥ cw. Any change
 * to the list or a weight recomputes di and mw and restarts at the head (ip_vs_wrr_dest_changed).
 */
import { type Dest, type Scheduler, type Service } from './dest';

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

export function wrr(svc: Service): Scheduler {
  let cl: Dest | null = null; // null = list head
  let di = 1;
  let mw = 0;
  let cw = 0;

  const recompute = (init: boolean) => {
    cl = null;
    let g = 0;
    let max = 0;
    for (const d of svc.dests) {
      if (d.weight > 0) g = g > 0 ? gcd(d.weight, g) : d.weight;
      if (d.weight > max) max = d.weight;
    }
    di = g || 1;
    mw = max - (di - 1);
    if (init || cw > mw || !cw) cw = mw;
    else if (di > 1) cw = Math.trunc(cw / di) * di + 1;
  };
  recompute(true);

  return {
    schedule() {
      const list = svc.dests;
      if (mw === 0) return null;
      const last = cl;
      let stop: Dest | null | undefined; // undefined: no stop yet
      let lastPass = false;
      let restarted = false;
      let pos = last ? list.indexOf(last) : -1;
      for (let guard = 0; guard < 1_000_000; guard++) {
        for (let i = pos + 1; i < list.length; i++) {
          const d = list[i]!;
          if (!d.overloaded && d.weight >= cw) {
            cl = d;
            return d;
          }
          if (stop !== undefined && d === stop) {
            cl = d;
            return null;
          }
        }
        pos = -1; // the scan ended at the head
        cw -= di;
        if (cw <= 0) {
          cw = mw;
          if (lastPass || last === null) {
            cl = null;
            return null;
          }
          restarted = true;
        }
        lastPass = cw <= di;
        if (lastPass && restarted && last !== null) stop = last;
      }
      return null;
    },
    addDest: () => recompute(false),
    delDest: () => recompute(false),
    updDest: () => recompute(false),
  };
}
