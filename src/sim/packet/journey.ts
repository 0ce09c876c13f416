/**
 * One TCP connection through a director, hop by hop: the client's three-way handshake, one
 * request and one response, over the topology of the chosen forwarding mode, with any of the
 * misconfigurations switched on. Everything the nodes do is an event with a sentence in English
 * and Chinese; `record` turns the run into frames the packet player steps through.
 */
import { Simulation, record, type SimEvent, type Text, type Timeline } from '../core';
import { breakNamed } from './breaks';
import { Ipvs, ttlExpired } from './ipvs';
import { Network } from './network';
import { ADDR, MAC, topology, type Iface, type Topology } from './topology';
import type { ArpFrame, BreakName, Direction, Hop, Mode, NodeId, Outcome, Packet, PacketState } from './types';

export interface JourneyOptions {
  mode: Mode;
  breaks?: readonly BreakName[];
  seed?: number | string;
}

export interface Journey {
  mode: Mode;
  breaks: BreakName[];
  topology: Topology;
  timeline: Timeline<PacketState>;
  hops: Hop[];
  arp: ArpFrame[];
  outcome: Outcome;
}

const CLIENT_ISN = 1000;
const SERVER_ISN = 5000;
/** A small GET, and with the `mtu` switch a full-size segment (1500 bytes with 32 bytes of TCP header). */
const REQUEST_BYTES = 120;
const FULL_SIZE_BYTES = 1448;
const RESPONSE_BYTES = 600;
/** The client sends its request this long after its ACK, so the two never share a wire. */
const THINK_MS = 20;

const BYPASS_WARNING: Text = {
  en: "The connection worked, but the director never saw it: RS1 answered the router's ARP for the VIP first, so the router sends the VIP's traffic straight to RS1's MAC. Every client now lands on RS1 and `ipvsadm -Lnc` on the director stays empty — no load balancing. Even when the director wins the race, a real server with arp_announce=0 later sends ARP requests with the VIP as sender and flips the router's entry. Set arp_ignore=1 and arp_announce=2 on the real servers.",
  zh: '连接成功了，但调度器根本没看到它：RS1 抢先应答了路由器对 VIP 的 ARP 查询，于是路由器把发往 VIP 的流量直接送到 RS1 的 MAC。此后所有客户端都落到 RS1，调度器上 `ipvsadm -Lnc` 一条记录也没有——负载均衡失效。即使调度器赢得这场竞争，arp_announce=0 的真实服务器之后发出的 ARP 请求也会以 VIP 作为发送方地址，把路由器的表项改掉。应在真实服务器上设置 arp_ignore=1 和 arp_announce=2。',
};

/**
 * A TCP segment as Linux sends it: options MSS, SACK-permitted, window scale and timestamps in a SYN
 * (40-byte header), timestamps alone after it (32). Without timestamps (`ts` false: the peer's SYN had
 * none) a SYN-ACK's options take 12 bytes (MSS, SACK-permitted, window scale and NOPs) and later
 * segments have the bare 20-byte header.
 */
export function tcp(src: string, sport: number, dst: string, dport: number, flags: string, seq: number, ack: number, payload = 0, ts = true): Packet {
  const syn = flags.includes('SYN');
  const tcpHeader = ts ? (syn ? 40 : 32) : syn ? 32 : 20;
  return {
    ip: { src, dst, proto: 6, ttl: 64, len: 20 + tcpHeader + payload, df: true },
    l4: { sport, dport, flags, seq, ack, payload, ...(ts ? {} : { ts: false as const }) },
  };
}

export function validateBreaks(mode: Mode, breaks: readonly string[]): string | undefined {
  for (const b of breaks) {
    const spec = breakNamed(b);
    if (!spec) return `unknown break '${b}'`;
    if (!spec.modes.includes(mode)) return `break '${b}' applies to ${spec.modes.join(', ')}, not ${mode}`;
  }
  return undefined;
}

