/**
 * A director's IPVS state as ipvsadm sees it: virtual services (newest last, as the kernel's hash
 * table does not order them), their real servers (newest first: ip_vs_add_dest puts a new one at the
 * head of the list), the timeouts `--set` changes, and the net.ipv4.vs sysctls of Linux 6.1.
 * Operations fail with the errno the kernel's IPVS code returns (ip_vs_ctl.c), which ipvsadm words.
 */
import type { Proto } from './services';

export type Forward = 'Masq' | 'Route' | 'Tunnel';

export interface Dest {
  addr: string;
  port: number;
  forward: Forward;
  weight: number;
  uThreshold: number;
  lThreshold: number;
  tunType: 'ipip' | 'gue' | 'gre';
  tunPort: number;
  tunFlags: 'nocsum' | 'csum' | 'remcsum';
  active: number;
  inactive: number;
  persist: number;
}

export interface Service {
  protocol: Proto;
  addr: string;
  port: number;
  fwmark: number;
  ipv6: boolean;
  scheduler: string;
  /** Seconds, when persistent. */
  persistent?: number;
  netmask: string;
  pe: string;
  ops: boolean;
  /** Scheduler flag bits 1–3 (IP_VS_SVC_F_SCHED1..3). */
  flagBits: number[];
  dests: Dest[];
}

/** The schedulers Linux 6.1 has (twos came in 6.2), and its one persistence engine. */
export const KERNEL_SCHEDULERS = ['rr', 'wrr', 'lc', 'wlc', 'lblc', 'lblcr', 'dh', 'sh', 'sed', 'nq', 'fo', 'ovf', 'mh'];
export const PERSISTENCE_ENGINES = ['sip'];

export interface DaemonSettings {
  ifname: string;
  syncid: number;
  maxlen: number;
  group: string;
  port: number;
  ttl: number;
}

/** errno values the IPVS control code returns. */
export type Errno = 'EEXIST' | 'ENOENT' | 'ESRCH' | 'ERANGE' | 'EINVAL';

/** The sysctls of /proc/sys/net/ipv4/vs in Linux 6.1, with their defaults, in the order sysctl lists them. */
export const SYSCTL_DEFAULTS: ReadonlyArray<[string, string]> = [
  ['am_droprate', '10'], ['amemthresh', '1024'], ['backup_only', '0'], ['cache_bypass', '0'], ['conn_reuse_mode', '1'],
  ['conntrack', '0'], ['debug_level', '0'], ['drop_entry', '0'], ['drop_packet', '0'], ['expire_nodest_conn', '0'],
  ['expire_quiescent_template', '0'], ['ignore_tunneled', '0'], ['lblc_expiration', '86400'], ['lblcr_expiration', '86400'],
  ['nat_icmp_send', '0'], ['pmtu_disc', '1'], ['run_estimation', '1'], ['schedule_icmp', '0'], ['secure_tcp', '0'],
  ['sloppy_sctp', '0'], ['sloppy_tcp', '0'], ['snat_reroute', '1'], ['sync_persist_mode', '0'], ['sync_ports', '1'],
  ['sync_qlen_max', '5750'], ['sync_refresh_period', '0'], ['sync_retries', '0'], ['sync_sock_size', '0'],
  ['sync_threshold', '3\t50'], ['sync_version', '1'],
];

export class Director {
  services: Service[] = [];
  timeouts = { tcp: 900, tcpfin: 120, udp: 300 };
  sysctl = new Map<string, string>(SYSCTL_DEFAULTS);

  find(key: Pick<Service, 'protocol' | 'addr' | 'port' | 'fwmark'>): Service | undefined {
    return this.services.find((s) => (key.fwmark ? s.fwmark === key.fwmark : !s.fwmark && s.protocol === key.protocol && s.addr === key.addr && s.port === key.port));
  }

  addService(s: Service): Errno | undefined {
    if (this.find(s)) return 'EEXIST';
    if (!KERNEL_SCHEDULERS.includes(s.scheduler) || (s.pe && !PERSISTENCE_ENGINES.includes(s.pe))) return 'ENOENT';
    this.services.push({ ...s, dests: [] });
    return undefined;
  }

