/**
 * The player's own state, apart from any DOM: which frame is shown, whether it plays, how fast.
 * Pure functions, so the rules (clamping, speeds, what "reset" means) are unit-tested.
 */
export const SPEEDS = [0.25, 0.5, 1, 2, 4, 8] as const;
export type Speed = (typeof SPEEDS)[number];

export interface PlayerState {
  index: number;
  count: number;
  playing: boolean;
  speed: Speed;
}

export function initialState(count: number, index = 0, speed: Speed = 1): PlayerState {
  return { count, index: clamp(index, count), playing: false, speed };
}

export function clamp(index: number, count: number): number {
  if (!Number.isFinite(index)) return 0;
  return Math.min(Math.max(0, Math.trunc(index)), Math.max(0, count - 1));
}

export function seek(s: PlayerState, index: number): PlayerState {
  return { ...s, index: clamp(index, s.count) };
}

export function stepBy(s: PlayerState, delta: number): PlayerState {
  return { ...seek(s, s.index + delta), playing: false };
}

export function reset(s: PlayerState): PlayerState {
  return { ...s, index: 0, playing: false };
}

export function atEnd(s: PlayerState): boolean {
  return s.index >= s.count - 1;
}

/** Play from the start again when play is pressed at the end, as media players do. */
export function togglePlay(s: PlayerState): PlayerState {
  if (s.playing) return { ...s, playing: false };
  return { ...s, playing: true, index: atEnd(s) ? 0 : s.index };
}

/** One tick of playback: advance, and stop at the last frame. */
export function tick(s: PlayerState): PlayerState {
  if (!s.playing) return s;
  const next = seek(s, s.index + 1);
  return atEnd(next) ? { ...next, playing: false } : next;
}

export function nearestSpeed(value: number): Speed {
  let best: Speed = 1;
  for (const sp of SPEEDS) if (Math.abs(sp - value) < Math.abs(best - value)) best = sp;
  return best;
}

/** Wall-clock milliseconds between frames while playing. */
export function frameDelay(speed: Speed, base = 1200): number {
  return base / speed;
}
