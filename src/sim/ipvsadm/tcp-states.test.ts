import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../core/simulation';
import { ACTIVE, nextState, tcpConnMachine, TCP_TIMEOUTS, type TcpState } from './tcp-states';

/** Expectations below are read off ip_vs_proto_tcp.c (Linux 6.1) by hand; the kernel suite checks the same paths for real. */
describe('the IPVS TCP state table', () => {
  it('follows a NAT exchange (both directions seen) to TIME_WAIT', () => {
    let s: TcpState = 'NONE';
    const path: TcpState[] = [];
    for (const [dir, flag] of [['input', 'syn'], ['output', 'syn'], ['input', 'ack'], ['output', 'fin'], ['input', 'ack'], ['input', 'fin'], ['output', 'ack']] as const) {
      s = nextState(s, dir, flag, false);
      path.push(s);
    }
    expect(path).toEqual(['SYN_RECV', 'SYN_RECV', 'ESTABLISHED', 'FIN_WAIT', 'FIN_WAIT', 'TIME_WAIT', 'TIME_WAIT']);
  });

  it('uses the input-only table for DR: a client FIN leaves FIN_WAIT, not CLOSE_WAIT', () => {
    expect(nextState('ESTABLISHED', 'input', 'fin', true)).toBe('FIN_WAIT');
    expect(nextState('ESTABLISHED', 'input', 'fin', false)).toBe('CLOSE_WAIT');
    expect(nextState('SYNACK', 'input', 'rst', true)).toBe('CLOSE');
    expect(nextState('SYNACK', 'input', 'rst', false)).toBe('SYN_RECV');
  });

  it('calls only the handshake and ESTABLISHED states active', () => {
    expect([...ACTIVE].sort()).toEqual(['ESTABLISHED', 'SYNACK', 'SYN_RECV', 'SYN_SENT']);
  });
});

describe('the connection machine on virtual time', () => {
  const start = (noOutput = false, timeouts: Partial<Record<TcpState, number>> = {}) => {
    const sim = new Simulation(1);
    const actor = createActor(tcpConnMachine, { clock: sim.clock, input: { noOutput, timeoutOf: (s) => (timeouts[s] ?? TCP_TIMEOUTS[s]) * 1000, now: () => sim.now() } });
    actor.start();
    return { sim, actor };
  };

  it('restarts its timer on every packet, and expires when a state outlives its timeout', () => {
    const { sim, actor } = start();
    actor.send({ type: 'packet', dir: 'input', flag: 'syn' });
    actor.send({ type: 'packet', dir: 'input', flag: 'ack' });
    expect(actor.getSnapshot().value).toBe('ESTABLISHED');
    sim.runUntil(899_000);
    actor.send({ type: 'packet', dir: 'input', flag: 'ack' });
    sim.runUntil(1_700_000);
    expect(actor.getSnapshot().value).toBe('ESTABLISHED');
    expect(actor.getSnapshot().context.expiresAt).toBe(899_000 + 900_000);
    sim.runUntil(1_799_001);
    expect(actor.getSnapshot().status).toBe('done');
  });

  it('takes the timeout a state has when the packet arrives (ipvsadm --set)', () => {
    const { sim, actor } = start(false, { ESTABLISHED: 5 });
    actor.send({ type: 'packet', dir: 'input', flag: 'syn' });
    actor.send({ type: 'packet', dir: 'input', flag: 'ack' });
    sim.runUntil(4999);
    expect(actor.getSnapshot().status).toBe('active');
    sim.runUntil(5000);
    expect(actor.getSnapshot().status).toBe('done');
  });

  it('drops NOOUTPUT at the first reply it sees', () => {
    const { actor } = start(true);
    actor.send({ type: 'packet', dir: 'input', flag: 'syn' });
    expect(actor.getSnapshot().context.noOutput).toBe(true);
    actor.send({ type: 'packet', dir: 'output', flag: 'syn' });
    actor.send({ type: 'packet', dir: 'input', flag: 'ack' });
    actor.send({ type: 'packet', dir: 'input', flag: 'fin' });
    expect(actor.getSnapshot().context.noOutput).toBe(false);
    expect(actor.getSnapshot().value).toBe('CLOSE_WAIT');
  });

  it('waits 3 s in NONE for a first packet (ip_vs_conn_new)', () => {
    const { sim, actor } = start();
    sim.runUntil(2999);
    expect(actor.getSnapshot().value).toBe('NONE');
    sim.runUntil(3000);
    expect(actor.getSnapshot().status).toBe('done');
  });
});
