/**
 * How long the segment was without a master after one left: for each master that was stopped or
 * crashed, the time until another router became MASTER. A graceful stop sends priority 0 and a backup
 * takes over after its skew time (RFC 9568 §6.4.2: Skew_Time, under a second); a crash sends nothing
 * and the backups wait out the whole Master_Down_Interval (3 × Advertisement_Interval + Skew_Time).
 */
import type { ClusterEvent, Transition } from './cluster';

export interface Takeover {
  /** What made the master leave. */
  cause: 'stop' | 'kill';
  /** The router that left, and when. */
  router: number;
  at: number;
  /** The router that became MASTER next, and after how many seconds. */
  by: number;
  after: number;
}

export function takeovers(transitions: readonly Transition[], events: readonly ClusterEvent[]): Takeover[] {
  const out: Takeover[] = [];
  for (const left of transitions) {
    if (left.from !== 'MASTER' || left.to !== 'STOPPED') continue;
    const cause = events.find((e) => e.router === left.router && Math.abs(e.at - left.at) < 1e-6 && (e.action === 'stop' || e.action === 'kill'));
    if (!cause) continue;
    const next = transitions.find((t) => t.at > left.at && t.router !== left.router && t.to === 'MASTER');
    if (!next) continue;
    out.push({ cause: cause.action as 'stop' | 'kill', router: left.router, at: left.at, by: next.router, after: Math.round((next.at - left.at) * 1000) / 1000 });
  }
  return out;
}
