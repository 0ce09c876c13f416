import { arg, tokenRange } from '../tree-util';
import type { ConfigNode } from '../parser';
import type { LintRule } from './rule';

/** sh already pins a client to a server by its address; persistence on top adds templates and nothing else. */
export const persistenceWithSh: LintRule = {
  id: 'persistence-with-sh',
  summary: 'persistence_timeout together with the sh scheduler, which is already sticky',
  check(ctx) {
    for (const n of ctx.nodes) {
      if (n.keyword.text !== 'virtual_server') continue;
      // The last of each, as kid() would find them, in one walk over the block.
      let lbAlgo: ConfigNode | undefined, lvsSched: ConfigNode | undefined, pers: ConfigNode | undefined;
      for (const c of n.children ?? []) {
        const k = c.keyword.text;
        if (k === 'lb_algo') lbAlgo = c;
        else if (k === 'lvs_sched') lvsSched = c;
        else if (k === 'persistence_timeout') pers = c;
      }
      const algo = lbAlgo ?? lvsSched;
      if (arg(algo) === 'sh' && pers) {
        ctx.out.push({
          severity: 'warning', code: this.id,
          message: 'lb_algo sh already sends a client address to the same real server; persistence_timeout adds connection templates on top and changes nothing but memory and failover behaviour', zh: 'lb_algo sh 本来就把同一客户端地址发往同一台真实服务器；persistence_timeout 只是再加上连接模板，改变的只有内存占用和故障切换行为',
          ...tokenRange(pers.keyword),
        });
      }
    }
  },
};
