/**
 * The console's ipvsadm against the real one: every command script of test/kernel/ipvsadm/ runs on
 * a real director (Linux 6.1, Debian's ipvsadm 1.31 and sysctl, each script in a fresh network
 * namespace) and on the simulated director (src/sim/ipvsadm), and the two transcripts — each command's
 * stdout, stderr and exit status — must be the same, byte for byte. One value is normalised:
 * net.ipv4.vs.sync_qlen_max, which the kernel sets from the machine's free memory when the namespace
 * is made (nr_free_buffer_pages() / 32). These scripts carry no traffic, so nothing depends on wall time.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { transcript } from '../../src/sim/ipvsadm/script';
import { bootOnce, kernelDescribe } from './suite';

const DIR = join(__dirname, 'ipvsadm');
const scripts = readdirSync(DIR).filter((f) => f.endsWith('.txt')).sort();

kernelDescribe('ipvsadm on the simulated director, against ipvsadm 1.31 on Linux 6.1', () => {
  const guest = bootOnce(() => ({
    script: 'modprobe ip_vs\n/usr/bin/python3 "$GUEST/ipvsadm-scripts.py"',
    inputs: Object.fromEntries(scripts.map((f) => [f, readFileSync(join(DIR, f), 'utf8')])),
    timeoutMs: 300_000,
  }));

  it(`has at least 30 scripts (${scripts.length})`, () => expect(scripts.length).toBeGreaterThanOrEqual(30));

  for (const f of scripts) {
    it(f.replace(/\.txt$/, ''), () => {
      const real = guest().files[f.replace(/\.txt$/, '.out')];
      expect(real, 'the guest wrote no transcript').toBeDefined();
      const memory = (t: string) => t.replace(/^(net\.ipv4\.vs\.sync_qlen_max = )\d+$/m, '$1(free memory / 32)');
      expect(memory(transcript(readFileSync(join(DIR, f), 'utf8')))).toBe(memory(real!));
    });
  }
});
