/**
 * The console's ipvsadm against the real one: every command script of test/kernel/ipvsadm/ runs on
 * a real director (Linux 6.1, Debian's ipvsadm 1.31 and sysctl, each script in a fresh network
 * namespace) and on the simulated director (src/sim/ipvsadm), and the two transcripts — each command's
 * stdout, stderr and exit status — must be the same, byte for byte, but for what depends on wall time
 * or on the kernel's random hash seed (ipvsadm-compare.ts says what, and how far). The scripts with
 * client traffic (curl, connect, disconnect) and a clock (sleep) run in a network the guest builds
 * around the director (guest/ipvsadm-scripts.py), every script at once.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { transcript } from '../../src/sim/ipvsadm/script';
import { bootOnce, kernelDescribe } from './suite';
import { reconcile } from '../../src/sim/ipvsadm/reconcile';

const DIR = join(__dirname, 'ipvsadm');
const scripts = readdirSync(DIR).filter((f) => f.endsWith('.txt')).sort();

kernelDescribe('ipvsadm on the simulated director, against ipvsadm 1.31 on Linux 6.1', () => {
  const guest = bootOnce(() => ({
    // Every scheduler loaded first, as on a director that has used them: the scripts run at once, and
    // lblc and lblcr add their sysctls (lblc_expiration, lblcr_expiration) when they load.
    script: 'modprobe ip_vs\nfor m in rr wrr lc wlc lblc lblcr dh sh sed nq fo ovf mh; do modprobe ip_vs_$m; done\n/usr/bin/python3 "$GUEST/ipvsadm-scripts.py"',
    inputs: Object.fromEntries(scripts.map((f) => [f, readFileSync(join(DIR, f), 'utf8')])),
    timeoutMs: 300_000,
  }));

  it(`has at least 30 scripts (${scripts.length})`, () => expect(scripts.length).toBeGreaterThanOrEqual(30));

  for (const f of scripts) {
    it(f.replace(/\.txt$/, ''), () => {
      const real = guest().files[f.replace(/\.txt$/, '.out')];
      expect(real, 'the guest wrote no transcript').toBeDefined();
      const secs = Number(guest().files[f.replace(/\.txt$/, '.secs')] ?? 0);
      const both = reconcile(transcript(readFileSync(join(DIR, f), 'utf8')), real!, secs);
      expect(both.sim).toBe(both.real);
    });
  }
});
