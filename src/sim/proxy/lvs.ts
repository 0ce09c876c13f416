/**
 * The request through LVS (VS/NAT): one TCP connection from the client to the real server, its segments
 * passing through the director's kernel. IPVS catches a request on NF_INET_LOCAL_IN (`ip_vs_in_hook`),
 * rewrites the destination and sends it on itself (`ip_vs_nat_xmit`, the hook returns NF_STOLEN); the real
 * server's reply is routed through the director and `ip_vs_out_hook` on NF_INET_FORWARD rewrites the source
 * back to the VIP. No socket, no process, no copy to user space: the director's counters stay at zero.
 * (Kernel source: net/netfilter/ipvs/ip_vs_core.c, ip_vs_xmit.c, Linux 6.6; see the Netfilter chapter.)
 */
import type { SideScript, Step } from './types';

export const LVS_ADDR = {
  client: '203.0.113.7:40001',
  vip: '192.0.2.10:80',
  rip: '10.0.0.11:8080',
} as const;

const { client, vip, rip } = LVS_ADDR;
const kernel = (node: 'client' | 'middle' | 'backend') => ({ node, layer: 'kernel' as const });
const entry = `TCP ${client} → ${vip} → ${rip}`;

export function lvsScript(): SideScript {
  const connect: Step[] = [
    {
      actor: 'director', kind: 'ipvs.schedule', place: kernel('middle'), what: 'SYN',
      packet: { src: client, dst: rip, changed: ['dst'] },
      conn: { id: 'c1', ends: ['client', 'backend'], state: 'opening', handshake: true, counted: true },
      ipvsEntry: `${entry} SYN_RECV`,
      text: {
        en: `The client's SYN to the VIP ${vip} reaches the director's kernel. On NF_INET_LOCAL_IN, ip_vs_in_hook schedules the new connection to RS1, records it in the IPVS connection table and rewrites the destination to ${rip}. No socket, no process.`,
        zh: `客户端发往 VIP ${vip} 的 SYN 到达调度器内核。在 NF_INET_LOCAL_IN 上，ip_vs_in_hook 把这个新连接调度给 RS1，记入 IPVS 连接表，并把目的地址改写为 ${rip}。没有套接字，也没有进程参与。`,
      },
    },
    {
      actor: 'director', kind: 'packet.forward', place: kernel('backend'), what: 'SYN',
      packet: { src: client, dst: rip, changed: [] },
      text: {
        en: 'ip_vs_nat_xmit sends the SYN on to RS1 and the hook returns NF_STOLEN: the director\'s TCP stack never sees it. RS1 sees the client\'s own address as the source.',
        zh: 'ip_vs_nat_xmit 把 SYN 发往 RS1，钩子返回 NF_STOLEN：调度器自己的 TCP 协议栈根本看不到它。RS1 看到的源地址就是客户端自己的地址。',
      },
    },
    {
      actor: 'rs1', kind: 'packet.reply', place: kernel('middle'), what: 'SYN-ACK',
      packet: { src: vip, dst: client, changed: ['src'] },
      text: {
        en: `RS1's kernel answers with a SYN-ACK to the client; its default route is the director. There ip_vs_out_hook on NF_INET_FORWARD finds the connection and rewrites the source back to the VIP ${vip}.`,
        zh: `RS1 的内核向客户端回 SYN-ACK，它的默认路由指向调度器。调度器在 NF_INET_FORWARD 上由 ip_vs_out_hook 找到连接，把源地址改回 VIP ${vip}。`,
      },
    },
    {
      actor: 'client', kind: 'packet.deliver', place: kernel('client'), what: 'SYN-ACK',
      packet: { src: vip, dst: client, changed: [] },
      text: {
        en: 'The SYN-ACK reaches the client, apparently from the VIP. The client answers with the ACK that completes the handshake — with RS1, through the director.',
        zh: 'SYN-ACK 到达客户端，看起来来自 VIP。客户端回 ACK 完成握手——握手的另一端是 RS1，中间隔着调度器。',
      },
    },
    {
      actor: 'director', kind: 'ipvs.forward', place: kernel('middle'), what: 'ACK',
      packet: { src: client, dst: rip, changed: ['dst'] },
      text: {
        en: 'The ACK reaches the director. IPVS finds the existing entry (no scheduling this time) and rewrites the destination again.',
        zh: 'ACK 到达调度器。IPVS 找到已有的表项（这次不再调度），再次改写目的地址。',
      },
    },
    {
      actor: 'rs1', kind: 'packet.deliver', place: kernel('backend'), what: 'ACK',
      packet: { src: client, dst: rip, changed: [] },
      conn: { id: 'c1', state: 'established' },
      ipvsEntry: `${entry} ESTABLISHED`,
      text: {
        en: 'The ACK reaches RS1: one TCP connection now exists, from the client to RS1. The director only holds an entry in its IPVS table.',
        zh: 'ACK 到达 RS1：现在存在一条 TCP 连接，从客户端直达 RS1。调度器只在 IPVS 表里保存了一个表项。',
      },
    },
  ];
  const request: Step[] = [
    {
      actor: 'director', kind: 'ipvs.forward', place: kernel('middle'), what: 'GET /',
      packet: { src: client, dst: rip, changed: ['dst'] },
      text: {
        en: 'The client sends GET / (79 bytes). At the director IPVS rewrites only the destination address and port in the IP and TCP headers and fixes the checksums; the 79 bytes of HTTP are never read.',
        zh: '客户端发出 GET /（79 字节）。调度器上的 IPVS 只改写 IP 和 TCP 头里的目的地址和端口并修正校验和；这 79 字节的 HTTP 内容它从来不读。',
      },
    },
    {
      actor: 'rs1', kind: 'packet.deliver', place: kernel('backend'), what: 'GET /',
      packet: { src: client, dst: rip, changed: [] },
      text: {
        en: 'The request reaches RS1\'s kernel and waits in the connection\'s receive buffer.',
        zh: '请求到达 RS1 的内核，放在这条连接的接收缓冲区里。',
      },
    },
    {
      actor: 'rs1', kind: 'app.read', place: { node: 'backend', layer: 'user' }, what: 'GET /', packet: null,
      text: {
        en: 'RS1\'s web server reads the request and prepares the answer (the same work as nginx\'s upstream does on the other side).',
        zh: 'RS1 上的 Web 服务器读取请求并准备响应（和另一边 nginx 的上游服务器做的事完全一样）。',
      },
    },
  ];
  const response: Step[] = [
    {
      actor: 'director', kind: 'ipvs.reply', place: kernel('middle'), what: '200 OK',
      packet: { src: vip, dst: client, changed: ['src'] },
      text: {
        en: 'RS1 sends 200 OK (153 bytes). At the director ip_vs_out_hook (NF_INET_FORWARD) rewrites the source back to the VIP. Still no copy and no process.',
        zh: 'RS1 发出 200 OK（153 字节）。在调度器上，ip_vs_out_hook（NF_INET_FORWARD）把源地址改回 VIP。仍然没有拷贝，没有进程参与。',
      },
    },
    {
      actor: 'client', kind: 'packet.deliver', place: kernel('client'), what: '200 OK',
      packet: { src: vip, dst: client, changed: [] },
      text: {
        en: 'The response reaches the client. The director made no system call and copied nothing: 0 context switches, 0 copies, 1 connection end to end.',
        zh: '响应到达客户端。调度器没有发起任何系统调用，也没有拷贝任何数据：0 次上下文切换，0 次拷贝，端到端只有 1 条连接。',
      },
    },
  ];
  return {
    side: 'lvs',
    phases: [connect, request, response],
    idle: [
      { en: 'Director: nothing to do — the handshake is done.', zh: '调度器：无事可做——握手已经完成。' },
      { en: 'Director: idle — RS1 already has the request; IPVS is done with it.', zh: '调度器：空闲——请求已经在 RS1 手里，IPVS 对它的处理早已结束。' },
      { en: 'Director: done — the response has reached the client.', zh: '调度器：完成——响应已经送到客户端。' },
    ],
  };
}
