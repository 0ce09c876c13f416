/**
 * The forwarding methods against a real kernel: VS/NAT, VS/DR and VS/TUN built in Linux 6.1 on the
 * packet engine's own network (addresses, MACs, routes, sysctls), one TCP exchange captured with
 * tcpdump on every segment, and every hop of `lvs-lab packet` held against the capture field by
 * field, with the ARP traffic. The broken configurations must fail the way the kernel fails.
 * FULLNAT is not in the upstream kernel and is not built here.
 */
import { expect, it } from 'vitest';
import { runJourney } from '../../src/sim/packet/journey';
import { topology } from '../../src/sim/packet/topology';
import type { BreakName, Mode } from '../../src/sim/packet/types';
import { parseCapture, type CapturedFrame } from '../../src/kernel/packets/capture';
import { compareCaptures } from '../../src/kernel/packets/verdict';
import { forwardingScript } from '../../src/kernel/packets/forwarding-script';
import { bootOnce, kernelDescribe } from './suite';

interface Case {
  mode: Mode;
  brk?: BreakName;
  /** What the case shows, for the test's name. */
  what: string;
  requestBytes?: number;
  /** Compare the hops up to the engine's drop only, not the outcome (see the mtu case). */
  upToDrop?: string;
}

const CASES: Case[] = [
  { mode: 'nat', what: 'every hop of both directions, ARP on the LAN and the real servers\' network' },
  { mode: 'dr', what: 'MAC rewrite only, the reply straight from the real server' },
  { mode: 'tun', what: 'the IP-in-IP outer header, decapsulation on tunl0' },
  { mode: 'dr', brk: 'arp', what: 'real servers answer ARP for the VIP and the router bypasses the director' },
  { mode: 'nat', brk: 'rs-gateway', what: 'the reply leaves by the router and never reaches the client as the VIP' },
  { mode: 'dr', brk: 'l2', what: 'a real server off the LAN: the frame loops between director and router until the TTL runs out' },
  { mode: 'tun', brk: 'tunl0', what: 'no VIP on tunl0: decapsulated, then dropped' },
  { mode: 'tun', brk: 'rp-filter', what: 'strict rp_filter on the real server drops the decapsulated packet' },
  {
    mode: 'tun', brk: 'mtu', requestBytes: 1448, what: 'a full-size segment is refused with ICMP frag-needed, MTU 1480',
    // What comes after the ICMP is not a lesson the lab can give: the client's re-sent segment leaves as a GSO packet,
    // which IPVS's MTU check passes by (ensure_mtu_is_adequate skips GSO skbs), and veth carries the 1520-byte result
    // where a physical link would not. So the engine's hops are compared up to its drop, and the ICMP itself is checked.
    upToDrop: 'need to frag (mtu 1480)',
  },
];

const tag = (c: Case) => `${c.mode}${c.brk ? `-${c.brk}` : ''}`;
kernelDescribe('forwarding methods on a real Linux 6.1 kernel', () => {
  const guest = bootOnce(() => ({
    script: ['modprobe ip_vs', 'modprobe ip_vs_rr', ...CASES.map((c) => forwardingScript(topology(c.mode, c.brk ? [c.brk] : []), tag(c), { requestBytes: c.requestBytes }))].join('\n'),
    timeoutMs: 300_000,
  }));

  for (const c of CASES) {
    it(`VS/${c.mode.toUpperCase()}${c.brk ? ` with the ${c.brk} break` : ''}: ${c.what}`, () => {
      const run = guest();
      const breaks = c.brk ? [c.brk] : [];
      const journey = runJourney({ mode: c.mode, breaks });
      const captures: Record<string, CapturedFrame[]> = {};
      for (const link of topology(c.mode, breaks).links) {
        const text = run.files[`${tag(c)}-${link}.txt`];
        expect(text, `no capture of ${link}`).toBeDefined();
        captures[link] = parseCapture(text!);
      }
      const client = run.files[`${tag(c)}-client.txt`]?.trim() ?? 'no result';
      // Delivered or not, as the client saw it.
      if (!c.upToDrop) expect(client.startsWith('delivered'), `the client: ${client}`).toBe(journey.outcome.delivered);
      else expect(Object.values(captures).flat().map((f) => f.icmp ?? '').join('\n')).toContain(c.upToDrop);
      const differences = compareCaptures(journey, captures, c.brk);
      expect(differences).toEqual([]);
    });
  }
});

