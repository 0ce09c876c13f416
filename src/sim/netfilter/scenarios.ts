/**
 * The scenarios `lvs-lab trace` and the hook explorer offer: ordinary packets on a plain host
 * (checked against real `nft monitor trace` in test/conformance), and LVS packets on a director
 * or real server (from the kernel source: ip_vs_core.c, ip_vs_xmit.c), checked against iptables
 * TRACE on a real Linux 6.1 director and real server in test/kernel.
 */
import type { Text } from '../core';
import type { HookName } from './hooks';
import {
  deliverLocal, fn, forward, hook, output, receive, routeIn, sendLocal, type Override, type Step,
} from './path';

export interface PacketPath {
  label: Text;
  steps: Step[];
}

export interface Scenario {
  name: string;
  title: Text;
  /** The host whose kernel we follow. */
  host: Text;
  summary: Text;
  /** Whether the IPVS module is loaded on that host. */
  ipvs: boolean;
  packets: PacketPath[];
}

const T = (en: string, zh: string): Text => ({ en, zh });

/** What IPVS's hooks say to a packet it has already handled (skb->ipvs_property is set). */
const ipvsProperty: Record<string, Override> = {
  ip_vs_out_hook: { note: T('skb->ipvs_property is set: IPVS already handled this packet, so it lets it pass.', 'skb->ipvs_property 已置位：IPVS 已处理过此包，直接放行。') },
  ip_vs_in_hook: { note: T('skb->ipvs_property is set: not scheduled again.', 'skb->ipvs_property 已置位：不会再次调度。') },
};

/** NAT's hooks with a packet that has no conntrack entry to work on: the nat table is not consulted. */
const natPasses = (why: Text): Record<string, Override> =>
  Object.fromEntries(['nf_nat_ipv4_pre_routing', 'nf_nat_ipv4_local_in', 'nf_nat_ipv4_local_fn', 'nf_nat_ipv4_out'].map((f) => [f, { note: why, tableSkipped: true }]));

const UNTRACKED = T('IPVS marked the packet untracked (ip_vs_notrack, net.ipv4.vs.conntrack=0 by default): with no conntrack entry, NAT returns at once and the nat table is not consulted (iptables TRACE on a real 6.1 director shows no nat chain here).',
  'IPVS 已把包标为不跟踪（ip_vs_notrack，net.ipv4.vs.conntrack 默认为 0）：没有连接跟踪表项，NAT 直接返回，不查 nat 表（真实 6.1 调度器上的 iptables TRACE 在这里看不到 nat 链）。');

/** A packet IPVS sends on, untracked: conntrack and NAT leave it alone. */
const alreadyIpvs: Record<string, Override> = {
  ...ipvsProperty,
  ...natPasses(UNTRACKED),
  ipv4_conntrack_local: { note: T('IPVS marked the packet untracked (ip_vs_notrack, the default conntrack=0), so conntrack leaves it alone.', 'IPVS 已把包标为不跟踪（ip_vs_notrack，默认 conntrack=0），连接跟踪不处理它。') },
};

const notAReply: Record<string, Override> = {
  ip_vs_out_hook: { note: T('Not a reply from a real server of any IPVS connection: ACCEPT, nothing changed.', '不是任何 IPVS 连接里真实服务器的回包：ACCEPT，不做改动。') },
};

/** The director's request path: PRE_ROUTING, LOCAL_IN where IPVS steals the packet, then out via LOCAL_OUT. */
function directorRequest(xmit: Step[], inNote: Text): Step[] {
  return [
    ...receive('eth0', { ipvs: true }),
    routeIn('local', T('The destination is the VIP, an address of this host, so the route is local delivery.', '目的地址是 VIP，是本机地址，所以路由结果是本地交付。')),
    ...deliverLocal({ ipvs: true, localIn: { ...notAReply, ip_vs_in_hook: { verdict: 'STOLEN', note: inNote } } }),
    ...xmit,
  ];
}

/**
 * The packet IPVS sends on, through LOCAL_OUT and POST_ROUTING. NAT and DR send the client's own
 * packet, untracked; TUN sends a new IP-in-IP packet, which conntrack sees as a new flow and NAT
 * consults the nat table for (as TRACE on a real 6.1 director shows).
 */
const ipvsLocalOut = (via: Step, encapsulated = false): Step[] => [
  via,
  hook('LOCAL_OUT', { ipvs: true, overrides: encapsulated ? ipvsProperty : alreadyIpvs }),
  fn('dst_output', 'LOCAL_OUT', 'dst_output follows the route IPVS chose towards the real server: ip_output.', 'dst_output 沿 IPVS 选定的、通往真实服务器的路由：ip_output。'),
  ...output('eth1', { ipvs: true, ...(encapsulated ? {} : { post: natPasses(UNTRACKED) }) }),
];

