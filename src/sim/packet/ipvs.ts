/**
 * The director's IPVS: the connection table and what each forwarding method does to a packet,
 * following the kernel's ip_vs_core.c / ip_vs_xmit.c (NAT, DR, TUN) and the FULLNAT patches
 * (Alibaba's LVS, DPVS), which are not in the mainline kernel.
 */
import type { Text } from '../core';
import { LocalAddressPool } from './local-pool';
import type { Topology } from './topology';
import type { ConnEntry, ConnState, Mode, NodeId, Packet } from './types';

/** ipvsadm's default TCP timeouts, seconds (`ipvsadm -L --timeout`: 900 120 300; SYN_RECV 60). */
export const TIMEOUT: Record<ConnState, number> = { SYN_RECV: 60, ESTABLISHED: 900 };

const FORWARD_NAME: Record<Mode, string> = { nat: 'Masq', fullnat: 'FullNat', dr: 'Route', tun: 'Tunnel' };

export interface Conn {
  cip: string; cport: number;
  vip: string; vport: number;
  rip: string; rport: number;
  real: NodeId;
  lip?: string; lport?: number;
  state: ConnState;
  /** FULLNAT: what the director adds to the client's sequence numbers (its own ISN minus the client's). */
  seqDelta?: number;
  /** FULLNAT: the real server's first sequence number after its SYN-ACK; client segments acking it carry TOA. */
  fdataSeq?: number;
}

/**
 * FULLNAT's own initial sequence number toward the real server. The implementations compute it with
 * secure_tcp_sequence_number() over local address, real server and ports (Alibaba's
 * tcp_in_init_seq, DPVS's tcp_in_init_seq); the model uses a fixed, recognisable value.
 */
export const FULLNAT_ISN = 70000;

export type Verdict =
  | { kind: 'forward'; packet: Packet; conn: Conn; text: Text; knownNextHop?: string; scheduled: boolean; pick?: Text }
  | { kind: 'drop'; reason: Text; icmpFragNeeded?: number }
  | { kind: 'none' };

const ep = (ip: string, port: number) => `${ip}:${port}`;

export class Ipvs {
  readonly conns: Conn[] = [];
  readonly pool?: LocalAddressPool;
  /** Round robin over the real servers: the first new connection goes to RS1. */
  private rrNext = 0;

  constructor(readonly topo: Topology, opts: { poolExhausted?: boolean } = {}) {
    if (topo.mode === 'fullnat') {
      this.pool = new LocalAddressPool(topo.localAddrs);
      if (opts.poolExhausted) for (const r of topo.real) this.pool.fill(ep(r.ip, r.port));
    }
  }

  /** A packet delivered to the director's LOCAL_IN for the virtual service (ip_vs_in). */
  inbound(p: Packet): Verdict {
    const { topo } = this;
    if (p.ip.dst !== topo.vip || p.l4.dport !== topo.vport) return { kind: 'none' };
    let conn = this.conns.find((c) => c.cip === p.ip.src && c.cport === p.l4.sport);
    let scheduled = false;
    if (!conn) {
      if (p.l4.flags !== 'SYN') {
        return { kind: 'drop', reason: { en: 'No IPVS connection matches this packet and it is not a SYN, so IPVS does not schedule it.', zh: '没有匹配这个包的 IPVS 连接，而它又不是 SYN，IPVS 不会调度它。' } };
      }
      const real = topo.real[this.rrNext++ % topo.real.length]!;
      conn = { cip: p.ip.src, cport: p.l4.sport, vip: topo.vip, vport: topo.vport, rip: real.ip, rport: real.port, real: real.id, state: 'SYN_RECV' };
      if (this.pool) {
        const got = this.pool.allocate(ep(real.ip, real.port));
        if (!got) {
          const n = topo.localAddrs.length;
          return { kind: 'drop', reason: {
            en: `The scheduler picks ${real.id.toUpperCase()}, but all ${n} local addresses have every port (${this.pool.capacity.toLocaleString('en')} each) in use toward ${ep(real.ip, real.port)}. With no local address and port to rewrite the source to, FULLNAT drops the SYN; the client will retransmit into the same wall. Add local addresses (laddr) to the pool.`,
            zh: `调度器选中了 ${real.id.toUpperCase()}，但 ${n} 个本地地址通往 ${ep(real.ip, real.port)} 的端口（每个 ${this.pool.capacity} 个）全部被占用。没有可用的本地地址和端口来改写源地址，FULLNAT 丢弃了 SYN；客户端重传也会撞上同一堵墙。需要往地址池里增加本地地址（laddr）。`,
          } };
        }
        conn.lip = got.addr;
        conn.lport = got.port;
      }
      this.conns.push(conn);
      scheduled = true;
    } else if (conn.state === 'SYN_RECV' && p.l4.flags === 'ACK') {
      conn.state = 'ESTABLISHED';
    }
    return this.xmit(p, conn, scheduled);
  }

