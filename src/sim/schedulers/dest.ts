/**
 * A real server as IPVS's schedulers see it (struct ip_vs_dest): weight, connection counters and
 * the flags they test. Linux 6.6 net/netfilter/ipvs/ is the reference for everything in this folder.
 */
export interface Dest {
  addr: string;
  port: number;
  weight: number;
  /** The last non-zero weight (mh keeps its table when a server is quiesced to 0). */
  lastWeight: number;
  activeconns: number;
  inactconns: number;
  /** IP_VS_DEST_F_OVERLOAD: set when activeconns + inactconns reach the upper threshold. */
  overloaded: boolean;
  /** IP_VS_DEST_F_AVAILABLE: cleared when the server is removed from the service. */
  available: boolean;
  /** ipvsadm -x and -y: the connection thresholds that set and clear `overloaded` (0: none). */
  uThreshold: number;
  lThreshold: number;
}

export function makeDest(addr: string, port: number, weight: number): Dest {
  return { addr, port, weight, lastWeight: weight, activeconns: 0, inactconns: 0, overloaded: false, available: true, uThreshold: 0, lThreshold: 0 };
}

/** ip_vs_dest_totalconns: what the thresholds count (templates aside). */
export const totalconns = (d: Dest) => d.activeconns + d.inactconns;

/**
 * A new connection bound to its server (ip_vs_bind_dest, Linux 6.1): counted, and the server is
 * flagged overloaded once its connections reach the upper threshold. The flag is only ever set
 * here, at a bind, never by changing a threshold.
 */
export function bindConn(d: Dest, active: boolean): void {
  if (active) d.activeconns++;
  else d.inactconns++;
  if (d.uThreshold !== 0 && totalconns(d) >= d.uThreshold) d.overloaded = true;
}

/**
 * An expired connection unbound (ip_vs_unbind_dest): uncounted, and the flag cleared below the
 * lower threshold, or below 3/4 of the upper one when no lower one is set, or at once without thresholds.
 */
export function unbindConn(d: Dest, active: boolean): void {
  if (active) d.activeconns--;
  else d.inactconns--;
  if (d.lThreshold !== 0) {
    if (totalconns(d) < d.lThreshold) d.overloaded = false;
  } else if (d.uThreshold !== 0) {
    if (totalconns(d) * 4 < d.uThreshold * 3) d.overloaded = false;
  } else d.overloaded = false;
}

/** ipvsadm -e … -x U -y L (__ip_vs_update_dest): a raised or removed upper threshold clears the flag. */
export function setThresholds(d: Dest, upper: number, lower: number): void {
  if (upper === 0 || upper > d.uThreshold) d.overloaded = false;
  d.uThreshold = upper;
  d.lThreshold = lower;
}

/** ip_vs_dest_conn_overhead: an active connection costs 256 inactive ones. */
export function overhead(d: Dest): number {
  return d.activeconns * 256 + d.inactconns;
}

/** The client side of a new connection, as the schedulers read it from the packet. */
export interface Packet {
  saddr: string;
  sport: number;
  daddr: string;
  dport: number;
}

export interface Service {
  /** The destination list in the kernel's order (newest first). */
  dests: Dest[];
  flags: ReadonlySet<string>;
  /** Randomness for twos, the one scheduler the kernel makes random. */
  random(): number;
  /** The kernel's word size (BITS_PER_LONG): hsiphash, and so mh's table, differ on a 32-bit kernel. Default 64. */
  bits?: 32 | 64;
}

/** What every scheduler implements: a pick, and the hooks the kernel calls on list changes. */
export interface Scheduler {
  schedule(pkt: Packet): Dest | null;
  /** Why the last pick was made, in words (for the lab and `--explain`). */
  why?: string;
  addDest?(d: Dest): void;
  /** Called after `d` was unlinked from the list; `formerIndex` is where it stood. */
  delDest?(d: Dest, formerIndex: number): void;
  updDest?(d: Dest): void;
}

/**
 * A virtual service as real directors build it: created empty (the scheduler's init_service sees
 * no destination), then the destinations added one at a time, the last of `dests` first, so that
 * the list ends in `dests`' order (the kernel puts each new destination at the front) and every
 * add ran the scheduler's add_dest hook, as `ipvsadm -A` then `-a`, or keepalived, does. wrr's
 * current weight, for one, is what those adds leave behind, not what a full list would start with.
 */
export function buildService(make: (svc: Service) => Scheduler, dests: Dest[], flags: Iterable<string>, random: () => number, bits: 32 | 64 = 64): { svc: Service; sched: Scheduler } {
  const svc: Service = { dests: [], flags: new Set(flags), random, bits };
  const sched = make(svc);
  for (let i = dests.length - 1; i >= 0; i--) addDest(svc, sched, dests[i]!);
  return { svc, sched };
}

/** A destination joins the front of the list, and the scheduler hears of it. */
export function addDest(svc: Service, sched: Scheduler, d: Dest): void {
  svc.dests.unshift(d);
  sched.addDest?.(d);
}

export const usable = (d: Dest) => !d.overloaded && d.weight > 0;

/** A client's address under a netmask, as persistence templates key it (persistence_granularity, ipvsadm -M). */
export function maskAddress(addr: string, netmask: string): string {
  const m = (ipv4ToU32(addr) & ipv4ToU32(netmask)) >>> 0;
  return [m >>> 24, (m >>> 16) & 255, (m >>> 8) & 255, m & 255].join('.');
}

export function ipv4ToU32(addr: string): number {
  const p = addr.split('.').map(Number);
  if (p.length !== 4 || p.some((x) => !Number.isInteger(x) || x < 0 || x > 255)) throw new Error(`not an IPv4 address: ${addr}`);
  return ((p[0]! << 24) | (p[1]! << 16) | (p[2]! << 8) | p[3]!) >>> 0;
}
