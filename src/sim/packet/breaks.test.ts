/** Each misconfiguration switch produces the failure its description promises. */
import { describe, expect, it } from 'vitest';
import { BREAKS, LocalAddressPool, runJourney, validateBreaks } from './index';

const VIP = '192.0.2.10';

describe('broken configurations', () => {
  it('DR without arp_ignore/arp_announce: a real server answers ARP for the VIP and the director is bypassed', () => {
    const j = runJourney({ mode: 'dr', breaks: ['arp'] });
    const vipAnswers = j.arp.filter((a) => a.op === 'reply' && a.senderIp === VIP).map((a) => a.from);
    expect(vipAnswers).toEqual(['rs1', 'rs2', 'director']);
    expect(j.hops.some((h) => h.from === 'director' || h.to === 'director')).toBe(false);
    expect(j.hops.filter((h) => h.direction === 'request').every((h) => h.to !== 'rs1' || h.from === 'router')).toBe(true);
    expect(j.outcome.delivered).toBe(true);
    expect(j.outcome.warning!.en).toMatch(/bypass|never saw/);
    expect(j.timeline.frames.at(-1)!.state.conns).toEqual([]);
  });

  it('NAT with the real server routing via the router: the reply reaches the client from the RIP and is refused', () => {
    const j = runJourney({ mode: 'nat', breaks: ['rs-gateway'] });
    const synAck = j.hops.filter((h) => h.segment === 2);
    expect(synAck.map((h) => `${h.from}>${h.to}`)).toEqual(['rs1>router', 'router>client']);
    expect(synAck[1]!.packet.ip.src).toBe('10.0.0.11');
    expect(j.outcome).toMatchObject({ delivered: false, droppedAt: 'client' });
    expect(j.outcome.dropReason!.en).toMatch(/RST/);
  });

  it('DR with the real server on another segment: the frame loops between director and router until its TTL runs out (as a real 6.1 director does)', () => {
    const j = runJourney({ mode: 'dr', breaks: ['l2'] });
    // Nobody ARPs for the real server: the director routes to it through its gateway.
    expect(j.arp.filter((a) => a.targetIp === '10.0.0.11')).toEqual([]);
    const lan = j.hops.filter((h) => h.link === 'lan');
    expect(lan.slice(1, 5).map((h) => `${h.from}>${h.to} ttl ${h.packet.ip.ttl}`)).toEqual(['director>router ttl 62', 'router>director ttl 61', 'director>router ttl 60', 'router>director ttl 59']);
    expect(lan.every((h) => h.packet.ip.dst === '192.0.2.10')).toBe(true);
    expect(j.outcome).toMatchObject({ delivered: false, droppedAt: 'director' });
    expect(j.outcome.dropReason!.en).toMatch(/time exceeded/);
    expect(j.hops.at(-1)!.packet.ip.ttl).toBe(1);
  });

  it('TUN without the VIP on tunl0: decapsulated, then dropped', () => {
    const j = runJourney({ mode: 'tun', breaks: ['tunl0'] });
    expect(j.timeline.events.some((e) => e.kind === 'decap')).toBe(true);
    expect(j.outcome).toMatchObject({ delivered: false, droppedAt: 'rs1' });
    expect(j.outcome.dropReason!.en).toMatch(/tunl0/);
  });

  it('TUN with strict rp_filter: dropped after decapsulation', () => {
    const j = runJourney({ mode: 'tun', breaks: ['rp-filter'] });
    expect(j.outcome).toMatchObject({ delivered: false, droppedAt: 'rs1' });
    expect(j.outcome.dropReason!.en).toMatch(/rp_filter/);
    expect(j.hops.some((h) => h.direction === 'reply')).toBe(false);
  });

  it('TUN with a full-size packet: the handshake works, the 1500-byte segment is refused with frag-needed 1480', () => {
    const j = runJourney({ mode: 'tun', breaks: ['mtu'] });
    expect(j.hops.filter((h) => h.segment === 2).at(-1)!.to).toBe('client');
    const data = j.hops.filter((h) => h.segment === 4);
    expect(data.map((h) => h.packet.ip.len)).toEqual([1500, 1500]);
    expect(data.at(-1)!.to).toBe('director');
    expect(j.outcome).toMatchObject({ delivered: false, droppedAt: 'director' });
    expect(j.outcome.dropReason!.en).toMatch(/1520.*1480/s);
  });

  it('FULLNAT with the pool exhausted: the SYN is dropped at the director, no entry is made', () => {
    const j = runJourney({ mode: 'fullnat', breaks: ['port-pool'] });
    expect(j.hops.map((h) => `${h.from}>${h.to}`)).toEqual(['client>router', 'router>director']);
    expect(j.outcome).toMatchObject({ delivered: false, droppedAt: 'director' });
    expect(j.timeline.frames.at(-1)!.state.conns).toEqual([]);
  });

  it('every switch belongs to a mode and is refused elsewhere', () => {
    for (const b of BREAKS) {
      for (const mode of ['nat', 'fullnat', 'dr', 'tun'] as const) {
        expect(validateBreaks(mode, [b.name]) === undefined).toBe(b.modes.includes(mode));
      }
    }
    expect(validateBreaks('dr', ['nonsense'])).toMatch(/unknown/);
    expect(() => runJourney({ mode: 'nat', breaks: ['mtu'] })).toThrow(/applies to tun/);
  });
});

