/**
 * The hook explorer's scenarios that a real kernel can show with iptables TRACE: where each is traced,
 * and which packet of the exchange each of its packets is (by TCP flags). The test suite
 * (test/kernel/netfilter.test.ts) and the explorer's real-kernel run use the same table.
 */
import type { Mode } from '../../sim/packet/types';

export interface TraceCase {
  scenario: string;
  mode: Mode;
  node: string;
  packets: string[];
}

export const TRACE_CASES: TraceCase[] = [
  { scenario: 'lvs-nat-request', mode: 'nat', node: 'director', packets: ['SYN'] },
  { scenario: 'lvs-nat-reply', mode: 'nat', node: 'director', packets: ['ACK SYN'] },
  { scenario: 'lvs-dr-director', mode: 'dr', node: 'director', packets: ['SYN'] },
  { scenario: 'lvs-dr-realserver', mode: 'dr', node: 'rs1', packets: ['SYN', 'ACK SYN'] },
  { scenario: 'lvs-tun-request', mode: 'tun', node: 'director', packets: ['SYN'] },
];
