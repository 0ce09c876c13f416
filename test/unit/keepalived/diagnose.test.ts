import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseConfig } from '../../../src/keepalived';

const seed = readFileSync(resolve(__dirname, '../../corpus/keepalived/invalid/086-study-notes.conf'), 'utf8');
const errorsOf = (text: string, opts = {}) => parseConfig(text, opts).diagnostics.filter((d) => d.severity === 'error');

const VI = (body: string) => `vrrp_instance V {\n interface eth0\n virtual_router_id 51\n virtual_ipaddress {\n  10.0.0.1\n }\n${body}\n}\n`;

describe('diagnostics on the study notes\' config', () => {
  const diags = parseConfig(seed, { interfaces: ['eth0', 'eth1'] }).diagnostics;
  const errorLines = [...new Set(diags.filter((d) => d.severity === 'error').map((d) => d.line))];

  it('flags every line keepalived -t complains about (16, 17, 19, 26, 31, 40, 55) and the strict-mode problems', () => {
    for (const l of [16, 17, 19, 26, 31, 40, 55]) expect(errorLines).toContain(l);
    expect(diags.map((d) => d.code)).toEqual(expect.arrayContaining(['strict-master-owner', 'strict-auth', 'vrrp-strict']));
  });

  it('says what to write instead', () => {
    const msg = (line: number) => diags.find((d) => d.line === line && d.severity === 'error')!.message;
    expect(msg(55)).toContain("'retry'");
    expect(msg(26)).toContain('lvs_sync_daemon');
    expect(msg(31)).toContain("The '\\' comes from the end of this line");
    expect(msg(16)).toMatch(/outside range/);
  });
});

describe('what keepalived rejects', () => {
  it('VRID, priority and advert_int out of range, with the value underlined', () => {
    const [d] = errorsOf(VI(' priority 300'));
    expect(d).toMatchObject({ code: 'invalid-value', line: 7, column: 11, endColumn: 14 });
    expect(errorsOf(VI(' advert_int 0')).map((x) => x.code)).toEqual(['invalid-value']);
    // VRRPv2 adverts are whole seconds: keepalived -t rejects 0.5 (it rounds it); VRRPv3 takes centiseconds.
    expect(errorsOf(VI(' advert_int 0.5')).map((x) => x.code)).toEqual(['v2-advert-int']);
    expect(errorsOf(VI(' advert_int 0.5\n version 3'))).toEqual([]);
  });

  it('a missing VRID or VIP', () => {
    expect(errorsOf('vrrp_instance V {\n interface eth0\n virtual_ipaddress {\n  10.0.0.1\n }\n}').map((d) => d.code)).toEqual(['vrid-missing']);
    expect(errorsOf('vrrp_instance V {\n interface eth0\n virtual_router_id 5\n}').map((d) => d.code)).toEqual(['no-vip']);
  });

  it('interfaces that the host does not have, only when the host is known', () => {
    const text = VI('').replace('eth0', 'eth9');
    expect(errorsOf(text)).toEqual([]);
    expect(errorsOf(text, { interfaces: ['eth0'] }).map((d) => d.code)).toEqual(['no-such-interface']);
  });

  it('auth_pass longer than 8 characters, with a fix', () => {
    const [d] = errorsOf(VI(' authentication {\n  auth_type PASS\n  auth_pass 123456789\n }'));
    expect(d!.code).toBe('auth-pass-length');
    expect(d!.fix?.text).toBe('12345678');
  });

  it('a track_script with no vrrp_script of that name, and scripts without script security', () => {
    expect(errorsOf(VI(' track_script {\n  chk\n }')).map((d) => d.code)).toEqual(['unknown-track-script']);
    const script = 'vrrp_script chk {\n script "/bin/true"\n}\n' + VI(' track_script {\n  chk\n }');
    expect(errorsOf(script).map((d) => d.code)).toEqual(['script-security']);
    expect(errorsOf('global_defs {\n enable_script_security\n}\n' + script)).toEqual([]);
  });

  it('the same VRID twice on one interface', () => {
    expect(errorsOf(VI('') + VI('').replace('V {', 'W {')).map((d) => d.code)).toEqual(['duplicate-vrid']);
  });

  it('virtual servers without protocol, lb_kind, lb_algo or real servers, and DR with another port', () => {
    const vs = (body: string) => `virtual_server 10.0.0.1 80 {\n${body}\n}`;
    expect(errorsOf(vs(' protocol TCP\n lb_algo rr\n lb_kind NAT')).map((d) => d.code)).toEqual(['no-real-server']);
    expect(errorsOf(vs(' real_server 10.0.0.2 80 {\n }')).map((d) => d.code).sort()).toEqual(['no-lb-algo', 'no-lb-kind', 'no-protocol']);
    const dr = errorsOf(vs(' protocol TCP\n lb_algo rr\n lb_kind DR\n real_server 10.0.0.2 8080 {\n }'));
    expect(dr.map((d) => d.code)).toEqual(['port-mismatch']);
    expect(dr[0]!.message).toContain('write 80');
  });
});

describe('bad input never breaks the linter', () => {
  it('binary junk, a huge line, thousands of braces', () => {
    const junk = Array.from({ length: 20000 }, (_, i) => String.fromCharCode((i * 7919) % 65536)).join('');
    expect(() => parseConfig(junk)).not.toThrow();
    const long = 'router_id ' + 'x'.repeat(1_000_000);
    expect(parseConfig(long).diagnostics[0]!.code).toBe('unknown-keyword');
    const braces = '{'.repeat(10_000) + '\n' + '}'.repeat(10_000);
    const res = parseConfig(braces);
    expect(res.diagnostics.length).toBeGreaterThan(0);
    const nested = 'vrrp_instance V {\n'.repeat(10_000);
    expect(parseConfig(nested).diagnostics.some((d) => d.code === 'missing-close-brace')).toBe(true);
  });

  it('a 10 MB paste', () => {
    const block = VI(' priority 100');
    const text = block.repeat(Math.ceil(10_000_000 / block.length));
    const res = parseConfig(text);
    expect(res.model.instances.length).toBeGreaterThan(1000);
  });
});
