/**
 * The wires and the neighbour tables: routing lookups, ARP as Linux does it (arp_ignore,
 * arp_announce, the first answer kept within locktime, requests teaching the target the
 * sender's address), and frames handed from node to node one hop at a time. What a node does
 * with a packet it receives is up to the node's handler (./nodes.ts).
 */
import type { Simulation, Text } from '../core';
import { inPrefix, type Iface, type NodeSpec, type Topology } from './topology';
import type { ArpFrame, Direction, Hop, NodeId, Packet } from './types';

/** Virtual time one frame takes to cross a link and be processed. */
export const HOP_MS = 1;

export type Receive = (node: NodeId, packet: Packet, iface: Iface, hop: Hop) => void;

export interface SendOptions {
  segment: number;
  direction: Direction;
  /** Says what the sending node did to the packet before it left. */
  text: Text;
  /** IPVS DR: the next hop is the destination itself, whatever the route says (FLOWI_FLAG_KNOWN_NH). */
  knownNextHop?: string;
  /** Called instead of sending when the next hop cannot be resolved. */
  onUnreachable(reason: Text): void;
}

export class Network {
  /** Neighbour tables: node → "iface|ip" → MAC. */
  readonly neigh = new Map<NodeId, Map<string, string>>();
  private lastHop = new Map<number, Hop>();
  receive: Receive = () => {};

  constructor(readonly sim: Simulation, readonly topo: Topology) {
    for (const id of Object.keys(topo.nodes)) this.neigh.set(id as NodeId, new Map());
  }

  node(id: NodeId): NodeSpec {
    return this.topo.nodes[id]!;
  }

  isLocal(id: NodeId, ip: string): Iface | undefined {
    return this.node(id).ifaces.find((i) => i.addrs.some((a) => a.ip === ip));
  }

  /** Longest-prefix match: the outgoing interface and the next hop's address. */
  route(id: NodeId, dst: string): { iface: Iface; nextHop: string } | undefined {
    const n = this.node(id);
    const best = [...n.routes]
      .filter((r) => inPrefix(dst, r.dst, r.prefix))
      .sort((a, b) => b.prefix - a.prefix)[0];
    if (!best) return undefined;
    const iface = n.ifaces.find((i) => i.name === best.dev)!;
    return { iface, nextHop: best.via ?? dst };
  }

  /** Learn a neighbour (tests and scenarios that start with warm caches use it too). */
  learn(id: NodeId, iface: string, ip: string, mac: string): void {
    this.neigh.get(id)!.set(`${iface}|${ip}`, mac);
  }

  send(from: NodeId, packet: Packet, opts: SendOptions): void {
    // A known next hop (DR's real server) is routed to like any address: when it is not on a
    // connected network the frame goes to that route's gateway (__ip_vs_get_out_rt), as the kernel does.
    const dst = opts.knownNextHop ?? packet.outer?.dst ?? packet.ip.dst;
    const r = this.route(from, dst);
    if (!r || !r.iface.link) {
      opts.onUnreachable({ en: `${this.Name(from, 'en')} has no route to ${dst}.`, zh: `${this.name(from, 'zh')} 没有到 ${dst} 的路由。` });
      return;
    }
    const nextHop = r.nextHop;
    const src = packet.outer?.src ?? packet.ip.src;
    this.resolve(from, r.iface, nextHop, src, (mac) => this.transmit(from, r.iface, mac, packet, opts), opts.onUnreachable);
  }

  private transmit(from: NodeId, iface: Iface, dstMac: string, packet: Packet, opts: SendOptions): void {
    const to = this.ownerOf(iface.link!, dstMac);
    if (!to) throw new Error(`no node owns ${dstMac} on ${iface.link}`);
    const hop: Hop = {
      segment: opts.segment, from, to: to.node, link: iface.link!, direction: opts.direction,
      eth: { src: iface.mac, dst: dstMac }, packet: structuredClone(packet), changed: [],
    };
    const prev = this.lastHop.get(opts.segment);
    hop.changed = prev ? changedFields(prev, hop) : [];
    this.lastHop.set(opts.segment, hop);
    this.sim.emit(from, 'hop', hop, opts.text);
    this.sim.after(HOP_MS, () => this.receive(to.node, structuredClone(packet), to.iface, hop));
  }

  private ownerOf(link: string, mac: string): { node: NodeId; iface: Iface } | undefined {
    for (const n of Object.values(this.topo.nodes)) {
      const iface = n.ifaces.find((i) => i.link === link && i.mac === mac);
      if (iface) return { node: n.id, iface };
    }
    return undefined;
  }