  /** A reply from a real server seen by the director (NAT: FORWARD, ip_vs_out; FULLNAT: to a local address). */
  outbound(p: Packet): Verdict {
    const conn = this.conns.find((c) => c.rip === p.ip.src && c.rport === p.l4.sport
      && (c.lip ? c.lip === p.ip.dst && c.lport === p.l4.dport : c.cip === p.ip.dst && c.cport === p.l4.dport));
    if (!conn) return { kind: 'none' };
    const out = structuredClone(p);
    out.ip.src = conn.vip;
    out.l4.sport = conn.vport;
    if (conn.lip) {
      out.ip.dst = conn.cip;
      out.l4.dport = conn.cport;
      // Back to the client's numbering: the real server acknowledges the director's sequence numbers.
      out.l4.ack -= conn.seqDelta ?? 0;
      if (p.l4.flags === 'SYN,ACK') conn.fdataSeq = p.l4.seq + 1;
    }
    out.ip.ttl -= 1;
    const text: Text = conn.lip
      ? { en: `The reply comes to the local address ${ep(conn.lip, conn.lport!)}. IPVS finds the connection and rewrites both ends back: source ${ep(conn.vip, conn.vport)}, destination the client ${ep(conn.cip, conn.cport)}, and the acknowledgement number back into the client's numbering (${p.l4.ack} → ${out.l4.ack}).`,
          zh: `回包发往本地地址 ${ep(conn.lip, conn.lport!)}。IPVS 查到连接，把两端都改回来：源为 ${ep(conn.vip, conn.vport)}，目的为客户端 ${ep(conn.cip, conn.cport)}，确认号也换回客户端的编号（${p.l4.ack} → ${out.l4.ack}）。` }
      : { en: `The reply passes the director's FORWARD hook, where IPVS (ip_vs_out_hook; ip_vs_reply4 before Linux 6.2) finds the connection and rewrites the source from ${ep(conn.rip, conn.rport)} back to the VIP ${ep(conn.vip, conn.vport)} (SNAT).`,
          zh: `回包经过调度器的 FORWARD 钩子，IPVS（ip_vs_out_hook；Linux 6.2 之前为 ip_vs_reply4）查到连接，把源地址从 ${ep(conn.rip, conn.rport)} 改回 VIP ${ep(conn.vip, conn.vport)}（SNAT）。` };
    return { kind: 'forward', packet: out, conn, text, scheduled: false };
  }

