/**
 * What keepalived 2.2.7's VRRP process reports about vrrp_instance and vrrp_script blocks
 * (vrrp_parser.c handlers and vrrp_complete_instance), each an error for `keepalived -t`.
 */
import type { ConfigNode } from '../parser';
import type { Token } from '../types';
import { isIp, isIpPrefix } from '../schema/values';
import { arg, closeRange, kid, kids, tokenRange } from '../tree-util';
import type { CheckContext } from './context';

const VIP_WITH_VALUE = new Set(['dev', 'scope', 'broadcast', 'brd', 'label', 'peer', 'preferred_lft']);
const VIP_FLAGS = new Set(['home', '-nodad', 'mngtmpaddr', 'noprefixroute', 'autojoin', 'no_track', 'use_vmac']);

export function checkVrrp(ctx: CheckContext): void {
  const { nodes, out } = ctx;
  const scripts = new Set(nodes.filter((n) => n.keyword.text === 'vrrp_script').map((n) => arg(n)));
  const strict = nodes.some((n) => n.keyword.text === 'global_defs' && kid(n, 'vrrp_strict'));
  const seen = new Map<string, string>();
  const instances = new Set(nodes.filter((n) => n.keyword.text === 'vrrp_instance').map((n) => arg(n)));
  const globalV3 = nodes.some((n) => n.keyword.text === 'global_defs' && arg(kids(n, 'vrrp_version').at(-1)) === '3');
  // Weights that tracking lines inherit when they give none: a vrrp_script's (default 0), a track file's (default 1).
  const scriptWeight = new Map(nodes.filter((n) => n.keyword.text === 'vrrp_script').map((n) => [arg(n), Number(arg(kid(n, 'weight')) ?? 0)]));
  const fileWeight = new Map(nodes.filter((n) => ['track_file', 'vrrp_track_file'].includes(n.keyword.text)).map((n) => [arg(n), Number(arg(kid(n, 'weight')) ?? 1)]));
  // Members of a sync group (of two or more) that does not say sync_group_tracking_weight: they may not track with weights.
  const syncNoWeight = new Set<string>();
  for (const g of nodes.filter((n) => n.keyword.text === 'vrrp_sync_group')) {
    const members = kids(g, 'group').flatMap((b) => b.values ?? []).flatMap((t) => t).map((t) => t.text).filter((t) => instances.has(t));
    if (members.length >= 2 && !kid(g, 'sync_group_tracking_weight')) for (const m of members) syncNoWeight.add(m);
  }

  for (const n of nodes) {
    if (n.keyword.text === 'vrrp_sync_group') {
      // vrrp_complete_init: a member that names no vrrp_instance is dropped, then a group of one is refused.
      const named = kids(n, 'group').flatMap((b) => b.values ?? []).flatMap((t) => t);
      for (const t of named) {
        if (!instances.has(t.text)) {
          out.push({ severity: 'error', code: 'sync-group-unknown', message: `Virtual router ${t.text} specified in sync group ${arg(n) ?? ''} doesn't exist - keepalived ignores it: name a vrrp_instance defined in this config`, zh: `同步组 ${arg(n) ?? ''} 中的虚拟路由器 ${t.text} 不存在，keepalived 会忽略它：请写本配置中定义的 vrrp_instance`, ...tokenRange(t) });
        }
      }
      const members = named.filter((t) => instances.has(t.text));
      if (members.length === 1) {
        out.push({ severity: 'error', code: 'sync-group-single', message: `Sync group ${arg(n) ?? ''} has only 1 virtual router(s): a sync group makes several instances fail over together, so list at least two (or remove the group)`, zh: `同步组 ${arg(n) ?? ''} 只有 1 个虚拟路由器：同步组让多个实例一起切换，所以至少列出两个（或删除这个组）`, ...tokenRange(n.keyword) });
      }
    }
    if (n.keyword.text === 'vrrp_script' && !kid(n, 'script')) {
      out.push({ severity: 'error', code: 'script-missing', message: `No script set for vrrp_script ${arg(n) ?? ''} - keepalived removes it: add a 'script "/path/to/check"' line`, zh: `vrrp_script ${arg(n) ?? ''} 没有设置脚本，keepalived 会删除它：请加上一行 'script "/path/to/check"'`, ...closeRange(n) });
    }
    if (n.keyword.text !== 'vrrp_instance') continue;
    instance(n);
  }

  /**
   * vrrp_complete_instance: an address owner (priority 255) never changes priority, and the members of a sync
   * group without sync_group_tracking_weight must not either, so keepalived reports every weighted tracker of
   * theirs as a configuration error and stops tracking it altogether (not even for FAULT).
   */
  function weightedTracking(n: ConfigNode, name: string) {
    const why = arg(kid(n, 'priority')) === '255' ? 'address_owner' : syncNoWeight.has(name) ? 'SYNC group' : undefined;
    if (!why) return;
    const fix = why === 'address_owner'
      ? 'an address owner (priority 255) keeps its priority: drop the weight (a failing tracker then means FAULT), or lower the priority'
      : 'sync group members keep their priorities: drop the weight, or add sync_group_tracking_weight to the vrrp_sync_group';
    const fixZh = why === 'address_owner'
      ? '地址拥有者（优先级 255）的优先级不会变：去掉 weight（跟踪失败即进入 FAULT），或降低优先级'
      : '同步组成员的优先级不会变：去掉 weight，或在 vrrp_sync_group 中加上 sync_group_tracking_weight';
    const whyZh = why === 'address_owner' ? '地址拥有者（address_owner）' : '同步组（SYNC group）';
    const weightOf = (line: readonly { text: string }[], inherited: number) => {
      const i = line.findIndex((t) => t.text === 'weight');
      return i >= 0 ? Number(line[i + 1]?.text ?? 0) : inherited;
    };
    const report = (kind: string, line: readonly Token[]) =>
      out.push({ severity: 'error', code: 'weight-ignored', message: `(${name}) ignoring tracked ${kind} ${line[0]!.text} with weights due to ${why} - keepalived stops tracking it: ${fix}`, zh: `（${name}）因为${whyZh}，带权重跟踪的 ${kind} ${line[0]!.text} 被忽略，keepalived 不再跟踪它：${fixZh}`, ...tokenRange(line[0]!) });
    for (const block of kids(n, 'track_script')) for (const line of block.values ?? []) {
      if (weightOf(line, scriptWeight.get(line[0]!.text) ?? 0) !== 0) report('script', line);
    }
    for (const block of kids(n, 'track_interface')) for (const line of block.values ?? []) {
      if (weightOf(line, 0) !== 0) report('interface', line);
    }
    for (const block of kids(n, 'track_file')) for (const line of block.values ?? []) {
      if (weightOf(line, fileWeight.get(line[0]!.text) ?? 1) !== 0) report('file', line);
    }
  }

  function instance(n: ConfigNode) {
    const name = arg(n) ?? '';
    const at = tokenRange(n.args[0] ?? n.keyword);
    crossLine(n, name);
    versionRules(n, name);
    const vrid = kid(n, 'virtual_router_id');
    const vridOk = vrid && /^\d+$/.test(arg(vrid) ?? '') && Number(arg(vrid)) >= 1 && Number(arg(vrid)) <= 255;
    if (!vridOk) {
      out.push({ severity: 'error', code: 'vrid-missing', message: `(${name}) the virtual router id must be set: add 'virtual_router_id N' (1–255), the same on every router of this instance`, zh: `（${name}）必须设置虚拟路由器 ID：请加上 'virtual_router_id N'（1–255），该实例的每台路由器都相同`, ...at });
    }
    const ifNode = kid(n, 'interface');
    const iface = arg(ifNode);
    if (iface && ctx.interfaces && !ctx.interfaces.includes(iface)) {
      out.push({ severity: 'error', code: 'no-such-interface', message: `interface ${iface} for vrrp_instance ${name} doesn't exist on this host (${ctx.interfaces.join(', ')})`, zh: `vrrp_instance ${name} 的接口 ${iface} 在这台主机上不存在（${ctx.interfaces.join('、')}）`, ...tokenRange(ifNode!.args[0]!) });
    }
    if (iface && vridOk) {
      const key = `${iface}/${arg(vrid)}`;
      const other = seen.get(key);
      if (other !== undefined) {
        out.push({ severity: 'error', code: 'duplicate-vrid', message: `${other} and ${name} both use VRID ${arg(vrid)} with IPv4 on interface ${iface}: give each instance on an interface its own virtual_router_id`, zh: `${other} 和 ${name} 在接口 ${iface} 上都用 IPv4 的 VRID ${arg(vrid)}：同一接口上的每个实例要有自己的 virtual_router_id`, ...tokenRange(vrid.args[0]!) });
      } else seen.set(key, name);
    }

    let vips = 0;
    let family: 4 | 6 | undefined;
    for (const block of kids(n, 'virtual_ipaddress')) {
      for (const line of block.values ?? []) {
        const addr = line[0]!;
        if (!isIpPrefix(addr.text)) {
          out.push({ severity: 'error', code: 'invalid-vip', message: `VRRP parsed invalid IP ${addr.text}: write an address such as 192.168.200.100 or 192.168.200.100/24`, zh: `VRRP 解析到无效的 IP ${addr.text}：请写 192.168.200.100 或 192.168.200.100/24 这样的地址`, ...tokenRange(addr) });
          continue;
        }
        // The first address sets the instance's family (vrrp_parser.c); one of the other family is dropped.
        const fam = addr.text.includes(':') ? 6 : 4;
        if (family === undefined) family = fam;
        else if (fam !== family) {
          out.push({ severity: 'error', code: 'vip-family', message: `(${name}): address family must match VRRP instance [${addr.text}] - keepalived ignores it: an instance is IPv4 or IPv6, so put IPv${fam} addresses in an instance of their own`, zh: `（${name}）：地址族必须与 VRRP 实例一致 [${addr.text}]，keepalived 会忽略它：一个实例要么是 IPv4 要么是 IPv6，请把 IPv${fam} 地址放到单独的实例中`, ...tokenRange(addr) });
          continue;
        }
        vipWords(line.slice(1));
        vips++;
        const dev = line.findIndex((t) => t.text === 'dev');
        const devName = dev > 0 ? line[dev + 1] : undefined;
        if (devName && ctx.interfaces && !ctx.interfaces.includes(devName.text)) {
          out.push({ severity: 'error', code: 'no-such-interface', message: `interface ${devName.text} for ip address ${addr.text} doesn't exist on this host`, zh: `地址 ${addr.text} 的接口 ${devName.text} 在这台主机上不存在`, ...tokenRange(devName) });
        }
      }
    }
    if (vips === 0) {
      out.push({ severity: 'error', code: 'no-vip', message: `(${name}) No VIP specified; at least one is sensible: add a virtual_ipaddress { … } block`, zh: `（${name}）没有指定 VIP；至少应有一个：请加上 virtual_ipaddress { … } 块`, ...at });
    }
    for (const block of kids(n, 'virtual_routes')) {
      for (const line of block.values ?? []) {
        const words = line.map((t) => t.text);
        if (!words.includes('dev') && !words.includes('no_track')) {
          out.push({ severity: 'error', code: 'route-without-dev', message: `cannot track route ${words[0]} with no interface specified: keepalived will not track it; add 'dev IFACE' (or 'no_track')`, zh: `无法跟踪没有指定接口的路由 ${words[0]}：keepalived 不会跟踪它；请加上 'dev 接口'（或 'no_track'）`, ...tokenRange(line[0]!) });
        }
      }
    }
    for (const block of kids(n, 'unicast_peer')) {
      for (const line of block.values ?? []) {
        if (!isIp(line[0]!.text)) out.push({ severity: 'error', code: 'invalid-peer', message: `malformed unicast peer address '${line[0]!.text}'`, zh: `单播对端地址格式错误 '${line[0]!.text}'`, ...tokenRange(line[0]!) });
      }
    }
    for (const block of kids(n, 'track_script')) {
      for (const line of block.values ?? []) {
        if (!scripts.has(line[0]!.text)) {
          out.push({ severity: 'error', code: 'unknown-track-script', message: `(${name}) track script ${line[0]!.text} not found: no vrrp_script ${line[0]!.text} { … } is defined`, zh: `（${name}）找不到跟踪脚本 ${line[0]!.text}：没有定义 vrrp_script ${line[0]!.text} { … }`, ...tokenRange(line[0]!) });
        }
      }
    }
    weightedTracking(n, name);
    const delay = kid(n, 'preempt_delay');
    if (delay && kid(n, 'nopreempt')) {
      out.push({ severity: 'error', code: 'preempt-delay-nopreempt', message: `(${name}) preempt_delay is incompatible with nopreempt mode - keepalived resets it: keep one of the two`, zh: `（${name}）preempt_delay 与 nopreempt 不兼容，keepalived 会重置它：两者只保留一个`, ...tokenRange(delay.keyword) });
    }
    const auth = kid(n, 'authentication');
    const pass = kid(auth, 'auth_pass');
    if (pass?.args[0] && pass.args[0].text.length > 8) {
      out.push({
        severity: 'error', code: 'auth-pass-length',
        message: `Truncating auth_pass to 8 characters: VRRP sends only the first 8 ('${pass.args[0].text.slice(0, 8)}'), so write those`, zh: `auth_pass 被截断为 8 个字符：VRRP 只发送前 8 个（'${pass.args[0].text.slice(0, 8)}'），请就写这 8 个`,
        ...tokenRange(pass.args[0]),
        fix: { title: 'Keep the first 8 characters', titleZh: '只保留前 8 个字符', range: tokenRange(pass.args[0]), text: pass.args[0].text.slice(0, 8) },
      });
    }
    if (strict) {
      if (auth) out.push({ severity: 'error', code: 'strict-auth', message: `(${name}) Strict mode does not support authentication: vrrp_strict (RFC 5798) drops it; remove the authentication block or vrrp_strict`, zh: `（${name}）严格模式不支持认证：vrrp_strict（RFC 5798）去掉了认证；请删除 authentication 块或 vrrp_strict`, ...tokenRange(auth.keyword) });
      const state = kid(n, 'state');
      const prio = Number(arg(kid(n, 'priority')) ?? 100);
      if (arg(state) === 'MASTER' && prio !== 255) {
        out.push({ severity: 'error', code: 'strict-master-owner', message: `(${name}) State MASTER must match being address owner: with vrrp_strict only the owner (priority 255) may start as MASTER; write 'state BACKUP' or 'priority 255'`, zh: `（${name}）state MASTER 必须是地址拥有者：开启 vrrp_strict 时只有拥有者（优先级 255）能以 MASTER 启动；请写 'state BACKUP' 或 'priority 255'`, ...tokenRange(state!.args[0]!) });
      }
    }
  }

  /** The words that may follow a virtual_ipaddress (parse_ipaddress in vrrp_ipaddress.c); any other is refused. */
  function vipWords(words: ConfigNode['args']) {
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!;
      if (VIP_WITH_VALUE.has(w.text)) i++;
      else if (!VIP_FLAGS.has(w.text)) {
        out.push({ severity: 'error', code: 'vip-unknown-word', message: `Unknown configuration entry '${w.text}' for ip address - keepalived ignores it: after the address come only ${[...VIP_WITH_VALUE].join(', ')} (with a value) and ${[...VIP_FLAGS].join(', ')}`, zh: `地址后的未知配置项 '${w.text}'，keepalived 会忽略它：地址后面只能写 ${[...VIP_WITH_VALUE].join('、')}（带值）和 ${[...VIP_FLAGS].join('、')}`, ...tokenRange(w) });
      }
    }
  }

  /** VRRPv2 and VRRPv3 differ in what they allow (vrrp_complete_instance). */
  function versionRules(n: ConfigNode, name: string) {
    const own = arg(kids(n, 'version').at(-1));
    const v3 = own ? own === '3' : globalV3;
    const auth = kid(n, 'authentication');
    if (v3 && auth) {
      out.push({ severity: 'error', code: 'v3-auth', message: `(${name}) VRRP version 3 does not support authentication - keepalived ignores it: remove the authentication block, or use version 2`, zh: `（${name}）VRRP 第 3 版不支持认证，keepalived 会忽略它：请删除 authentication 块，或使用第 2 版`, ...tokenRange(auth.keyword) });
    }
    const adv = kid(n, 'advert_int');
    const value = Number(arg(adv));
    if (!v3 && adv?.args[0] && Number.isFinite(value) && value > 0 && !Number.isInteger(value)) {
      const rounded = Math.max(1, Math.round(value));
      out.push({
        severity: 'error', code: 'v2-advert-int', message: `(${name}) VRRPv2 advertisement interval ${value}s must be an integer - keepalived rounds it: write ${rounded}, or use vrrp_version 3 for sub-second adverts`, zh: `（${name}）VRRPv2 的通告间隔 ${value} 秒必须是整数，keepalived 会四舍五入：请写 ${rounded}，或用 vrrp_version 3 实现亚秒级通告`,
        ...tokenRange(adv.args[0]), fix: { title: `Use ${rounded}`, titleZh: `改为 ${rounded}`, range: tokenRange(adv.args[0]), text: String(rounded) },
      });
    }
  }

  /** Settings keepalived refuses in combination (vrrp_parser.c): each reported where keepalived reports it. */
  function crossLine(n: ConfigNode, name: string) {
    let iface: ConfigNode | undefined;
    let vrf: ConfigNode | undefined;
    for (const c of n.children ?? []) {
      if (c.keyword.text === 'interface') {
        if (vrf && !iface) out.push({ severity: 'error', code: 'vrf-and-interface', message: `(${name}) vrf can only be specified without interface - keepalived clears the vrf: use one or the other`, zh: `（${name}）vrf 只能在不指定 interface 时使用，keepalived 会清除 vrf：两者只用其一`, ...tokenRange(c.keyword) });
        iface = c;
      } else if (c.keyword.text === 'vrf') {
        if (iface) out.push({ severity: 'error', code: 'vrf-and-interface', message: `(${name}) Cannot specify VRF interface and interface - keepalived ignores the vrf: use one or the other`, zh: `（${name}）不能同时指定 VRF 接口和 interface，keepalived 会忽略 vrf：两者只用其一`, ...tokenRange(c.keyword) });
        vrf = c;
      }
    }
    const ttl = kid(n, 'unicast_ttl');
    const peers = kids(n, 'unicast_peer').some((b) => (b.values ?? []).length > 0);
    if (ttl && !peers) {
      out.push({ severity: 'error', code: 'unicast-ttl-without-peers', message: `(${name}): Cannot use unicast_ttl without unicast peers - keepalived resets it: add a unicast_peer block or remove unicast_ttl (line ${ttl.keyword.line})`, zh: `（${name}）：没有单播对端时不能用 unicast_ttl，keepalived 会重置它：请加上 unicast_peer 块或删除 unicast_ttl（第 ${ttl.keyword.line} 行）`, ...closeRange(n) });
    }
  }
}
