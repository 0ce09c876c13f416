import { describe, expect, it } from 'vitest';
import { labRun } from './traffic';

const last = (tl: ReturnType<typeof labRun>) => tl.frame(tl.frames.length - 1).state;

describe('the scheduler lab run', () => {
  it('is the same run for the same settings, and steps back to earlier counts', () => {
    const cfg = { scheduler: 'wlc', weights: [1, 3, 2, 1], pattern: 'steady' as const, connections: 2000 };
    const a = labRun(cfg);
    expect(labRun(cfg).frames.map((f) => f.state.connections)).toEqual(a.frames.map((f) => f.state.connections));
    expect(a.frame(10).state.connections).toBeLessThan(a.frame(20).state.connections);
  });

  it('wrr hands out connections in proportion to the weights', () => {
    const s = last(labRun({ scheduler: 'wrr', weights: [1, 3, 2, 1], pattern: 'steady', connections: 7000 }));
    expect(s.servers.map((x) => x.total)).toEqual([1000, 3000, 2000, 1000]);
  });

  it('a failing server gets no new connections after it is taken out', () => {
    const s = last(labRun({ scheduler: 'rr', weights: [1, 1, 1, 1], pattern: 'failing-server', connections: 4000 }));
    expect(s.servers[0]!.total).toBe(500); // one in four of the first half, none after
  });

  it('persistence keeps clients on their server: a few heavy clients pile onto few servers', () => {
    const plain = last(labRun({ scheduler: 'rr', weights: [1, 1, 1, 1], pattern: 'heavy-clients', connections: 2000 }));
    const sticky = last(labRun({ scheduler: 'rr', weights: [1, 1, 1, 1], pattern: 'heavy-clients', connections: 2000, persistence: 300 }));
    expect(plain.servers.map((x) => x.total)).toEqual([500, 500, 500, 500]);
    expect(sticky.templates).toBeGreaterThan(0);
    expect(Math.max(...sticky.servers.map((x) => x.total))).toBeGreaterThan(500);
  });

  it('with every weight 0, connections go to the sorry server when there is one', () => {
    const none = last(labRun({ scheduler: 'wlc', weights: [0, 0], pattern: 'steady', connections: 100 }));
    expect([none.refused, none.sorry]).toEqual([100, 0]);
    const sorry = last(labRun({ scheduler: 'wlc', weights: [0, 0], pattern: 'steady', connections: 100, sorry: true }));
    expect([sorry.refused, sorry.sorry]).toEqual([0, 100]);
  });
});

describe('every scheduler runs in the lab', () => {
  it('with every traffic pattern, never throwing', () => {
    for (const scheduler of ['rr', 'wrr', 'lc', 'wlc', 'sed', 'nq', 'sh', 'dh', 'lblc', 'lblcr', 'mh', 'fo', 'ovf', 'twos']) {
      for (const pattern of ['steady', 'bursty', 'long-lived', 'heavy-clients', 'slow-server', 'failing-server'] as const) {
        const s = last(labRun({ scheduler, weights: [1, 3, 2, 1], pattern, connections: 300, persistence: 60 }));
        expect(s.connections + s.refused).toBe(300);
      }
    }
  });
});
