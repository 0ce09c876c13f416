import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import type { Io } from '../../src/cli/io';

function io(files: Record<string, string>): Io & { stdout: string; stderr: string } {
  const x = {
    stdout: '',
    stderr: '',
    out: (t: string) => void (x.stdout += t + '\n'),
    err: (t: string) => void (x.stderr += t + '\n'),
    readFile: async (f: string) => {
      if (!(f in files)) throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
      return files[f]!;
    },
  };
  return x;
}

const rs = (addr: string, extra = '') => `  real_server ${addr} 80 {
    weight 1
${extra}    TCP_CHECK {
      connect_timeout 3
      retry 2
      delay_before_retry 3
      warmup 0
    }
  }
`;
const conf = (extra = '') => `virtual_server 192.168.1.100 80 {
  delay_loop 6
  lb_algo rr
  lb_kind DR
  protocol TCP
  sorry_server 192.168.1.99 80
${rs('192.168.1.11', extra)}${rs('192.168.1.12')}}
`;

describe('lvs-lab health', () => {
  it('prints the transitions and the final IPVS table as JSON', async () => {
    const x = io({ 'k.conf': conf(), 'ev.json': '[{"at": 20, "server": 0, "action": "fail"}, {"at": 22, "server": "192.168.1.12:80", "action": "fail"}]' });
    expect(await main(['health', '--config', 'k.conf', '--events', 'ev.json', '--until', '60', '--json'], x)).toBe(0);
    const out = JSON.parse(x.stdout);
    expect(out.transitions).toContainEqual({ at: 40, server: '192.168.1.11:80', checker: 'TCP_CHECK', from: 'UP', to: 'DOWN', reason: expect.stringContaining('3 attempts') });
    expect(out.transitions).toContainEqual(expect.objectContaining({ at: 40, server: '192.168.1.11:80', checker: 'ipvs', from: 'weight 1', to: 'absent' }));
    expect(out.ipvs).toEqual([{ server: '192.168.1.99:80', weight: 1, sorry: true }]);
    for (const t of out.transitions) expect(Object.keys(t)).toEqual(['at', 'server', 'checker', 'from', 'to', 'reason']);
  });

  it('with inhibit_on_failure the server stays at weight 0', async () => {
    const x = io({ 'k.conf': conf('    inhibit_on_failure\n'), 'ev.json': '[{"at": 20, "server": 0, "action": "fail"}]' });
    expect(await main(['health', '--config', 'k.conf', '--events', 'ev.json', '--until', '60', '--json'], x)).toBe(0);
    expect(JSON.parse(x.stdout).ipvs).toEqual([{ server: '192.168.1.11:80', weight: 0, sorry: false }, { server: '192.168.1.12:80', weight: 1, sorry: false }]);
  });

  it('prints a readable log without --json', async () => {
    const x = io({ 'k.conf': conf(), 'ev.json': '[{"at": 20, "server": 0, "action": "fail"}]' });
    expect(await main(['health', '--config', 'k.conf', '--events', 'ev.json', '--until', '60'], x)).toBe(0);
    expect(x.stdout).toContain('192.168.1.11:80 ipvs: weight 1 → absent');
    expect(x.stdout).toContain('-> 192.168.1.12:80  weight 1');
  });

  it('rejects bad input with a message and exit 2', async () => {
    const cases: Array<[string[], Record<string, string>, RegExp]> = [
      [['health'], {}, /give --config FILE/],
      [['health', '--config', 'missing.conf'], {}, /cannot read 'missing.conf': ENOENT/],
      [['health', '--config', 'k.conf', '--vs', '3'], { 'k.conf': conf() }, /no virtual_server number 3/],
      [['health', '--config', 'k.conf'], { 'k.conf': 'global_defs {\n}\n' }, /no virtual_server in it/],
      [['health', '--config', 'k.conf', '--until', '-1'], { 'k.conf': conf() }, /--until/],
      [['health', '--config', 'k.conf', '--events', 'e.json'], { 'k.conf': conf(), 'e.json': '{"at": 1}' }, /JSON array/],
      [['health', '--config', 'k.conf', '--events', 'e.json'], { 'k.conf': conf(), 'e.json': '[{"at": 1' }, /not valid JSON/],
      [['health', '--config', 'k.conf', '--events', 'e.json'], { 'k.conf': conf(), 'e.json': '[{"at": 1, "server": 7, "action": "fail"}]' }, /"server" must be an index from 0 to 1 or one of 192.168.1.11:80, 192.168.1.12:80/],
      [['health', '--config', 'k.conf', '--events', 'e.json'], { 'k.conf': conf(), 'e.json': '[{"at": 1, "server": 0, "action": "explode"}]' }, /"action" must be one of/],
      [['health', '--config', 'k.conf', '--events', 'e.json'], { 'k.conf': conf(), 'e.json': '[{"at": 1, "server": 0, "action": "http-status"}]' }, /status code from 100 to 599/],
      [['health', '--config', 'k.conf', '--bogus'], { 'k.conf': conf() }, /unexpected argument '--bogus'/],
    ];
    for (const [argv, files, msg] of cases) {
      const x = io(files);
      expect(await main(argv, x), argv.join(' ')).toBe(2);
      expect(x.stderr).toMatch(msg);
    }
  });

  it('is listed in lvs-lab --help', async () => {
    const x = io({});
    expect(await main(['--help'], x)).toBe(0);
    expect(x.stdout).toMatch(/health\s+keepalived's health checkers/);
  });
});
