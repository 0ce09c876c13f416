/**
 * A config read back in plain language, block by block: what each vrrp_instance, sync group,
 * vrrp_script and virtual_server will do, from the model (../model.ts) with keepalived's defaults
 * filled in (so a reader sees the values they did not write). English and Chinese.
 */
import type { KeepalivedModel, VirtualServer, VrrpInstance } from '../model';
import { valueDoc } from './value-docs';

export interface ReadBackBlock {
  /** The block's first line, to jump to. */
  line: number;
  title: string;
  en: string[];
  zh: string[];
}

const list = (xs: readonly string[], zh: boolean) => (zh ? xs.join('、') : xs.length < 2 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`);

function instance(i: VrrpInstance, m: KeepalivedModel): ReadBackBlock {
  const vips = i.virtualIps.map((v) => `${v.address}${v.prefix !== undefined ? `/${v.prefix}` : ''}${v.dev ? ` (dev ${v.dev})` : ''}`);
  const iface = i.interface ?? '?';
  const vrid = i.virtualRouterId ?? '?';
  const owner = i.priority === 255;
  const en = [
    `This router starts as ${i.state}${owner ? ' (priority 255: it owns the addresses and becomes master at once)' : ''} on ${iface} with priority ${i.priority} for VRID ${vrid}, and takes ${vips.length ? list(vips, false) : 'no address'} when it becomes master.`,
    `It sends VRRPv${i.version} adverts every ${i.advertInt} s${i.unicastPeers.length ? ` by unicast to ${list(i.unicastPeers, false)}${i.unicastSrcIp ? ` from ${i.unicastSrcIp}` : ''}` : ' to the multicast group 224.0.0.18'}; a backup declares the master dead after 3 × ${i.advertInt} s plus a skew of (256 − its priority) ÷ 256 × ${i.advertInt} s without one.`,
    i.preempt
      ? `A router with a higher priority takes over as soon as it hears a lower one${i.preemptDelay ? ` (after a preempt_delay of ${i.preemptDelay} s)` : ''}.`
      : 'nopreempt: once master, it stays master even when a router with a higher priority appears (keepalived needs state BACKUP for this to apply).',
  ];
  const zh = [
    `这台路由器以 ${i.state} 启动${owner ? '（优先级 255：它是地址的拥有者，立即成为 master）' : ''}，接口 ${iface}，优先级 ${i.priority}，VRID ${vrid}；成为 master 时接管 ${vips.length ? list(vips, true) : '（没有地址）'}。`,
    `它每 ${i.advertInt} 秒发送一次 VRRPv${i.version} 通告，${i.unicastPeers.length ? `以单播发往 ${list(i.unicastPeers, true)}${i.unicastSrcIp ? `，源地址 ${i.unicastSrcIp}` : ''}` : '发往组播地址 224.0.0.18'}；备机在 3 × ${i.advertInt} 秒加上 (256 − 自身优先级) ÷ 256 × ${i.advertInt} 秒的偏移内收不到通告，就认为 master 已失效。`,
    i.preempt
      ? `优先级更高的路由器一旦听到较低优先级的通告就立即抢占${i.preemptDelay ? `（preempt_delay ${i.preemptDelay} 秒之后）` : ''}。`
      : 'nopreempt：一旦成为 master，即使出现更高优先级的路由器也保持 master（keepalived 要求 state BACKUP 才生效）。',
  ];
  if (i.auth) {
    en.push(`Adverts carry ${i.auth.type} authentication${i.auth.type === 'PASS' ? ` with the password "${i.auth.pass ?? ''}" in clear text` : ''}; every peer must use the same.`);
    zh.push(`通告带有 ${i.auth.type} 认证${i.auth.type === 'PASS' ? `，密码 "${i.auth.pass ?? ''}" 以明文传送` : ''}；所有对端必须一致。`);
  }
  if (i.trackScripts.length) {
    const names = i.trackScripts.map((t) => {
      const sc = m.scripts.find((s) => s.name === t.name);
      const w = t.weight ?? sc?.weight ?? 0;
      return { name: t.name, w };
    });
    en.push(`It tracks ${list(names.map((n) => `${n.name} (${n.w === 0 ? 'weight 0: a failure puts the instance in FAULT' : `weight ${n.w > 0 ? '+' : ''}${n.w}: the priority changes by ${n.w} while ${n.w > 0 ? 'it succeeds' : 'it fails'}`})`), false)}.`);
    zh.push(`它跟踪 ${list(names.map((n) => `${n.name}（${n.w === 0 ? '权重 0：失败时实例进入 FAULT' : `权重 ${n.w > 0 ? '+' : ''}${n.w}：${n.w > 0 ? '成功' : '失败'}期间优先级变化 ${n.w}`}）`), true)}。`);
  }
  if (i.trackInterfaces.length) {
    en.push(`If ${list(i.trackInterfaces.map((t) => t.name), false)} goes down, the instance ${i.trackInterfaces.some((t) => t.weight) ? 'changes priority by the weights given' : 'goes to FAULT and gives up its addresses'}.`);
    zh.push(`如果 ${list(i.trackInterfaces.map((t) => t.name), true)} 断开，实例${i.trackInterfaces.some((t) => t.weight) ? '按给定的权重调整优先级' : '进入 FAULT 并交出地址'}。`);
  }
  if (i.syncGroup) {
    en.push(`It changes state together with the other instances of sync group ${i.syncGroup}.`);
    zh.push(`它与同步组 ${i.syncGroup} 中的其他实例一起切换状态。`);
  }
  return { line: i.line, title: `vrrp_instance ${i.name}`, en, zh };
}

const target = (vs: VirtualServer) => (vs.kind === 'fwmark' ? `fwmark ${vs.fwmark}` : vs.kind === 'group' ? `group ${vs.group}` : `${vs.address}:${vs.port ?? 0}`);

function virtualServer(vs: VirtualServer): ReadBackBlock {
  const sched = valueDoc('lb_algo', vs.scheduler);
  const method = valueDoc('lb_kind', vs.lbKind);
  const proto = vs.protocol ?? 'TCP';
  const en = [
    `IPVS service ${target(vs)}/${proto}: new connections are scheduled by ${vs.scheduler}${sched ? ` — ${sched.en}` : ''}`,
    `Forwarding: ${vs.lbKind}${method ? ` — ${method.en}` : ''}`,
  ];
  const zh = [
    `IPVS 服务 ${target(vs)}/${proto}：新连接由 ${vs.scheduler} 调度——${sched?.zh ?? ''}`,
    `转发方式：${vs.lbKind}——${method?.zh ?? ''}`,
  ];
  if (vs.persistenceTimeout !== undefined) {
    en.push(`Persistence: a client goes back to the same real server for ${vs.persistenceTimeout} s after its last connection ends${vs.persistenceGranularity ? `, clients grouped by the mask ${vs.persistenceGranularity}` : ''} (a template entry in the connection table).`);
    zh.push(`持久连接：客户端的最后一个连接结束后 ${vs.persistenceTimeout} 秒内，仍回到同一台真实服务器${vs.persistenceGranularity ? `，按掩码 ${vs.persistenceGranularity} 把客户端归组` : ''}（连接表中的模板条目）。`);
  }
  for (const rs of vs.realServers) {
    const checks = rs.checkers.map((c) => `${c.kind}${c.connectPort ? ` on port ${c.connectPort}` : ''} every ${c.delayLoop} s (timeout ${c.connectTimeout} s, ${c.retry} ${c.retry === 1 ? 'retry' : 'retries'} ${c.delayBeforeRetry} s apart)`);
    const checksZh = rs.checkers.map((c) => `${c.kind}${c.connectPort ? `（端口 ${c.connectPort}）` : ''}，每 ${c.delayLoop} 秒一次（超时 ${c.connectTimeout} 秒，重试 ${c.retry} 次，间隔 ${c.delayBeforeRetry} 秒）`);
    en.push(`Real server ${rs.address}:${rs.port ?? vs.port ?? 0}, weight ${rs.weight}${rs.weight === 0 ? ' (quiescent: no new connections)' : ''}; ${checks.length ? `checked by ${list(checks, false)}; when a check fails it is ${rs.inhibitOnFailure ? 'kept at weight 0' : 'taken out of the table'}` : 'no health check: it stays in the table whatever happens to it'}.`);
    zh.push(`真实服务器 ${rs.address}:${rs.port ?? vs.port ?? 0}，权重 ${rs.weight}${rs.weight === 0 ? '（静默：不接新连接）' : ''}；${checksZh.length ? `由 ${list(checksZh, true)} 检查；检查失败时${rs.inhibitOnFailure ? '权重设为 0 保留在表中' : '从表中移除'}` : '没有健康检查：无论它怎样都留在表中'}。`);
  }
  if (vs.sorryServer) {
    en.push(`When no real server is left, IPVS sends connections to the sorry server ${vs.sorryServer.address}${vs.sorryServer.port ? `:${vs.sorryServer.port}` : ''}.`);
    zh.push(`没有真实服务器可用时，IPVS 把连接发往 sorry server ${vs.sorryServer.address}${vs.sorryServer.port ? `:${vs.sorryServer.port}` : ''}。`);
  }
  return { line: vs.line, title: `virtual_server ${target(vs)}`, en, zh };
}

export function readBack(m: KeepalivedModel): ReadBackBlock[] {
  const out: ReadBackBlock[] = [];
  if (m.routerId || m.vrrpStrict) {
    out.push({
      line: 1, title: 'global_defs',
      en: [`${m.routerId ? `This machine calls itself ${m.routerId} in notifications and logs. ` : ''}${m.vrrpStrict ? 'vrrp_strict: keepalived follows the VRRP RFC strictly (no unicast, no authentication, VRRPv2 adverts only for IPv4) and adds firewall rules that drop traffic to the VIPs.' : ''}`.trim()],
      zh: [`${m.routerId ? `这台机器在通知和日志中称自己为 ${m.routerId}。` : ''}${m.vrrpStrict ? 'vrrp_strict：keepalived 严格遵守 VRRP RFC（不能单播、不能认证），并添加丢弃发往 VIP 流量的防火墙规则。' : ''}`],
    });
  }
  for (const s of m.scripts) {
    out.push({
      line: s.line, title: `vrrp_script ${s.name}`,
      en: [`Runs ${s.script ? `"${s.script}"` : '(no script)'} every ${s.interval} s; ${s.fall} failures in a row make it failed, ${s.rise} successes make it good again; weight ${s.weight}.`],
      zh: [`每 ${s.interval} 秒运行 ${s.script ? `"${s.script}"` : '（没有脚本）'}；连续失败 ${s.fall} 次判为失败，连续成功 ${s.rise} 次恢复；权重 ${s.weight}。`],
    });
  }
  for (const g of m.syncGroups) {
    out.push({ line: g.line, title: `vrrp_sync_group ${g.name}`, en: [`${list(g.members, false)} change state together: if one fails, all go to FAULT or BACKUP.`], zh: [`${list(g.members, true)} 一起切换状态：一个失败，全部转为 FAULT 或 BACKUP。`] });
  }
  for (const i of m.instances) out.push(instance(i, m));
  for (const vs of m.virtualServers) out.push(virtualServer(vs));
  return out.sort((a, b) => a.line - b.line);
}
