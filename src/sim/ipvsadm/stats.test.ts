import { describe, expect, it } from 'vitest';
import { Stats } from './stats';

/** Worked by hand from estimation_timer and ip_vs_read_estimator (ip_vs_est.c, Linux 6.1). */
describe('IPVS counters and rate estimator', () => {
  it('shows counters only as of the estimator\'s last run', () => {
    const s = new Stats();
    s.live.conns = 3;
    s.live.inpkts = 9;
    expect(s.counters().conns).toBe(0);
    s.tick();
    expect(s.counters()).toMatchObject({ conns: 3, inpkts: 9 });
  });

  it('moves each rate a quarter of the way to the last two seconds\' rate', () => {
    const s = new Stats();
    s.live.conns = 8;
    s.live.inbytes = 2000;
    s.tick();
    // cps: (8 << 9) / 4 = 1024 → (1024 + 511) >> 10 = 1; inbps: (2000 << 4) / 4 = 8000 → (8000 + 15) >> 5 = 250.
    expect(s.rates()).toEqual([1, 0, 0, 250, 0]);
    s.tick();
    // No new traffic: cps 1024 + (0 - 1024) / 4 = 768 → (768 + 511) >> 10 = 1; inbps 8000 - 2000 = 6000 → (6000 + 15) >> 5 = 187.
    expect(s.rates()).toEqual([1, 0, 0, 187, 0]);
    for (let i = 0; i < 100; i++) s.tick();
    expect(s.rates()).toEqual([0, 0, 0, 0, 0]);
    expect(s.idle()).toBe(true);
  });

  it('-Z zeroes what is shown and the rates, and counts on from there', () => {
    const s = new Stats();
    s.live.conns = 5;
    s.tick();
    s.zero();
    expect(s.counters().conns).toBe(0);
    expect(s.rates()[0]).toBe(0);
    s.live.conns = 7;
    s.tick();
    expect(s.counters().conns).toBe(2);
  });
});
