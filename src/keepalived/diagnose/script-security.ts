/**
 * keepalived refuses to run scripts as root unless script security is on: with any script
 * configured and no enable_script_security, `keepalived -t` fails (exit 6, SECURITY VIOLATION).
 */
import { kid, tokenRange } from '../tree-util';
import type { ConfigNode } from '../parser';
import type { CheckContext } from './context';

const SCRIPT_KEYWORDS = new Set([
  'script', 'notify', 'notify_master', 'notify_backup', 'notify_fault', 'notify_stop', 'notify_deleted',
  'misc_path', 'notify_up', 'notify_down', 'quorum_up', 'quorum_down', 'startup_script', 'shutdown_script',
]);

/** Whether this node configures a script. */
export const isScriptNode = (n: ConfigNode): boolean => n.args.length > 0 && SCRIPT_KEYWORDS.has(n.keyword.text);

/** The first node (depth first) that configures a script, when another walk over every node has looked for it. */
export interface FoundScript {
  script?: ConfigNode;
}

export function checkScriptSecurity(ctx: CheckContext, found?: FoundScript): void {
  const secure = ctx.nodes.some((n) => n.keyword.text === 'global_defs' && kid(n, 'enable_script_security'));
  if (secure) return;
  const node = found ? found.script : firstScript(ctx.nodes);
  if (node) {
    ctx.out.push({
      severity: 'error', code: 'script-security',
      message: `SECURITY VIOLATION - scripts are configured but script_security is not enabled: keepalived will not run '${node.args[0]!.text}'. Add 'enable_script_security' (and 'script_user USER') to global_defs`, zh: `安全违规：配置了脚本但没有启用 script_security：keepalived 不会运行 '${node.args[0]!.text}'。请在 global_defs 中加上 'enable_script_security'（以及 'script_user 用户'）`,
      ...tokenRange(node.keyword),
    });
  }
}

/** The first node (depth first, as findNode) that configures a script; a plain loop, as it visits every node. */
function firstScript(nodes: readonly ConfigNode[]): ConfigNode | undefined {
  for (const n of nodes) {
    if (isScriptNode(n)) return n;
    if (n.children) {
      const inner = firstScript(n.children);
      if (inner) return inner;
    }
  }
  return undefined;
}
