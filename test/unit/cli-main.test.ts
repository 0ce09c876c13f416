import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import type { Io } from '../../src/cli/io';

function capture(): Io & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out: (t: string) => void (io.stdout += t + '\n'),
    err: (t: string) => void (io.stderr += t + '\n'),
    readFile: async () => '',
  };
  return io;
}

describe('lvs-lab', () => {
  it('prints usage and exits 2 with no command, 0 with --help', async () => {
    const a = capture();
    expect(await main([], a)).toBe(2);
    expect(a.stdout).toMatch(/^usage: lvs-lab <command>/);
    const b = capture();
    expect(await main(['--help'], b)).toBe(0);
  });

  it('names an unknown command and exits 2', async () => {
    const io = capture();
    expect(await main(['frobnicate'], io)).toBe(2);
    expect(io.stderr).toContain("unknown command 'frobnicate'");
  });
});

describe('lvs-lab packet', () => {
  it('prints the journey as JSON with the documented fields and exits 0 when delivered', async () => {
    const io = capture();
    expect(await main(['packet', '--mode', 'dr', '--json'], io)).toBe(0);
    const out = JSON.parse(io.stdout);
    expect(out.delivered).toBe(true);
    expect(out.drop_reason).toBeUndefined();
    const atRs = out.hops.find((h: { to: string }) => h.to === 'rs1');
    expect(atRs).toMatchObject({ from: 'director', direction: 'request', eth: { dst: '02:00:00:00:03:01' }, ip: { dst: '192.0.2.10', proto: 6 }, l4: { dport: 80, flags: 'SYN' } });
  });

  it('exits 1 with a drop reason for a broken configuration, in Chinese on request', async () => {
    const io = capture();
    expect(await main(['packet', '--mode', 'tun', '--break', 'rp-filter', '--json', '--lang', 'zh'], io)).toBe(1);
    const out = JSON.parse(io.stdout);
    expect(out.delivered).toBe(false);
    expect(out.drop_reason).toMatch(/rp_filter.*严格/);
    const tunnel = out.hops.find((h: { outer?: unknown }) => h.outer);
    expect(tunnel.outer).toMatchObject({ src: '192.0.2.2', dst: '198.51.100.11' });
  });

  it('lists the breaks, and refuses bad modes and breaks with exit 2', async () => {
    const list = capture();
    expect(await main(['packet', '--list-breaks'], list)).toBe(0);
    for (const name of ['arp', 'rs-gateway', 'l2', 'tunl0', 'rp-filter', 'mtu', 'port-pool']) expect(list.stdout).toContain(name);
    const bad = capture();
    expect(await main(['packet', '--mode', 'lc'], bad)).toBe(2);
    expect(bad.stderr).toContain("unknown mode 'lc'");
    const wrong = capture();
    expect(await main(['packet', '--mode', 'nat', '--break', 'arp'], wrong)).toBe(2);
    expect(wrong.stderr).toContain("break 'arp' applies to dr, not nat");
    const missing = capture();
    expect(await main(['packet'], missing)).toBe(2);
  });
});
