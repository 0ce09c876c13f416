/**
 * What keepalived 2.2.7's checker process reports about virtual_server blocks when they close
 * (check_parser.c vs_end_handler, check_data.c validation), each an error for `keepalived -t`.
 */
import { arg, closeRange, tokenRange } from '../tree-util';
import type { ConfigNode } from '../parser';
import { isIp } from '../schema/values';
import type { CheckContext } from './context';

/** virtual_server_group entries (vsg_handler in check_parser.c): `IP[-LAST] PORT` or `fwmark N`; a bad one is skipped. */
function checkGroups(ctx: CheckContext): void {
  const out = (message: string, zh: string, code: string, range: ReturnType<typeof tokenRange>) => ctx.out.push({ severity: 'error', code, message, zh, ...range });
  for (const n of ctx.nodes) {
    if (n.keyword.text !== 'virtual_server_group') continue;
    let good = 0;
    for (const row of n.values ?? []) {
      const [first, second] = row;
      if (!first) continue;
      if (first.text === 'fwmark') {
        if (second && /^\d+$/.test(second.text) && Number(second.text) <= 4294967295) good++;
        else out(`(${arg(n) ?? ''}): fwmark '${second?.text ?? ''}' must be in [0, 4294967295] - keepalived ignores it`, `（${arg(n) ?? ''}）：fwmark '${second?.text ?? ''}' 必须在 [0, 4294967295] 之内，keepalived 会忽略它`, 'vsg-entry', tokenRange(second ?? first));
        continue;
      }
      const range = /^(.+)-(\d{1,3})$/.exec(first.text);
      const addrOk = range ? isIp(range[1]!) && Number(range[2]) <= 255 : isIp(first.text);
      const portOk = second === undefined || (/^\d+$/.test(second.text) && Number(second.text) <= 65535);
      if (addrOk && portOk) good++;
      else out(`Invalid virtual server group IP address ${first.text} /port/${second?.text ?? ''} - keepalived skips it: write 'ADDRESS PORT' (ADDRESS may be a range such as 192.168.200.100-110), or 'fwmark N'`, `无效的虚拟服务器组地址 ${first.text} /端口/${second?.text ?? ''}，keepalived 会跳过它：请写 '地址 端口'（地址可以是 192.168.200.100-110 这样的范围），或 'fwmark N'`, 'vsg-entry', tokenRange(addrOk && second ? second : first));
    }
    // keepalived says so when it reads the group's closing brace.
    if ((n.values ?? []).length && !good) out(`virtual server group ${arg(n) ?? ''} has no entries - keepalived removes it`, `虚拟服务器组 ${arg(n) ?? ''} 没有条目，keepalived 会删除它`, 'vsg-empty', closeRange(n));
  }
}