  private xmit(p: Packet, conn: Conn, scheduled: boolean): Verdict {
    const out = structuredClone(p);
    // Since Linux 4.17 (commit "ipvs: Decrement ttl") IPVS decrements the TTL like a router in every
    // method, and like a router it drops a packet whose TTL runs out and says so to its source.
    if (out.ip.ttl <= 1) return ttlExpired(out, { en: 'the director', zh: '调度器' });
    out.ip.ttl -= 1;
    const who = conn.real.toUpperCase();
    const pickText: Text | undefined = scheduled
      ? { en: `IPVS sees a SYN for the virtual service ${ep(conn.vip, conn.vport)} in the LOCAL_IN hook: the scheduler (rr) picks ${who} and a connection entry is created in state SYN_RECV.`,
          zh: `IPVS 在 LOCAL_IN 钩子上看到发往虚拟服务 ${ep(conn.vip, conn.vport)} 的 SYN：调度器（rr）选中 ${who}，建立状态为 SYN_RECV 的连接表项。` }
      : undefined;
    const pick: Text = scheduled
      ? { en: '', zh: '' }
      : { en: `IPVS finds the connection entry (${conn.state}) and sends the packet to the same real server, ${who}, without asking the scheduler. `,
          zh: `IPVS 查到连接表项（${conn.state}），不再询问调度器，直接发给同一个真实服务器 ${who}。` };
    const done = (v: Extract<Verdict, { kind: 'forward' }>): Verdict => (pickText ? { ...v, pick: pickText } : v);
    switch (this.topo.mode) {
      case 'nat':
        out.ip.dst = conn.rip;
        out.l4.dport = conn.rport;
        return done({ kind: 'forward', packet: out, conn, scheduled, text: {
          en: `${pick.en}It rewrites the destination to ${ep(conn.rip, conn.rport)} (DNAT); the source stays the client's.`,
          zh: `${pick.zh}它把目的地址改写为 ${ep(conn.rip, conn.rport)}（DNAT），源地址仍是客户端的。` } });
      case 'fullnat': {
        out.ip.src = conn.lip!;
        out.l4.sport = conn.lport!;
        out.ip.dst = conn.rip;
        out.l4.dport = conn.rport;
        // As DPVS and Alibaba's LVS do (tcp_fnat_in_handler): in the SYN, overwrite the timestamps option
        // with NOPs (one local address carries many clients, whose clocks differ) and start the director's
        // own sequence numbering toward the real server; shift every later client sequence number by as much.
        const syn = p.l4.flags === 'SYN';
        if (syn) {
          conn.seqDelta = FULLNAT_ISN - p.l4.seq;
          if (out.l4.ts !== false) out.l4.ts = false;
        }
        out.l4.seq += conn.seqDelta ?? 0;
        // TOA rides in every client segment that acknowledges the server's SYN-ACK and nothing after it — the
        // handshake's ACK and the request before any answer — when it fits (DPVS; Alibaba's also puts it in the SYN).
        const addToa = !syn && !p.l4.flags.includes('RST') && conn.fdataSeq !== undefined && p.l4.ack === conn.fdataSeq;
        if (addToa) {
          out.toa = { addr: conn.cip, port: conn.cport };
          out.ip.len += 8;
        }
        const seqText: Text = syn
          ? { en: ` It removes the TCP timestamps option (overwritten with NOPs) and gives the connection its own initial sequence number, ${FULLNAT_ISN} instead of ${p.l4.seq}; later client sequence numbers are shifted by the same ${conn.seqDelta}.`,
              zh: `它去掉 TCP 时间戳选项（用 NOP 覆盖），并给这条连接换上自己的初始序列号：${FULLNAT_ISN}，而不是 ${p.l4.seq}；之后客户端的序列号都平移同样的 ${conn.seqDelta}。` }
          : { en: ` Sequence number ${p.l4.seq} becomes ${out.l4.seq}.`, zh: `序列号 ${p.l4.seq} 变为 ${out.l4.seq}。` };
        return done({ kind: 'forward', packet: out, conn, scheduled, text: {
          en: `${pick.en}It rewrites both addresses: source to the local address ${ep(conn.lip!, conn.lport!)}, destination to ${ep(conn.rip, conn.rport)}.${seqText.en}${addToa ? ` This segment acknowledges the server's SYN-ACK and nothing more, so it also gets the TOA option (kind 254, 8 bytes) carrying the client's ${ep(conn.cip, conn.cport)}.` : ''}`,
          zh: `${pick.zh}它把两个地址都改写：源改为本地地址 ${ep(conn.lip!, conn.lport!)}，目的改为 ${ep(conn.rip, conn.rport)}。${seqText.zh}${addToa ? `这个报文段只确认了服务器的 SYN-ACK，因此还插入 TOA 选项（kind 254，8 字节），携带客户端的 ${ep(conn.cip, conn.cport)}。` : ''}` } });
      }
      case 'dr':
        return done({ kind: 'forward', packet: out, conn, scheduled, knownNextHop: conn.rip, text: {
          en: `${pick.en}DR changes no IP field: it sends the frame to ${who}'s MAC address (${conn.rip} is the next hop) with the destination still the VIP.`,
          zh: `${pick.zh}DR 不改任何 IP 字段：它把帧发往 ${who} 的 MAC 地址（下一跳是 ${conn.rip}），目的地址仍是 VIP。` } });
      case 'tun': {
        const mtu = this.topo.nodes.director!.mtu;
        if (out.ip.df && out.ip.len + 20 > mtu) {
          return { kind: 'drop', icmpFragNeeded: mtu - 20, reason: {
            en: `The packet is ${out.ip.len} bytes with Don't Fragment set, and with the 20-byte outer header it would be ${out.ip.len + 20} — over the ${mtu}-byte MTU. IPVS drops it and sends the client ICMP "fragmentation needed, MTU ${mtu - 20}" (ip_vs_tunnel_xmit). If a firewall eats that ICMP, large transfers hang: a path-MTU black hole. Lower the MTU or MSS on the real servers' side, or clamp the MSS.`,
            zh: `这个包有 ${out.ip.len} 字节且设置了 DF（不分片），加上 20 字节外层头就是 ${out.ip.len + 20} 字节，超过了 ${mtu} 字节的 MTU。IPVS 丢弃它，并向客户端发送 ICMP“需要分片，MTU ${mtu - 20}”（ip_vs_tunnel_xmit）。如果防火墙拦掉了这个 ICMP，大的传输就会卡住：路径 MTU 黑洞。应调小 MTU 或 MSS，或做 MSS clamp。`,
          } };
        }
        out.outer = { src: this.topo.nodes.director!.ifaces[0]!.addrs[0]!.ip, dst: conn.rip, proto: 4, ttl: out.ip.ttl, len: out.ip.len + 20, df: out.ip.df };
        return done({ kind: 'forward', packet: out, conn, scheduled, text: {
          en: `${pick.en}It wraps the packet, unchanged, in a new IP header (IP-in-IP, protocol 4) from ${out.outer.src} to ${conn.rip}: 20 more bytes, ${out.outer.len} in all.`,
          zh: `${pick.zh}它把原包原封不动地装进一个新的 IP 头（IP-in-IP，协议号 4），从 ${out.outer.src} 发往 ${conn.rip}：多出 20 字节，共 ${out.outer.len} 字节。` } });
      }
    }
  }

