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

describe('lvs-lab lint', () => {
  const file = 'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 300\n    virtual_ipaddress {\n        10.0.0.1\n    }\n}\n';
  const io = () => Object.assign(capture(), { readFile: async () => file });
  it('prints the messages in Chinese with --lang zh, and both in JSON', async () => {
    const en = io();
    expect(await main(['lint', 'a.conf'], en)).toBe(1);
    expect(en.stdout).toContain("a.conf:3:23: error: virtual_router_id: number '300' outside range [1, 255]");
    const zh = io();
    expect(await main(['lint', '--lang', 'zh', 'a.conf'], zh)).toBe(1);
    expect(zh.stdout).toContain("a.conf:3:23: error: virtual_router_id：数值 '300' 超出范围 [1, 255]");
    expect(zh.stdout).toContain('a.conf：2 个错误，0 个警告，0 条提示');
    const json = io();
    await main(['lint', '--json', 'a.conf'], json);
    const d = JSON.parse(json.stdout).files[0].diagnostics.find((x: { code: string }) => x.code === 'invalid-value');
    expect(d.messageZh).toMatch(/超出范围/);
    expect(d.fix).toMatchObject({ text: '255', titleZh: '改为 255（keepalived 接受的最近的值）' });
    const bad = io();
    expect(await main(['lint', '--lang', 'fr', 'a.conf'], bad)).toBe(2);
    expect(bad.stderr).toContain('--lang takes en or zh');
  });
});

describe('lvs-lab ipvsadm', () => {
  const script = 'ipvsadm -A -t 10.0.0.1:80 -s rr\nipvsadm -A -t 10.0.0.1:80 -s rr\n# a comment\n\nipvsadm -a -t 10.0.0.1:80 -r 10.0.1.1 -m -w 2\nipvsadm -Ln\nipvsadm -R <<EOF\n-A -t 10.0.0.2:80 -s wlc\nEOF\nipvsadm -Sn\nipvsadm -A\n';
  it('--script prints each command, its output and its exit status, as ipvsadm would', async () => {
    const io = Object.assign(capture(), { readFile: async () => script });
    expect(await main(['ipvsadm', '--script', 's.txt'], io)).toBe(0);
    expect(io.stdout).toBe([
      '$ ipvsadm -A -t 10.0.0.1:80 -s rr', '[exit 0]',
      '$ ipvsadm -A -t 10.0.0.1:80 -s rr', 'Service already exists', '[exit 255]',
      '$ ipvsadm -a -t 10.0.0.1:80 -r 10.0.1.1 -m -w 2', '[exit 0]',
      '$ ipvsadm -Ln', 'IP Virtual Server version 1.2.1 (size=4096)', 'Prot LocalAddress:Port Scheduler Flags',
      '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn', 'TCP  10.0.0.1:80 rr',
      '  -> 10.0.1.1:80                  Masq    2      0          0         ', '[exit 0]',
      '$ ipvsadm -R <<EOF', '[exit 0]',
      '$ ipvsadm -Sn', '-A -t 10.0.0.1:80 -s rr', '-a -t 10.0.0.1:80 -r 10.0.1.1:80 -m -w 2', '-A -t 10.0.0.2:80 -s wlc', '[exit 0]',
      '$ ipvsadm -A', "You need to supply the 'service-address' option for the 'add-service' command", '[exit 2]',
      '',
    ].join('\n'));
  });
  it('one command gives ipvsadm\'s output and exit status; a missing file is a clear error', async () => {
    const one = capture();
    expect(await main(['ipvsadm', '-A', '-t', '10.0.0.1:80', '-o'], one)).toBe(2);
    expect(one.stderr).toBe('One-Packet Scheduling is only for UDP virtual services\n');
    const missing = Object.assign(capture(), { readFile: async () => { throw Object.assign(new Error('x'), { code: 'ENOENT' }); } });
    expect(await main(['ipvsadm', '--script', 'nope.txt'], missing)).toBe(2);
    expect(missing.stderr).toContain("cannot read 'nope.txt': ENOENT");
  });
});