export function checkVirtualServers(ctx: CheckContext): void {
  checkGroups(ctx);
  for (const n of ctx.nodes) {
    if (n.keyword.text !== 'virtual_server') continue;
    // One walk for the settings read below (the last of each, as kid() finds them); label and
    // position are built only when something is reported.
    let proto: ConfigNode | undefined, lbKind: ConfigNode | undefined, lvsMethod: ConfigNode | undefined;
    let lbAlgo: ConfigNode | undefined, lvsSched: ConfigNode | undefined, sorry: ConfigNode | undefined;
    let ops: ConfigNode | undefined, quorum: ConfigNode | undefined;
    const rss: ConfigNode[] = [];
    // The scheduler as far as the block has set it: keepalived checks sh/mh flags when it reads them.
    let sched = '';
    for (const c of n.children ?? []) {
      switch (c.keyword.text) {
        case 'protocol': proto = c; break;
        case 'lb_kind': lbKind = c; break;
        case 'lvs_method': lvsMethod = c; break;
        case 'lb_algo': lbAlgo = c; sched = arg(c) ?? sched; break;
        case 'lvs_sched': lvsSched = c; sched = arg(c) ?? sched; break;
        case 'sorry_server': sorry = c; break;
        case 'ops': ops = c; break;
        case 'quorum': quorum = c; break;
        case 'hashed': case 'sh-port': case 'sh-fallback': case 'mh-port': case 'mh-fallback':
          if (sched !== 'sh' && sched !== 'mh') {
            out(`${c.keyword.text} only applies to sh scheduler - ignoring${sched ? ` (the scheduler here is ${sched})` : ' (no lb_algo before it)'}: it is a flag of the sh and mh schedulers, so put 'lb_algo sh' or 'lb_algo mh' above it, or remove it`, `${c.keyword.text} 只适用于 sh 调度算法，已忽略${sched ? `（这里的调度算法是 ${sched}）` : '（它前面没有 lb_algo）'}：它是 sh 和 mh 调度算法的标志，请在它上面写 'lb_algo sh' 或 'lb_algo mh'，或删除它`, 'sched-flag', tokenRange(c.keyword));
          }
          break;
        case 'real_server': rss.push(c);
      }
    }
    const byAddress = arg(n) !== 'fwmark' && arg(n) !== 'group';
    if (ops && byAddress && (arg(proto) ?? 'UDP').toUpperCase() !== 'UDP') {
      out(`Virtual server ${label(n)}: one packet scheduling requires UDP - keepalived turns 'ops' off: remove it, or use protocol UDP`, `虚拟服务器 ${label(n)}：单包调度（ops）要求 UDP，keepalived 会关闭 'ops'：请删除它，或使用 protocol UDP`, 'ops-not-udp', tokenRange(ops.keyword));
    }
    // The quorum is 1 unless set: real servers whose weights are all 0 fall short of it too.
    const quorumValue = quorum ? (/^\d+$/.test(arg(quorum) ?? '') ? Number(arg(quorum)) : undefined) : 1;
    if (quorumValue !== undefined && rss.length) {
      let weights = 0;
      for (const rs of rss) {
        const w = (rs.children ?? []).filter((x) => x.keyword.text === 'weight').at(-1);
        weights += w && /^\d+$/.test(arg(w) ?? '') ? Number(arg(w)) : 1;
      }
      if (quorumValue > weights) {
        const which = quorum ? `quorum ${quorumValue}` : 'quorum 1 (the default)';
        out(`Warning - ${which} for ${label(n)} exceeds total weight of real servers ${weights} - keepalived reduces it to ${weights}; the service could never come up with it${quorum ? '' : ': give a real server a weight above 0'}`, `${label(n)} 的 ${which} 超过真实服务器的总权重 ${weights}，keepalived 会把它降到 ${weights}；按原值服务永远无法上线${quorum ? '' : '：请给某台真实服务器大于 0 的权重'}`, 'quorum-above-weight', quorum ? tokenRange(quorum.args[0] ?? quorum.keyword) : tokenRange(n.keyword));
      }
    }
    const fwmark = arg(n) === 'fwmark';
    if (fwmark && proto) {
      out(`virtual server ${label(n)}: protocol specified for fwmark - keepalived ignores it (the firewall mark already selects the packets): remove 'protocol'`, `虚拟服务器 ${label(n)}：fwmark 服务指定了 protocol，keepalived 会忽略它（防火墙标记已经选定了报文）：请删除 'protocol'`, 'fwmark-protocol', tokenRange(proto.keyword));
    }
    if (!proto && !fwmark) {
      out(`virtual server ${label(n)}: no protocol set - keepalived defaults to UDP: add 'protocol TCP'`, `虚拟服务器 ${label(n)}：没有设置 protocol，keepalived 默认用 UDP：请加上 'protocol TCP'`, 'no-protocol', tokenRange(n.keyword));
    }
    if (!lbKind && !lvsMethod) {
      out(`virtual server ${label(n)}: no forwarding method set, keepalived sets NAT: add 'lb_kind NAT', 'lb_kind DR' or 'lb_kind TUN'`, `虚拟服务器 ${label(n)}：没有设置转发方式，keepalived 设为 NAT：请加上 'lb_kind NAT'、'lb_kind DR' 或 'lb_kind TUN'`, 'no-lb-kind', tokenRange(n.keyword));
    }
    if (!lbAlgo && !lvsSched) {
      out(`virtual server ${label(n)}: no scheduler set, keepalived sets 'wlc': add 'lb_algo wlc' (or rr, wrr, lc, sh, …)`, `虚拟服务器 ${label(n)}：没有设置调度算法，keepalived 设为 'wlc'：请加上 'lb_algo wlc'（或 rr、wrr、lc、sh 等）`, 'no-lb-algo', tokenRange(n.keyword));
    }
    if (rss.length === 0 && !sorry) {
      out(`virtual server ${label(n)} has no real servers - keepalived ignores it: add a real_server block`, `虚拟服务器 ${label(n)} 没有真实服务器，keepalived 会忽略它：请加上 real_server 块`, 'no-real-server', closeRange(n));
    }
    for (const rs of rss) {
      const ip = rs.args[0];
      const port = rs.args[1];
      if (!ip || !isIp(ip.text) || (port && !(/^\d+$/.test(port.text) && Number(port.text) <= 65535))) {
        out(`Invalid real server ip address/port ${ip?.text ?? ''}/${port?.text ?? ''} - keepalived skips this real server`, `无效的真实服务器地址/端口 ${ip?.text ?? ''}/${port?.text ?? ''}，keepalived 会跳过这台真实服务器`, 'invalid-real-server', tokenRange(port && ip && isIp(ip.text) ? port : (ip ?? rs.keyword)));
      } else if (fwmark && port) {
        out(`fwmark virtual server ${label(n)}: real server ${ip.text} has port ${port.text} specified - keepalived clears it; a fwmark service matches any port, so write no port`, `fwmark 虚拟服务器 ${label(n)}：真实服务器 ${ip.text} 指定了端口 ${port.text}，keepalived 会清除它；fwmark 服务匹配任意端口，所以不要写端口`, 'fwmark-port', tokenRange(port));
      }
    }
    const kind = arg(lbKind ?? lvsMethod);
    const vport = arg(n, 1);
    if ((kind === 'DR' || kind === 'TUN') && arg(n) !== 'fwmark' && arg(n) !== 'group' && vport !== undefined) {
      for (const rs of rss) {
        const rport = arg(rs, 1);
        if (rport !== undefined && rport !== vport) {
          out(`virtual server ${label(n)} and real server ${arg(rs)} ${rport}: ports don't match. ${kind} cannot change the port (the packet is not rewritten), so keepalived resets it to ${vport}: write ${vport}`, `虚拟服务器 ${label(n)} 与真实服务器 ${arg(rs)} ${rport} 的端口不一致。${kind} 不能改端口（报文不会被改写），所以 keepalived 把它重置为 ${vport}：请写 ${vport}`, 'port-mismatch', tokenRange(rs.args[1]!));
        }
      }
    }
  }

  // The address words, built only when something is reported (one function per call, not a closure per block).
  function label(n: ConfigNode): string {
    return n.args.map((a) => a.text).join(' ');
  }

  function out(message: string, zh: string, code: string, range: ReturnType<typeof tokenRange>) {
    ctx.out.push({ severity: 'error', code, message, zh, ...range });
  }
}
