/**
 * The five IPv4 Netfilter hooks, by the names this project prints, the kernel's constants,
 * and the names nftables uses for them.
 */
export const HOOKS = ['PRE_ROUTING', 'LOCAL_IN', 'FORWARD', 'LOCAL_OUT', 'POST_ROUTING'] as const;
export type HookName = (typeof HOOKS)[number];

export const KERNEL_NAME: Record<HookName, string> = {
  PRE_ROUTING: 'NF_INET_PRE_ROUTING',
  LOCAL_IN: 'NF_INET_LOCAL_IN',
  FORWARD: 'NF_INET_FORWARD',
  LOCAL_OUT: 'NF_INET_LOCAL_OUT',
  POST_ROUTING: 'NF_INET_POST_ROUTING',
};

/** nft's hook keywords (`type filter hook prerouting …`), used by the conformance test. */
export const NFT_NAME: Record<HookName, string> = {
  PRE_ROUTING: 'prerouting',
  LOCAL_IN: 'input',
  FORWARD: 'forward',
  LOCAL_OUT: 'output',
  POST_ROUTING: 'postrouting',
};

export function hookFromNft(name: string): HookName | undefined {
  return HOOKS.find((h) => NFT_NAME[h] === name);
}

/** The kernel function whose NF_HOOK call runs each hook (Linux 6.6, net/ipv4/). */
export const CALL_SITE: Record<HookName, { fn: string; file: string; macro: string; okfn: string }> = {
  PRE_ROUTING: { fn: 'ip_rcv', file: 'net/ipv4/ip_input.c', macro: 'NF_HOOK', okfn: 'ip_rcv_finish' },
  LOCAL_IN: { fn: 'ip_local_deliver', file: 'net/ipv4/ip_input.c', macro: 'NF_HOOK', okfn: 'ip_local_deliver_finish' },
  FORWARD: { fn: 'ip_forward', file: 'net/ipv4/ip_forward.c', macro: 'NF_HOOK', okfn: 'ip_forward_finish' },
  LOCAL_OUT: { fn: '__ip_local_out', file: 'net/ipv4/ip_output.c', macro: 'nf_hook', okfn: 'dst_output' },
  POST_ROUTING: { fn: 'ip_output', file: 'net/ipv4/ip_output.c', macro: 'NF_HOOK_COND', okfn: 'ip_finish_output' },
};
