/**
 * The director's connection table (ip_vs_conn.c, ip_vs_core.c, Linux 6.1) for TCP: a new connection
 * is scheduled (through a persistence template when the service has one) and bound to its real server
 * counted inactive (the server's conn_flags carry IP_VS_CONN_F_INACTIVE) until its first packet moves
 * it to an active state; each packet then follows the TCP state machine (tcp-states.ts), counts in the
 * service's and server's statistics, and restarts the entry's timer. Templates (`-p`) have no TCP
 * state: NONE, then ASSURED once a connection they control is established; one whose time is up while
 * connections it controls still live waits 60 s more (ip_vs_conn_expire), and one whose server left
 * the service, or (expire_quiescent_template) has weight 0, is invalidated at its next use.
 */
import { createActor, type Actor } from 'xstate';
import type { Simulation } from '../core/simulation';
import type { QueuedTask } from '../core/queue';
import { bindConn, maskAddress, unbindConn } from '../schedulers/dest';
import { ACTIVE, tcpConnMachine, type Direction, type TcpFlag, type TcpState } from './tcp-states';
import type { LiveDest as Dest, Service } from './director';

export interface Packet {
  dir: Direction;
  flag: TcpFlag;
  /** IP length, as the statistics count bytes. */
  bytes: number;
}

interface Base {
  id: number;
  client: string;
  cport: number;
  vaddr: string;
  vport: number;
  dest: Dest;
  svc: Service;
}

export interface Conn extends Base {
  template: false;
  actor: Actor<typeof tcpConnMachine>;
  inactive: boolean;
  control?: Template;
}

export interface Template extends Base {
  template: true;
  /** Invalidated by ip_vs_check_template: its ports set to 65535, it waits out its time unused. */
  invalid: boolean;
  assured: boolean;
  nControl: number;
  expiresAt: number;
  timer?: QueuedTask;
}

export type Entry = Conn | Template;

const tuple = (client: string, cport: number, vaddr: string, vport: number) => `${client}:${cport}>${vaddr}:${vport}`;

/** What ip_vs_conn_expire gives a template that still controls connections. */
const TEMPLATE_WAIT_MS = 60_000;

export interface TableHost {
  sim: Simulation;
  /** The netns' TCP timeouts in ms, as `ipvsadm --set` leaves them. */
  timeoutOf(s: TcpState): number;
  sysctl(name: string): number;
  /** Which real server a new connection goes to (the service's scheduler). */
  schedule(svc: Service, client: string, cport: number): Dest | null;
}

export class ConnTable {
  /** Every entry, oldest first (a Set keeps insertion order and forgets in O(1)). */
  readonly entries = new Set<Entry>();
  /** Lookups the kernel makes by hash: a connection by its client and virtual address and port, a template by its masked client and virtual address and port. */
  private readonly byTuple = new Map<string, Conn>();
  private readonly templates = new Map<string, Template>();
  private nextId = 0;

  constructor(private readonly host: TableHost) {}

  get now(): number {
    return this.host.sim.now();
  }

  /** A client's SYN for a virtual service: the new entry, or null when IPVS refuses (ip_vs_leave: no server). */
  open(svc: Service, client: string, cport: number): Conn | null {
    let template: Template | undefined;
    let dest: Dest | null;
    if (svc.persistent !== undefined) {
      template = this.liveTemplate(svc, client);
      dest = template?.dest ?? this.host.schedule(svc, client, cport);
      if (!dest) return null;
      if (template) this.armTemplate(template, svc.persistent * 1000);
      else template = this.newTemplate(svc, client, dest);
    } else {
      dest = this.host.schedule(svc, client, cport);
      if (!dest) return null;
    }
    const conn: Conn = {
      id: this.nextId++, template: false, client, cport, vaddr: svc.addr, vport: svc.port, dest, svc, inactive: true, control: template,
      actor: createActor(tcpConnMachine, { clock: this.host.sim.clock, input: { noOutput: dest.forward !== 'Masq', timeoutOf: (s) => this.host.timeoutOf(s), now: () => this.now } }),
    };
    if (template) template.nControl++;
    bindConn(dest.sd, false);
    dest.stats.live.conns++;
    svc.live!.stats.live.conns++;
    conn.actor.subscribe({ complete: () => this.expired(conn) });
    conn.actor.start();
    this.entries.add(conn);
    this.byTuple.set(tuple(client, cport, conn.vaddr, conn.vport), conn);
    return conn;
  }

  private liveTemplate(svc: Service, client: string): Template | undefined {
    const key = maskAddress(client, svc.netmask);
    const t = this.templates.get(tuple(key, 0, svc.addr, svc.port));
    if (!t) return undefined;
    // ip_vs_check_template: a template whose server left the service, or is quiesced while
    // expire_quiescent_template is set, is invalidated (ports 65535, timer left as it is) and the
    // scheduler asked again; the old one stays listed, and counted, until its time is up.
    if (!t.dest.sd.available || (this.host.sysctl('expire_quiescent_template') && t.dest.weight === 0)) {
      t.invalid = true;
      this.templates.delete(tuple(t.client, 0, t.vaddr, t.vport));
      t.vport = 65535;
      return undefined;
    }
    return t;
  }

  private newTemplate(svc: Service, client: string, dest: Dest): Template {
    const t: Template = { id: this.nextId++, template: true, client: maskAddress(client, svc.netmask), cport: 0, vaddr: svc.addr, vport: svc.port, dest, svc, assured: false, invalid: false, nControl: 0, expiresAt: 0 };
    dest.persist++;
    this.entries.add(t);
    this.templates.set(tuple(t.client, 0, t.vaddr, t.vport), t);
    this.armTemplate(t, svc.persistent! * 1000);
    return t;
  }

