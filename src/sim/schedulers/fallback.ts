/**
 * The lookup sh and mh share (ip_vs_sh_get[_fallback], ip_vs_mh_get[_fallback]): the slot the
 * client hashes to; with the fallback flag, when that server is unavailable (weight 0 or
 * overloaded), the slots the client hashes to with offsets ihash, ihash + 1, … in turn.
 */
import type { Dest } from './dest';

export const unavailable = (d: Dest) => d.weight <= 0 || d.overloaded;

export function hashedPick(size: number, ihash: number, fallback: boolean, slotAt: (offset: number) => Dest | null): Dest | null {
  const first = slotAt(-1);
  if (!first) return null;
  if (!unavailable(first)) return first;
  if (!fallback) return null;
  for (let offset = 0; offset < size; offset++) {
    const d = slotAt((offset + ihash) % size);
    if (!d) break;
    if (!unavailable(d)) return d;
  }
  return null;
}
