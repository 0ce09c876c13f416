/**
 * An election as frames for the lab: the cluster's states sampled every step (default 0.25 s),
 * each frame carrying every router's state and the state changes that happened in that step.
 */
import { timelineOf, type Frame, type Timeline } from '../core';
import { runCluster, type ClusterEvent, type Transition } from './cluster';
import type { InstanceSpec } from './router';

export interface ElectionFrame {
  t: number;
  states: string[];
  changes: Transition[];
}

export function electionTimeline(specs: InstanceSpec[], events: ClusterEvent[], until: number, step = 0.25): { timeline: Timeline<ElectionFrame>; transitions: Transition[] } {
  const { transitions } = runCluster(specs, events, until);
  const routers = specs.length;
  const frames: Array<Frame<ElectionFrame>> = [];
  const states = new Array<string>(routers).fill('INIT');
  let k = 0;
  for (let i = 0; i * step <= until + 1e-9; i++) {
    const t = Math.round(i * step * 1000) / 1000;
    const changes: Transition[] = [];
    while (k < transitions.length && transitions[k]!.at <= t + 1e-9) {
      const tr = transitions[k++]!;
      states[tr.router] = tr.to;
      changes.push(tr);
    }
    const text = changes.length
      ? { en: changes.map((c) => `${t.toFixed(2)} s: router ${c.router + 1} ${c.from} → ${c.to} (${c.reason})`).join('; '), zh: changes.map((c) => `${t.toFixed(2)} 秒：路由器 ${c.router + 1} ${c.from} → ${c.to}（${c.reason}）`).join('；') }
      : { en: `${t.toFixed(2)} s: no change`, zh: `${t.toFixed(2)} 秒：没有变化` };
    frames.push({ index: i, t: t * 1000, state: { t, states: [...states], changes }, ...(i > 0 ? { event: { t: t * 1000, seq: i - 1, actor: 'vrrp', kind: 'vrrp.tick', data: {}, text } } : {}) });
  }
  return { timeline: timelineOf(frames), transitions };
}