  private resolve(from: NodeId, iface: Iface, ip: string, pktSrc: string, then: (mac: string) => void, fail: (r: Text) => void): void {
    const cached = this.neigh.get(from)!.get(`${iface.name}|${ip}`);
    if (cached) return then(cached);
    const me = this.node(from);
    // arp_announce 0: any local address, so the packet's own source; 2: the interface's address for that subnet.
    const own = iface.addrs.find((a) => inPrefix(ip, a.ip, a.prefix)) ?? iface.addrs[0]!;
    const senderIp = me.sysctl.arpAnnounce === 0 && this.isLocal(from, pktSrc) ? pktSrc : own.ip;
    const req: ArpFrame = { op: 'request', from, to: 'broadcast', link: iface.link!, senderIp, senderMac: iface.mac, targetIp: ip };
    const announceNote = senderIp !== own.ip
      ? { en: ` It puts ${senderIp} in the sender field — arp_announce=0 lets it use the packet's source address.`, zh: `发送方地址填的是 ${senderIp}——arp_announce=0 允许使用这个包的源地址。` }
      : { en: '', zh: '' };
    this.sim.emit(from, 'arp', req, {
      en: `${this.Name(from, 'en')} broadcasts an ARP request on the ${iface.link} segment: who has ${ip}? Tell ${senderIp}.${announceNote.en}`,
      zh: `${this.name(from, 'zh')} 在 ${iface.link} 网段广播 ARP 请求：谁是 ${ip}？请告诉 ${senderIp}。${announceNote.zh}`,
    });
    const answers = this.answerers(req, from);
    if (answers.length === 0) {
      this.sim.after(HOP_MS, () => {
        const reason = {
          en: `Nobody on the ${iface.link} segment has ${ip}: the ARP request goes unanswered, ${this.name(from, 'en')} cannot build the frame and drops the packet.`,
          zh: `${iface.link} 网段上没有人拥有 ${ip}：ARP 请求无人应答，${this.name(from, 'zh')} 无法封装帧，只能丢弃这个包。`,
        };
        this.sim.emit(from, 'arp.fail', { ip, link: iface.link }, reason);
        fail(reason);
      });
      return;
    }
    // Every answer arrives in the same instant; the requester keeps the first and sends.
    this.sim.after(HOP_MS, () => {
      answers.forEach((ans, k) => {
        const reply: ArpFrame = {
          op: 'reply', from: ans.node, to: from, link: iface.link!, senderIp: ip, senderMac: ans.iface.mac,
          targetIp: senderIp, targetMac: iface.mac,
        };
        const first = k === 0;
        if (first) this.learn(from, iface.name, ip, ans.iface.mac);
        const where = ans.hostsOn !== ans.iface.name ? { en: ` (the address is on its ${ans.hostsOn}, but arp_ignore=0 answers for any local address)`, zh: `（这个地址配在它的 ${ans.hostsOn} 上，但 arp_ignore=0 会为任何本机地址应答）` } : { en: '', zh: '' };
        this.sim.emit(ans.node, 'arp', reply, first
          ? { en: `${this.Name(ans.node, 'en')} answers: ${ip} is at ${ans.iface.mac}${where.en}. ${this.Name(from, 'en')} stores it.`,
              zh: `${this.name(ans.node, 'zh')} 应答：${ip} 在 ${ans.iface.mac}${where.zh}。${this.name(from, 'zh')} 记下了它。` }
          : { en: `${this.Name(ans.node, 'en')} answers too: ${ip} is at ${ans.iface.mac}${where.en}. ${this.Name(from, 'en')} keeps the first answer (Linux ignores a different answer within locktime, 1 s) — which one comes first is a race.`,
              zh: `${this.name(ans.node, 'zh')} 也应答：${ip} 在 ${ans.iface.mac}${where.zh}。${this.name(from, 'zh')} 保留第一个应答（Linux 在 locktime 1 秒内忽略不同的应答）——谁先到是一场竞争。` });
      });
      then(answers[0]!.iface.mac);
    });
  }

  /** The nodes on the link that answer the request, each having learned the sender (Linux's neigh_event_ns). */
  private answerers(req: ArpFrame, from: NodeId): Array<{ node: NodeId; iface: Iface; hostsOn: string }> {
    const out: Array<{ node: NodeId; iface: Iface; hostsOn: string }> = [];
    for (const n of Object.values(this.topo.nodes)) {
      if (n.id === from) continue;
      const iface = n.ifaces.find((i) => i.link === req.link);
      if (!iface) continue;
      const owner = this.isLocal(n.id, req.targetIp);
      if (!owner) continue;
      // arp_ignore=1: answer only for addresses configured on the interface the request came in on.
      if (n.sysctl.arpIgnore === 1 && owner !== iface) continue;
      this.learn(n.id, iface.name, req.senderIp, req.senderMac);
      out.push({ node: n.id, iface, hostsOn: owner.name });
    }
    // When real servers answer for the VIP (arp_ignore=0) it is a race against the director. They are idle
    // and the director is busy forwarding, so the model lets them win: the failure a reader must see.
    return out.sort((x, y) => Number(x.hostsOn === x.iface.name) - Number(y.hostsOn === y.iface.name));
  }

  /** The node's name at the start of a sentence. */
  Name(id: NodeId, lang: 'en' | 'zh'): string {
    const n = this.name(id, lang);
    return n.charAt(0).toUpperCase() + n.slice(1);
  }

  name(id: NodeId, lang: 'en' | 'zh'): string {
    const l = this.node(id).label[lang];
    return lang === 'en' && id !== 'rs1' && id !== 'rs2' ? `the ${l.toLowerCase()}` : l;
  }
}

/** Which header fields differ between two hops of the same packet. */
export function changedFields(prev: Hop, next: Hop): string[] {
  const out: string[] = [];
  const cmp = (path: string, a: unknown, b: unknown) => {
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push(path);
  };
  cmp('eth.src', prev.eth.src, next.eth.src);
  cmp('eth.dst', prev.eth.dst, next.eth.dst);
  for (const k of ['src', 'dst', 'proto', 'ttl', 'len'] as const) cmp(`ip.${k}`, prev.packet.ip[k], next.packet.ip[k]);
  for (const k of ['sport', 'dport', 'flags', 'seq', 'ack'] as const) cmp(`l4.${k}`, prev.packet.l4[k], next.packet.l4[k]);
  if (!prev.packet.outer !== !next.packet.outer) out.push('outer');
  else if (prev.packet.outer && next.packet.outer) {
    for (const k of ['src', 'dst', 'ttl'] as const) cmp(`outer.${k}`, prev.packet.outer[k], next.packet.outer[k]);
  }
  cmp('l4.ts', prev.packet.l4.ts, next.packet.l4.ts);
  cmp('toa', prev.packet.toa, next.packet.toa);
  return out;
}
