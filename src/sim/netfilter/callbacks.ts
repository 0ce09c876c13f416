/**
 * Who registers on each hook, and at which priority: the callbacks run in ascending priority,
 * lowest first. Priorities are enum nf_ip_hook_priorities (include/uapi/linux/netfilter_ipv4.h);
 * IPVS's six hook ops are ip_vs_ops4[] in net/netfilter/ipvs/ip_vs_core.c (Linux 6.6, where
 * ip_vs_in_hook/ip_vs_out_hook replaced the older ip_vs_remote_request4, ip_vs_reply4, … in 6.2).
 */
import type { HookName } from './hooks';
import type { Text } from '../core';

export const PRIORITY = {
  NF_IP_PRI_CONNTRACK_DEFRAG: -400,
  NF_IP_PRI_RAW: -300,
  NF_IP_PRI_CONNTRACK: -200,
  NF_IP_PRI_MANGLE: -150,
  NF_IP_PRI_NAT_DST: -100,
  NF_IP_PRI_FILTER: 0,
  NF_IP_PRI_SECURITY: 50,
  NF_IP_PRI_NAT_SRC: 100,
  NF_IP_PRI_CONNTRACK_CONFIRM: 2147483647,
} as const;

export type Owner = 'defrag' | 'raw' | 'conntrack' | 'mangle' | 'nat' | 'filter' | 'security' | 'ipvs';

export interface Callback {
  /** The hook function the kernel calls. */
  fn: string;
  owner: Owner;
  priority: number;
  /** How the priority is written in the kernel source. */
  priorityName: string;
  what: Text;
}

const P = PRIORITY;
const cb = (fn: string, owner: Owner, priorityName: keyof typeof P | string, priority: number, en: string, zh: string): Callback =>
  ({ fn, owner, priority, priorityName, what: { en, zh } });

const defrag = cb('ipv4_conntrack_defrag', 'defrag', 'NF_IP_PRI_CONNTRACK_DEFRAG', P.NF_IP_PRI_CONNTRACK_DEFRAG,
  'Reassembles fragments so that conntrack sees whole packets.', '重组分片，让连接跟踪看到完整的数据包。');
const raw = cb('iptable_raw_hook', 'raw', 'NF_IP_PRI_RAW', P.NF_IP_PRI_RAW,
  'The raw table: the place for NOTRACK rules, before conntrack.', 'raw 表：在连接跟踪之前，可以在这里设置 NOTRACK。');
const ctIn = cb('ipv4_conntrack_in', 'conntrack', 'NF_IP_PRI_CONNTRACK', P.NF_IP_PRI_CONNTRACK,
  'Connection tracking looks the packet up, or creates an unconfirmed entry.', '连接跟踪查找该包所属的连接，或新建一个未确认的表项。');
const ctLocal = cb('ipv4_conntrack_local', 'conntrack', 'NF_IP_PRI_CONNTRACK', P.NF_IP_PRI_CONNTRACK,
  'Connection tracking for locally generated packets.', '为本机发出的数据包做连接跟踪。');
const mangle = cb('iptable_mangle_hook', 'mangle', 'NF_IP_PRI_MANGLE', P.NF_IP_PRI_MANGLE,
  'The mangle table: marks, TOS, TTL.', 'mangle 表：打标记、改 TOS、TTL。');
const dnat = cb('nf_nat_ipv4_pre_routing', 'nat', 'NF_IP_PRI_NAT_DST', P.NF_IP_PRI_NAT_DST,
  'Destination NAT (iptables -t nat PREROUTING), before the routing decision.', '目的地址转换（nat 表 PREROUTING），在路由决策之前。');
const dnatLocal = cb('nf_nat_ipv4_local_fn', 'nat', 'NF_IP_PRI_NAT_DST', P.NF_IP_PRI_NAT_DST,
  'Destination NAT for local packets (nat OUTPUT); reroutes if the address changed.', '本机发出包的目的地址转换（nat 表 OUTPUT），地址变了就重新路由。');
const filter = cb('iptable_filter_hook', 'filter', 'NF_IP_PRI_FILTER', P.NF_IP_PRI_FILTER,
  'The filter table: ACCEPT or DROP.', 'filter 表：放行（ACCEPT）或丢弃（DROP）。');
