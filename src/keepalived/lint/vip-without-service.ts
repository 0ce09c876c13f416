import { arg, kids, tokenRange } from '../tree-util';
import type { LintRule } from './rule';
import type { Diagnostic } from '../types';

/** A VIP no virtual_server listens on, or a virtual_server on an address no instance holds. */
export const vipWithoutService: LintRule = {
  id: 'vip-without-service',
  summary: 'a VIP that no virtual_server uses, or a virtual_server address that no VRRP instance holds',
  check(ctx) {
    // A virtual_server with no address at all is reported elsewhere (keepalived rejects it); nothing to compare here.
    const vsNodes = ctx.nodes.filter((n) => n.keyword.text === 'virtual_server' && n.args.length > 0 && arg(n) !== 'fwmark' && arg(n) !== 'group');
    const instances = ctx.nodes.filter((n) => n.keyword.text === 'vrrp_instance');
    if (!vsNodes.length || !instances.length) return;
    const vips = new Set<string>();
    const vsAddrs = new Set(vsNodes.map((vs) => arg(vs)));
    for (const inst of instances) {
      for (const block of kids(inst, 'virtual_ipaddress')) {
        for (const line of block.values ?? []) {
          const addr = line[0]!.text.split('/')[0]!;
          vips.add(addr);
          if (!vsAddrs.has(addr)) {
            ctx.out.push({ severity: 'info', code: this.id, message: `VIP ${addr} is not the address of any virtual_server in this file: is it meant for something else?`, zh: `VIP ${addr} 不是本文件中任何 virtual_server 的地址：它是另有用途吗？`, ...tokenRange(line[0]!) });
          }
        }
      }
    }
    for (const vs of vsNodes) {
      if (!vips.has(arg(vs) ?? '')) {
        // tokenRange(vs.args[0]!) written out: thousands of these on a big file.
        const t = vs.args[0]!;
        const d: Diagnostic = { severity: 'warning', code: this.id, message: `virtual_server ${t.text} is not a VIP of any vrrp_instance here: when the director fails over, nothing moves this address`, zh: `virtual_server ${t.text} 不是这里任何 vrrp_instance 的 VIP：调度器故障切换时，没有什么会迁移这个地址`, line: t.line, column: t.column, endLine: t.endLine, endColumn: t.endColumn };
        if (t.file) d.file = t.file;
        ctx.out.push(d);
      }
    }
  },
};
