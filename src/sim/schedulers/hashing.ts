/**
 * sh and dh: a 256-bucket table filled from the destination list, and a multiplicative hash
 * (× 2654435761, the golden-ratio constant) of the client's (sh) or the requested (dh) address.
 * sh gives each server as many consecutive buckets as its weight; dh one bucket each in turn.
 */
import { ipv4ToU32, type Dest, type Packet, type Scheduler, type Service } from './dest';
import { hashedPick, unavailable } from './fallback';

const TAB = 256;

/** (offset + (port + addr) × 2654435761) mod 256, as the kernel computes it in unsigned arithmetic. */
export function shHash(addr: number, port: number, offset: number): number {
  return (offset + Math.imul((port + addr) >>> 0, 2654435761 | 0)) & (TAB - 1);
}

export function sh(svc: Service): Scheduler {
  let buckets: Array<Dest | null> = [];
  const reassign = () => {
    buckets = new Array<Dest | null>(TAB).fill(null);
    const list = svc.dests;
    if (!list.length) return;
    let p = 0;
    let count = 0;
    for (let i = 0; i < TAB; i++) {
      if (p >= list.length) p = 0;
      const d = list[p]!;
      buckets[i] = d;
      if (++count >= d.weight) {
        p++;
        count = 0;
      }
    }
  };
  reassign();
  return {
    schedule(pkt: Packet) {
      const port = svc.flags.has('sh-port') ? pkt.sport : 0;
      const addr = ipv4ToU32(pkt.saddr);
      const ihash = shHash(addr, port, 0);
      return hashedPick(TAB, ihash, svc.flags.has('sh-fallback'), (offset) => buckets[offset < 0 ? ihash : shHash(addr, port, offset)] ?? null);
    },
    addDest: reassign,
    delDest: reassign,
    updDest: reassign,
  };
}

export function dh(svc: Service): Scheduler {
  let buckets: Array<Dest | null> = [];
  const reassign = () => {
    buckets = new Array<Dest | null>(TAB).fill(null);
    const list = svc.dests;
    if (!list.length) return;
    for (let i = 0; i < TAB; i++) buckets[i] = list[i % list.length]!;
  };
  reassign();
  return {
    schedule(pkt: Packet) {
      const d = buckets[Math.imul(ipv4ToU32(pkt.daddr), 2654435761 | 0) & (TAB - 1)] ?? null;
      return d && d.available && !unavailable(d) ? d : null;
    },
    addDest: reassign,
    delDest: reassign,
    updDest: reassign,
  };
}
