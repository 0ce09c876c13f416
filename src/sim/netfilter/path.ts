/**
 * A packet's way through one host's IPv4 stack, as steps: kernel functions, routing decisions,
 * and hooks with the verdict of every callback. Builders here compose the kernel's three paths
 * (receive, forward, send) so every scenario is made of the same pieces.
 */
import type { Text } from '../core';
import { CALLBACKS, type Callback } from './callbacks';
import type { HookName } from './hooks';

export type Verdict = 'ACCEPT' | 'DROP' | 'STOLEN' | 'QUEUE' | 'REPEAT';

/** Where on the packet-flow diagram a step happens. */
export type Place =
  | 'net-in' | 'PRE_ROUTING' | 'route-in' | 'LOCAL_IN' | 'local' | 'LOCAL_OUT' | 'route-out'
  | 'FORWARD' | 'POST_ROUTING' | 'net-out';

export interface CallbackRun {
  cb: Callback;
  /** `skipped`: an earlier callback took the packet (STOLEN) or dropped it, so this one never ran. */
  verdict: Verdict | 'skipped';
  note?: Text;
  /**
   * The callback ran but returned without walking its iptables table: NAT's hooks consult the nat
   * table only for a tracked connection's first packet (an untracked or later packet passes at once).
   */
  tableSkipped?: boolean;
}

export type Step =
  | { kind: 'fn'; fn: string; place: Place; text: Text }
  | { kind: 'route'; fn: string; place: Place; result: 'local' | 'forward' | 'output'; text: Text }
  | { kind: 'hook'; hook: HookName; place: Place; callbacks: CallbackRun[]; verdict: Verdict; text: Text };

export interface Override {
  verdict?: Verdict;
  note?: Text;
  tableSkipped?: boolean;
}

export const fn = (name: string, place: Place, en: string, zh: string): Step => ({ kind: 'fn', fn: name, place, text: { en, zh } });

/**
 * Runs a hook: callbacks in priority order, each ACCEPT unless overridden (by function name).
 * After STOLEN or DROP the rest are skipped, as nf_hook_slow stops at the first verdict that is not ACCEPT.
 */
export function hook(name: HookName, opts: { ipvs: boolean; overrides?: Record<string, Override>; text?: Text } = { ipvs: false }): Step {
  const list = CALLBACKS[name].filter((c) => opts.ipvs || c.owner !== 'ipvs');
  let final: Verdict = 'ACCEPT';
  const callbacks: CallbackRun[] = list.map((cb) => {
    if (final !== 'ACCEPT') return { cb, verdict: 'skipped' };
    const o = opts.overrides?.[cb.fn];
    const verdict = o?.verdict ?? 'ACCEPT';
    if (verdict === 'STOLEN' || verdict === 'DROP') final = verdict;
    return { cb, verdict, ...(o?.note ? { note: o.note } : {}), ...(o?.tableSkipped ? { tableSkipped: true } : {}) };
  });
  const text = opts.text ?? {
    en: `The packet passes ${name}: ${callbacks.filter((c) => c.verdict !== 'skipped').length} callbacks in priority order; verdict ${final}.`,
    zh: `数据包经过 ${name}：按优先级依次调用 ${callbacks.filter((c) => c.verdict !== 'skipped').length} 个回调；结论 ${final}。`,
  };
  return { kind: 'hook', hook: name, place: name, callbacks, verdict: final, text };
}

/** From the wire to PRE_ROUTING and the routing decision. */
export function receive(dev: string, opts: { ipvs: boolean; pre?: Record<string, Override> }): Step[] {
  return [
    fn('__netif_receive_skb_core', 'net-in', `A frame arrives on ${dev}; the driver hands it to the stack, which gives IPv4 packets to ip_rcv.`,
      `一个帧从 ${dev} 到达；驱动把它交给协议栈，IPv4 包交给 ip_rcv。`),
    fn('ip_rcv', 'net-in', 'ip_rcv checks the IP header, then calls NF_HOOK(NF_INET_PRE_ROUTING, …, ip_rcv_finish).',
      'ip_rcv 检查 IP 头，然后调用 NF_HOOK(NF_INET_PRE_ROUTING, …, ip_rcv_finish)。'),
    hook('PRE_ROUTING', { ipvs: opts.ipvs, ...(opts.pre ? { overrides: opts.pre } : {}) }),
  ];
}

