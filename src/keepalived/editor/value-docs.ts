/**
 * What the values of the closed-set keywords mean (schedulers from the kernel's net/netfilter/ip_vs_*.c,
 * forwarding methods from ip_vs_xmit.c, states and authentication from keepalived.conf(5)), for hover.
 */
import type { Doc } from '../schema/docs';

const D = (en: string, zh: string): Doc => ({ en, zh });

const SCHEDULER: Record<string, Doc> = {
  rr: D('Round robin: each new connection to the next server in turn (ip_vs_rr.c).', '轮询：新连接依次分给下一台服务器（ip_vs_rr.c）。'),
  wrr: D('Weighted round robin: servers in turn, as often as their weights say (ip_vs_wrr.c).', '加权轮询：按权重比例轮流分配（ip_vs_wrr.c）。'),
  lc: D('Least connections: the server with the fewest (active × 256 + inactive) connections (ip_vs_lc.c).', '最少连接：（活动 × 256 + 非活动）连接数最少的服务器（ip_vs_lc.c）。'),
  wlc: D('Weighted least connections: the lowest connections ÷ weight; keepalived\'s default (ip_vs_wlc.c).', '加权最少连接：连接数 ÷ 权重最小者；keepalived 的默认值（ip_vs_wlc.c）。'),
  sed: D('Shortest expected delay: the lowest (active + 1) ÷ weight (ip_vs_sed.c).', '最短期望延迟：（活动 + 1）÷ 权重最小者（ip_vs_sed.c）。'),
  nq: D('Never queue: an idle server if there is one, else as sed (ip_vs_nq.c).', '永不排队：有空闲服务器就用它，否则同 sed（ip_vs_nq.c）。'),
  sh: D('Source hashing: the client address picks the server, so one client keeps one server (ip_vs_sh.c).', '源地址哈希：由客户端地址决定服务器，同一客户端总到同一台（ip_vs_sh.c）。'),
  dh: D('Destination hashing: the destination address picks the server, for caches (ip_vs_dh.c).', '目标地址哈希：由目标地址决定服务器，用于缓存（ip_vs_dh.c）。'),
  lblc: D('Locality-based least connections: one server per destination until it is overloaded (ip_vs_lblc.c).', '基于局部性的最少连接：每个目标地址一台服务器，直到它过载（ip_vs_lblc.c）。'),
  lblcr: D('lblc with replication: a set of servers per destination (ip_vs_lblcr.c).', '带复制的 lblc：每个目标地址一组服务器（ip_vs_lblcr.c）。'),
  mh: D('Maglev hashing: consistent hashing of the source, little reshuffling when servers change (ip_vs_mh.c).', 'Maglev 哈希：对源地址做一致性哈希，服务器变化时很少重新分配（ip_vs_mh.c）。'),
  fo: D('Weighted failover: every connection to the available server of highest weight (ip_vs_fo.c).', '加权故障转移：所有连接给权重最高的可用服务器（ip_vs_fo.c）。'),
  ovf: D('Weighted overflow: the highest-weight server until its active connections reach its weight (ip_vs_ovf.c).', '加权溢出：给权重最高的服务器，直到其活动连接数达到权重（ip_vs_ovf.c）。'),
  twos: D('Weighted random twos choice: two servers drawn by weight, the less loaded wins (ip_vs_twos.c, Linux 6.2+).', '加权随机二选一：按权重抽两台，负载低者胜（ip_vs_twos.c，Linux 6.2 起）。'),
};

const METHOD: Record<string, Doc> = {
  NAT: D('VS/NAT: the director rewrites the destination to the real server, and replies must come back through it.', 'VS/NAT：调度器把目标地址改为真实服务器，回包必须经过调度器。'),
  DR: D('VS/DR: only the destination MAC changes; real servers hold the VIP on a non-ARP device and reply to the client directly.', 'VS/DR：只改目标 MAC；真实服务器在不应答 ARP 的设备上配置 VIP，直接回复客户端。'),
  TUN: D('VS/TUN: the packet travels to the real server inside an IP-in-IP tunnel; replies go to the client directly.', 'VS/TUN：报文封装在 IP-in-IP 隧道中发往真实服务器；回包直接发给客户端。'),
};

const BY_KEYWORD: Record<string, Record<string, Doc>> = {
  lb_algo: SCHEDULER,
  lvs_sched: SCHEDULER,
  lb_kind: METHOD,
  lvs_method: METHOD,
  sorry_server_lvs_method: METHOD,
  state: {
    MASTER: D('Start as master (keepalived still sends priority-based adverts; a higher-priority peer wins).', '以 MASTER 启动（仍按优先级通告；优先级更高的对端会胜出）。'),
    BACKUP: D('Start as backup and wait for the master-down timer before taking the VIPs.', '以 BACKUP 启动，等待 master-down 计时器到期后才接管 VIP。'),
  },
  auth_type: {
    PASS: D('A plain-text password in each advert (RFC 2338; dropped by RFC 3768).', '每个通告中携带明文密码（RFC 2338；RFC 3768 已弃用）。'),
    AH: D('IPsec AH authentication of adverts (VRRPv2 only).', '用 IPsec AH 认证通告（仅 VRRPv2）。'),
  },
  protocol: {
    TCP: D('The service carries TCP.', '服务承载 TCP。'),
    UDP: D('The service carries UDP.', '服务承载 UDP。'),
    SCTP: D('The service carries SCTP.', '服务承载 SCTP。'),
  },
};

/** The meaning of `value` as the first value of `keyword`, when it is one of a known set. */
export function valueDoc(keyword: string, value: string): Doc | undefined {
  const table = BY_KEYWORD[keyword];
  if (!table) return undefined;
  return table[value] ?? table[value.toUpperCase()];
}
