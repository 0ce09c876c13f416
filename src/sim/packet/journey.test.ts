/**
 * Every header field at every hop, per mode, written out by hand from the kernel's behaviour:
 * routers and IPVS (since 4.17) decrement the TTL; NAT rewrites the destination on the way in and
 * the source on the way out; FULLNAT rewrites both, shifts sequence numbers, strips timestamps and adds TOA
 * to the client segments that acknowledge the SYN-ACK (from DPVS's and Alibaba's tcp_fnat_in_handler: no
 * FULLNAT kernel can be booted here, so these are worked out by hand from that source); DR changes only
 * MACs; TUN adds an outer header whose TTL copies the inner one, and the reply skips the director.
 */
import { describe, expect, it } from 'vitest';
import { runJourney, journeyJson, MAC, type Hop, type Mode } from './index';

const MAC_NAME: Record<string, string> = {
  [MAC.client]: 'client', [MAC.routerWan]: 'r.wan', [MAC.routerLan]: 'r.lan', [MAC.routerRsnet]: 'r.rs',
  [MAC.routerRemote]: 'r.rem', [MAC.directorLan]: 'd.lan', [MAC.directorRsnet]: 'd.rs', [MAC.rs1]: 'rs1', [MAC.rs2]: 'rs2',
};

/** One hop as a line: nodes, direction, MACs, addresses, flags, TTL, and the outer header / TOA when present. */
function line(h: Hop): string {
  const { ip, l4, outer, toa } = h.packet;
  let s = `${h.from}>${h.to} ${h.direction === 'request' ? 'req' : 'rep'} | ${MAC_NAME[h.eth.src]}>${MAC_NAME[h.eth.dst]} | `
    + `${ip.src}:${l4.sport}>${ip.dst}:${l4.dport} ${l4.flags} ttl${ip.ttl}`;
  if (outer) s += ` | outer ${outer.src}>${outer.dst} p${outer.proto} ttl${outer.ttl}`;
  if (toa) s += ` | toa ${toa.addr}:${toa.port}`;
  return s;
}

const C = '203.0.113.7:40001';
const V = '192.0.2.10:80';

/** The request path and reply path of a mode, with F standing for the segment's flags. */
const PATHS: Record<Mode, { req: string[]; rep: string[] }> = {
  nat: {
    req: [
      `client>router req | client>r.wan | ${C}>${V} F ttl64`,
      `router>director req | r.lan>d.lan | ${C}>${V} F ttl63`,
      `director>rs1 req | d.rs>rs1 | ${C}>10.0.0.11:8080 F ttl62`,
    ],
    rep: [
      `rs1>director rep | rs1>d.rs | 10.0.0.11:8080>${C} F ttl64`,
      `director>router rep | d.lan>r.lan | ${V}>${C} F ttl63`,
      `router>client rep | r.wan>client | ${V}>${C} F ttl62`,
    ],
  },
  fullnat: {
    req: [
      `client>router req | client>r.wan | ${C}>${V} F ttl64`,
      `router>director req | r.lan>d.lan | ${C}>${V} F ttl63`,
      `director>rs1 req | d.rs>rs1 | 10.0.0.100:1024>10.0.0.11:8080 F ttl62`,
    ],
    rep: [
      `rs1>director rep | rs1>d.rs | 10.0.0.11:8080>10.0.0.100:1024 F ttl64`,
      `director>router rep | d.lan>r.lan | ${V}>${C} F ttl63`,
      `router>client rep | r.wan>client | ${V}>${C} F ttl62`,
    ],
  },
  dr: {
    req: [
      `client>router req | client>r.wan | ${C}>${V} F ttl64`,
      `router>director req | r.lan>d.lan | ${C}>${V} F ttl63`,
      `director>rs1 req | d.lan>rs1 | ${C}>${V} F ttl62`,
    ],
    rep: [
      `rs1>router rep | rs1>r.lan | ${V}>${C} F ttl64`,
      `router>client rep | r.wan>client | ${V}>${C} F ttl63`,
    ],
  },
  tun: {
    req: [
      `client>router req | client>r.wan | ${C}>${V} F ttl64`,
      `router>director req | r.lan>d.lan | ${C}>${V} F ttl63`,
      `director>router req | d.lan>r.lan | ${C}>${V} F ttl62 | outer 192.0.2.2>198.51.100.11 p4 ttl62`,
      `router>rs1 req | r.rem>rs1 | ${C}>${V} F ttl62 | outer 192.0.2.2>198.51.100.11 p4 ttl61`,
    ],
    rep: [
      `rs1>router rep | rs1>r.rem | ${V}>${C} F ttl64`,
      `router>client rep | r.wan>client | ${V}>${C} F ttl63`,
    ],
  },
};