export function routeIn(result: 'local' | 'forward', why: Text): Step {
  return { kind: 'route', fn: 'ip_rcv_finish → ip_route_input_noref', place: 'route-in', result, text: why };
}

/** LOCAL_IN and delivery to the socket. */
export function deliverLocal(opts: { ipvs: boolean; localIn?: Record<string, Override>; to?: string }): Step[] {
  const steps: Step[] = [
    fn('ip_local_deliver', 'route-in', 'ip_local_deliver reassembles fragments and calls NF_HOOK(NF_INET_LOCAL_IN, …, ip_local_deliver_finish).',
      'ip_local_deliver 重组分片，并调用 NF_HOOK(NF_INET_LOCAL_IN, …, ip_local_deliver_finish)。'),
    hook('LOCAL_IN', { ipvs: opts.ipvs, ...(opts.localIn ? { overrides: opts.localIn } : {}) }),
  ];
  const last = steps[1] as Extract<Step, { kind: 'hook' }>;
  if (last.verdict === 'ACCEPT') {
    steps.push(fn('ip_local_deliver_finish', 'local', `ip_local_deliver_finish hands the packet to ${opts.to ?? 'tcp_v4_rcv'}: a local socket receives it.`,
      `ip_local_deliver_finish 把包交给 ${opts.to ?? 'tcp_v4_rcv'}：本机的套接字收到它。`));
  }
  return steps;
}

/** FORWARD, then out through POST_ROUTING. */
export function forward(dev: string, opts: { ipvs: boolean; fwd?: Record<string, Override>; post?: Record<string, Override> }): Step[] {
  return [
    fn('ip_forward', 'route-in', 'ip_forward decrements the TTL and calls NF_HOOK(NF_INET_FORWARD, …, ip_forward_finish).',
      'ip_forward 把 TTL 减一，并调用 NF_HOOK(NF_INET_FORWARD, …, ip_forward_finish)。'),
    hook('FORWARD', { ipvs: opts.ipvs, ...(opts.fwd ? { overrides: opts.fwd } : {}) }),
    fn('ip_forward_finish', 'FORWARD', 'ip_forward_finish calls dst_output, which for a unicast route is ip_output.',
      'ip_forward_finish 调用 dst_output，对单播路由来说就是 ip_output。'),
    ...output(dev, opts),
  ];
}

/** ip_output → POST_ROUTING → the device. */
export function output(dev: string, opts: { ipvs: boolean; post?: Record<string, Override> }): Step[] {
  return [
    fn('ip_output', 'route-out', 'ip_output calls NF_HOOK_COND(NF_INET_POST_ROUTING, …, ip_finish_output): the last hook before the wire.',
      'ip_output 调用 NF_HOOK_COND(NF_INET_POST_ROUTING, …, ip_finish_output)：上线路之前的最后一个钩子。'),
    hook('POST_ROUTING', { ipvs: opts.ipvs, ...(opts.post ? { overrides: opts.post } : {}) }),
    fn('ip_finish_output2', 'net-out', `ip_finish_output → ip_finish_output2 resolves the next hop's MAC address and dev_queue_xmit sends the frame on ${dev}.`,
      `ip_finish_output → ip_finish_output2 解析下一跳的 MAC 地址，dev_queue_xmit 从 ${dev} 发出该帧。`),
  ];
}

/** A packet a local socket sends: __ip_local_out → LOCAL_OUT → routing already done → POST_ROUTING. */
export function sendLocal(from: string, dev: string, opts: { ipvs: boolean; localOut?: Record<string, Override>; post?: Record<string, Override> }): Step[] {
  return [
    fn('ip_queue_xmit', 'local', `${from} sends; ip_queue_xmit picks the route (the output routing decision) and fills in the IP header.`,
      `${from} 发送；ip_queue_xmit 选择路由（输出路由决策）并填好 IP 头。`),
    fn('__ip_local_out', 'local', 'ip_local_out → __ip_local_out calls nf_hook(NF_INET_LOCAL_OUT, …, dst_output).',
      'ip_local_out → __ip_local_out 调用 nf_hook(NF_INET_LOCAL_OUT, …, dst_output)。'),
    hook('LOCAL_OUT', { ipvs: opts.ipvs, ...(opts.localOut ? { overrides: opts.localOut } : {}) }),
    fn('dst_output', 'LOCAL_OUT', 'dst_output follows the route chosen for the packet: ip_output.', 'dst_output 按为该包选定的路由走：ip_output。'),
    ...output(dev, opts),
  ];
}
