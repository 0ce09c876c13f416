/**
 * The network each forwarding mode is deployed on. Addresses come from the documentation
 * ranges (RFC 5737) and RFC 1918; MACs are locally administered (02:…).
 *
 *   client ── wan ── router ── lan (192.0.2.0/24) ── director (VIP 192.0.2.10)
 *   NAT/FULLNAT: director ── rsnet (10.0.0.0/24) ── rs1, rs2   (router also on rsnet)
 *   DR:          rs1, rs2 on the lan itself, VIP on lo
 *   TUN:         rs1, rs2 on a remote segment behind the router, VIP on tunl0
 */
import type { BreakName, Mode, NodeId } from './types';
import type { Text } from '../core';

export interface Iface {
  name: string;
  mac: string;
  /** Addresses with their prefix length. */
  addrs: Array<{ ip: string; prefix: number }>;
  /** The L2 segment; undefined for lo and tunl0, which answer no ARP. */
  link?: string;
}

export interface Route {
  /** Destination prefix; 0.0.0.0/0 is the default route. */
  dst: string;
  prefix: number;
  via?: string;
  dev: string;
}

export interface Sysctls {
  arpIgnore: 0 | 1;
  arpAnnounce: 0 | 2;
  /** 0 off, 1 strict, 2 loose (the larger of conf.all and the interface's). */
  rpFilter: 0 | 1 | 2;
  ipForward: boolean;
}

export interface NodeSpec {
  id: NodeId;
  label: Text;
  ifaces: Iface[];
  routes: Route[];
  sysctl: Sysctls;
  /** Real server: the port its service listens on. */
  listen?: number;
  /** FULLNAT real server: the TOA kernel module that makes getpeername() return the client. */
  toaModule?: boolean;
  /** The ipip module, whose catch-all tunl0 decapsulates IP-in-IP. */
  ipip?: boolean;
  mtu: number;
}

export interface Topology {
  mode: Mode;
  nodes: Record<string, NodeSpec>;
  client: { ip: string; port: number };
  vip: string;
  vport: number;
  /** The real servers' addresses and the port they serve on. */
  real: Array<{ id: NodeId; ip: string; port: number }>;
  /** FULLNAT's local addresses. */
  localAddrs: string[];
  /** The links drawn, in order. */
  links: string[];
}

export const ADDR = {
  client: '203.0.113.7',
  clientPort: 40001,
  routerWan: '203.0.113.1',
  routerLan: '192.0.2.1',
  routerRsnet: '10.0.0.254',
  routerRemote: '198.51.100.1',
  director: '192.0.2.2',
  vip: '192.0.2.10',
  dip: '10.0.0.1',
  lips: ['10.0.0.100', '10.0.0.101'],
} as const;

export const MAC = {
  client: '02:00:00:00:00:07',
  routerWan: '02:00:00:00:01:01',
  routerLan: '02:00:00:00:01:02',
  routerRsnet: '02:00:00:00:01:03',
  routerRemote: '02:00:00:00:01:04',
  directorLan: '02:00:00:00:02:01',
  directorRsnet: '02:00:00:00:02:02',
  rs1: '02:00:00:00:03:01',
  rs2: '02:00:00:00:04:01',
} as const;

const GOOD: Sysctls = { arpIgnore: 0, arpAnnounce: 0, rpFilter: 0, ipForward: false };
const a = (ip: string, prefix = 24) => ({ ip, prefix });

