/**
 * A director's IPVS state as ipvsadm sees it: virtual services (newest last, as the kernel's hash
 * table does not order them), their real servers (newest first: ip_vs_add_dest puts a new one at the
 * head of the list), the timeouts `--set` changes, and the net.ipv4.vs sysctls of Linux 6.1.
 * Operations fail with the errno the kernel's IPVS code returns (ip_vs_ctl.c), which ipvsadm words.
 */
import type { Proto } from './services';
import { Simulation } from '../core/simulation';
import { addDest as schedAddDest, makeDest, setThresholds, type Dest as SchedDest, type Scheduler, type Service as SchedService } from '../schedulers/dest';
import { SCHEDULERS } from '../schedulers/registry';
import { ConnTable } from './conns';
import { Stats } from './stats';
import { TCP_TIMEOUTS, type TcpState } from './tcp-states';

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
}

/**
 * A real server in a service: its scheduler's view (ActiveConn and InActConn are its activeconns and
 * inactconns, the overload flag), the templates bound to it (PersistConn), and its statistics.
 */
export interface LiveDest extends Dest {
  sd: SchedDest;
  persist: number;
  stats: Stats;
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
  dests: LiveDest[];
  /** Set when the service is in the table: its statistics and its scheduler (net/netfilter/ipvs). */
  live?: { stats: Stats; ss: SchedService; sched: Scheduler };
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

/** The names of a service's -b flag bits, as ipvsadm prints them and the schedulers read them. */
export function schedFlagNames(s: Pick<Service, 'scheduler' | 'flagBits'>): string[] {
  const names = s.scheduler === 'sh' ? ['sh-fallback', 'sh-port'] : s.scheduler === 'mh' ? ['mh-fallback', 'mh-port'] : ['flag-1', 'flag-2', 'flag-3'];
  return s.flagBits.map((b) => names[b - 1]).filter((x): x is string => !!x);
}

export class Director {
  services: Service[] = [];
  /** Virtual time (ms) for the connection table's timers and the rate estimator. */
  readonly sim = new Simulation('director');
  readonly conns: ConnTable;
  /** The estimator's last run (it runs every 2 s from the director's start). */
  private lastTick = 0;
  /** The next client port `connect` and `curl` use when none is given. */
  nextClientPort = { connect: 40000, curl: 32768 };

  constructor() {
    this.conns = new ConnTable({
      sim: this.sim,
      timeoutOf: (st: TcpState) => (st === 'ESTABLISHED' ? this.timeouts.tcp : st === 'FIN_WAIT' ? this.timeouts.tcpfin : TCP_TIMEOUTS[st]) * 1000,
      sysctl: (name) => Number(this.sysctl.get(name) ?? 0),
      schedule: (svc, client, cport) => {
        const d = svc.live!.sched.schedule({ saddr: client, sport: cport, daddr: svc.addr, dport: svc.port });
        return svc.dests.find((x) => x.sd === d) ?? null;
      },
    });
  }

  /** Lets `ms` of virtual time pass: timers fire, and the estimator runs every 2 s. */
  advance(ms: number): void {
    const until = this.sim.now() + ms;
    for (;;) {
      const tick = this.lastTick + 2000;
      if (tick > until) break;
      const next = this.sim.queue.peek();
      if (next && next.at < tick) {
        this.sim.runUntil(next.at);
        continue;
      }
      this.sim.runUntil(tick);
      const all = this.services.flatMap((s) => [s.live!.stats, ...s.dests.map((d) => d.stats)]);
      for (const st of all) st.tick();
      this.lastTick = tick;
      // Quiet: skip the runs that would change nothing, up to the next timer.
      if (all.every((st) => st.idle())) {
        const stop = Math.min(until, this.sim.queue.peek()?.at ?? Infinity);
        this.lastTick += Math.max(0, Math.floor((stop - this.lastTick) / 2000) - 1) * 2000;
      }
    }
    this.sim.runUntil(until);
  }

  private makeScheduler(s: Service): void {
    const ss: SchedService = { dests: s.dests.map((d) => d.sd), flags: new Set(schedFlagNames(s)), random: () => this.sim.rng.next() };
    s.live = { stats: s.live?.stats ?? new Stats(), ss, sched: SCHEDULERS[s.scheduler]!(ss) };
  }
  timeouts = { tcp: 900, tcpfin: 120, udp: 300 };
  sysctl = new Map<string, string>(SYSCTL_DEFAULTS);

  find(key: Pick<Service, 'protocol' | 'addr' | 'port' | 'fwmark'>): Service | undefined {
    return this.services.find((s) => (key.fwmark ? s.fwmark === key.fwmark : !s.fwmark && s.protocol === key.protocol && s.addr === key.addr && s.port === key.port));
  }

