/** The JSON `lvs-lab trace --json` prints: the hooks in order, and every step with its callbacks. */
import { hooksOf, type Scenario } from './scenarios';

export function traceJson(s: Scenario) {
  return {
    scenario: s.name,
    hooks: hooksOf(s),
    steps: s.packets.flatMap((p, packet) =>
      p.steps.map((st) => {
        const base = { packet, kind: st.kind, text: st.text.en };
        if (st.kind === 'fn') return { ...base, fn: st.fn };
        if (st.kind === 'route') return { ...base, fn: st.fn, route: st.result };
        return {
          ...base,
          hook: st.hook,
          verdict: st.verdict,
          callbacks: st.callbacks.map((c) => ({ fn: c.cb.fn, owner: c.cb.owner, priority: c.cb.priority, verdict: c.verdict, ...(c.tableSkipped ? { table_skipped: true } : {}) })),
        };
      }),
    ),
  };
}
