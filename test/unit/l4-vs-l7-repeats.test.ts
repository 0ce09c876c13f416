/**
 * The L4-vs-L7 benchmark's repeats: medians, spreads and the verdict on which differences are larger
 * than the noise (bench/l4-vs-l7/lib/repeats.mjs).
 */
import { describe, expect, it } from 'vitest';
import { compareModes, median, medianOf, summarize } from '../../bench/l4-vs-l7/lib/repeats.mjs';

const pass = (rps: number, p99 = 1) => ({ rps, latencyMs: { p50: 0.5, p99 }, cpuUsPerReq: { machine: 100, middle: null }, errors: { total: 0 } });
const run = (id: string, ka: number, cl: number) => ({ id, label: { en: id, zh: id }, keepalive: pass(ka), close: pass(cl) });

describe('repeats of the L4-vs-L7 benchmark', () => {
  it('medians: odd and even counts, element by element, nulls kept as null', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(medianOf([{ a: 1, b: { c: 5 }, s: 'x', n: null }, { a: 3, b: { c: 1 }, s: 'y', n: null }, { a: 2, b: { c: 3 }, s: 'z', n: null }]))
      .toEqual({ a: 2, b: { c: 3 }, s: 'x', n: null });
  });

  it('a mode folds into medians with its spread and every run', () => {
    const m = summarize([run('ipvs', 100, 50), run('ipvs', 120, 40), run('ipvs', 110, 45)]);
    expect(m.repeats).toBe(3);
    expect(m.keepalive.rps).toBe(110);
    expect(m.spread.keepalive.rps).toEqual({ median: 110, min: 100, max: 120, values: [100, 120, 110] });
    expect(m.spread.close.rps).toMatchObject({ min: 40, max: 50 });
    expect(m.spread.keepalive.cpuMiddle).toBeNull();
    expect(m.runs).toHaveLength(3);
  });

  it('a difference counts only when the ranges do not overlap, and is not judged on fewer than three runs', () => {
    const fast = summarize([run('a', 200, 10), run('a', 210, 30), run('a', 205, 20)]);
    const slow = summarize([run('b', 100, 15), run('b', 110, 25), run('b', 105, 18)]);
    const verdicts = compareModes([fast, slow]);
    expect(verdicts).toContainEqual({ pass: 'keepalive', faster: 'a', slower: 'b', ratio: 1.95, beyondNoise: true });
    expect(verdicts.find((v: { pass: string }) => v.pass === 'close')).toMatchObject({ faster: 'a', slower: 'b', beyondNoise: false });
    const two = compareModes([summarize([run('a', 200, 1), run('a', 210, 1)]), summarize([run('b', 100, 1), run('b', 110, 1)])]);
    expect(two.every((v: { beyondNoise: boolean | null }) => v.beyondNoise === null)).toBe(true);
  });
});