export function topology(mode: Mode, breaks: readonly BreakName[] = []): Topology {
  const broken = (b: BreakName) => breaks.includes(b);
  const drOffLan = mode === 'dr' && broken('l2');
  const routerIfaces: Iface[] = [
    { name: 'wan0', mac: MAC.routerWan, addrs: [a(ADDR.routerWan)], link: 'wan' },
    { name: 'lan0', mac: MAC.routerLan, addrs: [a(ADDR.routerLan)], link: 'lan' },
  ];
  if (mode === 'nat' || mode === 'fullnat' || drOffLan) {
    routerIfaces.push({ name: 'rs0', mac: MAC.routerRsnet, addrs: [a(ADDR.routerRsnet)], link: 'rsnet' });
  }
  if (mode === 'tun') routerIfaces.push({ name: 'rem0', mac: MAC.routerRemote, addrs: [a(ADDR.routerRemote)], link: 'remote' });

  const directorIfaces: Iface[] = [
    // The director answers ARP for the VIP: it is on its LAN interface.
    { name: 'eth0', mac: MAC.directorLan, addrs: [a(ADDR.director), a(ADDR.vip, 32)], link: 'lan' },
  ];
  if (mode === 'nat' || mode === 'fullnat') {
    const lips = mode === 'fullnat' ? ADDR.lips.map((ip) => a(ip, 32)) : [];
    directorIfaces.push({ name: 'eth1', mac: MAC.directorRsnet, addrs: [a(ADDR.dip), ...lips], link: 'rsnet' });
  }

  const nodes: Record<string, NodeSpec> = {
    client: {
      id: 'client', label: { en: 'Client', zh: '客户端' }, mtu: 1500, sysctl: GOOD,
      ifaces: [{ name: 'eth0', mac: MAC.client, addrs: [a(ADDR.client)], link: 'wan' }],
      routes: [{ dst: '0.0.0.0', prefix: 0, via: ADDR.routerWan, dev: 'eth0' }],
    },
    router: {
      id: 'router', label: { en: 'Router', zh: '路由器' }, mtu: 1500,
      sysctl: { ...GOOD, ipForward: true }, ifaces: routerIfaces,
      routes: routerIfaces.map((i) => ({ dst: network(i.addrs[0]!.ip, 24), prefix: 24, dev: i.name })),
    },
    director: {
      id: 'director', label: { en: 'Director', zh: '调度器' }, mtu: 1500,
      sysctl: { ...GOOD, ipForward: true }, ifaces: directorIfaces,
      routes: [
        ...directorIfaces.map((i) => ({ dst: network(i.addrs[0]!.ip, 24), prefix: 24, dev: i.name })),
        { dst: '0.0.0.0', prefix: 0, via: ADDR.routerLan, dev: 'eth0' },
      ],
    },
  };

  const rsIps = realServerAddresses(mode, drOffLan);
  const real = (['rs1', 'rs2'] as const).map((id, i) => ({
    id, ip: rsIps.ips[i]!, port: mode === 'nat' || mode === 'fullnat' ? 8080 : 80,
  }));
  for (const [i, r] of real.entries()) {
    const ifaces: Iface[] = [{ name: 'eth0', mac: i === 0 ? MAC.rs1 : MAC.rs2, addrs: [a(r.ip)], link: rsIps.link }];
    if (mode === 'dr') ifaces.push({ name: 'lo', mac: '00:00:00:00:00:00', addrs: [a(ADDR.vip, 32)] });
    if (mode === 'tun' && !broken('tunl0')) ifaces.push({ name: 'tunl0', mac: '00:00:00:00:00:00', addrs: [a(ADDR.vip, 32)] });
    const hidden = mode === 'dr' || mode === 'tun';
    nodes[r.id] = {
      id: r.id, label: { en: r.id.toUpperCase(), zh: r.id.toUpperCase() }, mtu: 1500, listen: r.port,
      // DR and TUN: the VIP is on a device that answers no ARP, and these keep eth0 from answering for it.
      sysctl: {
        ...GOOD,
        arpIgnore: hidden && !broken('arp') ? 1 : 0,
        arpAnnounce: hidden && !broken('arp') ? 2 : 0,
        rpFilter: mode === 'tun' && broken('rp-filter') ? 1 : 0,
      },
      ifaces,
      routes: [
        { dst: network(r.ip, 24), prefix: 24, dev: 'eth0' },
        { dst: '0.0.0.0', prefix: 0, via: rsIps.gateway(broken('rs-gateway')), dev: 'eth0' },
      ],
      toaModule: mode === 'fullnat',
      ipip: mode === 'tun',
    };
  }

  const links = ['wan', 'lan'];
  if (mode === 'nat' || mode === 'fullnat' || drOffLan) links.push('rsnet');
  if (mode === 'tun') links.push('remote');
  return {
    mode, nodes, real, links,
    client: { ip: ADDR.client, port: ADDR.clientPort },
    vip: ADDR.vip, vport: 80,
    localAddrs: mode === 'fullnat' ? [...ADDR.lips] : [],
  };
}

function realServerAddresses(mode: Mode, drOffLan: boolean) {
  if (mode === 'dr' && !drOffLan) {
    return { ips: ['192.0.2.11', '192.0.2.12'], link: 'lan', gateway: () => ADDR.routerLan };
  }
  if (mode === 'tun') return { ips: ['198.51.100.11', '198.51.100.12'], link: 'remote', gateway: () => ADDR.routerRemote };
  // NAT needs the director as the real servers' gateway; FULLNAT and DR-off-the-LAN do not care.
  return {
    ips: ['10.0.0.11', '10.0.0.12'], link: 'rsnet',
    gateway: (wrong: boolean) => (mode === 'nat' && !wrong ? ADDR.dip : ADDR.routerRsnet),
  };
}

export function toInt(ip: string): number {
  return ip.split('.').reduce((n, o) => (n << 8) + Number(o), 0) >>> 0;
}

export function network(ip: string, prefix: number): string {
  const mask = prefix === 0 ? 0 : (~0 << (32 - prefix)) >>> 0;
  const n = (toInt(ip) & mask) >>> 0;
  return [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');
}

export function inPrefix(ip: string, net: string, prefix: number): boolean {
  return network(ip, prefix) === network(net, prefix);
}
