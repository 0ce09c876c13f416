/**
 * The landing page's first taste: one HTTP request through a VS/NAT director and back,
 * as a run on the simulation core. Each hop is a logged event carrying the packet's
 * addresses as they are on that wire; the director's DNAT and un-DNAT are the only rewrites.
 */
import { Simulation, record, type Timeline } from '../core';

export type DemoNode = 'client' | 'router' | 'director' | 'rs1';

export interface DemoPacket {
  from: DemoNode;
  to: DemoNode;
  direction: 'request' | 'reply';
  src: string;
  dst: string;
  /** Names of the fields rewritten at the hop this packet just left. */
  changed: Array<'src' | 'dst'>;
}

export interface DemoState {
  packet?: DemoPacket;
  /** The director's IPVS connection entry, once the request has been scheduled. */
  conn?: { client: string; vip: string; rip: string };
}

export const DEMO_ADDR = {
  client: '203.0.113.7:40001',
  vip: '192.0.2.10:80',
  rip: '10.0.0.11:8080',
} as const;

const HOP_MS = 1;

export function requestJourney(seed = 1): Timeline<DemoState> {
  const sim = new Simulation(seed);
  const state: DemoState = {};
  const { client, vip, rip } = DEMO_ADDR;

  const hop = (p: DemoPacket, en: string, zh: string) =>
    sim.emit(p.from, 'packet.hop', p, { en, zh });

  const steps: Array<() => void> = [
    () => {
      state.packet = { from: 'client', to: 'router', direction: 'request', src: client, dst: vip, changed: [] };
      hop(state.packet, `The client sends a SYN from ${client} to the virtual service ${vip}.`,
        `客户端从 ${client} 向虚拟服务 ${vip} 发出 SYN。`);
    },
    () => {
      state.packet = { ...state.packet!, from: 'router', to: 'director', changed: [] };
      hop(state.packet, 'The router forwards it to the director, which owns the VIP.',
        '路由器把它转发给拥有 VIP 的调度器（director）。');
    },
    () => {
      state.conn = { client, vip, rip };
      state.packet = { from: 'director', to: 'rs1', direction: 'request', src: client, dst: rip, changed: ['dst'] };
      hop(state.packet, `IPVS schedules the new connection to RS1 and rewrites the destination to ${rip} (DNAT). The source stays the client's.`,
        `IPVS 把新连接调度给 RS1，并把目的地址改写为 ${rip}（DNAT），源地址仍是客户端的。`);
    },
    () => {
      state.packet = { from: 'rs1', to: 'director', direction: 'reply', src: rip, dst: client, changed: [] };
      hop(state.packet, 'RS1 answers the client. Its default route points at the director, so the reply goes back through it.',
        'RS1 回复客户端。它的默认路由指向调度器，所以回包必须经过调度器。');
    },
    () => {
      state.packet = { from: 'director', to: 'router', direction: 'reply', src: vip, dst: client, changed: ['src'] };
      hop(state.packet, `The director finds the connection entry and rewrites the source back to the VIP ${vip}.`,
        `调度器查到连接表项，把源地址改回 VIP ${vip}。`);
    },
    () => {
      state.packet = { ...state.packet!, from: 'router', to: 'client', changed: [] };
      hop(state.packet, 'The client receives a reply from the address it asked for: it never saw RS1.',
        '客户端收到的回包来自它请求的地址：它从未看到 RS1。');
    },
  ];
  steps.forEach((run, i) => sim.at(i * HOP_MS, run));

  return record(sim, () => structuredClone(state));
}
