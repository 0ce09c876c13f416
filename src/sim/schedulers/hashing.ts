/**
 * sh and dh: a 256-bucket table filled from the destination list, indexed by hash_32() of the
 * client's (sh) or the requested (dh) address: the top 8 bits of the value × 0x61C88647
 * (include/linux/hash.h). Older kernels and many articles show (addr × 2654435761) & 255; Linux
 * 6.1 (ip_vs_sh.c, ip_vs_dh.c) uses hash_32, and a real kernel picks accordingly.
 * sh gives each server as many consecutive buckets as its weight; dh one bucket each in turn.
 */
import { ipv4ToU32, type Dest, type Packet, type Scheduler, type Service } from './dest';
import { hashedPick, unavailable } from './fallback';

const TAB = 256;

const TAB_BITS = 8;

/** hash_32(val, bits): the high `bits` bits of val × GOLDEN_RATIO_32, in 32-bit arithmetic. */
export function hash32(val: number, bits: number): number {
  return Math.imul(val >>> 0, 0x61c88647) >>> (32 - bits);
}

/** ip_vs_sh_hashkey: (offset + hash_32(port + addr, 8)) mod 256. */
export function shHash(addr: number, port: number, offset: number): number {
  return (offset + hash32((port + addr) >>> 0, TAB_BITS)) & (TAB - 1);
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
      const d = buckets[hash32(ipv4ToU32(pkt.daddr), TAB_BITS)] ?? null;
      return d && d.available && !unavailable(d) ? d : null;
    },
    addDest: reassign,
    delDest: reassign,
    updDest: reassign,
  };
}
