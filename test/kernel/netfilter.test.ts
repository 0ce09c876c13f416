/**
 * Netfilter with IPVS against a real kernel: the `lvs-*` scenarios of `lvs-lab trace` replayed on
 * the packet engine's network in Linux 6.1, with iptables TRACE (raw, mangle, nat, filter and
 * security tables on every hook, connection tracking on) in the director or the real server. The
 * hooks each packet passes, and the tables it meets at each, must be the model's.
 * Linux 6.1 names IPVS's hook functions ip_vs_remote_request4, ip_vs_reply4 …; the model (and the
 * explorer) use the names of 6.2 and later, ip_vs_in_hook and ip_vs_out_hook. TRACE shows tables,
 * not function names, so the comparison is unaffected.
 */
import { expect, it } from 'vitest';
import { topology } from '../../src/sim/packet/topology';
import { forwardingScript } from '../../src/kernel/packets/forwarding-script';
import { bootOnce, kernelDescribe } from './suite';
import { modelPath, packetPath, parseTrace } from '../../src/kernel/packets/iptables-trace';
import { TRACE_CASES } from '../../src/kernel/packets/trace-cases';

const CASES = TRACE_CASES;
const tag = (c: (typeof CASES)[number]) => `trace-${c.mode}-${c.node}`;
const runs = [...new Map(CASES.map((c) => [tag(c), c])).values()];
kernelDescribe('Netfilter hooks with IPVS on a real Linux 6.1 kernel (iptables TRACE)', () => {
  const guest = bootOnce(() => ({
    script: ['modprobe ip_vs', 'modprobe ip_vs_rr', ...runs.map((c) => forwardingScript(topology(c.mode), tag(c), { trace: [c.node] }))].join('\n'),
    timeoutMs: 300_000,
  }));

  for (const c of CASES) {
    it(`${c.scenario}: the hooks and tables of every packet, in order`, () => {
      const lines = parseTrace(guest().files[`${tag(c)}-trace.txt`] ?? '');
      expect(lines.length, 'TRACE logged nothing').toBeGreaterThan(0);
      c.packets.forEach((flags, n) => {
        const kernel = packetPath(lines, flags);
        const model = modelPath(c.scenario, n);
        // The first hook where they part, for a readable failure.
        const at = model.findIndex((step, i) => kernel[i] !== step);
        expect({ packet: n, firstDifference: at < 0 && kernel.length === model.length ? null : { model: model[at] ?? 'end', kernel: kernel[at < 0 ? model.length : at] ?? 'end' }, kernel }).toEqual({ packet: n, firstDifference: null, kernel: model });
      });
    });
  }
});