  private armTemplate(t: Template, ms: number): void {
    this.host.sim.cancel(t.timer);
    t.expiresAt = this.now + ms;
    t.timer = this.host.sim.at(t.expiresAt, () => {
      if (t.nControl > 0) this.armTemplate(t, TEMPLATE_WAIT_MS);
      else this.remove(t);
    });
  }

  /**
   * One packet of a connection through the director. A reply of a DR or TUN connection never
   * passes it; a packet for a server that left the service is dropped, and with expire_nodest_conn
   * the entry goes with it. Returns false when the packet was dropped.
   */
  packet(c: Conn, p: Packet): boolean {
    if (!this.entries.has(c)) return false;
    if (p.dir === 'output' && c.dest.forward !== 'Masq') return true;
    if (!c.dest.sd.available) {
      if (p.dir === 'input' && this.host.sysctl('expire_nodest_conn')) c.actor.send({ type: 'expireNow' });
      return false;
    }
    const stats = p.dir === 'input' ? (['inpkts', 'inbytes'] as const) : (['outpkts', 'outbytes'] as const);
    for (const s of [c.dest.stats, c.svc.live!.stats]) {
      s.live[stats[0]]++;
      s.live[stats[1]] += p.bytes;
    }
    c.actor.send({ type: 'packet', dir: p.dir, flag: p.flag });
    const state = this.stateOf(c);
    if (c.inactive && ACTIVE.has(state)) this.activate(c, true);
    else if (!c.inactive && !ACTIVE.has(state)) this.activate(c, false);
    if (state === 'ESTABLISHED' && c.control) c.control.assured = true;
    return true;
  }

  private activate(c: Conn, on: boolean): void {
    c.inactive = !on;
    // A state change moves the connection between the counters; only binding and unbinding touch the overload flag.
    c.dest.sd.activeconns += on ? 1 : -1;
    c.dest.sd.inactconns += on ? -1 : 1;
  }

  stateOf(c: Conn): TcpState {
    const v = c.actor.getSnapshot().value;
    return v === 'expired' ? 'CLOSE' : (v as TcpState);
  }

  /** ms left on an entry's timer. */
  left(e: Entry): number {
    return Math.max(0, (e.template ? e.expiresAt : e.actor.getSnapshot().context.expiresAt) - this.now);
  }

  private expired(c: Conn): void {
    if (!this.entries.delete(c)) return;
    this.byTuple.delete(tuple(c.client, c.cport, c.vaddr, c.vport));
    unbindConn(c.dest.sd, !c.inactive);
    if (c.control) c.control.nControl--;
  }

  private remove(t: Template): void {
    if (!this.entries.delete(t)) return;
    if (this.templates.get(tuple(t.client, 0, t.vaddr, t.vport)) === t) this.templates.delete(tuple(t.client, 0, t.vaddr, t.vport));
    this.host.sim.cancel(t.timer);
    t.dest.persist--;
  }

  /** The connection entry of a client's address and port to a virtual address and port, if any. */
  find(client: string, cport: number, vaddr: string, vport: number): Conn | undefined {
    return this.byTuple.get(tuple(client, cport, vaddr, vport));
  }

  /**
   * A SYN whose address and port still have an entry (ip_vs_in, Linux 6.1): with expire_nodest_conn a
   * server at weight 0 gives it up; with conn_reuse_mode, so does an entry in TIME_WAIT or CLOSE (or,
   * bit 2, a DR/TUN entry in FIN_WAIT) not controlled by a template (is_new_conn_expected). Such an
   * entry is expired now and the SYN scheduled afresh; otherwise the SYN goes on in the old entry, to
   * the old server. Returns the entry the SYN continues, or undefined when a new one must be made.
   */
  reuse(c: Conn): Conn | undefined {
    const mode = this.host.sysctl('conn_reuse_mode');
    const state = this.stateOf(c);
    const expected = !c.control && (state === 'TIME_WAIT' || state === 'CLOSE' || ((mode & 2) !== 0 && state === 'FIN_WAIT' && c.actor.getSnapshot().context.noOutput));
    const nodest = this.host.sysctl('expire_nodest_conn') && (c.dest.weight === 0 || !c.dest.sd.available);
    // With expire_nodest_conn, a server at weight 0 or one that left the service gives the entry up too.
    if (nodest || (mode && expected)) {
      c.actor.send({ type: 'expireNow' });
      return undefined;
    }
    return c;
  }

  /** The port -Lc shows for the real server (65535 on an invalidated template). */
  destPort(e: Entry): number {
    return e.template && e.invalid ? 65535 : e.dest.port;
  }

  /**
   * A real server left its service while expire_nodest_conn is set: ip_vs_expire_nodest_conn_flush
   * deletes every entry of a server no longer available, except templates still controlling
   * connections, and a template as soon as the last connection it controlled is gone.
   */
  flushNoDest(): void {
    for (const e of [...this.entries]) {
      if (e.dest.sd.available || !this.entries.has(e)) continue;
      if (e.template) {
        if (e.nControl === 0) this.remove(e);
        continue;
      }
      e.actor.send({ type: 'expireNow' });
      if (e.control && e.control.nControl === 0) this.remove(e.control);
    }
  }

  /** The state name -Lc shows. */
  stateName(e: Entry): string {
    return e.template ? (e.assured ? 'ASSURED' : 'NONE') : this.stateOf(e);
  }
}
