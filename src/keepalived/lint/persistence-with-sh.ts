import { arg, kid, tokenRange } from '../tree-util';
import type { LintRule } from './rule';

/** sh already pins a client to a server by its address; persistence on top adds templates and nothing else. */
export const persistenceWithSh: LintRule = {
  id: 'persistence-with-sh',
  summary: 'persistence_timeout together with the sh scheduler, which is already sticky',
  check(ctx) {
    for (const n of ctx.nodes) {
      if (n.keyword.text !== 'virtual_server') continue;
      const algo = kid(n, 'lb_algo') ?? kid(n, 'lvs_sched');
      const pers = kid(n, 'persistence_timeout');
      if (arg(algo) === 'sh' && pers) {
        ctx.out.push({
          severity: 'warning', code: this.id,
          message: 'lb_algo sh already sends a client address to the same real server; persistence_timeout adds connection templates on top and changes nothing but memory and failover behaviour',
          ...tokenRange(pers.keyword),
        });
      }
    }
  },
};
