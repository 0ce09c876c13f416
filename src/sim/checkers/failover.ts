/**
 * One real server dying under client traffic, for the scheduler lab: the lab's service written as a
 * keepalived virtual_server (its scheduler and weights, a TCP_CHECK on every real server with the
 * timings of keepalived.conf(5)'s example: connect_timeout 3, retry 2, delay_before_retry 3; warmup 0
 * so that the first check is 1 s after start), read by
 * the config language, its checkers run (./run.ts), and the clients' requests sent through the IPVS
 * table as it changes (./requests.ts).
 */
import { parseConfig } from '../../keepalived';
import { runHealthChecks } from './run';
import { specFromConfig } from './spec';
import { requestsThrough, DEFAULT_CLIENT, type ClientRequest } from './requests';

export interface FailoverOptions {
  scheduler: string;
  weights: number[];
  /** Index of the real server that dies, and when (seconds). */
  dies: number;
  at: number;
  until: number;
}

export interface FailoverTraffic {
  requests: ClientRequest[];
  /** The real servers' labels, in the lab's order. */
  servers: string[];
  /** When the checker took the dead server out of the table (seconds), if it did before `until`. */
  removedAt: number | null;
  /** The config the run was read from (shown to the reader). */
  config: string;
}

const serverAddress = (i: number) => `10.0.0.${11 + i}`;

export function failoverConfig(scheduler: string, weights: number[]): string {
  const servers = weights.map((w, i) => `  real_server ${serverAddress(i)} 80 {
    weight ${w}
    TCP_CHECK {
      connect_timeout 3
      retry 2
      delay_before_retry 3
      warmup 0
    }
  }`).join('\n');
  return `virtual_server 192.0.2.10 80 {\n  delay_loop 6\n  lb_algo ${scheduler}\n  lb_kind DR\n  protocol TCP\n${servers}\n}\n`;
}

export function failoverTraffic(o: FailoverOptions): FailoverTraffic | undefined {
  const config = failoverConfig(o.scheduler, o.weights);
  const picked = specFromConfig(parseConfig(config), 0);
  if (!picked) return undefined;
  const run = runHealthChecks(picked.vs, [{ at: o.at, server: o.dies, action: 'fail' }], o.until, picked.options);
  const servers = picked.vs.realServers.map((rs) => `${rs.address}:${rs.port}`);
  const removed = run.transitions.find((t) => t.server === servers[o.dies] && t.checker === 'ipvs' && t.to === 'absent');
  return { requests: requestsThrough(run, o.scheduler, o.until, DEFAULT_CLIENT), servers, removedAt: removed?.at ?? null, config };
}
