/**
 * Client requests through the health run's IPVS table: what readers see while a real server dies and
 * the checkers take it out. Each request is scheduled by the virtual service's own scheduler (the
 * kernel's algorithms, src/sim/schedulers) over the table as it is at that moment, and answered as
 * the chosen server's world allows:
 *
 * - up: answered (a few milliseconds);
 * - slow: answered after its delay, or given up by the client at its timeout;
 * - dead: nothing comes back (the SYN is lost) and the client gives up at its timeout;
 * - refusing: reset at once;
 * - no destination (empty table): IPVS does not schedule it, the packet reaches the director's own
 *   stack, which has no listener on the VIP port: reset (ip_vs_schedule returning NULL, ip_vs_leave).
 *
 * Each connection counts on its server as IPVS counts it (ip_vs_proto_tcp.c, tcp_state_active_table
 * and tcp_timeouts): active from the SYN (SYN_RECV) through ESTABLISHED; once the client closes it
 * goes to FIN_WAIT, inactive for 2 minutes; a connection to a dead server stays in SYN_RECV, active,
 * for its 1-minute timeout; a reset one sits in CLOSE, inactive, for 10 s. lc and wlc read these
 * counters, which is why they steer away from a dead server even before the checker takes it out.
 *
 * A request that failed is retried by its client once, after a pause, like a browser or a health-aware
 * client library would; the retry is a new connection, scheduled again. The client's timeout and retry
 * are the reader's model of a client, not keepalived's or the kernel's: they are stated in the lab.
 */
import { SCHEDULERS } from '../schedulers/registry';
import { buildService, makeDest, bindConn, unbindConn, type Dest } from '../schedulers/dest';
import { createRng } from '../core';
import type { HealthRun } from './run';

export type RequestResult = 'ok' | 'slow' | 'timeout' | 'reset';

export interface ClientRequest {
  id: number;
  /** Seconds: sent, and answered or given up. */
  at: number;
  done: number;
  /** The server IPVS picked (its label), or null when the table had none. */
  server: string | null;
  result: RequestResult;
  /** 0 for the first try, 1 for the retry. */
  attempt: number;
  /** Sent where a persistence template said, not where the scheduler would have. */
  template?: true;
}

export interface ClientModel {
  /** New requests per second, evenly spaced. */
  rate: number;
  /** Seconds a client waits for an answer before it gives up. */
  timeout: number;
  /** Seconds before a failed request is tried again (once). */
  retryAfter: number;
}

export const DEFAULT_CLIENT: ClientModel = { rate: 2, timeout: 3, retryAfter: 1 };

/** A persistent service (persistence_timeout, persistence_granularity): IPVS's connection templates. */
export interface Persistence {
  /** Seconds a template outlives the last connection it controls. */
  timeout: number;
  /** The mask clients are grouped by (default 255.255.255.255: one template per client address). */
  netmask?: string;
}

const u32 = (a: string) => a.split('.').reduce((n, o) => (n * 256 + Number(o)) >>> 0, 0);

/** Seconds a healthy server takes to answer. */
const ANSWER = 0.005;
/** tcp_timeouts of ip_vs_proto_tcp.c (Linux 6.1), in seconds. */
const SYN_RECV_S = 60;
const FIN_WAIT_S = 120;
const CLOSE_S = 10;

/**
 * With `persistence`, a client's connections follow its template (ip_vs_sched_persist): while a
 * template for its masked address lives and points at a destination still in the service, that
 * destination serves it, whatever the scheduler would say, weight 0 included; a template whose
 * destination was removed is dropped (ip_vs_check_template) and the scheduler picks again. A template
 * lives `timeout` seconds past the end of the last connection it controls.
 */