export function runJourney(opts: JourneyOptions): Journey {
  const mode = opts.mode;
  const breaks = [...(opts.breaks ?? [])];
  const problem = validateBreaks(mode, breaks);
  if (problem) throw new Error(problem);
  const broken = (b: BreakName) => breaks.includes(b);

  const sim = new Simulation(opts.seed ?? 1);
  const topo = topology(mode, breaks);
  const net = new Network(sim, topo);
  const ipvs = new Ipvs(topo, { poolExhausted: broken('port-pool') });
  // The client's side of the world is not the lesson: its gateway's MAC is known from the start.
  net.learn('client', 'eth0', ADDR.routerWan, MAC.routerWan);
  net.learn('router', 'wan0', ADDR.client, MAC.client);

  let outcome: Outcome | undefined;
  let bypassed = false;
  let last: SimEvent | undefined;
  const done = () => outcome !== undefined;
  const ep = (ip: string, port: number) => `${ip}:${port}`;
  const name = (id: NodeId, lang: 'en' | 'zh') => net.name(id, lang);

  sim.onEmit((e) => {
    last = e;
  });

  const drop = (at: NodeId, reason: Text) => {
    if (done()) return;
    outcome = { delivered: false, dropReason: reason, droppedAt: at };
    sim.emit(at, 'drop', { at }, reason);
  };

  const send = (from: NodeId, p: Packet, segment: number, direction: Direction, text: Text, knownNextHop?: string) => {
    if (done()) return;
    net.send(from, p, { segment, direction, text, knownNextHop, onUnreachable: (r) => drop(from, r) });
  };

  /** Routers (and the director for traffic that is not its own): decrement the TTL and send on. */
  const forward = (at: NodeId, p: Packet, hop: Hop) => {
    const n = net.node(at);
    if (!n.sysctl.ipForward) {
      return drop(at, { en: `${net.Name(at, 'en')} got a packet for ${p.ip.dst}, which is not its address, and it does not forward: dropped.`, zh: `${name(at, 'zh')} 收到发往 ${p.ip.dst} 的包，这不是它的地址，它也不转发：丢弃。` });
    }
    const header = p.outer ?? p.ip;
    if (header.ttl <= 1) return drop(at, ttlExpired(p, { en: net.Name(at, 'en'), zh: name(at, 'zh') }).reason);
    header.ttl -= 1;
    const dst = header.dst;
    const r = net.route(at, dst);
    const via = r && r.nextHop !== dst ? { en: ` via ${r.nextHop}`, zh: `，经 ${r.nextHop}` } : { en: '', zh: '' };
    send(at, p, hop.segment, hop.direction, {
      en: `${net.Name(at, 'en')} routes the packet for ${dst} out of ${r?.iface.name ?? '?'}${via.en}: new source and destination MACs, TTL ${header.ttl}.${p.outer ? ' It reads only the outer header.' : ''}`,
      zh: `${name(at, 'zh')} 把发往 ${dst} 的包从 ${r?.iface.name ?? '?'} 路由出去${via.zh}：换上新的源和目的 MAC，TTL 变为 ${header.ttl}。${p.outer ? '它只看外层头。' : ''}`,
    });
  };

  const director = (p: Packet, hop: Hop) => {
    const local = net.isLocal('director', p.ip.dst);
    const verdict = local && p.ip.dst === topo.vip ? ipvs.inbound(p) : ipvs.outbound(p);
    if (verdict.kind === 'drop') return drop('director', verdict.reason);
    if (verdict.kind === 'none') {
      if (local) return drop('director', { en: `The director has no service for ${ep(p.ip.dst, p.l4.dport)}.`, zh: `调度器上没有 ${ep(p.ip.dst, p.l4.dport)} 的服务。` });
      return forward('director', p, hop);
    }
    if (verdict.pick) sim.emit('director', 'ipvs', { conn: verdict.conn.real }, verdict.pick);
    send('director', verdict.packet, hop.segment, hop.direction, verdict.text, verdict.knownNextHop);
  };

  const realServer = (at: NodeId, p: Packet, iface: Iface, hop: Hop) => {
    const n = net.node(at);
    const who = name(at, 'en');
    let arrivedOn = iface.name;
    if (p.outer) {
      if (!net.isLocal(at, p.outer.dst)) return forward(at, p, hop);
      const inner: Packet = { ip: p.ip, l4: p.l4, ...(p.toa ? { toa: p.toa } : {}) };
      sim.emit(at, 'decap', { node: at }, {
        en: `${who}'s ipip module takes the IP-in-IP packet on its catch-all tunl0 and strips the outer header: inside is the client's packet, still addressed to the VIP ${topo.vip}, TTL ${p.ip.ttl}.`,
        zh: `${who} 的 ipip 模块在兜底设备 tunl0 上接收这个 IP-in-IP 包，剥掉外层头：里面是客户端的原始包，目的仍是 VIP ${topo.vip}，TTL ${p.ip.ttl}。`,
      });
      p = inner;
      arrivedOn = 'tunl0';
      if (n.sysctl.rpFilter === 1) {
        const back = net.route(at, p.ip.src);
        if (back && back.iface.name !== arrivedOn) {
          return drop(at, {
            en: `Reverse-path filter (rp_filter=1, strict): the packet from ${p.ip.src} came in on tunl0, but ${who}'s route back to ${p.ip.src} leaves by ${back.iface.name}. Strict mode drops it silently. Set net.ipv4.conf.tunl0.rp_filter=0 and net.ipv4.conf.all.rp_filter=0 (the kernel uses the larger of the two).`,
            zh: `反向路径过滤（rp_filter=1，严格模式）：来自 ${p.ip.src} 的包从 tunl0 进来，而 ${who} 回到 ${p.ip.src} 的路由走 ${back.iface.name}。严格模式会悄悄丢弃它。应设置 net.ipv4.conf.tunl0.rp_filter=0 和 net.ipv4.conf.all.rp_filter=0（内核取两者中较大的值）。`,
          });
        }
      }
    }
    if (!net.isLocal(at, p.ip.dst)) {
      if (mode === 'tun') {
        return drop(at, {
          en: `After decapsulation the packet is for ${p.ip.dst}, but ${who} does not have the VIP on tunl0 (or lo). It is not a router, so it drops the packet. Add it: ip addr add ${topo.vip}/32 dev tunl0; ip link set tunl0 up.`,
          zh: `解封装后这个包发往 ${p.ip.dst}，但 ${who} 的 tunl0（或 lo）上没有配置 VIP。它不是路由器，于是丢弃。应添加：ip addr add ${topo.vip}/32 dev tunl0; ip link set tunl0 up。`,
        });
      }
      return forward(at, p, hop);
    }
    serve(at, p, arrivedOn, hop);
  };

  /** The real server's TCP: listen, handshake, answer the request. */
  const serve = (at: NodeId, p: Packet, arrivedOn: string, hop: Hop) => {
    const n = net.node(at);
    const who = name(at, 'en');
    if (p.l4.dport !== n.listen) return drop(at, { en: `${who} has nothing listening on port ${p.l4.dport}: it answers with a RST.`, zh: `${who} 的 ${p.l4.dport} 端口上没有监听：它回 RST。` });
    const gw = net.route(at, p.ip.src)!;
    const path: Text = p.ip.dst === topo.vip
      ? { en: ` The source is the VIP — its own address on ${arrivedOn === 'tunl0' ? 'tunl0' : 'lo'} — and the reply goes straight to the client through its gateway ${gw.nextHop}, not through the director.`,
          zh: `源地址就是 VIP——它自己 ${arrivedOn === 'tunl0' ? 'tunl0' : 'lo'} 上的地址——回包经网关 ${gw.nextHop} 直接发给客户端，不经过调度器。` }
      : mode === 'fullnat'
        ? { en: ` It answers the director's local address: the client's address is nowhere in the IP header.`, zh: `它回应的是调度器的本地地址：IP 头里根本没有客户端的地址。` }
        : gw.nextHop === ADDR.dip
          ? { en: ` Its default gateway is the director (${ADDR.dip}), so the reply goes back through it.`, zh: `它的默认网关是调度器（${ADDR.dip}），所以回包会经过调度器。` }
          : { en: ` Its default gateway is ${gw.nextHop} — the router, not the director! The reply will skip the director and keep the private source address.`, zh: `它的默认网关是 ${gw.nextHop}——是路由器，不是调度器！回包将绕过调度器，源地址仍是私有地址。` };
    const reply = (flags: string, seq: number, ack: number, payload: number, segment: number, what: Text) => {
      // Timestamps only if the segment it answers had them (a SYN without them turns them off for good).
      const r = tcp(p.ip.dst, p.l4.dport, p.ip.src, p.l4.sport, flags, seq, ack, payload, p.l4.ts !== false);
      send(at, r, segment, 'reply', { en: `${who} ${what.en} to ${ep(r.ip.dst, r.l4.dport)}.${path.en}`, zh: `${who} ${what.zh}，发往 ${ep(r.ip.dst, r.l4.dport)}。${path.zh}` });
    };
    if (p.l4.flags === 'SYN') {
      reply('SYN,ACK', SERVER_ISN, p.l4.seq + 1, 0, hop.segment + 1, { en: 'accepts the SYN and answers SYN-ACK', zh: '接受 SYN，回复 SYN-ACK' });
    } else if (p.l4.flags === 'ACK') {
      const toa = p.toa && n.toaModule
        ? { en: ` Its TOA module reads the option, so the application's getpeername() returns the client ${ep(p.toa.addr, p.toa.port)} instead of ${ep(p.ip.src, p.l4.sport)}.`, zh: `它的 TOA 模块读取了这个选项，所以应用调用 getpeername() 得到的是客户端 ${ep(p.toa.addr, p.toa.port)}，而不是 ${ep(p.ip.src, p.l4.sport)}。` }
        : { en: '', zh: '' };
      sim.emit(at, 'tcp.established', { node: at }, { en: `${who}'s connection is established.${toa.en}`, zh: `${who} 上的连接建立完成。${toa.zh}` });
    } else if (p.l4.payload > 0) {
      reply('PSH,ACK', SERVER_ISN + 1, p.l4.seq + p.l4.payload, RESPONSE_BYTES, hop.segment + 1, { en: `reads the ${p.l4.payload}-byte request and sends a ${RESPONSE_BYTES}-byte response`, zh: `读取 ${p.l4.payload} 字节的请求，发送 ${RESPONSE_BYTES} 字节的响应` });
    }
  };

  const client = (p: Packet) => {
    const { ip, port } = topo.client;
    if (p.ip.dst !== ip || p.l4.dport !== port) return;
    if (p.ip.src !== topo.vip || p.l4.sport !== topo.vport) {
      return drop('client', {
        en: `The client receives a ${p.l4.flags} from ${ep(p.ip.src, p.l4.sport)}, but its SYN went to ${ep(topo.vip, topo.vport)}: no socket matches, so its TCP answers with a RST and keeps waiting for the VIP. The connection never opens. (On the Internet the private source address would usually be filtered before it even got here.)`,
        zh: `客户端收到来自 ${ep(p.ip.src, p.l4.sport)} 的 ${p.l4.flags}，但它的 SYN 是发给 ${ep(topo.vip, topo.vport)} 的：没有匹配的套接字，于是它的 TCP 回了 RST，继续等待 VIP 的应答。连接始终建立不起来。（在互联网上，这个私有源地址通常在到达之前就会被过滤掉。）`,
      });
    }
    if (p.l4.flags === 'SYN,ACK') {
      sim.emit('client', 'tcp.established', { node: 'client' }, {
        en: `The client gets SYN-ACK from ${ep(topo.vip, topo.vport)} — the address it called — and completes the handshake with an ACK.`,
        zh: `客户端收到来自 ${ep(topo.vip, topo.vport)}（它呼叫的地址）的 SYN-ACK，用 ACK 完成三次握手。`,
      });
      const ts = p.l4.ts !== false;
      send('client', tcp(ip, port, topo.vip, topo.vport, 'ACK', CLIENT_ISN + 1, p.l4.seq + 1, 0, ts), 3, 'request', {
        en: `The client sends the ACK to ${ep(topo.vip, topo.vport)}.`, zh: `客户端向 ${ep(topo.vip, topo.vport)} 发送 ACK。`,
      });
      const bytes = broken('mtu') ? FULL_SIZE_BYTES : REQUEST_BYTES;
      sim.after(THINK_MS, () => send('client', tcp(ip, port, topo.vip, topo.vport, 'PSH,ACK', CLIENT_ISN + 1, p.l4.seq + 1, bytes, ts), 4, 'request', {
        en: broken('mtu')
          ? `The client uploads: a full-size segment, ${bytes} bytes of data, 1500 bytes on the wire, Don't Fragment set (Linux does path-MTU discovery).`
          : `The client sends its HTTP request: ${bytes} bytes of data.`,
        zh: broken('mtu')
          ? `客户端上传数据：一个满长度的报文段，${bytes} 字节数据，线上 1500 字节，设置了 DF（Linux 会做路径 MTU 发现）。`
          : `客户端发送 HTTP 请求：${bytes} 字节数据。`,
      }));
    } else if (p.l4.payload > 0) {
      outcome = bypassed ? { delivered: true, warning: BYPASS_WARNING } : { delivered: true };
      sim.emit('client', 'delivered', { node: 'client' }, {
        en: `The client receives the ${p.l4.payload}-byte response from ${ep(topo.vip, topo.vport)}. It only ever talked to the VIP.`,
        zh: `客户端收到来自 ${ep(topo.vip, topo.vport)} 的 ${p.l4.payload} 字节响应。它自始至终只和 VIP 打交道。`,
      });
    }
  };

  net.receive = (at, p, iface, hop) => {
    if (done()) return;
    // A frame for the VIP handed by the router straight to a real server: the director is bypassed.
    if (hop.from === 'router' && (at === 'rs1' || at === 'rs2') && !p.outer && p.ip.dst === topo.vip) bypassed = true;
    if (at === 'client') client(p);
    else if (at === 'router') forward('router', p, hop);
    else if (at === 'director') director(p, hop);
    else realServer(at, p, iface, hop);
  };

  sim.at(0, () => send('client', tcp(topo.client.ip, topo.client.port, topo.vip, topo.vport, 'SYN', CLIENT_ISN, 0), 1, 'request', {
    en: `The client opens a connection to the virtual service: SYN from ${ep(topo.client.ip, topo.client.port)} to ${ep(topo.vip, topo.vport)}, TTL 64.`,
    zh: `客户端向虚拟服务发起连接：SYN，从 ${ep(topo.client.ip, topo.client.port)} 到 ${ep(topo.vip, topo.vport)}，TTL 64。`,
  }));

  const snapshot = (): PacketState => {
    const s: PacketState = { conns: ipvs.table() };
    if (ipvs.pool) s.pool = ipvs.pool.usage(topo.real[0]!.ip + ':' + topo.real[0]!.port);
    if (last?.kind === 'hop') s.hop = last.data as Hop;
    if (last?.kind === 'arp') s.arp = last.data as ArpFrame;
    if (last?.kind === 'drop' && outcome?.dropReason) s.drop = { at: outcome.droppedAt!, reason: outcome.dropReason };
    if (outcome) s.outcome = outcome;
    return structuredClone(s);
  };
  const timeline = record(sim, snapshot, { maxEvents: 500 });

  const hops = timeline.events.filter((e) => e.kind === 'hop').map((e) => e.data as Hop);
  const final: Outcome = outcome ?? { delivered: false, dropReason: { en: 'The connection did not complete.', zh: '连接没有完成。' } };
  return {
    mode, breaks, topology: topo, timeline, hops,
    arp: timeline.events.filter((e) => e.kind === 'arp').map((e) => e.data as ArpFrame),
    outcome: final,
  };
}
