/**
 * An election as frames for the lab: the cluster sampled every step (default 0.25 s), each frame
 * carrying every router's state, effective priority and master-down timer (how much is left of how
 * much), the adverts sent during the step, and the state changes that happened in it.
 */
import { timelineOf, type Frame, type Timeline } from '../core';
import { runCluster, type ClusterEvent, type ClusterRun, type Transition } from './cluster';
import type { InstanceSpec } from './router';

export interface ElectionFrame {
  t: number;
  states: string[];
  priorities: number[];
  /** Per router: the backup's master-down timer, or null when it is not waiting. */
  timers: Array<{ remaining: number; total: number } | null>;
  /** Adverts sent since the previous frame: who, with which priority. */
  adverts: Array<{ router: number; priority: number }>;
  changes: Transition[];
  /** Per router: is its link to the segment up (a cut link neither sends nor hears adverts)? */
  links: boolean[];
}

/** One lane per router: the lab shows each router's first instance. */
/** The engine's reasons in Chinese, for the lab's Chinese page (anything not listed stays as the engine says it). */
const ZH_REASONS: Array<[RegExp, string]> = [
  [/^start$/, '启动'],
  [/^address owner \(priority 255\): MASTER at once/, '地址拥有者（优先级 255）：立即成为 MASTER'],
  [/^state MASTER: no advert within one advert_int \+ minimum skew/, 'state MASTER：一个 advert_int 加最小偏移时间内没有收到通告'],
  [/^the master stopped \(priority 0 advert\): took over after the skew time/, '主节点停止（优先级 0 的通告）：偏移时间后接管'],
  [/^master down timer expired: no advert for 3 × advert_int \+ skew/, '主节点失效计时器到期：3 × advert_int + 偏移时间内没有通告'],
  [/^higher priority advert received$/, '收到更高优先级的通告'],
  [/^stopped: sent priority 0$/, '已停止：发出优先级 0 的通告'],
  [/^killed: no final advert$/, '被杀死：没有发出最后的通告'],
  [/^stopped$/, '已停止'],
  [/^killed$/, '被杀死'],
];
export function reasonZh(reason: string): string {
  return reason.split('; ').map((part) => {
    const ignored = /^adverts from router (\d+) ignored: (authentication|advert_int) differs$/.exec(part);
    if (ignored) return `路由器 ${ignored[1]} 的通告被忽略：${ignored[2] === 'authentication' ? '认证不一致' : 'advert_int 不一致'}`;
    const hit = ZH_REASONS.find(([re]) => re.test(part));
    return hit ? part.replace(hit[0], hit[1]) : part;
  }).join('；');
}

export function electionTimeline(specs: InstanceSpec[], events: ClusterEvent[], until: number, step = 0.25): { timeline: Timeline<ElectionFrame>; transitions: Transition[]; run: ClusterRun } {
  const run = runCluster(specs, events, until);
  const routers = Math.max(0, ...specs.map((s) => s.router + 1));
  const firstOf = (r: number) => specs.find((s) => s.router === r)?.name;
  const mine = <T extends { router: number; instance: string }>(xs: T[]) => xs.filter((x) => firstOf(x.router) === x.instance);
  const transitions = mine(run.transitions);
  const adverts = mine(run.adverts);
  const timers = mine(run.timers);
  const prios = mine(run.priorities);
  const frames: Array<Frame<ElectionFrame>> = [];
  const states = new Array<string>(routers).fill('INIT');
  const priorities = Array.from({ length: routers }, (_, r) => specs.find((s) => s.router === r)?.priority ?? 0);
  const armedAt: Array<{ at: number; seconds: number } | null> = new Array(routers).fill(null);
  const linkEvents = events.filter((e) => e.action === 'link-down' || e.action === 'link-up').sort((x, y) => x.at - y.at);
  const links = new Array<boolean>(routers).fill(true);
  let k = 0;
  let a = 0;
  let m = 0;
  let p = 0;
  let l = 0;
  for (let i = 0; i * step <= until + 1e-9; i++) {
    const t = Math.round(i * step * 1000) / 1000;
    const changes: Transition[] = [];
    const sent: ElectionFrame['adverts'] = [];
    while (k < transitions.length && transitions[k]!.at <= t + 1e-9) {
      const tr = transitions[k++]!;
      states[tr.router] = tr.to;
      changes.push(tr);
    }
    while (a < adverts.length && adverts[a]!.at <= t + 1e-9) {
      const ad = adverts[a++]!;
      if (ad.at > t - step + 1e-9 || i === 0) sent.push({ router: ad.router, priority: ad.priority });
    }
    while (m < timers.length && timers[m]!.at <= t + 1e-9) {
      const tm = timers[m++]!;
      armedAt[tm.router] = { at: tm.at, seconds: tm.seconds };
    }
    while (l < linkEvents.length && linkEvents[l]!.at <= t + 1e-9) {
      const le = linkEvents[l++]!;
      links[le.router] = le.action === 'link-up';
    }
    while (p < prios.length && prios[p]!.at <= t + 1e-9) {
      const pr = prios[p++]!;
      priorities[pr.router] = pr.priority;
    }
    const timerNow = armedAt.map((x, r) => (states[r] === 'BACKUP' && x
      ? { remaining: Math.max(0, Math.round((x.at + x.seconds - t) * 1000) / 1000), total: x.seconds }
      : null));
    const text = changes.length
      ? { en: changes.map((c) => `${t.toFixed(2)} s: router ${c.router + 1} ${c.from} → ${c.to} (${c.reason})`).join('; '), zh: changes.map((c) => `${t.toFixed(2)} 秒：路由器 ${c.router + 1} ${c.from} → ${c.to}（${reasonZh(c.reason)}）`).join('；') }
      : sent.length
        ? { en: `${t.toFixed(2)} s: advert from ${sent.map((s) => `router ${s.router + 1} (priority ${s.priority})`).join(', ')}`, zh: `${t.toFixed(2)} 秒：${sent.map((s) => `路由器 ${s.router + 1}（优先级 ${s.priority}）`).join('、')} 发出通告` }
        : { en: `${t.toFixed(2)} s: no change`, zh: `${t.toFixed(2)} 秒：没有变化` };
    frames.push({
      index: i, t: t * 1000,
      state: { t, states: [...states], priorities: [...priorities], timers: timerNow, adverts: sent, changes, links: [...links] },
      ...(i > 0 ? { event: { t: t * 1000, seq: i - 1, actor: 'vrrp', kind: 'vrrp.tick', data: {}, text } } : {}),
    });
  }
  return { timeline: timelineOf(frames), transitions, run };
}
