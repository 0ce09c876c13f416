/** The misconfigurations a reader can switch on, each with the mode it belongs to and what it does. */
import type { Text } from '../core';
import type { BreakName, Mode } from './types';

export interface BreakSpec {
  name: BreakName;
  modes: readonly Mode[];
  /** One sentence: what is wrong and what the reader will see. */
  text: Text;
}

export const BREAKS: readonly BreakSpec[] = [
  {
    name: 'arp', modes: ['dr'],
    text: {
      en: 'DR without arp_ignore=1 / arp_announce=2 on the real servers: RS1 announces the VIP with its own MAC and the router sends the rest of the connection straight to it, bypassing the director.',
      zh: 'DR 模式下真实服务器未设置 arp_ignore=1 / arp_announce=2：RS1 用自己的 MAC 宣告了 VIP，路由器把连接后续的包直接发给它，绕过了调度器。',
    },
  },
  {
    name: 'rs-gateway', modes: ['nat'],
    text: {
      en: "NAT with the real server's default route not via the director: the reply goes straight to the client from the private address, and the client rejects it.",
      zh: 'NAT 模式下真实服务器的默认路由没有指向调度器：回包从私有地址直接发往客户端，被客户端拒绝。',
    },
  },
  {
    name: 'l2', modes: ['dr'],
    text: {
      en: 'DR with the real servers on another L2 segment: the director routes the frame to the real server\'s address, which is only reachable through its gateway, so the frame (still addressed to the VIP) goes to the router, which hands it straight back to the director: a loop until the TTL runs out (what a real Linux 6.1 director does).',
      zh: 'DR 模式下真实服务器位于另一个二层网段：调度器按真实服务器的地址路由，而该地址只能经网关到达，于是这个帧（目的仍是 VIP）被发给路由器，路由器又把它送回调度器：来回兜圈，直到 TTL 耗尽（真实的 Linux 6.1 调度器就是这样）。',
    },
  },
  {
    name: 'tunl0', modes: ['tun'],
    text: {
      en: 'TUN without the VIP on tunl0: the real server decapsulates the packet but the VIP is not one of its addresses, so it drops it.',
      zh: 'TUN 模式下 tunl0 上没有配置 VIP：真实服务器解开了封装，但 VIP 不是它的地址，于是丢弃。',
    },
  },
  {
    name: 'rp-filter', modes: ['tun'],
    text: {
      en: "TUN with rp_filter=1 (strict) on the real server: the decapsulated packet arrives on tunl0, but the route back to the client leaves by eth0, so reverse-path filtering drops it.",
      zh: 'TUN 模式下真实服务器开启了 rp_filter=1（严格模式）：解封装后的包从 tunl0 进入，而回客户端的路由走 eth0，反向路径过滤把它丢弃。',
    },
  },
  {
    name: 'mtu', modes: ['tun'],
    text: {
      en: "TUN with a full-size packet: 1500 bytes plus the 20-byte outer header exceed the 1500-byte MTU; with DF set the director drops it and sends ICMP 'fragmentation needed'.",
      zh: 'TUN 模式下发送满长度的包：1500 字节加上 20 字节外层头超过了 1500 字节的 MTU；由于设置了 DF，调度器丢弃它并回送 ICMP“需要分片”。',
    },
  },
  {
    name: 'port-pool', modes: ['fullnat'],
    text: {
      en: "FULLNAT with the local-address pool exhausted: every local address's ports toward the chosen real server are in use, so the director cannot rewrite the source and drops the SYN.",
      zh: 'FULLNAT 模式下本地地址池耗尽：所有本地地址通往所选真实服务器的端口都已占用，调度器无法改写源地址，丢弃 SYN。',
    },
  },
];

export function breakNamed(name: string): BreakSpec | undefined {
  return BREAKS.find((b) => b.name === name);
}

export function breaksFor(mode: Mode): BreakSpec[] {
  return BREAKS.filter((b) => b.modes.includes(mode));
}
