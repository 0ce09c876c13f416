/**
 * What ipvsadm prints for the table: -L/-l with -n, --stats, --rate, --exact, --thresholds,
 * --persistent-conn, --tun-info, --nosort, one service or all, and -S (with or without -n), in
 * ipvsadm 1.31's column widths.
 */
import { schedFlagNames, type Dest, type Director, type Service } from './director';
import type { Stats } from './stats';
import { portName } from './services';

export interface Format {
  numeric: boolean; stats: boolean; rate: boolean; thresholds: boolean; persistentConn: boolean; nosort: boolean; exact: boolean; tunInfo: boolean;
  rule?: boolean;
}

export const HEADER = 'IP Virtual Server version 1.2.1 (size=4096)';
const PROTO_NUM = { TCP: 6, UDP: 17, SCTP: 132 } as const;
const u32 = (a: string) => a.split('.').reduce((n, o) => n * 256 + Number(o), 0);

const padEnd = (s: string | number, n: number) => String(s).padEnd(n);
const padStart = (s: string | number, n: number) => String(s).padStart(n);

/** ipvsadm's print_largenum: 9 columns, K/M/G/T past 100 million unless --exact. */
export function largeNum(i: number, exact: boolean): string {
  if (exact) {
    const s = String(i);
    return s.length <= 8 ? padStart(s, 9) : padStart(s, s.length + 1);
  }
  if (i < 1e8) return padStart(i, 9);
  if (i < 1e9) return `${padStart(Math.floor(i / 1e3), 8)}K`;
  if (i < 1e11) return `${padStart(Math.floor(i / 1e6), 8)}M`;
  if (i < 1e14) return `${padStart(Math.floor(i / 1e9), 8)}G`;
  return `${padStart(Math.floor(i / 1e12), 8)}T`;
}

const addrPort = (addr: string, port: number, proto: Service['protocol'], f: Format) => `${addr}:${f.numeric ? port : portName(port, proto) ?? port}`;


export function sortServices(services: readonly Service[]): Service[] {
  return [...services].sort((a, b) => a.fwmark - b.fwmark || PROTO_NUM[a.protocol] - PROTO_NUM[b.protocol] || u32(a.addr) - u32(b.addr) || a.port - b.port);
}

const sortDests = <D extends Dest>(ds: readonly D[]) => [...ds].sort((a, b) => u32(a.addr) - u32(b.addr) || a.port - b.port);

function title(f: Format): string {
  if (f.stats) return `${padEnd('Prot LocalAddress:Port', 33)} ${padStart('Conns', 8)} ${padStart('InPkts', 8)} ${padStart('OutPkts', 8)} ${padStart('InBytes', 8)} ${padStart('OutBytes', 8)}\n  -> RemoteAddress:Port\n`;
  if (f.rate) return `${padEnd('Prot LocalAddress:Port', 33)} ${padStart('CPS', 8)} ${padStart('InPPS', 8)} ${padStart('OutPPS', 8)} ${padStart('InBPS', 8)} ${padStart('OutBPS', 8)}\n  -> RemoteAddress:Port\n`;
  if (f.thresholds) return `${padEnd('Prot LocalAddress:Port', 33)} ${padEnd('Uthreshold', 10)} ${padEnd('Lthreshold', 10)} ${padEnd('ActiveConn', 10)} ${padEnd('InActConn', 10)}\n  -> RemoteAddress:Port\n`;
  if (f.persistentConn) return `${padEnd('Prot LocalAddress:Port', 33)} ${padEnd('Weight', 9)} ${padEnd('PersistConn', 11)} ${padEnd('ActiveConn', 10)} ${padEnd('InActConn', 10)}\n  -> RemoteAddress:Port\n`;
  if (f.tunInfo) return 'Prot LocalAddress:Port Scheduler Flags\n  -> RemoteAddress:Port           Forward TunnelInfo    Weight ActiveConn InActConn\n';
  if (f.rule) return '';
  return 'Prot LocalAddress:Port Scheduler Flags\n  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n';
}

const FWD_SWITCH = { Masq: '-m', Tunnel: '-i', Route: '-g' } as const;
const TUN_FLAG = { nocsum: '-c', csum: '+c', remcsum: 'r+c' } as const;
const TUN_OPT = { nocsum: '--tun-nocsum', csum: '--tun-csum', remcsum: '--tun-remcsum' } as const;

function tunInfo(d: Dest): string {
  if (d.forward !== 'Tunnel') return 'n/a';
  if (d.tunType === 'ipip') return 'ipip';
  if (d.tunType === 'gue') return `gue:${d.tunPort}:${TUN_FLAG[d.tunFlags]}`;
  return `gre:${TUN_FLAG[d.tunFlags]}`;
}

/** --stats: counters since -Z; --rate: the estimator's rates. */
function figures(st: Stats, f: Format): number[] {
  if (f.rate) return st.rates();
  const c = st.counters();
  return [c.conns, c.inpkts, c.outpkts, c.inbytes, c.outbytes];
}

