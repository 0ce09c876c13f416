import type { SimEvent } from './log';
import type { Simulation } from './simulation';

/**
 * A recorded run: one frame per logged event, each holding the state of the world
 * right after that event. Frames are immutable, so stepping back is just reading an
 * earlier frame, and a frame index (or a time) is a shareable moment.
 */
export interface Frame<S> {
  /** Index of the frame, from 0. Frame 0 is the initial state, before any event. */
  index: number;
  t: number;
  /** The event that produced this frame (undefined for frame 0). */
  event?: SimEvent;
  state: S;
}

export interface Timeline<S> {
  readonly frames: readonly Frame<S>[];
  readonly events: readonly SimEvent[];
  /** The last frame at or before time t (ms). */
  frameAtTime(t: number): Frame<S>;
  /** Clamped access: out-of-range indexes give the first or last frame. */
  frame(index: number): Frame<S>;
  readonly duration: number;
}

/**
 * Runs `sim` to `until` (or to the end), taking a snapshot after each emitted event.
 * `snapshot` must return a fresh, serialisable value; the recorder freezes nothing,
 * so snapshot functions should copy what they read.
 */
export function record<S>(
  sim: Simulation,
  snapshot: () => S,
  opts: { until?: number; maxEvents?: number } = {},
): Timeline<S> {
  const maxEvents = opts.maxEvents ?? 100_000;
  const frames: Frame<S>[] = [{ index: 0, t: sim.now(), state: snapshot() }];
  const off = sim.onEmit((event) => {
    if (frames.length > maxEvents) throw new Error(`run exceeded ${maxEvents} events`);
    frames.push({ index: frames.length, t: event.t, event, state: snapshot() });
  });
  try {
    if (opts.until === undefined) sim.runAll();
    else sim.runUntil(opts.until);
  } finally {
    off();
  }
  return timelineOf(frames);
}

export function timelineOf<S>(frames: Frame<S>[]): Timeline<S> {
  if (frames.length === 0) throw new Error('a timeline needs at least one frame');
  const events = frames.flatMap((f) => (f.event ? [f.event] : []));
  return {
    frames,
    events,
    duration: frames[frames.length - 1]!.t,
    frame(index) {
      const i = Math.min(frames.length - 1, Math.max(0, Math.trunc(Number.isFinite(index) ? index : 0)));
      return frames[i]!;
    },
    frameAtTime(t) {
      let lo = 0;
      let hi = frames.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (frames[mid]!.t <= t) lo = mid;
        else hi = mid - 1;
      }
      return frames[lo]!;
    },
  };
}