const security = cb('iptable_security_hook', 'security', 'NF_IP_PRI_SECURITY', P.NF_IP_PRI_SECURITY,
  'The security table (SELinux marks).', 'security 表（SELinux 标记）。');
const snatIn = cb('nf_nat_ipv4_local_in', 'nat', 'NF_IP_PRI_NAT_SRC', P.NF_IP_PRI_NAT_SRC,
  'Source NAT on input (nat INPUT).', '输入方向的源地址转换（nat 表 INPUT）。');
const snat = cb('nf_nat_ipv4_out', 'nat', 'NF_IP_PRI_NAT_SRC', P.NF_IP_PRI_NAT_SRC,
  'Source NAT and MASQUERADE (nat POSTROUTING), after routing.', '源地址转换与 MASQUERADE（nat 表 POSTROUTING），在路由之后。');
const confirm = cb('ipv4_confirm', 'conntrack', 'NF_IP_PRI_CONNTRACK_CONFIRM', P.NF_IP_PRI_CONNTRACK_CONFIRM,
  'Conntrack confirms the new entry as the packet leaves the hook path: it is now in the table.', '数据包离开钩子路径时，连接跟踪确认新表项：它正式进入连接表。');

export const ipvsOut = (hook: HookName, priorityName: string, priority: number): Callback =>
  cb('ip_vs_out_hook', 'ipvs', priorityName, priority,
    hook === 'LOCAL_OUT'
      ? 'IPVS, before ip_vs_in: a reply from a local real server? Rewrite the source back to the VIP (VS/NAT only).'
      : 'IPVS, after filtering: a reply from a real server? Rewrite the source back to the VIP (VS/NAT only).',
    hook === 'LOCAL_OUT'
      ? 'IPVS，在 ip_vs_in 之前：是本机真实服务器的回包吗？把源地址改回 VIP（仅 VS/NAT）。'
      : 'IPVS，在过滤之后：是真实服务器的回包吗？把源地址改回 VIP（仅 VS/NAT）。');
export const ipvsIn = (hook: HookName, priorityName: string, priority: number): Callback =>
  cb('ip_vs_in_hook', 'ipvs', priorityName, priority,
    hook === 'LOCAL_OUT'
      ? 'IPVS, after mangle: schedules requests that local processes send to a virtual service.'
      : 'IPVS, after filtering: a request to a virtual service? Schedule it and send it through VS/NAT, VS/DR or VS/TUN.',
    hook === 'LOCAL_OUT'
      ? 'IPVS，在 mangle 之后：调度本机进程发往虚拟服务的请求。'
      : 'IPVS，在过滤之后：是发往虚拟服务的请求吗？调度它，并经 VS/NAT、VS/DR 或 VS/TUN 发出。');
const ipvsIcmp = cb('ip_vs_forward_icmp', 'ipvs', '99', 99,
  'IPVS catches ICMP errors about its connections that are being forwarded.', 'IPVS 截获与其连接相关、正在被转发的 ICMP 错误报文。');

/**
 * The callbacks a director with conntrack, the iptables tables and IPVS loaded has on each hook,
 * sorted as the kernel runs them. (Tables register their hooks only once they are loaded.)
 */
export const CALLBACKS: Record<HookName, Callback[]> = {
  PRE_ROUTING: [defrag, raw, ctIn, mangle, dnat],
  LOCAL_IN: [mangle, filter, security, ipvsOut('LOCAL_IN', 'NF_IP_PRI_NAT_SRC - 2', 98), ipvsIn('LOCAL_IN', 'NF_IP_PRI_NAT_SRC - 1', 99), snatIn, confirm],
  FORWARD: [mangle, filter, security, ipvsIcmp, ipvsOut('FORWARD', '100', 100)],
  LOCAL_OUT: [defrag, raw, ctLocal, mangle, dnatLocal, ipvsOut('LOCAL_OUT', 'NF_IP_PRI_NAT_DST + 1', -99), ipvsIn('LOCAL_OUT', 'NF_IP_PRI_NAT_DST + 2', -98), filter, security],
  POST_ROUTING: [mangle, snat, confirm],
};

/** The order the kernel runs a hook's callbacks in: ascending priority (nf_hook_entries are kept sorted). */
export function inPriorityOrder(list: readonly Callback[]): Callback[] {
  return [...list].sort((a, b) => a.priority - b.priority);
}
