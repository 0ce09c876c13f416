/** The kernel suite's comparison lets through wall-clock and hash-order differences, and nothing else. */
import { describe, expect, it } from 'vitest';
import { reconcile } from '../../src/sim/ipvsadm/reconcile';

const lnc = (...rows: string[]) => `$ ipvsadm -Lnc\nIPVS connection entries\npro expire state       source             virtual            destination\n${rows.map((r) => `${r}\n`).join('')}[exit 0]\n`;
const row = (expire: string, state: string, client: string, rs = '192.168.10.2:80') => `TCP ${expire}  ${state.padEnd(11)} ${client.padEnd(18)} ${'10.0.0.100:80'.padEnd(18)} ${rs}`;
const same = (sim: string, real: string, secs = 5) => {
  const r = reconcile(sim, real, secs);
  return r.sim === r.real;
};

describe('reconcile', () => {
  it('sorts entries (hash order) and lets a countdown run behind by the script\'s real duration', () => {
    const sim = lnc(row('01:59', 'TIME_WAIT', '203.0.113.1:41001'), row('14:59', 'ESTABLISHED', '203.0.113.2:40000'));
    expect(same(sim, lnc(row('14:55', 'ESTABLISHED', '203.0.113.2:40000'), row('01:57', 'TIME_WAIT', '203.0.113.1:41001')))).toBe(true);
    expect(same(sim, lnc(row('14:50', 'ESTABLISHED', '203.0.113.2:40000'), row('01:57', 'TIME_WAIT', '203.0.113.1:41001')))).toBe(false);
    expect(same(sim, lnc(row('15:01', 'ESTABLISHED', '203.0.113.2:40000'), row('01:59', 'TIME_WAIT', '203.0.113.1:41001')))).toBe(false);
  });

  it('does not let a state, a server, a client or an entry differ', () => {
    const sim = lnc(row('01:59', 'TIME_WAIT', '203.0.113.1:41001'));
    expect(same(sim, lnc(row('01:59', 'FIN_WAIT', '203.0.113.1:41001')))).toBe(false);
    expect(same(sim, lnc(row('01:59', 'TIME_WAIT', '203.0.113.1:41001', '192.168.10.3:80')))).toBe(false);
    expect(same(sim, lnc(row('01:59', 'TIME_WAIT', '203.0.113.1:41002')))).toBe(false);
    expect(same(sim, lnc())).toBe(false);
  });

  it('compares --stats all but exactly and --rate by layout only', () => {
    const stats = (cmd: string, pk: number, by: number) => `$ ipvsadm -Ln ${cmd}\nTCP  10.0.0.100:80                      10 ${String(pk).padStart(8)}       26 ${String(by).padStart(8)}     1616\n[exit 0]\n`;
    // A segment more or fewer (and an option's bytes), within bounds; bytes must move with the segments.
    expect(same(stats('--stats', 40, 2294), stats('--stats', 41, 2370))).toBe(true);
    expect(same(stats('--stats', 41, 2370), stats('--stats', 40, 2294))).toBe(true);
    expect(same(stats('--stats', 40, 2294), stats('--stats', 40, 2306))).toBe(true);
    expect(same(stats('--stats', 40, 2294), stats('--stats', 41, 2294))).toBe(false);
    // At most one segment for every two connections on the line (10 here: 5).
    expect(same(stats('--stats', 40, 2294), stats('--stats', 45, 2554))).toBe(true);
    expect(same(stats('--stats', 40, 2294), stats('--stats', 46, 2606))).toBe(false);
    expect(same(stats('--stats', 40, 2294), stats('--stats', 40, 2250))).toBe(false);
    expect(same(stats('--rate', 41, 2294), stats('--rate', 2, 7))).toBe(true);
  });

  it('leaves curl\'s milliseconds and the memory-sized sync_qlen_max aside', () => {
    const c = (ms: number, q: number) => `$ curl x\ncurl: (7) Failed to connect to 10.0.0.100 port 80 after ${ms} ms: Couldn't connect to server\n[exit 7]\nnet.ipv4.vs.sync_qlen_max = ${q}\n`;
    expect(same(c(0, 5750), c(3, 31457))).toBe(true);
  });
});
