/**
 * What may differ between a command script's transcript on a real director and on the simulated one,
 * and nothing else (the conformance suite holds the engine to it; the console's real-kernel switch
 * uses it to say where the simulation and the kernel differ). The simulated clock stands still between commands while the real one runs on, and
 * the kernel's connection hash is seeded at random, so:
 * - `ipvsadm -Lc` lists its entries in hash order: both lists are sorted;
 * - an entry's expire countdown may be lower on the real director by as much as the script's real
 *   duration (the simulated commands take a millisecond), and higher by 1 s (rounding);
 * - `--stats` packet and byte counts may differ by what TCP's timers decide under load — an ACK sent
 *   alone or on the next segment, a FIN riding on the last data or not, a retransmission (and the SACK
 *   option it draws): up to one segment for every two connections on the line (at least 2), in each
 *   direction, each 40 to 64 bytes, plus 36 bytes of options; connection counts are exact;
 * - `--rate` figures depend on where the estimator's 2-second runs fell relative to the traffic: only
 *   their lines' layout is compared (src/sim/ipvsadm/stats.test.ts checks the estimator's arithmetic);
 * - curl's "after N ms";
 * - net.ipv4.vs.sync_qlen_max, which the kernel sets from the machine's free memory.
 * `reconcile` returns both transcripts with every tolerated difference taken from the simulation, so
 * that what is left is compared byte for byte (and a failure shows as a plain diff).
 */
const CONN = /^(TCP|UDP|SCTP|IP) (\d\d+):(\d\d) {1,2}(.*)$/;
const FIGURES = /^(.*?)((?: +\d+[KMGT]?){5})$/;

function sortConnBlocks(lines: string[]): string[] {
  const out = [...lines];
  for (let i = 0; i < out.length; i++) {
    if (!out[i]!.startsWith('pro expire ')) continue;
    let j = i + 1;
    while (j < out.length && CONN.test(out[j]!)) j++;
    const key = (l: string) => l.replace(CONN, '$1 $4');
    const block = out.slice(i + 1, j).sort((a, b) => key(a).localeCompare(key(b)) || a.localeCompare(b));
    out.splice(i + 1, block.length, ...block);
    i = j - 1;
  }
  return out;
}

const num = (s: string) => {
  const m = /^(\d+)([KMGT]?)$/.exec(s)!;
  return Number(m[1]) * { '': 1, K: 1e3, M: 1e6, G: 1e9, T: 1e12 }[m[2] as '' | 'K'];
};

export function reconcile(sim: string, real: string, realSeconds: number): { sim: string; real: string } {
  const memory = (t: string) => t.replace(/^(net\.ipv4\.vs\.sync_qlen_max = )\d+$/m, '$1(free memory / 32)').replace(/ after \d+ ms: /g, ' after N ms: ');
  const s = sortConnBlocks(memory(sim).split('\n'));
  const r = sortConnBlocks(memory(real).split('\n'));
  if (s.length !== r.length) return { sim: s.join('\n'), real: r.join('\n') };
  let command = '';
  for (let i = 0; i < s.length; i++) {
    const a = s[i]!;
    const b = r[i]!;
    if (a.startsWith('$ ')) command = a;
    if (a === b) continue;
    const ca = CONN.exec(a);
    const cb = CONN.exec(b);
    if (ca && cb && ca[1] === cb[1] && ca[4] === cb[4]) {
      const secs = (m: RegExpExecArray) => Number(m[2]) * 60 + Number(m[3]);
      const behind = secs(ca) - secs(cb);
      if (behind >= -1 && behind <= Math.ceil(realSeconds) + 1) r[i] = a;
      continue;
    }
    const fa = FIGURES.exec(a);
    const fb = FIGURES.exec(b);
    if (!fa || !fb || fa[1] !== fb[1]) continue;
    const va = fa[2]!.trim().split(/ +/).map(num);
    const vb = fb[2]!.trim().split(/ +/).map(num);
    if (/--rate/.test(command) && va.length === vb.length) r[i] = a;
    if (/--stats/.test(command) && va[0] === vb[0]) {
      const extra = (k: number) => vb[k]! - va[k]!;
      const fits = (pk: number, by: number) => {
        const n = Math.abs(extra(pk));
        const b = Math.sign(extra(pk) || 1) * extra(by);
        return n <= Math.max(2, Math.ceil(va[0]! / 2)) && b >= 40 * n - 36 && b <= 64 * n + 36;
      };
      if (fits(1, 3) && fits(2, 4)) r[i] = a;
    }
  }
  return { sim: s.join('\n'), real: r.join('\n') };
}
