/**
 * The IPVS connection table for one virtual service: connections with their TCP state and the
 * kernel's default timeouts (ip_vs_proto_tcp.c: ESTABLISHED 15 min, FIN_WAIT and TIME_WAIT 2 min,
 * CLOSE 10 s), and persistence templates (ip_vs_sched_persist): with persistence_timeout set, a
 * client (its address masked by persistence_granularity) keeps going to the server its template
 * names, without asking the scheduler, until the template expires. A template never expires while it
 * still controls connections: ip_vs_conn_expire gives it 60 more seconds and looks again. By default a
 * template survives its server being quiesced to weight 0; with net.ipv4.vs.expire_quiescent_template = 1
 * ip_vs_check_template invalidates it at the client's next connection, and the scheduler picks anew.
 */
import type { Dest, Packet, Scheduler } from './dest';
import { maskAddress } from './dest';
import { TCP_TIMEOUTS as KERNEL_TCP_TIMEOUTS } from '../ipvsadm/tcp-table';

export type TcpState = 'ESTABLISHED' | 'FIN_WAIT' | 'TIME_WAIT' | 'CLOSE' | 'NONE';

/** Seconds each state lives without traffic (net/netfilter/ipvs/ip_vs_proto_tcp.c, tcp_timeouts). */
export const TCP_TIMEOUTS: Record<TcpState, number> = KERNEL_TCP_TIMEOUTS;

export interface Conn {
  id: number;
  client: string;
  cport: number;
  vip: string;
  vport: number;
  dest: Dest;
  state: TcpState;
  /** Virtual seconds at which the entry expires unless refreshed. */
  expires: number;
  /** A persistence template (`ipvsadm -Lnc` shows it as NONE with client port 0). */
  template: boolean;
  controls: number;
}

export interface PersistenceOptions {
  /** Seconds; 0 or undefined: no persistence. */
  timeout?: number;
  /** Netmask applied to the client address, default 255.255.255.255. */
  granularity?: string;
  /** net.ipv4.vs.expire_quiescent_template: a template whose server has weight 0 is not used (default off). */
  expireQuiescentTemplate?: boolean;
}

/** What ip_vs_conn_expire gives a template that still controls connections (cp->timeout = 60*HZ). */
export const TEMPLATE_RECHECK_S = 60;

export class ConnectionTable {
  readonly conns: Conn[] = [];
  private nextId = 0;
  /** Hears of every connection (not template) whose entry leaves the table. */
  onRemove?: (conn: Conn) => void;

  constructor(private readonly scheduler: Scheduler, private readonly persistence: PersistenceOptions = {}) {}

  private templateKey(client: string): string {
    return maskAddress(client, this.persistence.granularity ?? '255.255.255.255');
  }

  /** A new connection at time `now` (seconds): through a live template, or the scheduler. */
  connect(pkt: Packet, now: number): Conn | null {
    this.expire(now);
    const timeout = this.persistence.timeout ?? 0;
    let template: Conn | undefined;
    if (timeout > 0) {
      const key = this.templateKey(pkt.saddr);
      template = this.conns.find((c) => c.template && c.client === key && c.vport === pkt.dport);
      // A template whose server was removed is dropped; a quiesced (weight 0) one is kept unless
      // expire_quiescent_template is set (ip_vs_check_template).
      const quiescent = template && this.persistence.expireQuiescentTemplate && template.dest.weight === 0;
      if (template && (!template.dest.available || quiescent)) {
        this.conns.splice(this.conns.indexOf(template), 1);
        template = undefined;
      }
    }
    const dest = template?.dest ?? this.scheduler.schedule(pkt);
    if (!dest) return null;
    if (timeout > 0 && !template) {
      template = { id: this.nextId++, client: this.templateKey(pkt.saddr), cport: 0, vip: pkt.daddr, vport: pkt.dport, dest, state: 'NONE', expires: now + timeout, template: true, controls: 0 };
      this.conns.push(template);
    }
    if (template) {
      template.expires = now + timeout;
      template.controls++;
    }
    dest.activeconns++;
    const conn: Conn = { id: this.nextId++, client: pkt.saddr, cport: pkt.sport, vip: pkt.daddr, vport: pkt.dport, dest, state: 'ESTABLISHED', expires: now + TCP_TIMEOUTS.ESTABLISHED, template: false, controls: 0 };
    this.conns.push(conn);
    return conn;
  }

  /** The client closed (FIN): active → inactive, the entry lingers in TIME_WAIT. */
  close(conn: Conn, now: number): void {
    if (conn.template || conn.state !== 'ESTABLISHED') return;
    conn.dest.activeconns--;
    conn.dest.inactconns++;
    conn.state = 'TIME_WAIT';
    conn.expires = now + TCP_TIMEOUTS.TIME_WAIT;
  }

  /** Drop every entry whose time is up; templates wait for the connections they control. */
  expire(now: number): void {
    for (let i = this.conns.length - 1; i >= 0; i--) {
      const c = this.conns[i]!;
      if (c.expires > now) continue;
      if (c.template) {
        const controlled = this.conns.some((x) => !x.template && x.dest === c.dest && this.templateKey(x.client) === c.client && x.vport === c.vport);
        if (controlled) {
          c.expires = now + TEMPLATE_RECHECK_S;
          continue;
        }
      } else if (c.state === 'ESTABLISHED') c.dest.activeconns--;
      else c.dest.inactconns--;
      this.conns.splice(i, 1);
      if (!c.template) this.onRemove?.(c);
    }
  }
}

const mmss = (s: number) => `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(Math.floor(s % 60)).padStart(2, '0')}`;

/** The table as `ipvsadm -Lnc` prints it. */
export function formatIpvsadmLnc(table: ConnectionTable, now: number): string {
  const rows = table.conns.map((c) => [
    'TCP', mmss(Math.max(0, c.expires - now)), c.state,
    `${c.client}:${c.cport}`, `${c.vip}:${c.vport}`, `${c.dest.addr}:${c.dest.port}`,
  ]);
  const head = 'IPVS connection entries\npro expire state       source             virtual            destination';
  return [head, ...rows.map((r) => `${r[0]!.padEnd(3)} ${r[1]!.padEnd(6)} ${r[2]!.padEnd(11)} ${r[3]!.padEnd(18)} ${r[4]!.padEnd(18)} ${r[5]}`)].join('\n');
}
