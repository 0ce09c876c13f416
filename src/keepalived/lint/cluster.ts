/**
 * Rules over several configs checked together, one per router: the mistakes that only show
 * when the peers are compared.
 */
import { arg, kid, kids, tokenRange } from '../tree-util';
import type { ConfigNode } from '../parser';
import type { ClusterRule } from './rule';

interface Peer {
  file: string;
  node: ConfigNode;
  out: import('../types').Diagnostic[];
}

function byVrid(cluster: Parameters<ClusterRule['check']>[0]): Map<string, Peer[]> {
  const groups = new Map<string, Peer[]>();
  for (const { file, ctx } of cluster.files) {
    for (const n of ctx.nodes) {
      if (n.keyword.text !== 'vrrp_instance') continue;
      const vrid = arg(kid(n, 'virtual_router_id'));
      if (!vrid) continue;
      const list = groups.get(vrid) ?? [];
      list.push({ file, node: n, out: ctx.out });
      groups.set(vrid, list);
    }
  }
  return groups;
}

/** A router configured MASTER whose priority is below a BACKUP's: it will lose the election anyway. */
export const masterBelowBackup: ClusterRule = {
  id: 'master-below-backup',
  summary: 'state MASTER with a lower priority than a BACKUP of the same VRID',
  check(cluster) {
    for (const [vrid, peers] of byVrid(cluster)) {
      const prio = (p: Peer) => Number(arg(kid(p.node, 'priority')) ?? 100);
      const backups = peers.filter((p) => arg(kid(p.node, 'state')) !== 'MASTER');
      for (const m of peers.filter((p) => arg(kid(p.node, 'state')) === 'MASTER')) {
        const higher = backups.find((b) => prio(b) > prio(m));
        if (higher) {
          m.out.push({
            severity: 'warning', code: this.id,
            message: `VRID ${vrid}: this router says MASTER with priority ${prio(m)}, but ${higher.file} is BACKUP with priority ${prio(higher)}; state is only where a router starts, so ${higher.file} wins the election`, zh: `VRID ${vrid}：这台路由器写的是 MASTER、优先级 ${prio(m)}，但 ${higher.file} 是 BACKUP、优先级 ${prio(higher)}；state 只是起始状态，所以 ${higher.file} 会赢得选举`,
            ...tokenRange(kid(m.node, 'priority')?.args[0] ?? m.node.keyword),
          });
        }
      }
    }
  },
};

/** Peers must agree on advert_int and authentication, or adverts are dropped and both become MASTER. */
export const peersDisagree: ClusterRule = {
  id: 'peers-disagree',
  summary: 'advert_int or authentication that differ between routers of the same VRID',
  check(cluster) {
    for (const [vrid, peers] of byVrid(cluster)) {
      if (peers.length < 2) continue;
      const advert = (p: Peer) => arg(kid(p.node, 'advert_int')) ?? '1';
      const auth = (p: Peer) => {
        const a = kid(p.node, 'authentication');
        return a ? `${arg(kid(a, 'auth_type'))}:${arg(kid(a, 'auth_pass'))?.slice(0, 8)}` : 'none';
      };
      for (const [what, get] of [['advert_int', advert], ['authentication', auth]] as const) {
        const first = peers[0]!;
        for (const p of peers.slice(1)) {
          if (get(p) === get(first)) continue;
          const node = what === 'advert_int' ? kid(p.node, 'advert_int') : kids(p.node, 'authentication')[0];
          p.out.push({
            severity: 'warning', code: this.id,
            message: `VRID ${vrid}: ${what} here (${get(p)}) differs from ${first.file} (${get(first)}); keepalived drops adverts that do not match, so each router thinks it is alone and both become MASTER`, zh: `VRID ${vrid}：这里的 ${what}（${get(p)}）与 ${first.file}（${get(first)}）不同；keepalived 会丢弃不匹配的通告，于是每台路由器都以为只有自己，都成为 MASTER`,
            ...tokenRange(node?.keyword ?? p.node.keyword),
          });
        }
      }
    }
  },
};
