/**
 * mh, Maglev hashing (ip_vs_mh.c): every server gets a preference order over a prime-sized table
 * (offset and skip from two keyed hashes of its address and port); servers take turns claiming
 * their next free slot, `turns` times each by weight, until the table is full. A client's address
 * (and port with mh-port) hashes to a slot. Default table size 4093 (CONFIG_IP_VS_MH_TAB_INDEX 12).
 */
import { ipv4ToU32, type Dest, type Packet, type Scheduler, type Service } from './dest';
import { halfsiphash32, hsiphash32 } from './hsiphash';
import { hashedPick } from './fallback';

export const MH_TAB_SIZE = 4093;
const TAB_BITS = 6; // CONFIG_IP_VS_MH_TAB_INDEX / 2
const KEY1 = [2654435761n, 2654435761n] as const;
const KEY2 = [2654446892n, 2654446892n] as const;

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
const fls = (x: number) => (x === 0 ? 0 : 32 - Math.clz32(x));

/** ip_vs_mh_hashkey: hsiphash of offset + port + address, which depends on the kernel's word size. */
export function mhHash(addr: number, port: number, key: readonly [bigint, bigint], offset: number, bits: 32 | 64 = 64): number {
  const v = (offset + port + addr) >>> 0;
  return bits === 32 ? halfsiphash32(v, Number(key[0]), Number(key[1])) : hsiphash32(v, key[0], key[1]);
}

export function mh(svc: Service): Scheduler {
  let lookup: Array<Dest | null> = new Array<Dest | null>(MH_TAB_SIZE).fill(null);

  const reassign = () => {
    const list = svc.dests;
    let g = 0;
    let maxW = 0;
    for (const d of list) {
      if (d.lastWeight > 0) g = g > 0 ? gcd(d.lastWeight, g) : d.lastWeight;
      if (d.lastWeight > maxW) maxW = d.lastWeight;
    }
    if (g < 1) {
      lookup = new Array<Dest | null>(MH_TAB_SIZE).fill(null);
      return;
    }
    const shift = Math.max(0, fls(Math.trunc(maxW / g)) - TAB_BITS);
    const setup = list.map((d) => {
      const addr = ipv4ToU32(d.addr);
      const offset = mhHash(addr, d.port, KEY1, 0, svc.bits) % MH_TAB_SIZE;
      const skip = (mhHash(addr, d.port, KEY2, 0, svc.bits) % (MH_TAB_SIZE - 1)) + 1;
      const turns = (Math.trunc(d.lastWeight / g) >> shift) || (d.lastWeight !== 0 ? 1 : 0);
      return { offset, skip, perm: offset, turns };
    });
    const taken = new Uint8Array(MH_TAB_SIZE);
    let n = 0;
    let dtCount = 0;
    while (n < MH_TAB_SIZE) {
      let i = 0;
      while (i < list.length) {
        const ds = setup[i]!;
        if (ds.turns < 1) {
          i++;
          continue;
        }
        let c = ds.perm;
        while (taken[c]) {
          ds.perm += ds.skip;
          if (ds.perm >= MH_TAB_SIZE) ds.perm -= MH_TAB_SIZE;
          c = ds.perm;
        }
        taken[c] = 1;
        lookup[c] = list[i]!;
        if (++n === MH_TAB_SIZE) return;
        if (++dtCount >= ds.turns) {
          dtCount = 0;
          i++;
        }
      }
    }
  };
  reassign();

  return {
    schedule(pkt: Packet) {
      const port = svc.flags.has('mh-port') ? pkt.sport : 0;
      const addr = ipv4ToU32(pkt.saddr);
      const ihash = mhHash(addr, port, KEY1, 0, svc.bits) % MH_TAB_SIZE;
      return hashedPick(MH_TAB_SIZE, ihash, svc.flags.has('mh-fallback'), (offset) => lookup[offset < 0 ? ihash : mhHash(addr, port, KEY1, offset, svc.bits) % MH_TAB_SIZE] ?? null);
    },
    addDest: reassign,
    delDest: reassign,
    updDest: reassign,
  };
}
