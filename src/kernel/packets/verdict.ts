/**
 * One forwarding run's captures against the packet engine's journey, with what the comparison lets
 * go and why (the test suite's forwarding check and the packet player's real-kernel run share it).
 */
import { MAC } from '../../sim/packet/topology';
import type { Journey } from '../../sim/packet/journey';
import type { BreakName } from '../../sim/packet/types';
import type { CapturedFrame } from './capture';
import { compareJourney } from './compare-journey';

export function compareCaptures(journey: Journey, captures: Record<string, CapturedFrame[]>, brk?: BreakName): string[] {
  let frames = captures;
  if (brk === 'arp') {
    // Which real server's ARP reply reaches the router first is a race the bridge decides; the
    // engine lets RS1 win. Same failure either way: read RS2's MAC as RS1's.
    frames = Object.fromEntries(Object.entries(captures).map(([k, fs]) => [k, fs.map((f) => swapMac(f, MAC.rs2, MAC.rs1))]));
  }
  // The client's own ARP for its gateway is not drawn (its cache is warm in the engine).
  return compareJourney(journey, frames, { skipArpOn: ['wan'], arpAsSet: brk === 'arp', arpPrefix: !journey.outcome.delivered });
}

function swapMac(f: CapturedFrame, from: string, to: string): CapturedFrame {
  const m = (x: string) => (x === from ? to : x === to ? from : x);
  return { ...f, eth: { src: m(f.eth.src), dst: m(f.eth.dst) }, ...(f.arp ? { arp: { ...f.arp, senderMac: f.arp.senderMac && m(f.arp.senderMac) } } : {}) };
}
