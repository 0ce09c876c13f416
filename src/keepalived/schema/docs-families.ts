/**
 * One-line explanations for keyword families that differ only in which keepalived process they
 * tune (vrrp_, checker_, bfd_) — written once, expanded per process.
 */
import type { Doc } from './docs';

const PROCESS = {
  vrrp: { en: 'the VRRP process', zh: 'VRRP 进程' },
  checker: { en: 'the checker (health-check/IPVS) process', zh: '健康检查（IPVS）进程' },
  bfd: { en: 'the BFD process', zh: 'BFD 进程' },
  lvs: { en: 'the checker (IPVS) process', zh: '健康检查（IPVS）进程' },
} as const;

const PER_PROCESS: Record<string, (p: Doc) => Doc> = {
  process_name: (p) => ({ en: `The name ${p.en} shows in ps and logs.`, zh: `${p.zh}在 ps 与日志中显示的名字。` }),
  priority: (p) => ({ en: `The nice value (scheduling priority) of ${p.en}.`, zh: `${p.zh}的 nice 值（调度优先级）。` }),
  no_swap: (p) => ({ en: `Locks ${p.en}'s memory so it is never swapped out.`, zh: `锁定${p.zh}的内存，使其永不被换出。` }),
  rt_priority: (p) => ({ en: `Runs ${p.en} with real-time scheduling at this priority.`, zh: `以实时调度、按此优先级运行${p.zh}。` }),
  cpu_affinity: (p) => ({ en: `The CPUs ${p.en} may run on.`, zh: `${p.zh}可以运行的 CPU。` }),
  rlimit_rttime: (p) => ({ en: `CPU time limit (µs) for ${p.en} when it runs real-time.`, zh: `${p.zh}以实时方式运行时的 CPU 时间上限（微秒）。` }),
  rlimit_rtime: (p) => ({ en: `Old spelling of the real-time CPU limit of ${p.en}.`, zh: `${p.zh}实时 CPU 上限的旧写法。` }),
};

const NETLINK: Record<string, Doc> = {
  netlink_cmd_rcv_bufs: { en: 'Receive buffer size of the netlink socket used to send commands.', zh: '用于发送命令的 netlink 套接字的接收缓冲区大小。' },
  netlink_cmd_rcv_bufs_force: { en: 'Set the command netlink buffer even above the system maximum.', zh: '即使超过系统上限也设置命令 netlink 缓冲区。' },
  netlink_monitor_rcv_bufs: { en: 'Receive buffer size of the netlink socket that watches interfaces and addresses.', zh: '监听接口与地址变化的 netlink 套接字的接收缓冲区大小。' },
  netlink_monitor_rcv_bufs_force: { en: 'Set the monitor netlink buffer even above the system maximum.', zh: '即使超过系统上限也设置监听 netlink 缓冲区。' },
};

export function familyDocs(): Record<string, Doc> {
  const out: Record<string, Doc> = {};
  for (const proc of ['vrrp', 'checker', 'bfd'] as const) {
    for (const [suffix, make] of Object.entries(PER_PROCESS)) out[`${proc}_${suffix}`] = make(PROCESS[proc]);
  }
  out.lvs_process_name = PER_PROCESS.process_name!(PROCESS.lvs);
  for (const proc of ['vrrp', 'lvs'] as const) {
    for (const [suffix, doc] of Object.entries(NETLINK)) out[`${proc}_${suffix}`] = { en: `${doc.en} (${PROCESS[proc].en})`, zh: `${doc.zh}（${PROCESS[proc].zh}）` };
  }
  out.process_monitor_rcv_bufs = { en: 'Receive buffer of the netlink socket that watches processes (track_process).', zh: '监视进程（track_process）的 netlink 套接字的接收缓冲区。' };
  out.process_monitor_rcv_bufs_force = { en: 'Set the process-monitor buffer even above the system maximum.', zh: '即使超过系统上限也设置进程监视缓冲区。' };
  for (const g of ['master_delay', 'master_repeat', 'master_refresh', 'master_refresh_repeat', 'lower_prio_delay', 'lower_prio_repeat'] as const) {
    const what: Record<typeof g, Doc> = {
      master_delay: { en: 'Seconds after becoming MASTER before the second burst of gratuitous ARPs.', zh: '成为 MASTER 后，第二轮免费 ARP 之前等待的秒数。' },
      master_repeat: { en: 'How many gratuitous ARPs to send at once on becoming MASTER.', zh: '成为 MASTER 时一次发送多少个免费 ARP。' },
      master_refresh: { en: 'Seconds between periodic gratuitous ARP refreshes while MASTER (0: none).', zh: '作为 MASTER 时周期性刷新免费 ARP 的间隔秒数（0 表示不刷新）。' },
      master_refresh_repeat: { en: 'How many gratuitous ARPs each refresh sends.', zh: '每次刷新发送多少个免费 ARP。' },
      lower_prio_delay: { en: 'Seconds before re-sending gratuitous ARPs after hearing a lower-priority advert.', zh: '收到更低优先级的通告后，重新发送免费 ARP 前等待的秒数。' },
      lower_prio_repeat: { en: 'How many gratuitous ARPs to send after hearing a lower-priority advert.', zh: '收到更低优先级的通告后发送多少个免费 ARP。' },
    };
    out[`garp_${g}`] = what[g];
    out[`vrrp_garp_${g}`] = { en: `Default for all instances: ${what[g].en}`, zh: `所有实例的默认值：${what[g].zh}` };
  }
  return out;
}