describe('the FULLNAT local-address pool', () => {
  it('hands out distinct (address, port) pairs per real server, round robin over addresses', () => {
    const pool = new LocalAddressPool(['10.0.0.100', '10.0.0.101']);
    const got = [pool.allocate('10.0.0.11:80'), pool.allocate('10.0.0.11:80'), pool.allocate('10.0.0.11:80')];
    expect(got).toEqual([{ addr: '10.0.0.100', port: 1024 }, { addr: '10.0.0.101', port: 1024 }, { addr: '10.0.0.100', port: 1025 }]);
    // The same port may be reused toward another real server: the reply is matched on both ends.
    expect(pool.allocate('10.0.0.12:80')).toEqual({ addr: '10.0.0.101', port: 1024 });
  });

  it('runs out after capacity × addresses, and recovers on release', () => {
    const pool = new LocalAddressPool(['10.0.0.100']);
    for (let i = 0; i < pool.capacity; i++) expect(pool.allocate('r')).toBeDefined();
    expect(pool.allocate('r')).toBeUndefined();
    pool.release('10.0.0.100', 4242, 'r');
    expect(pool.allocate('r')).toEqual({ addr: '10.0.0.100', port: 4242 });
    expect(pool.usage('r')).toEqual([{ addr: '10.0.0.100', used: pool.capacity, capacity: 64512 }]);
  });
});

import { traffic } from './index';

describe('traffic', () => {
  it('alternates real servers and counts what the director carries: NAT both ways, DR and TUN requests only', () => {
    const nat = traffic('nat', 10);
    const dr = traffic('dr', 10);
    expect(new Set(nat.flights.filter((f) => f.direction === 'request').map((f) => f.path.at(-1)))).toEqual(new Set(['rs1', 'rs2']));
    expect(nat.director.reply.packets).toBe(20);
    // Each hop names its segment, the same for RS2 as for RS1 (both sit on rsnet in NAT).
    expect(nat.flights.every((f) => f.links.length === f.path.length - 1)).toBe(true);
    expect(nat.flights.find((f) => f.path.at(-1) === 'rs2')!.links).toEqual(['wan', 'lan', 'rsnet']);
    expect(dr.director.reply.packets).toBe(0);
    expect(traffic('tun', 10).director.reply.packets).toBe(0);
    expect(dr.director.request.packets).toBe(30);
    // Responses are the big packets: the director in NAT carries them all.
    expect(nat.director.reply.bytes).toBeGreaterThan(nat.director.request.bytes);
  });
});
