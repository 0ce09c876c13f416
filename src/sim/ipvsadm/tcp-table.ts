/**
 * IPVS's TCP state table (ip_vs_proto_tcp.c, Linux 6.1): the states, their timeouts, which count as
 * active, and the state each packet leaves an entry in — one table for packets from the client (INPUT),
 * one for the real server's replies (OUTPUT), one for connections that never show a reply (INPUT-ONLY:
 * DR and TUN). Plain data, apart from the machine that runs it (tcp-states.ts), so that views and the
 * scheduler lab can read it without loading XState.
 */
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
