/**
 * The TCP state of one IPVS connection entry, as ip_vs_proto_tcp.c keeps it (Linux 6.1): every packet
 * the director handles moves the entry through `tcp_states` — one table for packets from the client
 * (INPUT), one for the real server's replies (OUTPUT, seen only when they pass the director: NAT), and
 * one for connections that never show a reply (INPUT-ONLY: DR and TUN, flag IP_VS_CONN_F_NOOUTPUT,
 * dropped at the first reply seen). The flag a packet counts as is its strongest: rst, then syn,
 * then fin, then ack (tcp_state_idx). Each packet restarts the entry's timer with the timeout of the
 * state it leaves it in; when the timer runs out the entry is gone.
 *
 * As an XState machine on the simulation's virtual clock: one state per TCP state, `packet` events,
 * a delayed transition to `expired`. Re-entering a state on each packet restarts its timer, as the
 * kernel's mod_timer on each packet does.
 */
import { assign, setup } from 'xstate';

export const TCP_STATES = ['NONE', 'ESTABLISHED', 'SYN_SENT', 'SYN_RECV', 'FIN_WAIT', 'TIME_WAIT', 'CLOSE', 'CLOSE_WAIT', 'LAST_ACK', 'LISTEN', 'SYNACK'] as const;
export type TcpState = (typeof TCP_STATES)[number];
export type TcpFlag = 'syn' | 'fin' | 'ack' | 'rst';
export type Direction = 'input' | 'output';

/** tcp_timeouts (seconds); ESTABLISHED and FIN_WAIT are the two `ipvsadm --set` changes. */
export const TCP_TIMEOUTS: Record<TcpState, number> = {
  NONE: 2, ESTABLISHED: 900, SYN_SENT: 120, SYN_RECV: 60, FIN_WAIT: 120, TIME_WAIT: 120, CLOSE: 10, CLOSE_WAIT: 60, LAST_ACK: 30, LISTEN: 120, SYNACK: 120,
};

/** tcp_state_active_table: the states counted in ActiveConn. */
export const ACTIVE: ReadonlySet<TcpState> = new Set(['ESTABLISHED', 'SYN_SENT', 'SYN_RECV', 'SYNACK']);

const [, ES, SS, SR, FW, TW, CL, CW, LA, LI] = TCP_STATES;
type Row = readonly TcpState[];
/** tcp_states[]: rows syn, fin, ack, rst; columns in TCP_STATES order. */
const TABLES: Record<'input' | 'output' | 'inputOnly', Record<TcpFlag, Row>> = {
  input: {
    syn: [SR, ES, ES, SR, SR, SR, SR, SR, SR, SR, SR],
    fin: [CL, CW, SS, TW, TW, TW, CL, CW, LA, LI, TW],
    ack: [ES, ES, SS, ES, FW, TW, CL, CW, CL, LI, ES],
    rst: [CL, CL, CL, SR, CL, CL, CL, CL, LA, LI, SR],
  },
  output: {
    syn: [SS, ES, SS, SR, SS, SS, SS, SS, SS, LI, SR],
    fin: [TW, FW, SS, TW, FW, TW, CL, TW, LA, LI, TW],
    ack: [ES, ES, SS, ES, FW, TW, CL, CW, LA, ES, ES],
    rst: [CL, CL, SS, CL, CL, TW, CL, CL, CL, CL, CL],
  },
  inputOnly: {
    syn: [SR, ES, ES, SR, SR, SR, SR, SR, SR, SR, SR],
    fin: [CL, FW, SS, TW, FW, TW, CL, CW, LA, LI, TW],
    ack: [ES, ES, SS, ES, FW, TW, CL, CW, CL, LI, ES],
    rst: [CL, CL, CL, SR, CL, CL, CL, CL, LA, LI, CL],
  },
};

/** The state a packet leaves an entry in (set_tcp_state). */
export function nextState(from: TcpState, dir: Direction, flag: TcpFlag, noOutput: boolean): TcpState {
  const table = dir === 'output' ? 'output' : noOutput ? 'inputOnly' : 'input';
  return TABLES[table][flag][TCP_STATES.indexOf(from)]!;
}

/** tcp_state_idx: a segment counts as its strongest flag. */
export function flagOf(f: { syn?: boolean; fin?: boolean; rst?: boolean }): TcpFlag {
  return f.rst ? 'rst' : f.syn ? 'syn' : f.fin ? 'fin' : 'ack';
}

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
