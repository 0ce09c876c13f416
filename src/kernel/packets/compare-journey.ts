/**
 * Holds a packet engine journey against what tcpdump saw on each L2 segment of the real network:
 * frame by frame on every segment (Ethernet, IP and IP-in-IP headers, ports, flags, sequence and
 * acknowledgement numbers relative to each side's first sequence number), and ARP requests and
 * replies in order. Returns every difference in words, the first one first.
 */
import type { Journey } from '../../sim/packet/journey';
import type { CapturedFrame } from './capture';

export interface CompareOptions {
  /** Segments whose ARP is not compared. */
  skipArpOn?: string[];
  /** Compare ARP frames in any order (a race decides the order). */
  arpAsSet?: boolean;
  /** The engine's ARP frames need only begin the kernel's (after a failure the kernel goes on: retransmissions, ICMP). */
  arpPrefix?: boolean;
}

export function compareJourney(j: Journey, captures: Record<string, CapturedFrame[]>, opts: CompareOptions = {}): string[] {
  const out: string[] = [];
  const links = [...new Set(j.hops.map((h) => h.link))];
  // Sequence numbers are random in the kernel: compare them relative to each side's first one
  // (the SYN and the SYN-ACK, on whichever segment they crossed: a TUN reply never crosses the LAN).
  const isn = (frames: Array<{ flags: string; seq: number | null }>, flags: string) => frames.find((f) => f.flags === flags)?.seq ?? 0;
  const mineL4 = j.hops.map((h) => h.packet.l4);
  const realL4 = Object.values(captures).flatMap((fs) => fs.filter((f) => f.l4).map((f) => f.l4!));
  for (const link of links) {
    const mine = j.hops.filter((h) => h.link === link);
    const real = (captures[link] ?? []).filter((f) => f.l4);
    const rel = (seq: number | null, l4s: typeof mineL4 | typeof realL4, fromClient: boolean) => (seq === null ? null : seq - isn(l4s, fromClient ? 'SYN' : 'SYN,ACK'));
    for (let i = 0; i < mine.length; i++) {
      const h = mine[i]!;
      const f = real[i];
      const where = `segment ${link}, frame ${i + 1} (${h.from} > ${h.to}, ${h.packet.l4.flags})`;
      if (!f) {
        out.push(`${where}: the kernel sent no such frame on this segment (it saw ${real.length})`);
        break;
      }
      const fromClient = h.direction === 'request';
      const want: Array<[string, unknown, unknown]> = [
        ['eth.src', h.eth.src, f.eth.src],
        ['eth.dst', h.eth.dst, f.eth.dst],
        ['ip.src', h.packet.ip.src, f.ip?.src],
        ['ip.dst', h.packet.ip.dst, f.ip?.dst],
        ['ip.ttl', h.packet.ip.ttl, f.ip?.ttl],
        ['ip.len', h.packet.ip.len, f.ip?.len],
        ['l4.sport', h.packet.l4.sport, f.l4!.sport],
        ['l4.dport', h.packet.l4.dport, f.l4!.dport],
        ['l4.flags', h.packet.l4.flags, f.l4!.flags],
        ['l4.seq', rel(h.packet.l4.seq, mineL4, fromClient), rel(f.l4!.seq, realL4, fromClient)],
        ['l4.ack', h.packet.l4.ack ? rel(h.packet.l4.ack, mineL4, !fromClient) : 0, f.l4!.ack ? rel(f.l4!.ack, realL4, !fromClient) : 0],
        ['outer', h.packet.outer ? `${h.packet.outer.src} > ${h.packet.outer.dst} ttl ${h.packet.outer.ttl} len ${h.packet.outer.len}` : 'none', f.outer ? `${f.outer.src} > ${f.outer.dst} ttl ${f.outer.ttl} len ${f.outer.len}` : 'none'],
      ];
      // tcpdump prints no sequence number on a bare ACK: nothing to compare there.
      const bad = want.filter(([k, a, b]) => a !== b && !(k === 'l4.seq' && f.l4!.seq === null));
      if (bad.length) out.push(`${where}: ${bad.map(([k, a, b]) => `${k} engine ${a}, kernel ${b}`).join('; ')}`);
    }
  }
  const arpLinks = new Set([...j.arp.map((a) => a.link), ...Object.keys(captures)]);
  for (const link of arpLinks) {
    if (opts.skipArpOn?.includes(link)) continue;
    const words = (op: string, sender: string, target: string, mac?: string) => (op === 'request' ? `who-has ${target} tell ${sender}` : `${sender} is-at ${mac}`);
    let mine = j.arp.filter((a) => a.link === link).map((a) => words(a.op, a.senderIp, a.targetIp, a.senderMac));
    let real = (captures[link] ?? []).filter((f) => f.arp).map((f) => words(f.arp!.op, f.arp!.senderIp, f.arp!.targetIp, f.arp!.senderMac));
    if (opts.arpPrefix) real = real.slice(0, mine.length);
    if (opts.arpAsSet) {
      mine = [...mine].sort();
      real = [...real].sort();
    }
    if (mine.join(' | ') !== real.join(' | ')) out.push(`ARP on ${link}: engine [${mine.join(' | ')}], kernel [${real.join(' | ')}]`);
  }
  return out;
}