function serviceEntry(s: Service, f: Format): string {
  let name: string;
  if (s.fwmark) name = f.rule ? `-f ${s.fwmark}${s.ipv6 ? ' -6' : ''}` : `FWM  ${s.fwmark}${s.ipv6 ? ' IPv6' : ''}`;
  else {
    const v = addrPort(s.addr, s.port, s.protocol, f);
    name = f.rule ? `${{ TCP: '-t', UDP: '-u', SCTP: '--sctp-service' }[s.protocol]} ${v}` : `${padEnd(s.protocol, 4)} ${v}`.slice(0, 33);
  }
  let out: string;
  const flags = schedFlagNames(s).join(',');
  if (f.rule) {
    out = `-A ${name} -s ${s.scheduler}`;
    if (s.persistent !== undefined) {
      out += ` -p ${s.persistent}`;
      if (!s.ipv6 && s.netmask !== '255.255.255.255') out += ` -M ${s.netmask}`;
    }
    if (s.pe) out += ` --pe ${s.pe}`;
    if (s.ops) out += ' -o';
    if (flags) out += ` -b ${flags}`;
  } else if (f.stats || f.rate) {
    out = padEnd(name, 33) + figures(s.live!.stats, f).map((v) => largeNum(v, f.exact)).join('');
  } else {
    out = `${name} ${s.scheduler}`;
    if (flags) out += ` (${flags})`;
    if (s.persistent !== undefined) {
      out += ` persistent ${s.persistent}`;
      if (!s.ipv6 && s.netmask !== '255.255.255.255') out += ` mask ${s.netmask}`;
      if (s.pe) out += ` pe ${s.pe}`;
    }
    if (s.ops) out += ' ops';
  }
  const lines = [out];
  for (const d of f.nosort ? s.dests : sortDests(s.dests)) {
    const dname = addrPort(d.addr, d.port, s.protocol, f);
    if (f.rule) {
      if (d.forward === 'Tunnel') {
        const base = `-a ${name} -r ${dname} -i -w ${d.weight} --tun-type ${d.tunType}`;
        lines.push(d.tunType === 'gue' ? `${base} --tun-port ${d.tunPort} ${TUN_OPT[d.tunFlags]}` : d.tunType === 'gre' ? `${base} ${TUN_OPT[d.tunFlags]}` : base);
      } else lines.push(`-a ${name} -r ${dname} ${FWD_SWITCH[d.forward]} -w ${d.weight}`);
      continue;
    }
    const n = dname.slice(0, 28);
    const st = d.stats;
    if (f.stats) lines.push(`  -> ${padEnd(n, 28)}${figures(st, f).map((v) => largeNum(v, f.exact)).join('')}`);
    else if (f.rate) {
      const [cps, inpps, outpps, inbps, outbps] = st.rates();
      lines.push(`  -> ${padEnd(n, 28)} ${padStart(cps, 8)} ${padStart(inpps, 8)} ${padStart(outpps, 8)}${largeNum(inbps, f.exact)}${largeNum(outbps, f.exact)}`);
    }
    else if (f.thresholds) lines.push(`  -> ${padEnd(n, 28)} ${padEnd(d.uThreshold, 10)} ${padEnd(d.lThreshold, 10)} ${padEnd(d.sd.activeconns, 10)} ${padEnd(d.sd.inactconns, 10)}`);
    else if (f.persistentConn) lines.push(`  -> ${padEnd(n, 28)} ${padEnd(d.weight, 9)} ${padEnd(d.persist, 11)} ${padEnd(d.sd.activeconns, 10)} ${padEnd(d.sd.inactconns, 10)}`);
    else if (f.tunInfo) lines.push(`  -> ${padEnd(n, 28)} ${padEnd(d.forward, 7)} ${padEnd(tunInfo(d), 13)} ${padEnd(d.weight, 6)} ${padEnd(d.sd.activeconns, 10)} ${padEnd(d.sd.inactconns, 10)}`);
    else lines.push(`  -> ${padEnd(n, 28)} ${padEnd(d.forward, 7)} ${padEnd(d.weight, 6)} ${padEnd(d.sd.activeconns, 10)} ${padEnd(d.sd.inactconns, 10)}`);
  }
  return lines.map((l) => `${l}\n`).join('');
}

export function listAll(dir: Director, f: Format): string {
  const head = f.rule ? '' : `${HEADER}\n`;
  const services = f.nosort ? dir.services : sortServices(dir.services);
  return head + title(f) + services.map((s) => serviceEntry(s, f)).join('');
}

export function listService(s: Service, f: Format): string {
  return title(f) + serviceEntry(s, f);
}

export const listTimeout = (dir: Director) => `Timeout (tcp tcpfin udp): ${dir.timeouts.tcp} ${dir.timeouts.tcpfin} ${dir.timeouts.udp}\n`;

const mmss = (ms: number) => {
  const s = Math.floor(ms / 1000);
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
};

/** ipvsadm -Lc's lines (print_conn), one per entry of the table: connections and templates. */
export function connectionLines(dir: Director, f: Pick<Format, 'numeric'>): string {
  return [...dir.conns.entries].map((e) => {
    const name = (a: string, p: number) => `${a}:${f.numeric ? p : portName(p, 'TCP') ?? p}`;
    return `${'TCP'.padEnd(3)} ${mmss(dir.conns.left(e)).padEnd(6)} ${dir.conns.stateName(e).padEnd(11)} ${name(e.client, e.cport).padEnd(18)} ${name(e.vaddr, e.vport).padEnd(18)} ${name(e.dest.addr, dir.conns.destPort(e))}\n`;
  }).join('');
}

export const listConnHeader = (persistent: boolean) =>
  `IPVS connection entries\n${persistent
    ? `pro expire ${padEnd('state', 11)} ${padEnd('source', 18)} ${padEnd('virtual', 18)} ${padEnd('destination', 18)} ${padEnd('pe name', 16)} pe_data`
    : `pro expire ${padEnd('state', 11)} ${padEnd('source', 18)} ${padEnd('virtual', 18)} destination`}\n`;
