/**
 * Reads iptables TRACE lines (from dmesg) into the hooks one packet passed and the iptables tables
 * it met at each, to hold against the Netfilter model's path of the same packet.
 */
import { traceJson, scenarioNamed } from '../../sim/netfilter';

export interface TraceLine {
  table: string;
  chain: string;
  /** TCP flags as iptables' LOG prints them ("SYN", "ACK SYN"); '' for a packet that is not TCP (IP-in-IP). */
  flags: string;
  proto: string;
}

const CHAIN_HOOK: Record<string, string> = { PREROUTING: 'PRE_ROUTING', INPUT: 'LOCAL_IN', FORWARD: 'FORWARD', OUTPUT: 'LOCAL_OUT', POSTROUTING: 'POST_ROUTING' };
/** The iptables tables the model's callbacks stand for. */
export const TABLES = ['raw', 'mangle', 'nat', 'filter', 'security'] as const;

export function parseTrace(text: string): TraceLine[] {
  const out: TraceLine[] = [];
  for (const line of text.split('\n')) {
    const m = /TRACE: (\w+):(\w+):/.exec(line);
    if (!m) continue;
    const proto = /PROTO=(\S+)/.exec(line)?.[1] ?? '';
    const flags = proto === 'TCP' ? (/ ((?:(?:CWR|ECE|URG|ACK|PSH|RST|SYN|FIN) )+)URGP=/.exec(line)?.[1]?.trim() ?? '') : '';
    out.push({ table: m[1]!, chain: m[2]!, flags, proto });
  }
  return out;
}

/**
 * One packet's journey through the chains: from the first line with these TCP flags, on until a
 * new packet arrives (a raw PREROUTING line) or a different TCP packet appears; the IP-in-IP
 * packet IPVS wraps around it counts as the same packet, as it does in the kernel (one skb).
 */
export function packetPath(lines: TraceLine[], flags: string, nth = 0): string[] {
  let start = -1;
  for (let i = 0, seen = 0; i < lines.length; i++) {
    if (lines[i]!.flags === flags && lines[i]!.table === 'raw' && (seen++ === nth)) {
      start = i;
      break;
    }
  }
  if (start < 0) return [];
  const path: string[] = [];
  for (let i = start; i < lines.length; i++) {
    const l = lines[i]!;
    if (i > start && l.table === 'raw' && l.chain === 'PREROUTING') break;
    if (l.proto === 'TCP' && l.flags !== flags) break;
    // A chain's rule line and its policy line are one traversal.
    const step = `${CHAIN_HOOK[l.chain] ?? l.chain}:${l.table}`;
    if (path.at(-1) !== step) path.push(step);
  }
  return path;
}

/** The model's path of packet `n` of a scenario: every hook, and the tables whose hook callbacks walked them there. */
export function modelPath(scenario: string, n: number, tables: readonly string[] = TABLES): string[] {
  const s = scenarioNamed(scenario);
  if (!s) throw new Error(`no trace scenario ${scenario}`);
  const path: string[] = [];
  for (const step of traceJson(s).steps) {
    if (step.packet !== n || step.kind !== 'hook' || !('callbacks' in step)) continue;
    for (const c of step.callbacks ?? []) {
      if (c.verdict !== 'skipped' && !('table_skipped' in c) && tables.includes(c.owner)) path.push(`${step.hook}:${c.owner}`);
    }
  }
  return path;
}