export function requestsThrough(run: HealthRun, scheduler: string, until: number, client: ClientModel = DEFAULT_CLIENT, persistence?: Persistence): ClientRequest[] {
  const make = SCHEDULERS[scheduler] ?? SCHEDULERS.wlc!;
  const rng = createRng('requests');
  const { svc, sched } = buildService(make, [], [], () => rng.next());
  const byLabel = new Map<string, Dest>();
  /** The service's destinations follow the table at `t`: new entries added, gone ones deleted, weights set. */
  const sync = (ipvs: HealthRun['ipvs']) => {
    for (const [label, d] of byLabel) {
      if (ipvs.some((e) => e.server === label)) continue;
      const i = svc.dests.indexOf(d);
      svc.dests.splice(i, 1);
      d.available = false;
      sched.delDest?.(d, i);
      byLabel.delete(label);
    }
    for (const e of ipvs) {
      const d = byLabel.get(e.server);
      if (!d) {
        const [addr, port] = splitLabel(e.server);
        const nd = makeDest(addr, port, e.weight);
        byLabel.set(e.server, nd);
        svc.dests.unshift(nd);
        sched.addDest?.(nd);
      } else if (d.weight !== e.weight) {
        d.weight = e.weight;
        if (e.weight > 0) d.lastWeight = e.weight;
        sched.updDest?.(d);
      }
    }
  };

  /** A connection's counter moves: from active or inactive to the other, or out (expired). */
  type Job = { t: number; kind: 'send'; attempt: number; client: number } | { t: number; kind: 'move'; dest: Dest; from: 'active' | 'inactive'; to: 'inactive' | null };
  const jobs: Job[] = [];
  const push = (j: Job) => {
    let i = jobs.length;
    while (i > 0 && jobs[i - 1]!.t > j.t) i--;
    jobs.splice(i, 0, j);
  };
  for (let k = 0; k * (1 / client.rate) <= until; k++) push({ t: Math.round((k / client.rate) * 1000) / 1000, kind: 'send', attempt: 0, client: k });

  const out: ClientRequest[] = [];
  const templates = new Map<number, { dest: Dest; until: number }>();
  const mask = persistence ? u32(persistence.netmask ?? '255.255.255.255') : 0;
  let port = 40000;
  while (jobs.length) {
    const job = jobs.shift()!;
    if (job.kind === 'move') {
      unbindConn(job.dest, job.from === 'active');
      if (job.to) bindConn(job.dest, false);
      continue;
    }
    const t = job.t;
    // The run's moment at t, looked up once: its IPVS table for the scheduler, its servers for the answer.
    const frame = run.timeline.frameAtTime(Math.round(t * 1000)).state;
    sync(frame.ipvs);
    // Fifty clients take turns (a retry comes from the same client), so source hashing (sh, mh) has addresses to spread.
    const saddr = `203.0.113.${1 + (job.client % 50)}`;
    const key = (u32(saddr) & mask) >>> 0;
    const tpl = persistence ? templates.get(key) : undefined;
    const live = tpl && tpl.until >= t && tpl.dest.available !== false && svc.dests.includes(tpl.dest) ? tpl : undefined;
    const dest = live ? live.dest : sched.schedule({ saddr, sport: port++, daddr: '192.0.2.10', dport: 80 });
    const server = dest ? labelOf(byLabel, dest) : null;
    const view = server ? frame.servers.find((s) => s.label === server) : undefined;
    const world = view?.world ?? 'up'; // the sorry server is not failed by the lab
    let result: RequestResult;
    let took: number;
    if (!dest) [result, took] = ['reset', 0];
    else if (world === 'dead') [result, took] = ['timeout', client.timeout];
    else if (world === 'refusing') [result, took] = ['reset', 0];
    else if (world === 'slow') {
      const slow = view?.slowBy ?? 0;
      [result, took] = slow >= client.timeout ? ['timeout', client.timeout] : ['slow', slow];
    } else [result, took] = ['ok', ANSWER];
    const done = Math.round((t + took) * 1000) / 1000;
    out.push({ id: out.length, at: t, done, server, result, attempt: job.attempt, ...(live ? { template: true } : {}) });
    if (persistence && dest) {
      const ends = result === 'timeout' ? t + SYN_RECV_S : done;
      templates.set(key, { dest, until: Math.max(live?.until ?? 0, ends + persistence.timeout) });
    }
    if (dest) {
      // SYN_RECV, then ESTABLISHED: active either way.
      bindConn(dest, true);
      const r3 = (x: number) => Math.round(x * 1000) / 1000;
      // A slow server accepted the connection even when the client gave up on the answer: it closes, FIN_WAIT.
      if (result === 'ok' || result === 'slow' || world === 'slow') {
        push({ t: done, kind: 'move', dest, from: 'active', to: 'inactive' });
        push({ t: r3(done + FIN_WAIT_S), kind: 'move', dest, from: 'inactive', to: null });
      } else if (result === 'timeout') push({ t: r3(t + SYN_RECV_S), kind: 'move', dest, from: 'active', to: null });
      else {
        push({ t, kind: 'move', dest, from: 'active', to: 'inactive' });
        push({ t: r3(t + CLOSE_S), kind: 'move', dest, from: 'inactive', to: null });
      }
    }
    const failed = result === 'timeout' || result === 'reset';
    if (failed && job.attempt === 0 && done + client.retryAfter <= until) push({ t: Math.round((done + client.retryAfter) * 1000) / 1000, kind: 'send', attempt: 1, client: job.client });
  }
  return out;
}

/** `192.168.1.11:80` → address and port (port 0 when the label has none). */
function splitLabel(label: string): [string, number] {
  const m = /^(.*?)(?::(\d+))?$/.exec(label)!;
  return [m[1]!.replace(/^\[|\]$/g, ''), Number(m[2] ?? 0)];
}

function labelOf(byLabel: Map<string, Dest>, d: Dest): string {
  for (const [label, x] of byLabel) if (x === d) return label;
  return `${d.addr}:${d.port}`;
}
