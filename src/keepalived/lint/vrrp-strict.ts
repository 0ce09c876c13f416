import { kid, tokenRange } from '../tree-util';
import type { LintRule } from './rule';

/** vrrp_strict changes behaviour silently; people paste it from the sample config without knowing. */
export const vrrpStrict: LintRule = {
  id: 'vrrp-strict',
  summary: 'vrrp_strict and what it silently does',
  check(ctx) {
    for (const n of ctx.nodes) {
      const strict = n.keyword.text === 'global_defs' ? kid(n, 'vrrp_strict') : undefined;
      if (!strict) continue;
      ctx.out.push({
        severity: 'warning', code: this.id,
        message: 'vrrp_strict enforces RFC 5798: keepalived adds firewall rules that drop all traffic to the VIPs (so ping and connections to them fail unless you add accept), forbids authentication and VRRPv2 unicast features, and lets only the address owner (priority 255) start as MASTER', zh: 'vrrp_strict 强制遵守 RFC 5798：keepalived 会添加丢弃所有发往 VIP 流量的防火墙规则（除非加上 accept，否则 ping 和连接 VIP 都会失败），禁止认证和 VRRPv2 单播特性，并且只允许地址拥有者（优先级 255）以 MASTER 启动',
        ...tokenRange(strict.keyword),
      });
    }
  },
};
