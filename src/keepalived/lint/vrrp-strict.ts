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
        message: 'vrrp_strict enforces RFC 5798: keepalived adds firewall rules that drop all traffic to the VIPs (so ping and connections to them fail unless you add accept), forbids authentication and VRRPv2 unicast features, and lets only the address owner (priority 255) start as MASTER',
        ...tokenRange(strict.keyword),
      });
    }
  },
};
