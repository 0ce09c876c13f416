/**
 * The scheduler lab's traffic as a scenario (../shared/ipvs-scenarios/SCHEMA.md), so that the same
 * connections can be replayed on a real kernel (test/kernel/guest/replay-schedulers.py, which the
 * browser's kernel carries too) and on the engine (scenario.ts), and the picks compared.
 *
 * The lab's run is played with `limit` connections; every connect, close, expiry and weight change
 * it makes becomes an event, in the order the run makes them. A real socket needs its own address
 * and port: where the run drew a client address and port a live connection already has, the next
 * free port is taken (both sides replay the same scenario, so they still see the same traffic).
 */
import type { Conn } from './connections';
import type { Scenario, ScenarioEvent } from './scenario';
import { labRun, type LabConfig } from './traffic';

export class LabScenarioError extends Error {}

export interface LabScenario {
  scenario: Scenario;
  /** The lab's own pick for each connect (index into the scenario's dests, null: refused). */
  labPicks: Array<number | null>;
}

export function labScenario(cfg: LabConfig, limit = 100): LabScenario {
  if ((cfg.persistence ?? 0) > 0) throw new LabScenarioError('persistence');
  if (cfg.sorry) throw new LabScenarioError('sorry');
  const weights = cfg.weights.map((w) => Math.max(0, Math.trunc(w)));
  const dests = weights.map((weight, i) => ({ addr: `10.0.0.${11 + i}`, port: 80, weight }));
  const events: ScenarioEvent[] = [];
  const labPicks: Array<number | null> = [];
  const index = new Map<Conn, number>();
  const live = new Set<string>();
  const tupleOf = new Map<number, string>();
  let connects = 0;
  const free = (saddr: string, sport: number) => {
    let port = sport;
    while (live.has(`${saddr}:${port}`)) port = port >= 61023 ? 1024 : port + 1;
    return port;
  };
  labRun({ ...cfg, connections: Math.min(Math.max(1, Math.trunc(cfg.connections)), limit) }, {
    connect(pkt, conn) {
      const sport = free(pkt.saddr, pkt.sport);
      events.push({ op: 'connect', saddr: pkt.saddr, sport, daddr: pkt.daddr, dport: pkt.dport });
      labPicks.push(conn ? Number(conn.dest.addr.split('.')[3]) - 11 : null);
      if (conn) {
        index.set(conn, connects);
        tupleOf.set(connects, `${pkt.saddr}:${sport}`);
        live.add(`${pkt.saddr}:${sport}`);
      }
      connects++;
    },
    close(conn) {
      const n = index.get(conn);
      if (n !== undefined) events.push({ op: 'close', conn: n });
    },
    removed(conn) {
      const n = index.get(conn);
      if (n === undefined) return;
      events.push({ op: 'expire', conn: n });
      live.delete(tupleOf.get(n)!);
    },
    weight(dest, weight) {
      events.push({ op: 'weight', dest, weight });
    },
  });
  return { scenario: { scheduler: cfg.scheduler, flags: [], dests, events }, labPicks };
}