  table(): ConnEntry[] {
    return this.conns.map((c) => ({
      proto: 'TCP', state: c.state, expire: TIMEOUT[c.state],
      client: ep(c.cip, c.cport), virtual: ep(c.vip, c.vport),
      ...(c.lip ? { local: ep(c.lip, c.lport!) } : {}),
      real: ep(c.rip, c.rport), forward: FORWARD_NAME[this.topo.mode],
    }));
  }
}

/** ICMP time exceeded (decrement_ttl in ip_vs_xmit.c, ip_forward for routers): the packet is dropped. */
export function ttlExpired(p: Packet, at: Text): Verdict & { kind: 'drop' } {
  return { kind: 'drop', reason: {
    en: `The packet's TTL has run out at ${at.en} (it came in with TTL ${p.ip.ttl}): it is dropped, and ${p.ip.src} gets ICMP "time exceeded in transit" — the client's connect() fails with "No route to host". A TTL that runs out inside one network means the packet went round in a loop.`,
    zh: `包的 TTL 在${at.zh}处耗尽（进来时 TTL 为 ${p.ip.ttl}）：包被丢弃，${p.ip.src} 收到 ICMP“传输中超时”——客户端的 connect() 以“No route to host”失败。TTL 在一个网络内部耗尽，说明包在兜圈子。`,
  } };
}
