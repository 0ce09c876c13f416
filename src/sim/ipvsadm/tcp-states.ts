/**
 * The TCP state of one IPVS connection entry (Linux 6.1) as an XState machine on the simulation's
 * virtual clock: one state per TCP state, `packet` events moving the entry as the state table says
 * (tcp-table.ts), a delayed transition to `expired`. Every packet re-enters a state, which restarts its
 * timer with the timeout of the state it leaves the entry in, as the kernel's mod_timer on each packet
 * does. A packet counts as its strongest flag (rst, then syn, fin, ack: tcp_state_idx); the exchanges
 * of traffic.ts name that flag for each segment.
 */
import { assign, setup } from 'xstate';
import { nextState, TCP_STATES, type Direction, type TcpFlag, type TcpState } from './tcp-table';

export { TCP_STATES, TCP_TIMEOUTS, ACTIVE, nextState, type TcpState, type TcpFlag, type Direction } from './tcp-table';

export interface TcpConnInput {
  /** DR and TUN: no reply passes the director (IP_VS_CONN_F_NOOUTPUT). */
  noOutput: boolean;
  /** The timeout of a state now, in ms (the netns' table, which `ipvsadm --set` changes). */
  timeoutOf: (s: TcpState) => number;
  now: () => number;
  /** A new entry waits in NONE for its first packet; ip_vs_conn_new arms it for 3 s meanwhile. */
  initialMs?: number;
}

export interface TcpConnContext extends TcpConnInput {
  timeout: number;
  /** Virtual ms at which the timer runs out. */
  expiresAt: number;
}

export type TcpConnEvent = { type: 'packet'; dir: Direction; flag: TcpFlag } | { type: 'expireNow' };

const stateNodes = Object.fromEntries(TCP_STATES.map((s) => [s, {
  after: { stateTimeout: { target: 'expired' } },
  on: {
    packet: TCP_STATES.map((to) => ({
      target: to,
      reenter: true,
      guard: { type: 'leadsTo' as const, params: { from: s, to } },
      actions: [{ type: 'replyClearsNoOutput' as const }, { type: 'armTimer' as const, params: { state: to } }],
    })),
    expireNow: { target: 'expired' },
  },
}]));

export const tcpConnMachine = setup({
  types: { input: {} as TcpConnInput, context: {} as TcpConnContext, events: {} as TcpConnEvent },
  guards: {
    leadsTo: ({ context, event }, p: { from: TcpState; to: TcpState }) =>
      event.type === 'packet' && nextState(p.from, event.dir, event.flag, context.noOutput) === p.to,
  },
  actions: {
    replyClearsNoOutput: assign({ noOutput: ({ context, event }) => context.noOutput && !(event.type === 'packet' && event.dir === 'output') }),
    armTimer: assign(({ context }, p: { state: TcpState }) => {
      const timeout = context.timeoutOf(p.state);
      return { timeout, expiresAt: context.now() + timeout };
    }),
  },
  delays: { stateTimeout: ({ context }) => context.timeout },
}).createMachine({
  id: 'ipvs-tcp-conn',
  context: ({ input }) => ({ ...input, timeout: input.initialMs ?? 3000, expiresAt: input.now() + (input.initialMs ?? 3000) }),
  initial: 'NONE',
  states: { ...stateNodes, expired: { type: 'final' } },
});