const NOT_FIRST = T('Not the first packet of its connection: NAT consults the nat table only for a connection\'s first packet and then follows the bindings made then.',
  '不是所在连接的第一个包：NAT 只为连接的第一个包查 nat 表，之后沿用当时建立的绑定。');
const INVALID_REPLY = T('conntrack never saw this connection\'s SYN (IPVS sent it untracked), and a SYN-ACK cannot start a tracked connection: no entry, so NAT returns at once.',
  '连接跟踪从没见过这个连接的 SYN（IPVS 以不跟踪方式发出），而 SYN-ACK 不能开启一个被跟踪的连接：没有表项，NAT 直接返回。');

export const SCENARIOS: Scenario[] = [
  {
    name: 'local-delivery',
    title: T('A packet for this host', '发给本机的数据包'),
    host: T('a host receiving a TCP SYN for one of its own addresses', '一台收到发往自己地址的 TCP SYN 的主机'),
    summary: T('From the network to a local process: PRE_ROUTING, the routing decision says "local", LOCAL_IN.', '从网络到本机进程：PRE_ROUTING，路由决策为“本地”，LOCAL_IN。'),
    ipvs: false,
    packets: [{
      label: T('TCP SYN to a local port', '发往本机端口的 TCP SYN'),
      steps: [
        ...receive('eth0', { ipvs: false }),
        routeIn('local', T('ip_route_input_noref finds the destination in the local table: deliver locally.', 'ip_route_input_noref 在 local 路由表中找到目的地址：本地交付。')),
        ...deliverLocal({ ipvs: false }),
      ],
    }],
  },
  {
    name: 'forward',
    title: T('A routed packet', '被转发的数据包'),
    host: T('a router (net.ipv4.ip_forward=1) between two networks', '连接两个网络的路由器（net.ipv4.ip_forward=1）'),
    summary: T('Not for this host: PRE_ROUTING, the routing decision says "forward", FORWARD, POST_ROUTING.', '不是发给本机的：PRE_ROUTING，路由决策为“转发”，FORWARD，POST_ROUTING。'),
    ipvs: false,
    packets: [{
      label: T('TCP SYN passing through', '穿过本机的 TCP SYN'),
      steps: [
        ...receive('eth0', { ipvs: false }),
        routeIn('forward', T('The destination is on another network and forwarding is on: the route is ip_forward.', '目的地址在另一个网络，且开启了转发：路由结果是 ip_forward。')),
        ...forward('eth1', { ipvs: false }),
      ],
    }],
  },
  {
    name: 'local-out',
    title: T('A packet this host sends', '本机发出的数据包'),
    host: T('a host whose process opens a TCP connection', '一台其进程发起 TCP 连接的主机'),
    summary: T('From a local process to the network: LOCAL_OUT, then POST_ROUTING.', '从本机进程到网络：LOCAL_OUT，然后 POST_ROUTING。'),
    ipvs: false,
    packets: [{ label: T('TCP SYN from a local socket', '本机套接字发出的 TCP SYN'), steps: sendLocal('A process', 'eth0', { ipvs: false }) }],
  },
  {
    name: 'loopback',
    title: T('A process talking to itself over lo', '进程经 lo 与自己通信'),
    host: T('one host, a client and a server on 127.0.0.1', '同一台主机上 127.0.0.1 的客户端与服务端'),
    summary: T('Every packet goes out and comes back in: LOCAL_OUT, POST_ROUTING, then PRE_ROUTING, LOCAL_IN — in both directions.', '每个包都是先出后进：LOCAL_OUT、POST_ROUTING，再 PRE_ROUTING、LOCAL_IN——两个方向都是。'),
    ipvs: false,
    packets: (['SYN', 'SYN-ACK'] as const).map((what) => ({
      label: what === 'SYN' ? T('the client\'s SYN to 127.0.0.1', '客户端发往 127.0.0.1 的 SYN') : T('the server\'s SYN-ACK back', '服务端回的 SYN-ACK'),
      steps: [
        ...sendLocal(what === 'SYN' ? 'The client' : 'The server', 'lo', { ipvs: false }),
        fn('loopback_xmit', 'net-in', 'The lo device\'s transmit function puts the packet straight back on this host\'s receive queue (__netif_rx).',
          'lo 设备的发送函数把包直接放回本机的接收队列（__netif_rx）。'),
        ...receive('lo', { ipvs: false }).slice(1),
        routeIn('local', T('127.0.0.1 is local: deliver.', '127.0.0.1 是本机地址：本地交付。')),
        ...deliverLocal({ ipvs: false }),
      ],
    })),
  },
  {
    name: 'lvs-nat-request',
    title: T('LVS-NAT: a request through the director', 'LVS-NAT：请求穿过调度器'),
    host: T('the director, VIP on eth0, real servers behind eth1', '调度器，VIP 在 eth0，真实服务器在 eth1 之后'),
    summary: T('IPVS is not on PRE_ROUTING: the VIP is local, so the packet reaches LOCAL_IN, where ip_vs_in_hook schedules it, rewrites the destination and sends it out through LOCAL_OUT and POST_ROUTING itself.', 'IPVS 不在 PRE_ROUTING：VIP 是本机地址，包先到 LOCAL_IN，ip_vs_in_hook 在那里调度、改写目的地址，并自己把它经 LOCAL_OUT、POST_ROUTING 发出。'),
    ipvs: true,
    packets: [{
      label: T('client → VIP:80, SYN', '客户端 → VIP:80，SYN'),
      steps: directorRequest(
        ipvsLocalOut(fn('ip_vs_nat_xmit', 'LOCAL_IN', 'ip_vs_nat_xmit rewrites the destination to the real server (DNAT), and ip_vs_nat_send_or_cont calls NF_HOOK(NF_INET_LOCAL_OUT, …, dst_output).',
          'ip_vs_nat_xmit 把目的地址改写为真实服务器（DNAT），ip_vs_nat_send_or_cont 调用 NF_HOOK(NF_INET_LOCAL_OUT, …, dst_output)。')),
        T('A new connection to a virtual service: the scheduler picks a real server, ip_vs_nat_xmit sends the packet on; the hook returns NF_STOLEN, so the socket layer never sees it.', '一个发往虚拟服务的新连接：调度器选出真实服务器，ip_vs_nat_xmit 把包发出；钩子返回 NF_STOLEN，本机套接字层永远看不到它。'),
      ),
    }],
  },
  {
    name: 'lvs-nat-reply',
    title: T('LVS-NAT: the reply through the director', 'LVS-NAT：回包穿过调度器'),
    host: T('the director, the real server\'s default gateway', '调度器，真实服务器的默认网关'),
    summary: T('The reply is addressed to the client, not to this host: it is forwarded, and ip_vs_out_hook on FORWARD rewrites its source back to the VIP.', '回包的目的地是客户端而不是本机：它被转发，FORWARD 上的 ip_vs_out_hook 把源地址改回 VIP。'),
    ipvs: true,
    packets: [{
      label: T('real server → client, SYN-ACK', '真实服务器 → 客户端，SYN-ACK'),
      steps: [
        ...receive('eth1', { ipvs: true, pre: natPasses(INVALID_REPLY) }),
        routeIn('forward', T('The destination is the client, elsewhere: forward.', '目的地是别处的客户端：转发。')),
        ...forward('eth0', {
          ipvs: true,
          post: natPasses(INVALID_REPLY),
          fwd: {
            ip_vs_forward_icmp: { note: T('Not ICMP: nothing to do.', '不是 ICMP：不处理。') },
            ip_vs_out_hook: { note: T('The packet matches an IPVS connection from the real server\'s side: handle_response rewrites the source from RIP:port to VIP:port (un-DNAT) and ACCEPTs.', '该包从真实服务器一侧匹配到 IPVS 连接：handle_response 把源地址从 RIP:port 改回 VIP:port，然后 ACCEPT。') },
          },
        }),
      ],
    }],
  },
  {
    name: 'lvs-dr-director',
    title: T('LVS-DR: the request through the director', 'LVS-DR：请求穿过调度器'),
    host: T('the director, VIP on eth0, real servers on the same L2 segment', '调度器，VIP 在 eth0，真实服务器在同一二层网段'),
    summary: T('Like NAT up to LOCAL_IN; then ip_vs_dr_xmit leaves the IP header alone and routes the packet to the real server, so only the destination MAC changes.', '直到 LOCAL_IN 都和 NAT 一样；然后 ip_vs_dr_xmit 不动 IP 头，把包路由到真实服务器，所以只有目的 MAC 改变。'),
    ipvs: true,
    packets: [{
      label: T('client → VIP:80, SYN', '客户端 → VIP:80，SYN'),
      steps: directorRequest(
        ipvsLocalOut(fn('ip_vs_dr_xmit', 'LOCAL_IN', 'ip_vs_dr_xmit routes the unchanged packet towards the real server\'s address; ip_vs_send_or_cont calls NF_HOOK(NF_INET_LOCAL_OUT, …, dst_output). The new destination MAC comes from the neighbour lookup.',
          'ip_vs_dr_xmit 把未改动的包路由到真实服务器的地址；ip_vs_send_or_cont 调用 NF_HOOK(NF_INET_LOCAL_OUT, …, dst_output)。新的目的 MAC 来自邻居表查询。')),
        T('The scheduler picks a real server; ip_vs_dr_xmit sends the packet on; the hook returns NF_STOLEN.', '调度器选出真实服务器；ip_vs_dr_xmit 把包发出；钩子返回 NF_STOLEN。'),
      ),
    }],
  },
  {
    name: 'lvs-dr-realserver',
    title: T('LVS-DR: the real server answers directly', 'LVS-DR：真实服务器直接回复'),
    host: T('a real server with the VIP on lo (arp_ignore=1, arp_announce=2), no IPVS', '一台把 VIP 配在 lo 上的真实服务器（arp_ignore=1，arp_announce=2），没有 IPVS'),
    summary: T('The VIP is a local address here too, so the request is delivered locally; the reply leaves from the VIP straight to the client through LOCAL_OUT and POST_ROUTING.', '这里 VIP 也是本机地址，所以请求被本地交付；回复以 VIP 为源地址，经 LOCAL_OUT、POST_ROUTING 直接发往客户端。'),
    ipvs: false,
    packets: [
      {
        label: T('client → VIP:80, SYN, arriving on eth0', '客户端 → VIP:80，SYN，从 eth0 进入'),
        steps: [
          ...receive('eth0', { ipvs: false }),
          routeIn('local', T('The VIP is configured on lo, so the local table has it: deliver locally.', 'VIP 配在 lo 上，local 路由表里有它：本地交付。')),
          ...deliverLocal({ ipvs: false }),
        ],
      },
      { label: T('VIP:80 → client, SYN-ACK', 'VIP:80 → 客户端，SYN-ACK'), steps: sendLocal('The web server', 'eth0', { ipvs: false, localOut: natPasses(NOT_FIRST), post: natPasses(NOT_FIRST) }) },
    ],
  },
  {
    name: 'lvs-tun-request',
    title: T('LVS-TUN: the request through the director', 'LVS-TUN：请求穿过调度器'),
    host: T('the director, real servers reachable over IP-in-IP', '调度器，真实服务器经 IP-in-IP 可达'),
    summary: T('Up to LOCAL_IN as in NAT; ip_vs_tunnel_xmit wraps the packet in a new IP header (protocol 4) to the real server and sends it with ip_local_out, through LOCAL_OUT and POST_ROUTING.', '到 LOCAL_IN 为止与 NAT 相同；ip_vs_tunnel_xmit 给包再套一个发往真实服务器的 IP 头（协议号 4），用 ip_local_out 经 LOCAL_OUT、POST_ROUTING 发出。'),
    ipvs: true,
    packets: [{
      label: T('client → VIP:80, SYN', '客户端 → VIP:80，SYN'),
      steps: directorRequest(
        [
          fn('ip_vs_tunnel_xmit', 'LOCAL_IN', 'ip_vs_tunnel_xmit pushes an outer IPv4 header (director → real server, protocol IPPROTO_IPIP) in front of the untouched packet.',
            'ip_vs_tunnel_xmit 在未改动的包前面加一个外层 IPv4 头（调度器 → 真实服务器，协议 IPPROTO_IPIP）。'),
          ...ipvsLocalOut(fn('__ip_local_out', 'LOCAL_IN', 'ip_local_out → __ip_local_out calls nf_hook(NF_INET_LOCAL_OUT, …, dst_output) for the encapsulated packet.',
            'ip_local_out → __ip_local_out 为封装后的包调用 nf_hook(NF_INET_LOCAL_OUT, …, dst_output)。'), true),
        ],
        T('The scheduler picks a real server; ip_vs_tunnel_xmit encapsulates and sends; the hook returns NF_STOLEN.', '调度器选出真实服务器；ip_vs_tunnel_xmit 封装并发出；钩子返回 NF_STOLEN。'),
      ),
    }],
  },
];

export function scenarioNamed(name: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.name === name);
}

/** The hooks the scenario's packets pass, in order, across all its packets. */
export function hooksOf(s: Scenario): HookName[] {
  return s.packets.flatMap((p) => p.steps.flatMap((st) => (st.kind === 'hook' ? [st.hook] : [])));
}
