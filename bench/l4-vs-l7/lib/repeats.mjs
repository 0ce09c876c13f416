/**
 * Repeats of one measurement folded into what the chapter shows: the median of every figure, the
 * spread (lowest to highest) of the compared ones, and which differences between modes are larger
 * than that spread. Pure functions, so the unit tests can check them.
 */
import { round } from './parse.mjs';


export const median = (xs) => {
  const v = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
};

/** The element-wise median of objects of one shape (numbers are medians; anything else is the first run's). */
export function medianOf(objs) {
  const first = objs[0];
  if (typeof first === 'number' || first === null) {
    const nums = objs.filter((v) => typeof v === 'number');
    return nums.length ? round(median(nums), 3) : null;
  }
  if (first && typeof first === 'object' && !Array.isArray(first)) {
    return Object.fromEntries(Object.keys(first).map((k) => [k, medianOf(objs.map((o) => o?.[k]))]));
  }
  return first;
}

/** Median, lowest and highest of the figures the chapter compares, over the repeats of one pass. */
export function spreadOf(passes) {
  const stat = (pick) => {
    const v = passes.map(pick).filter((n) => typeof n === 'number');
    return v.length ? { median: round(median(v), 3), min: Math.min(...v), max: Math.max(...v), values: v } : null;
  };
  return {
    rps: stat((p) => p.rps),
    p99: stat((p) => p.latencyMs?.p99),
    cpuMachine: stat((p) => p.cpuUsPerReq?.machine),
    cpuMiddle: stat((p) => p.cpuUsPerReq?.middle),
  };
}

/** One mode's repeats folded into medians, with the spread and every run kept. */
export function summarize(runs) {
  const first = runs[0];
  return {
    id: first.id,
    label: first.label,
    ...(first.method ? { method: first.method } : {}),
    ...(first.service ? { service: first.service } : {}),
    repeats: runs.length,
    attempts: Math.max(...runs.map((r) => r.attempts ?? 1)),
    keepalive: medianOf(runs.map((r) => r.keepalive)),
    close: medianOf(runs.map((r) => r.close)),
    spread: { keepalive: spreadOf(runs.map((r) => r.keepalive)), close: spreadOf(runs.map((r) => r.close)) },
    ...(first.longLived ? { longLived: first.longLived } : {}),
    runs: runs.map((r) => ({ keepalive: r.keepalive, close: r.close })),
  };
}

/**
 * Which differences in requests per second are larger than the noise: for each pass, every pair of
 * modes whose ranges over the repeats (lowest to highest) do not overlap. Overlapping ranges are
 * reported as within the noise; with fewer than three runs of either mode nothing is judged (null).
 */
export function compareModes(entries) {
  const out = [];
  for (const pass of ['keepalive', 'close']) {
    for (let i = 0; i < entries.length; i++) {
      for (let j = i + 1; j < entries.length; j++) {
        const a = entries[i].spread?.[pass]?.rps;
        const b = entries[j].spread?.[pass]?.rps;
        if (!a || !b) continue;
        const [hi, lo] = a.median >= b.median ? [entries[i], entries[j]] : [entries[j], entries[i]];
        const h = hi.spread[pass].rps;
        const l = lo.spread[pass].rps;
        const judged = h.values.length >= 3 && l.values.length >= 3;
        out.push({ pass, faster: hi.id, slower: lo.id, ratio: round(h.median / l.median, 2), beyondNoise: judged ? h.min > l.max : null });
      }
    }
  }
  return out;
}
