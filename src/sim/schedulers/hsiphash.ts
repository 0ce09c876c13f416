/**
 * The kernel's hsiphash() of a 32-bit value. On a 64-bit machine it is which is SipHash-1-3 with 64-bit
 * words (lib/siphash.c: "on 64-bit, we make HalfSipHash1-3 actually be SipHash1-3"), returning the
 * low 32 bits. mh uses it with fixed keys, so its table is the same on every machine.
 */
const M = (1n << 64n) - 1n;
const rotl = (x: bigint, b: bigint) => ((x << b) | (x >> (64n - b))) & M;

export function hsiphash32(value: number, k0: bigint, k1: bigint): number {
  let v0 = 0x736f6d6570736575n ^ k0;
  let v1 = 0x646f72616e646f6dn ^ k1;
  let v2 = 0x6c7967656e657261n ^ k0;
  let v3 = 0x7465646279746573n ^ k1;
  const round = () => {
    v0 = (v0 + v1) & M; v1 = rotl(v1, 13n); v1 ^= v0; v0 = rotl(v0, 32n);
    v2 = (v2 + v3) & M; v3 = rotl(v3, 16n); v3 ^= v2;
    v0 = (v0 + v3) & M; v3 = rotl(v3, 21n); v3 ^= v0;
    v2 = (v2 + v1) & M; v1 = rotl(v1, 17n); v1 ^= v2; v2 = rotl(v2, 32n);
  };
  // Four bytes of input: no full 8-byte block, the bytes go into b with the length in the top byte.
  const b = (4n << 56n) | BigInt(value >>> 0);
  v3 ^= b;
  round();
  v0 ^= b;
  v2 ^= 0xffn;
  round();
  round();
  round();
  return Number((v0 ^ v1 ^ v2 ^ v3) & 0xffffffffn);
}

const rol32 = (x: number, b: number) => ((x << b) | (x >>> (32 - b))) >>> 0;

/**
 * The same call on a 32-bit kernel (i386, as the browser's kernel is), where hsiphash() really is
 * HalfSipHash-1-3 (lib/siphash.c, the BITS_PER_LONG != 64 half; HSIPHASH_PERMUTATION and the
 * constants in include/linux/siphash.h): 32-bit words, the four input bytes one block, v1 ^ v3 out.
 */
export function halfsiphash32(value: number, k0: number, k1: number): number {
  let v0 = (0 ^ k0) >>> 0;
  let v1 = (0 ^ k1) >>> 0;
  let v2 = (0x6c796765 ^ k0) >>> 0;
  let v3 = (0x74656462 ^ k1) >>> 0;
  const round = () => {
    v0 = (v0 + v1) >>> 0; v1 = rol32(v1, 5); v1 = (v1 ^ v0) >>> 0; v0 = rol32(v0, 16);
    v2 = (v2 + v3) >>> 0; v3 = rol32(v3, 8); v3 = (v3 ^ v2) >>> 0;
    v0 = (v0 + v3) >>> 0; v3 = rol32(v3, 7); v3 = (v3 ^ v0) >>> 0;
    v2 = (v2 + v1) >>> 0; v1 = rol32(v1, 13); v1 = (v1 ^ v2) >>> 0; v2 = rol32(v2, 16);
  };
  const m = value >>> 0;
  const b = (4 << 24) >>> 0;
  v3 = (v3 ^ m) >>> 0;
  round();
  v0 = (v0 ^ m) >>> 0;
  v3 = (v3 ^ b) >>> 0;
  round();
  v0 = (v0 ^ b) >>> 0;
  v2 = (v2 ^ 0xff) >>> 0;
  round();
  round();
  round();
  return (v1 ^ v3) >>> 0;
}
