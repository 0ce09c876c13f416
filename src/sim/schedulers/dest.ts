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
}

export function makeDest(addr: string, port: number, weight: number): Dest {
  return { addr, port, weight, lastWeight: weight, activeconns: 0, inactconns: 0, overloaded: false, available: true };
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

export const usable = (d: Dest) => !d.overloaded && d.weight > 0;

export function ipv4ToU32(addr: string): number {
  const p = addr.split('.').map(Number);
  if (p.length !== 4 || p.some((x) => !Number.isInteger(x) || x < 0 || x > 255)) throw new Error(`not an IPv4 address: ${addr}`);
  return ((p[0]! << 24) | (p[1]! << 16) | (p[2]! << 8) | p[3]!) >>> 0;
}
