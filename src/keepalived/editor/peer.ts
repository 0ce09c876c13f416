/**
 * A peer for a config: the same file as the second director would run it. Every vrrp_instance starts
 * as BACKUP with a priority 10 lower (at least 1, and below 255 so it never owns the addresses),
 * unicast source and peer swap, router_id gets "_PEER". Everything else (VIPs, virtual servers) is
 * kept, since both directors must serve the same services. Line by line, so comments and layout stay.
 */
import { codeOf } from './cursor';

export function peerConfig(text: string): string {
  const stack: string[] = [];
  let pending: string | undefined;
  const srcIps: string[] = [];
  const peers: string[][] = [];
  // First pass: each instance's unicast_src_ip and unicast_peer addresses, to swap them.
  {
    let inst = -1;
    const st: string[] = [];
    let pend: string | undefined;
    for (const line of text.split('\n')) {
      const code = codeOf(line);
      const words = code.match(/[^\s{}]+/g) ?? [];
      const top = st.at(-1);
      if (top === 'unicast_peer' && words[0]) peers[inst]?.push(words[0]);
      if (top === 'vrrp_instance' && words[0] === 'unicast_src_ip' && words[1]) srcIps[inst] = words[1];
      for (const tok of code.match(/[{}]|[^\s{}]+/g) ?? []) {
        if (tok === '{') {
          const owner = words[0] ?? pend ?? '';
          st.push(owner);
          if (owner === 'vrrp_instance' && st.length === 1) {
            inst++;
            peers[inst] = [];
          }
        } else if (tok === '}') {
          st.pop();
        }
      }
      pend = words[0] ?? pend;
    }
  }
  let inst = -1;
  const out: string[] = [];
  let peerWritten = false;
  for (const line of text.split('\n')) {
    const code = codeOf(line);
    const words = code.match(/[^\s{}]+/g) ?? [];
    const top = stack.at(-1);
    const indent = /^\s*/.exec(line)![0];
    let next = line;
    if (top === 'vrrp_instance') {
      if (words[0] === 'state' && words[1]) next = `${indent}state BACKUP`;
      else if (words[0] === 'priority' && /^\d+$/.test(words[1] ?? '')) next = `${indent}priority ${Math.max(1, Math.min(254, Number(words[1]) - 10))}`;
      else if (words[0] === 'unicast_src_ip' && peers[inst]?.[0]) next = `${indent}unicast_src_ip ${peers[inst]![0]}`;
    } else if (top === 'global_defs' && words[0] === 'router_id' && words[1]) next = `${indent}router_id ${words[1]}_PEER`;
    else if (top === 'unicast_peer' && words[0] && srcIps[inst]) {
      // The peer's only peer is this router.
      next = peerWritten ? '' : `${indent}${srcIps[inst]}`;
      peerWritten = true;
      if (next === '') continue;
    }
    out.push(next);
    for (const tok of code.match(/[{}]|[^\s{}]+/g) ?? []) {
      if (tok === '{') {
        const owner = words[0] ?? pending ?? '';
        stack.push(owner);
        if (owner === 'vrrp_instance' && stack.length === 1) inst++;
        if (owner === 'unicast_peer') peerWritten = false;
      } else if (tok === '}') stack.pop();
    }
    pending = words[0] ?? pending;
  }
  return out.join('\n');
}
