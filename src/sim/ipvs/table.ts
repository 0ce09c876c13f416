/**
 * A director's IPVS table (services and their real servers) and the views of it `ipvsadm` prints:
 * `-Ln`, `-Ln --thresholds`, `-Ln --persistent-conn` and `-S -n`, character for character as
 * ipvsadm 1.31 prints them on Linux 6.1 (checked against the real ipvsadm in test/kernel).
 */
export type Protocol = 'TCP' | 'UDP' | 'SCTP';
export type Forward = 'Masq' | 'Route' | 'Tunnel';

export interface IpvsDest {
  addr: string;
  port: number;
  forward: Forward;
  weight: number;
  uThreshold: number;
  lThreshold: number;
  activeConns: number;
  inactConns: number;
  persistConns: number;
}

export interface IpvsService {
  /** A fwmark service has no protocol, address or port of its own. */
  fwmark?: number;
  protocol: Protocol;
  addr: string;
  port: number;
  scheduler: string;
  /**
   * The scheduler flag bits IP_VS_SVC_F_SCHED1..3 that are set (1, 2, 3). keepalived and ipvsadm take
   * them by any name (sh-port and mh-port are both bit 2); ipvsadm lists them by the scheduler's names.
   */
  flagBits: number[];
  /** Seconds; undefined: not persistent. */
  persistent?: number;
  /** persistence_granularity / ipvsadm -M. */
  netmask?: string;
  /** One-packet scheduling (ipvsadm -o, keepalived `ops`). */
  ops: boolean;
  dests: IpvsDest[];
}

export const HEADER = 'IP Virtual Server version 1.2.1 (size=4096)';
const PROTO_FLAG: Record<Protocol, string> = { TCP: '-t', UDP: '-u', SCTP: '--sctp-service' };
const FORWARD_FLAG: Record<Forward, string> = { Masq: '-m', Route: '-g', Tunnel: '-i' };
/** A scheduler flag's bit, by any of its names (libipvs: sh-fallback = mh-fallback = flag-1, …). */
export function flagBit(name: string): number | undefined {
  if (/^(sh|mh)-fallback$|^flag-1$/.test(name)) return 1;
  if (/^(sh|mh)-port$|^flag-2$/.test(name)) return 2;
  if (name === 'flag-3') return 3;
  return undefined;
}

/** The names ipvsadm prints for a scheduler's flags, in bit order. */
function flagNames(scheduler: string, bits: readonly number[]): string[] {
  const names = scheduler === 'sh' || scheduler === 'mh' ? [`${scheduler}-fallback`, `${scheduler}-port`, 'flag-3'] : ['flag-1', 'flag-2', 'flag-3'];
  return [1, 2, 3].filter((b) => bits.includes(b)).map((b) => names[b - 1]!);
}

const u32 = (ip: string) => ip.split('.').reduce((n, o) => n * 256 + Number(o), 0);

/** ipvsadm sorts what it lists: services by fwmark, protocol, address and port, real servers by address and port. */
export function sorted(services: readonly IpvsService[]): IpvsService[] {
  const proto = (p: Protocol) => ({ TCP: 6, UDP: 17, SCTP: 132 })[p];
  return [...services]
    .sort((a, b) => (a.fwmark ?? 0) - (b.fwmark ?? 0) || proto(a.protocol) - proto(b.protocol) || u32(a.addr) - u32(b.addr) || a.port - b.port)
    .map((s) => ({ ...s, dests: [...s.dests].sort((x, y) => u32(x.addr) - u32(y.addr) || x.port - y.port) }));
}

function serviceLine(s: IpvsService): string {
  const head = s.fwmark !== undefined ? `FWM  ${s.fwmark}` : `${s.protocol.padEnd(4)} ${s.addr}:${s.port}`;
  const flags = flagNames(s.scheduler, s.flagBits);
  let line = `${head} ${s.scheduler}`;
  if (flags.length) line += ` (${flags.join(',')})`;
  if (s.persistent !== undefined) line += ` persistent ${s.persistent}`;
  if (s.netmask && s.netmask !== '255.255.255.255') line += ` mask ${s.netmask}`;
  if (s.ops) line += ' ops';
  return line;
}

const pad = (v: string | number, n: number) => String(v).padEnd(n);
const rip = (d: IpvsDest) => pad(`${d.addr}:${d.port}`, 28);

export type ListView = 'plain' | 'thresholds' | 'persistent-conn';

/** `ipvsadm -Ln` (and its --thresholds and --persistent-conn views), lines joined with "\n", ending in one. */
export function listNumeric(services: readonly IpvsService[], view: ListView = 'plain'): string {
  const out = [HEADER];
  if (view === 'plain') out.push('Prot LocalAddress:Port Scheduler Flags', '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn');
  if (view === 'thresholds') out.push('Prot LocalAddress:Port            Uthreshold Lthreshold ActiveConn InActConn ', '  -> RemoteAddress:Port');
  if (view === 'persistent-conn') out.push('Prot LocalAddress:Port            Weight    PersistConn ActiveConn InActConn ', '  -> RemoteAddress:Port');
  for (const s of sorted(services)) {
    out.push(serviceLine(s));
    for (const d of s.dests) {
      if (view === 'plain') out.push(`  -> ${rip(d)} ${pad(d.forward, 7)} ${pad(d.weight, 6)} ${pad(d.activeConns, 10)} ${pad(d.inactConns, 10)}`);
      if (view === 'thresholds') out.push(`  -> ${rip(d)} ${pad(d.uThreshold, 10)} ${pad(d.lThreshold, 10)} ${pad(d.activeConns, 10)} ${pad(d.inactConns, 10)}`);
      if (view === 'persistent-conn') out.push(`  -> ${rip(d)} ${pad(d.weight, 9)} ${pad(d.persistConns, 11)} ${pad(d.activeConns, 10)} ${pad(d.inactConns, 10)}`);
    }
  }
  return out.join('\n') + '\n';
}

/** `ipvsadm -S -n`: the rules that rebuild the table (thresholds are not saved by ipvsadm 1.31). */
export function saveNumeric(services: readonly IpvsService[]): string {
  const out: string[] = [];
  for (const s of sorted(services)) {
    const svc = s.fwmark !== undefined ? `-f ${s.fwmark}` : `${PROTO_FLAG[s.protocol]} ${s.addr}:${s.port}`;
    let a = `-A ${svc} -s ${s.scheduler}`;
    if (s.persistent !== undefined) a += ` -p ${s.persistent}`;
    if (s.netmask && s.netmask !== '255.255.255.255') a += ` -M ${s.netmask}`;
    if (s.ops) a += ' -o';
    const flags = flagNames(s.scheduler, s.flagBits);
    if (flags.length) a += ` -b ${flags.join(',')}`;
    out.push(a);
    for (const d of s.dests) out.push(`-a ${svc} -r ${d.addr}:${d.port} ${FORWARD_FLAG[d.forward]} -w ${d.weight}${d.forward === 'Tunnel' ? ' --tun-type ipip' : ''}`);
  }
  return out.map((l) => l + '\n').join('');
}