function expected(mode: Mode): string[] {
  const { req, rep } = PATHS[mode];
  const f = (rows: string[], flags: string) => rows.map((r) => r.replace(' F ', ` ${flags} `));
  const ack = f(req, 'ACK');
  const data = f(req, 'PSH,ACK');
  // FULLNAT: the client's address rides to the real server in the TOA option of every client segment whose
  // ack is the server's first sequence number: the handshake's ACK and the request (the server has sent no data yet).
  if (mode === 'fullnat') {
    ack[2] += ` | toa ${C}`;
    data[2] += ` | toa ${C}`;
  }
  return [...f(req, 'SYN'), ...f(rep, 'SYN,ACK'), ...ack, ...data, ...f(rep, 'PSH,ACK')];
}

describe('one connection, every hop', () => {
  for (const mode of ['nat', 'fullnat', 'dr', 'tun'] as const) {
    it(`VS/${mode.toUpperCase()}: request and reply headers at every hop`, () => {
      const j = runJourney({ mode });
      expect(j.hops.map(line)).toEqual(expected(mode));
      expect(j.outcome.delivered).toBe(true);
      expect(j.outcome.warning).toBeUndefined();
    });
  }

  it('sequence numbers, lengths and DF are those of a Linux client and server', () => {
    const segs = new Map<number, Hop>();
    for (const h of runJourney({ mode: 'nat' }).hops) if (!segs.has(h.segment)) segs.set(h.segment, h);
    const s = (n: number) => { const { l4, ip } = segs.get(n)!.packet; return [l4.seq, l4.ack, l4.payload, ip.len, ip.df]; };
    expect(s(1)).toEqual([1000, 0, 0, 60, true]);
    expect(s(2)).toEqual([5000, 1001, 0, 60, true]);
    expect(s(3)).toEqual([1001, 5001, 0, 52, true]);
    expect(s(4)).toEqual([1001, 5001, 120, 172, true]);
    expect(s(5)).toEqual([5001, 1121, 600, 652, true]);
  });

  it('FULLNAT: TOA adds 8 bytes between director and real server; timestamps are off after the SYN', () => {
    const hops = runJourney({ mode: 'fullnat' }).hops;
    const seg = (n: number) => hops.filter((h) => h.segment === n);
    // The SYN keeps its length (the timestamps option is overwritten with NOPs, not cut out).
    expect(seg(1).map((h) => [h.packet.ip.len, h.packet.l4.ts ?? 'ts'])).toEqual([[60, 'ts'], [60, 'ts'], [60, false]]);
    expect(seg(1)[2]!.changed).toEqual(expect.arrayContaining(['l4.seq', 'l4.ts']));
    // No timestamps from then on: SYN-ACK 20 + 32, ACK 20 + 20, request 20 + 20 + 120, response 20 + 20 + 600.
    expect(seg(2).map((h) => h.packet.ip.len)).toEqual([52, 52, 52]);
    expect(seg(3).map((h) => h.packet.ip.len)).toEqual([40, 40, 48]);
    expect(seg(4).map((h) => h.packet.ip.len)).toEqual([160, 160, 168]);
    expect(seg(5).map((h) => h.packet.ip.len)).toEqual([640, 640, 640]);
    expect(seg(3)[2]!.changed).toEqual(expect.arrayContaining(['ip.src', 'ip.dst', 'l4.sport', 'l4.dport', 'l4.seq', 'toa']));
  });

  it('FULLNAT: the director numbers the real-server side itself and translates back', () => {
    const hops = runJourney({ mode: 'fullnat' }).hops;
    const at = (n: number, i: number) => [hops.filter((h) => h.segment === n)[i]!.packet.l4.seq, hops.filter((h) => h.segment === n)[i]!.packet.l4.ack];
    // Client side: the client's ISN 1000; real-server side: the director's 70000 (FULLNAT_ISN), a shift of 69000.
    expect(at(1, 0)).toEqual([1000, 0]);
    expect(at(1, 2)).toEqual([70000, 0]);
    expect(at(2, 0)).toEqual([5000, 70001]);
    expect(at(2, 2)).toEqual([5000, 1001]);
    expect(at(3, 2)).toEqual([70001, 5001]);
    expect(at(4, 2)).toEqual([70001, 5001]);
    expect(at(5, 0)).toEqual([5001, 70121]);
    expect(at(5, 2)).toEqual([5001, 1121]);
  });

  it('the outer header adds 20 bytes in TUN and routers read only it', () => {
    const syn = runJourney({ mode: 'tun' }).hops.filter((h) => h.segment === 1);
    expect(syn[2]!.packet.outer!.len).toBe(80);
    expect(syn[3]!.changed).toEqual(['eth.src', 'eth.dst', 'outer.ttl']);
  });

  it('marks exactly the fields each hop changed', () => {
    const dr = runJourney({ mode: 'dr' }).hops;
    expect(dr[2]!.changed).toEqual(['eth.src', 'eth.dst', 'ip.ttl']);
    const nat = runJourney({ mode: 'nat' }).hops;
    expect(nat[2]!.changed).toEqual(['eth.src', 'eth.dst', 'ip.dst', 'ip.ttl', 'l4.dport']);
    expect(nat[4]!.changed).toEqual(['eth.src', 'eth.dst', 'ip.src', 'ip.ttl', 'l4.sport']);
  });

  it('fills the IPVS connection table: SYN_RECV on the SYN, ESTABLISHED on the ACK', () => {
    const j = runJourney({ mode: 'fullnat' });
    const states = j.timeline.frames.map((f) => f.state.conns[0]?.state ?? '-');
    expect(states[0]).toBe('-');
    expect(states).toContain('SYN_RECV');
    expect(states[states.length - 1]).toBe('ESTABLISHED');
    expect(j.timeline.frames.at(-1)!.state.conns).toEqual([{
      proto: 'TCP', state: 'ESTABLISHED', expire: 900, client: C, virtual: V,
      local: '10.0.0.100:1024', real: '10.0.0.11:8080', forward: 'FullNat',
    }]);
    expect(j.timeline.frames.at(-1)!.state.pool![0]).toMatchObject({ addr: '10.0.0.100', used: 1 });
  });

  it('DR: the real servers never answer ARP for the VIP; the director learns RS1 by ARP on the LAN', () => {
    const j = runJourney({ mode: 'dr' });
    const vipAnswers = j.arp.filter((a) => a.op === 'reply' && a.senderIp === '192.0.2.10');
    expect(vipAnswers.map((a) => a.from)).toEqual(['director']);
    expect(j.arp.some((a) => a.op === 'request' && a.from === 'director' && a.targetIp === '192.0.2.11')).toBe(true);
    // arp_announce=2: RS1 asks for its gateway with its own address, never the VIP.
    const rsAsks = j.arp.filter((a) => a.op === 'request' && a.from === 'rs1');
    expect(rsAsks.every((a) => a.senderIp === '192.0.2.11')).toBe(true);
  });

  it('is the same run every time, and every event speaks both languages', () => {
    const a = journeyJson(runJourney({ mode: 'tun' }));
    const b = journeyJson(runJourney({ mode: 'tun' }));
    expect(a).toEqual(b);
    for (const mode of ['nat', 'fullnat', 'dr', 'tun'] as const) {
      for (const e of runJourney({ mode }).timeline.events) {
        expect(e.text.en.length).toBeGreaterThan(10);
        expect(e.text.zh).toMatch(/[\u4e00-\u9fff]/);
      }
    }
  });
});
