import { describe, expect, it } from 'vitest';
import data from '../../../src/keepalived/schema/keywords.json';
import { parseConfig } from '../../../src/keepalived';
import { argumentSpec, describeType } from '../../../src/keepalived/schema/arguments';

const VI = (body: string) => `vrrp_instance V {\n interface eth0\n virtual_router_id 51\n virtual_ipaddress {\n  10.0.0.1\n }\n${body}\n}\n`;
const G = (body: string) => `global_defs {\n${body}\n}\n`;
const CK = (body: string) => `virtual_server 10.0.0.1 80 {\n protocol TCP\n real_server 10.0.0.2 80 {\n  TCP_CHECK {\n${body}\n  }\n }\n}\n`;
const at = (text: string, line: number) => parseConfig(text).diagnostics.filter((d) => d.line === line);

describe('every keyword has an argument spec', () => {
  it('each keyword that is not a block of values has a type and a what', () => {
    const missing: string[] = [];
    const walk = (o: Record<string, { k?: object; v?: 1 }>, parent: string) => {
      for (const [k, v] of Object.entries(o)) {
        if (v.k) walk(v.k as never, k);
        else if (!v.v) {
          const spec = argumentSpec(parent, k);
          if (!spec?.what || !describeType(spec)) missing.push(`${parent}/${k}`);
        }
      }
    };
    walk((data as unknown as { keywords: never }).keywords, '');
    expect(missing).toEqual([]);
  });
});

describe('value checks, with what to write instead', () => {
  it('a number out of range names the range', () => {
    const [d] = at(VI(' debug 5'), 7);
    expect(d).toMatchObject({ severity: 'error', code: 'invalid-value' });
    expect(d!.message).toContain('write a number from 0 to 4');
  });

  it('too many decimal places, as read_decimal_unsigned rejects', () => {
    expect(at(CK('   delay_loop 0.0000001'), 5)[0]!.message).toContain('at most 6');
    expect(at(CK('   delay_loop 0.000001'), 5)).toEqual([]);
  });

  it('on/off keywords take on, off, true, false, yes, no or nothing', () => {
    expect(at(G(' smtp_alert maybe'), 2)[0]!.message).toContain('write on, off, true, false, yes or no');
    for (const v of ['', ' on', ' no', ' true']) expect(at(G(` smtp_alert${v}`), 2)).toEqual([]);
  });

  it('enums suggest the right case', () => {
    expect(at(CK('  ').replace('protocol TCP', 'protocol TCP\n lb_kind dr'), 3)[0]!.message).toContain("write 'DR'");
  });

  it('addresses: not an address, not multicast; a /prefix is tolerated where keepalived tolerates it', () => {
    expect(at(G(' vrrp_mcast_group4 10.0.0.1'), 2)[0]!.message).toContain('not a multicast address');
    expect(at(CK('   bindto 10.0.0.300'), 5)[0]!.message).toContain('is not an IP address');
    expect(at(CK('   connect_ip 10.0.0.3/24'), 5)).toEqual([]);
  });

  it('hex strings, digests, umask, numbers-or-names', () => {
    expect(at(G(' umask IWWORLD'), 2)[0]!.message).toContain('0022');
    expect(at(G(' umask IWGRP|IWOTH'), 2)).toEqual([]);
    expect(at(G(' vrrp_rx_bufs_policy 4096'), 2)).toEqual([]);
    expect(at(G(' vrrp_rx_bufs_policy BIG'), 2)[0]!.severity).toBe('error');
  });

  it('deprecated keywords are errors that say what to use', () => {
    const [d] = at(VI(' vmac_garp_intvl 10'), 7);
    expect(d).toMatchObject({ severity: 'error', code: 'deprecated' });
    expect(d!.message).toContain('garp_extra_if');
  });

  it('a missing value is an error unless the keyword may stand alone', () => {
    expect(at(VI(' garp_master_delay'), 7)[0]).toMatchObject({ code: 'missing-value' });
    expect(at(G(' dynamic_interfaces'), 2)).toEqual([]);
  });

  it('values keepalived takes without a word are warnings, not errors', () => {
    const text = `virtual_server 10.0.0.1 80 {\n protocol TCP\n real_server 10.0.0.2 80 {\n  HTTP_GET {\n   url {\n    path /\n    regex_stack lots\n   }\n  }\n }\n}\n`;
    expect(at(text, 7).map((d) => d.severity)).toEqual(['warning']);
  });

  it('describes each type for hover and completion', () => {
    expect(describeType(argumentSpec('vrrp_instance', 'priority')!)).toBe('whole number 1–255');
    expect(describeType(argumentSpec('vrrp_instance', 'nopreempt')!)).toBe('no value');
    expect(describeType(argumentSpec('HTTP_GET', 'connect_port')!)).toBe('port 1–65535');
  });
});
