/**
 * Reads `tcpdump -e -nn -v -S -tt` text (one capture per L2 segment) into frames shaped like the
 * packet engine's hops: Ethernet addresses, the IP header (and IP-in-IP's outer one), TCP ports,
 * flags as the engine writes them, and ARP requests and replies.
 */
export interface IpFields {
  src: string;
  dst: string;
  proto: number;
  ttl: number;
  len: number;
}

export interface CapturedFrame {
  time: number;
  eth: { src: string; dst: string };
  arp?: { op: 'request' | 'reply'; senderIp: string; targetIp: string; senderMac?: string };
  ip?: IpFields;
  outer?: IpFields;
  /** seq is null where tcpdump prints none (a bare ACK carries no data to number). */
  l4?: { sport: number; dport: number; flags: string; seq: number | null; ack: number; payload: number };
  icmp?: string;
}

const FLAG_NAMES: Record<string, string> = { S: 'SYN', '.': 'ACK', P: 'PSH', F: 'FIN', R: 'RST' };
// The engine's order: SYN,ACK and PSH,ACK (the control flag first, ACK last).
const FLAG_ORDER = ['SYN', 'PSH', 'FIN', 'RST', 'ACK'];

/** tcpdump's [S.] → the engine's "SYN,ACK". */
export function engineFlags(tcpdump: string): string {
  const names = [...tcpdump].map((c) => FLAG_NAMES[c]).filter((x): x is string => !!x);
  return FLAG_ORDER.filter((f) => names.includes(f)).join(',');
}

const ETH = /^(\d+\.\d+) ([0-9a-f:]{17}) > ([0-9a-f:]{17}), ethertype (\S+)/;
const IPHDR = /\(tos \S+, ttl (\d+), id \d+, offset \d+, flags \[[^\]]*\], proto \S+ \((\d+)\), length (\d+)\)/;
const ENDPOINTS = /^\s*(\d+\.\d+\.\d+\.\d+)(?:\.(\d+))? > (\d+\.\d+\.\d+\.\d+)(?:\.(\d+))?:\s*(.*)$/;

export function parseCapture(text: string): CapturedFrame[] {
  // A frame starts with a timestamp at the start of a line; its continuation lines are indented.
  const blocks: string[][] = [];
  for (const line of text.split('\n')) {
    if (/^\d+\.\d+ /.test(line)) blocks.push([line]);
    else if (line.trim() && blocks.length) blocks[blocks.length - 1]!.push(line);
  }
  return blocks.map(parseFrame).filter((f): f is CapturedFrame => f !== null);
}

function parseFrame(lines: string[]): CapturedFrame | null {
  const head = ETH.exec(lines[0]!);
  if (!head) return null;
  const frame: CapturedFrame = { time: Number(head[1]), eth: { src: head[2]!, dst: head[3]! } };
  const all = lines.join('\n');
  if (head[4] === 'ARP') {
    const req = /Request who-has (\S+) tell (\S+),/.exec(all);
    const rep = /Reply (\S+) is-at ([0-9a-f:]{17})/.exec(all);
    if (req) frame.arp = { op: 'request', targetIp: req[1]!, senderIp: req[2]! };
    else if (rep) frame.arp = { op: 'reply', senderIp: rep[1]!, senderMac: rep[2]!, targetIp: '' };
    return frame;
  }
  // IP headers in order: the outer one first for IP-in-IP; each is followed by a line of endpoints.
  const headers: IpFields[] = [];
  let l4: CapturedFrame['l4'];
  let icmp: string | undefined;
  let pending: { ttl: number; proto: number; len: number } | null = null;
  for (const line of lines) {
    // A line may close the previous header (its endpoints) and open the next one (IP-in-IP's inner header).
    const m = pending ? ENDPOINTS.exec(line) : null;
    if (pending && m) {
      headers.push({ src: m[1]!, dst: m[3]!, ...pending });
      const rest = m[5]!;
      if (pending.proto === 6) {
        const flags = /Flags \[([^\]]*)\]/.exec(rest)?.[1] ?? '';
        const seq = /seq (\d+)/.exec(rest);
        const ack = /ack (\d+)/.exec(rest);
        const len = /length (\d+)(?::|$)/.exec(rest);
        l4 = { sport: Number(m[2]), dport: Number(m[4]), flags: engineFlags(flags), seq: seq ? Number(seq[1]) : null, ack: ack ? Number(ack[1]) : 0, payload: len ? Number(len[1]) : 0 };
      } else if (pending.proto === 1) icmp = rest;
      pending = null;
    }
    const h = IPHDR.exec(line);
    if (h) pending = { ttl: Number(h[1]), proto: Number(h[2]), len: Number(h[3]) };
  }
  if (!headers.length) return frame;
  // An ICMP error quotes the packet it is about: that TCP header is not this frame's own.
  if (headers[0]!.proto === 1) {
    frame.ip = headers[0];
    frame.icmp = icmp;
    return frame;
  }
  if (headers.length > 1 && headers[0]!.proto === 4) {
    frame.outer = headers[0];
    frame.ip = headers[1];
  } else frame.ip = headers[0];
  if (l4) frame.l4 = l4;
  if (icmp) frame.icmp = icmp;
  return frame;
}
