/**
 * IPVS's counters and rate estimator (Linux 6.1, ip_vs_est.c and ip_vs_ctl.c). Packets are counted
 * at once in per-CPU counters, but what `ipvsadm -L --stats` shows is the sum the estimator took at
 * its last run: it runs every 2 seconds, copies the counters, and moves each rate a quarter of the way
 * towards the last 2 seconds' rate (fixed point: ×2^10 for connections and packets, ×2^5 for bytes).
 * `ipvsadm -Z` takes the shown counters as the new zero and clears the rates.
 */
export interface Counters {
  conns: number;
  inpkts: number;
  outpkts: number;
  inbytes: number;
  outbytes: number;
}

const zero = (): Counters => ({ conns: 0, inpkts: 0, outpkts: 0, inbytes: 0, outbytes: 0 });
const KEYS = ['conns', 'inpkts', 'outpkts', 'inbytes', 'outbytes'] as const;

export class Stats {
  /** Counted as packets pass (the per-CPU counters). */
  readonly live = zero();
  /** The sum the estimator took at its last run (kstats). */
  private shown = zero();
  /** What -Z set as zero (kstats0). */
  private base = zero();
  private last = zero();
  /** cps, inpps, outpps (scaled 2^10) and inbps, outbps (scaled 2^5). */
  private est = zero();

  /** One run of estimation_timer. */
  tick(): void {
    this.shown = { ...this.live };
    for (const k of KEYS) {
      const rate = (this.shown[k] - this.last[k]) * (k === 'inbytes' || k === 'outbytes' ? 16 : 512);
      this.last[k] = this.shown[k];
      // (rate - est) >> 2 on 64-bit signed values: an arithmetic shift, rounding down.
      this.est[k] += Math.floor((rate - this.est[k]) / 4);
    }
  }

  /** Nothing left to estimate: every rate is 0 and no packet came since the last run. */
  idle(): boolean {
    return KEYS.every((k) => this.est[k] === 0 && this.live[k] === this.last[k]);
  }

  /** ip_vs_zero_stats. */
  zero(): void {
    this.base = { ...this.shown };
    this.last = { ...this.shown };
    this.est = zero();
  }

  /** ip_vs_copy_stats: counters since the zero. */
  counters(): Counters {
    const c = zero();
    for (const k of KEYS) c[k] = this.shown[k] - this.base[k];
    return c;
  }

  /** ip_vs_read_estimator: cps, inpps, outpps, inbps, outbps. */
  rates(): [number, number, number, number, number] {
    const r = (v: number, add: number, shift: number) => Math.floor((v + add) / 2 ** shift);
    return [r(this.est.conns, 0x1ff, 10), r(this.est.inpkts, 0x1ff, 10), r(this.est.outpkts, 0x1ff, 10), r(this.est.inbytes, 0xf, 5), r(this.est.outbytes, 0xf, 5)];
  }
}