  editService(s: Service): Errno | undefined {
    const cur = this.find(s);
    if (!cur) return 'ESRCH';
    if (!KERNEL_SCHEDULERS.includes(s.scheduler) || (s.pe && !PERSISTENCE_ENGINES.includes(s.pe))) return 'ENOENT';
    Object.assign(cur, { scheduler: s.scheduler, persistent: s.persistent, netmask: s.netmask, pe: s.pe, ops: s.ops, flagBits: s.flagBits });
    return undefined;
  }

  deleteService(key: Service): Errno | undefined {
    const cur = this.find(key);
    if (!cur) return 'ESRCH';
    this.services.splice(this.services.indexOf(cur), 1);
    return undefined;
  }

  zero(key?: Service): Errno | undefined {
    if (key && !this.find(key)) return 'ESRCH';
    return undefined;
  }

  addDest(key: Service, d: Dest): Errno | undefined {
    const svc = this.find(key);
    if (!svc) return 'ESRCH';
    if (d.lThreshold > d.uThreshold) return 'ERANGE';
    if (svc.dests.some((x) => x.addr === d.addr && x.port === d.port)) return 'EEXIST';
    svc.dests.unshift({ ...d });
    return undefined;
  }

  editDest(key: Service, d: Dest): Errno | undefined {
    const svc = this.find(key);
    if (!svc) return 'ESRCH';
    if (d.lThreshold > d.uThreshold) return 'ERANGE';
    const cur = svc.dests.find((x) => x.addr === d.addr && x.port === d.port);
    if (!cur) return 'ENOENT';
    Object.assign(cur, { forward: d.forward, weight: d.weight, uThreshold: d.uThreshold, lThreshold: d.lThreshold, tunType: d.tunType, tunPort: d.tunPort, tunFlags: d.tunFlags });
    return undefined;
  }

  deleteDest(key: Service, d: Pick<Dest, 'addr' | 'port'>): Errno | undefined {
    const svc = this.find(key);
    if (!svc) return 'ESRCH';
    const i = svc.dests.findIndex((x) => x.addr === d.addr && x.port === d.port);
    if (i < 0) return 'ENOENT';
    svc.dests.splice(i, 1);
    return undefined;
  }

  flush(): void {
    this.services = [];
  }

  /** --set: 0 leaves a timeout as it is. */
  setTimeouts([tcp, tcpfin, udp]: [number, number, number]): void {
    if (tcp) this.timeouts.tcp = tcp;
    if (tcpfin) this.timeouts.tcpfin = tcpfin;
    if (udp) this.timeouts.udp = udp;
  }

  /** A value written to /proc/sys/net/ipv4/vs/NAME: whole numbers (two for sync_threshold), as proc_dointvec reads them. */
  setSysctl(name: string, value: string): boolean {
    const parts = value.split(/\s+/).filter(Boolean);
    const want = name === 'sync_threshold' ? 2 : 1;
    if (parts.length === 0 || parts.length > want || !parts.every((p) => /^-?\d+$/.test(p) && Math.abs(Number(p)) <= 2147483647)) return false;
    this.sysctl.set(name, name === 'sync_threshold' ? parts.join('\t') : String(Number(parts[0])));
    return true;
  }

  /** The interfaces of the director's namespace (the sync daemon needs its multicast interface to exist). */
  interfaces: string[] = ['lo', 'eth0'];
  daemons = new Map<'master' | 'backup', DaemonSettings>();

  startDaemon(state: 'master' | 'backup', d: DaemonSettings): Errno | 'ENODEV' | undefined {
    // The kernel looks the interface up before it looks for a running daemon.
    if (!this.interfaces.includes(d.ifname)) return 'ENODEV';
    if (this.daemons.has(state)) return 'EEXIST';
    this.daemons.set(state, { ...d });
    return undefined;
  }

  stopDaemon(state: 'master' | 'backup'): Errno | undefined {
    if (!this.daemons.delete(state)) return 'ESRCH';
    return undefined;
  }

  daemonLines(): string {
    return (['master', 'backup'] as const).filter((s) => this.daemons.has(s)).map((s) => {
      const d = this.daemons.get(s)!;
      return `${s} sync daemon (mcast=${d.ifname}, syncid=${d.syncid}, maxlen=${d.maxlen}, group=${d.group}, port=${d.port}, ttl=${d.ttl})\n`;
    }).join('');
  }

  /** The connection table's lines for ipvsadm -Lc (none until traffic is simulated). */
  connectionLines(_f: { numeric: boolean }): string {
    return '';
  }
}
