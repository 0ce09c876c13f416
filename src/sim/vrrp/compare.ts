/**
 * Real keepalived's state changes against the simulation's, as the conformance suite holds the engine
 * to them (test/conformance/vrrp-keepalived.test.ts) and the playground's real-kernel run reports
 * them: each router's own sequence of BACKUP, MASTER and FAULT must be the same, and each change must
 * come within 100 ms or 5 % of the time since the event that caused it (500 ms for the BACKUP a
 * router enters as its keepalived starts, which is process start-up, not VRRP timing).
 */
export interface Observed {
  at: number;
  router: number;
  state: string;
}

export const COMPARED_STATES = ['BACKUP', 'MASTER', 'FAULT'];

export interface Difference {
  router: number;
  text: string;
}

/**
 * `causes`: the times of the scenario's events (0 included); `starts`: per router, when its keepalived
 * started (for the start-up allowance). `slack` multiplies the allowances (a slower machine, such as
 * an emulator, may be given more, and says so).
 */
export function compareElections(real: Observed[], sim: Observed[], causes: number[], starts: number[][], slack = 1): Difference[] {
  const diffs: Difference[] = [];
  const keep = (xs: Observed[]) => xs.filter((o) => COMPARED_STATES.includes(o.state));
  const routers = [...new Set([...real, ...sim].map((o) => o.router))].sort((a, b) => a - b);
  const sorted = [...causes].sort((a, b) => a - b);
  for (const r of routers) {
    const got = keep(real).filter((o) => o.router === r);
    const want = keep(sim).filter((o) => o.router === r);
    const seq = (xs: Observed[]) => xs.map((o) => o.state).join(' → ') || '(none)';
    if (seq(got) !== seq(want)) {
      diffs.push({ router: r, text: `states ${seq(got)} on the real kernel, ${seq(want)} in the simulation` });
      continue;
    }
    want.forEach((w, i) => {
      const t = got[i]!.at;
      const cause = sorted.filter((c) => c <= w.at + 1e-9).at(-1) ?? 0;
      const starting = w.state === 'BACKUP' && Math.abs(w.at - cause) < 1e-9 && (starts[r] ?? [0]).includes(cause);
      const allowed = (starting ? 0.5 : Math.max(0.1, 0.05 * (w.at - cause))) * slack;
      if (Math.abs(t - w.at) > allowed) diffs.push({ router: r, text: `${w.state} at ${t.toFixed(3)} s on the real kernel, ${w.at.toFixed(3)} s in the simulation (allowed ±${allowed.toFixed(3)} s after the event at ${cause} s)` });
    });
  }
  return diffs;
}
