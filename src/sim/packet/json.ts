/** The machine-readable journey `lvs-lab packet --json` prints (field names as the issue specifies). */
import type { Journey } from './journey';

export interface JourneyJson {
  mode: string;
  breaks: string[];
  hops: Array<{
    from: string; to: string; direction: string; link: string;
    eth: { src: string; dst: string };
    ip: { src: string; dst: string; proto: number; ttl: number; len: number };
    l4: { sport: number; dport: number; flags: string; seq: number; ack: number; ts?: false };
    outer?: { src: string; dst: string; proto: number; ttl: number; len: number };
    toa?: { addr: string; port: number };
    changed: string[];
  }>;
  arp: Array<{ op: string; from: string; to: string; sender_ip: string; sender_mac: string; target_ip: string }>;
  ipvs: Journey['timeline']['frames'][number]['state']['conns'];
  delivered: boolean;
  drop_reason?: string;
  warning?: string;
}

export function journeyJson(j: Journey, lang: 'en' | 'zh' = 'en'): JourneyJson {
  const out: JourneyJson = {
    mode: j.mode,
    breaks: j.breaks,
    hops: j.hops.map((h) => {
      const { ip, l4, outer, toa } = h.packet;
      return {
        from: h.from, to: h.to, direction: h.direction, link: h.link,
        eth: { ...h.eth },
        ip: { src: ip.src, dst: ip.dst, proto: ip.proto, ttl: ip.ttl, len: ip.len },
        l4: { sport: l4.sport, dport: l4.dport, flags: l4.flags, seq: l4.seq, ack: l4.ack, ...(l4.ts === false ? { ts: false } : {}) },
        ...(outer ? { outer: { src: outer.src, dst: outer.dst, proto: outer.proto, ttl: outer.ttl, len: outer.len } } : {}),
        ...(toa ? { toa: { ...toa } } : {}),
        changed: h.changed,
      };
    }),
    arp: j.arp.map((a) => ({ op: a.op, from: a.from, to: a.to, sender_ip: a.senderIp, sender_mac: a.senderMac, target_ip: a.targetIp })),
    ipvs: j.timeline.frames[j.timeline.frames.length - 1]!.state.conns,
    delivered: j.outcome.delivered,
  };
  if (j.outcome.dropReason) out.drop_reason = j.outcome.dropReason[lang];
  if (j.outcome.warning) out.warning = j.outcome.warning[lang];
  return out;
}
