/**
 * The scheduler lab's run: a virtual service with a few real servers, a traffic pattern, and a
 * scheduler, played on the simulation core. Connections arrive, land where the scheduler sends
 * them, go inactive when they close and disappear when they expire, so active and inactive counts
 * move as they do in IPVS. Frames are taken every few connections, so thousands stay smooth.
 */
import { Simulation, record, type Timeline } from '../core';
import { buildService, makeDest, type Dest } from './dest';
import { SCHEDULERS } from './registry';
import { ConnectionTable, type Conn } from './connections';

export const PATTERNS = ['steady', 'bursty', 'long-lived', 'heavy-clients', 'slow-server', 'failing-server'] as const;
export type Pattern = (typeof PATTERNS)[number];

export interface LabConfig {
  scheduler: string;
  weights: number[];
  pattern: Pattern;
  connections: number;
  seed?: string | number;
  /** persistence_timeout in seconds (0: none). */
  persistence?: number;
  /** A sorry server takes connections when the scheduler finds no real server. */
  sorry?: boolean;
}

export interface ServerSnapshot {
  addr: string;
  weight: number;
  active: number;
  inactive: number;
  /** Connections this server got so far. */
  total: number;
}

export interface LabState {
  servers: ServerSnapshot[];
  /** The newest connections, newest first, as `ipvsadm -Lnc` lists them. */
  table: Array<{ id: number; client: string; server: string; state: 'ESTABLISHED' | 'FIN_WAIT' | 'TIME_WAIT' }>;
  connections: number;
  refused: number;
  /** Connections the sorry server took. */
  sorry: number;
  /** Live persistence templates. */
  templates: number;
}

/** What a run tells a listener, in the order it happens (lab-scenario.ts turns it into a scenario). */
export interface LabHooks {
  connect(pkt: { saddr: string; sport: number; daddr: string; dport: number }, conn: Conn | null): void;
  close(conn: Conn): void;
  removed(conn: Conn): void;
  weight(dest: number, weight: number): void;
}

export function labRun(cfg: LabConfig, hooks?: LabHooks): Timeline<LabState> {
  if (!Object.hasOwn(SCHEDULERS, cfg.scheduler)) throw new Error(`unknown scheduler ${cfg.scheduler}`);
  const sim = new Simulation(cfg.seed ?? `${cfg.scheduler}-${cfg.pattern}`);
  const dests: Dest[] = cfg.weights.map((w, i) => makeDest(`10.0.0.${11 + i}`, 80, Math.max(0, Math.trunc(w))));
  const { sched } = buildService(SCHEDULERS[cfg.scheduler]!, dests, [], () => sim.rng.next());
  const table = new ConnectionTable(sched, { timeout: cfg.persistence ?? 0 });
  if (hooks) table.onRemove = (c) => hooks.removed(c);
  const totals = new Map<Dest, number>();
  const recent: Conn[] = [];
  let refused = 0;
  let sorry = 0;
  let made = 0;
  const n = Math.min(Math.max(1, Math.trunc(cfg.connections)), 20_000);
  const every = Math.max(1, Math.round(n / 120));
  const clients = cfg.pattern === 'heavy-clients' ? 4 : 400;

  const snapshot = (): LabState => ({
    servers: dests.map((d) => ({ addr: d.addr, weight: d.weight, active: d.activeconns, inactive: d.inactconns, total: totals.get(d) ?? 0 })),
    table: recent.slice(-8).reverse().map((c) => ({ id: c.id, client: `${c.client}:${c.cport}`, server: c.dest.addr, state: c.state === 'ESTABLISHED' ? 'ESTABLISHED' : 'TIME_WAIT' })),
    connections: made,
    refused,
    sorry,
    templates: table.conns.filter((c) => c.template).length,
  });

  let t = 0;
  for (let i = 0; i < n; i++) {
    const gap = cfg.pattern === 'bursty' ? (i % 50 < 40 ? 0.02 : 1.5) : 0.1;
    t += gap * (0.5 + sim.rng.next());
    sim.at(t * 1000, () => {
      const now = sim.now() / 1000;
      if (cfg.pattern === 'failing-server' && i === Math.floor(n / 2) && dests[0]) {
        // The health checker takes the first server out: weight 0 (inhibit_on_failure keeps its connections).
        dests[0].weight = 0;
        sched.updDest?.(dests[0]);
        hooks?.weight(0, 0);
      }
      const k = sim.rng.int(clients);
      const client = `198.18.${k >> 8}.${(k & 255) || 1}`;
      const pkt = { saddr: client, sport: 1024 + sim.rng.int(60000), daddr: '192.0.2.10', dport: 80 };
      const conn = table.connect(pkt, now);
      hooks?.connect(pkt, conn);
      if (!conn) {
        if (cfg.sorry) sorry++;
        else refused++;
      } else {
        made++;
        totals.set(conn.dest, (totals.get(conn.dest) ?? 0) + 1);
        recent.push(conn);
        if (recent.length > 8) recent.shift();
        const slow = cfg.pattern === 'slow-server' && conn.dest === dests[1] ? 8 : 1;
        const life = (cfg.pattern === 'long-lived' ? 60 : 2) * slow * (0.5 + sim.rng.next());
        sim.after(life * 1000, () => {
          if (hooks && conn.state === 'ESTABLISHED' && table.conns.includes(conn)) hooks.close(conn);
          table.close(conn, sim.now() / 1000);
        });
      }
      if (i % every === every - 1 || i === n - 1) {
        table.expire(now);
        sim.emit('ipvs', 'lab.frame', { connections: i + 1 }, {
          en: `${i + 1} connections so far; ${refused} found no server${cfg.sorry ? `, ${sorry} went to the sorry server` : ''}.`,
          zh: `目前共 ${i + 1} 个连接；${refused} 个找不到服务器${cfg.sorry ? `，${sorry} 个转给了 sorry server` : ''}。`,
        });
      }
    });
  }
  return record(sim, snapshot, { until: t * 1000 + 1 });
}