  addService(s: Service): Errno | undefined {
    if (this.find(s)) return 'EEXIST';
    if (!KERNEL_SCHEDULERS.includes(s.scheduler) || (s.pe && !PERSISTENCE_ENGINES.includes(s.pe))) return 'ENOENT';
    const svc: Service = { ...s, dests: [] };
    this.makeScheduler(svc);
    this.services.push(svc);
    return undefined;
  }

  editService(s: Service): Errno | undefined {
    const cur = this.find(s);
    if (!cur) return 'ESRCH';
    if (!KERNEL_SCHEDULERS.includes(s.scheduler) || (s.pe && !PERSISTENCE_ENGINES.includes(s.pe))) return 'ENOENT';
    const resched = cur.scheduler !== s.scheduler || cur.flagBits.join() !== s.flagBits.join();
    Object.assign(cur, { scheduler: s.scheduler, persistent: s.persistent, netmask: s.netmask, pe: s.pe, ops: s.ops, flagBits: s.flagBits });
    // A new scheduler starts on the list as it is (ip_vs_edit_service: unbind, then bind with init_service).
    if (resched) this.makeScheduler(cur);
    return undefined;
  }

  deleteService(key: Service): Errno | undefined {
    const cur = this.find(key);
    if (!cur) return 'ESRCH';
    this.services.splice(this.services.indexOf(cur), 1);
    for (const d of cur.dests) d.sd.available = false;
    this.afterDestsLeft();
    return undefined;
  }

  /** -Z: the shown counters become the zero (ip_vs_zero_service / ip_vs_zero_all). */
  zero(key?: Service): Errno | undefined {
    const svcs = key ? [this.find(key)] : this.services;
    if (svcs[0] === undefined && key) return 'ESRCH';
    for (const s of svcs as Service[]) for (const st of [s.live!.stats, ...s.dests.map((d) => d.stats)]) st.zero();
    return undefined;
  }

  addDest(key: Service, d: Dest): Errno | undefined {
    const svc = this.find(key);
    if (!svc) return 'ESRCH';
    if (d.lThreshold > d.uThreshold) return 'ERANGE';
    if (svc.dests.some((x) => x.addr === d.addr && x.port === d.port)) return 'EEXIST';
    const sd = makeDest(d.addr, d.port, d.weight);
    setThresholds(sd, d.uThreshold, d.lThreshold);
    svc.dests.unshift({ ...d, persist: 0, sd, stats: new Stats() });
    // The scheduler's list is the same list, newest first; its add_dest hook hears of the new one.
    schedAddDest(svc.live!.ss, svc.live!.sched, sd);
    return undefined;
  }

  editDest(key: Service, d: Dest): Errno | undefined {
    const svc = this.find(key);
    if (!svc) return 'ESRCH';
    if (d.lThreshold > d.uThreshold) return 'ERANGE';
    const cur = svc.dests.find((x) => x.addr === d.addr && x.port === d.port);
    if (!cur) return 'ENOENT';
    Object.assign(cur, { forward: d.forward, weight: d.weight, uThreshold: d.uThreshold, lThreshold: d.lThreshold, tunType: d.tunType, tunPort: d.tunPort, tunFlags: d.tunFlags });
    cur.sd.weight = d.weight;
    if (d.weight !== 0) cur.sd.lastWeight = d.weight;
    setThresholds(cur.sd, d.uThreshold, d.lThreshold);
    svc.live!.sched.updDest?.(cur.sd);
    return undefined;
  }

  deleteDest(key: Service, d: Pick<Dest, 'addr' | 'port'>): Errno | undefined {
    const svc = this.find(key);
    if (!svc) return 'ESRCH';
    const i = svc.dests.findIndex((x) => x.addr === d.addr && x.port === d.port);
    if (i < 0) return 'ENOENT';
    const [gone] = svc.dests.splice(i, 1);
    gone!.sd.available = false;
    svc.live!.ss.dests.splice(i, 1);
    svc.live!.sched.delDest?.(gone!.sd, i);
    this.afterDestsLeft();
    return undefined;
  }

  /** -C: the services go; their connections stay until their timers run out (ip_vs_flush). */
  flush(): void {
    for (const s of this.services) for (const d of s.dests) d.sd.available = false;
    this.services = [];
    this.afterDestsLeft();
  }

  /** ip_vs_enqueue_expire_nodest_conns: with expire_nodest_conn, a removed server's entries go (a jiffy later). */
  private afterDestsLeft(): void {
    if (Number(this.sysctl.get('expire_nodest_conn'))) this.conns.flushNoDest();
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
  interfaces: string[] = ['lo', 'eth0', 'eth1'];
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

  /** The virtual service a client's packet to ADDR:PORT over TCP meets, if any. */
  serviceFor(addr: string, port: number): Service | undefined {
    return this.services.find((s) => !s.fwmark && s.protocol === 'TCP' && s.addr === addr && (s.port === port || s.port === 0));
  }
}
