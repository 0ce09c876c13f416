/** Settings keepalived 2.2.7 refuses in combination, reported on the line keepalived names. */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/keepalived';

const vs = (body: string) => `virtual_server 192.0.2.10 80 {\n${body}\n    real_server 10.0.0.11 80 {\n        weight 1\n    }\n}\n`;
const codes = (text: string) => parseConfig(text).diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}@${d.line}`);

describe('cross-line rules', () => {
  it('sh and mh flags need the scheduler set above them', () => {
    expect(codes(vs('    lb_algo wlc\n    lb_kind DR\n    protocol TCP\n    hashed'))).toEqual(['sched-flag@5']);
    expect(codes(vs('    sh-port\n    lb_algo sh\n    lb_kind DR\n    protocol TCP'))).toEqual(['sched-flag@2']);
    expect(codes(vs('    lb_algo mh\n    sh-port\n    mh-fallback\n    lb_kind DR\n    protocol TCP'))).toEqual([]);
  });

  it('ops needs UDP; quorum cannot exceed the real servers\' weights', () => {
    expect(codes(vs('    lb_algo rr\n    lb_kind NAT\n    protocol TCP\n    ops'))).toEqual(['ops-not-udp@5']);
    expect(codes(vs('    lb_algo rr\n    lb_kind NAT\n    protocol UDP\n    ops'))).toEqual([]);
    expect(codes(vs('    lb_algo rr\n    lb_kind NAT\n    protocol TCP\n    quorum 2'))).toEqual(['quorum-above-weight@5']);
  });

  it('unicast_ttl needs unicast peers (reported at the block\'s end); vrf and interface exclude each other', () => {
    const inst = (body: string) => `vrrp_instance VI_1 {\n    state BACKUP\n    virtual_router_id 51\n${body}\n    virtual_ipaddress {\n        192.0.2.10\n    }\n}\n`;
    expect(codes(inst('    interface eth0\n    unicast_ttl 10'))).toEqual(['unicast-ttl-without-peers@9']);
    expect(codes(inst('    interface eth0\n    unicast_ttl 10\n    unicast_peer {\n        192.0.2.2\n    }'))).toEqual([]);
    expect(codes(inst('    interface eth0\n    vrf eth1'))).toEqual(['vrf-and-interface@5']);
    expect(codes(inst('    vrf eth1\n    interface eth0'))).toEqual(['vrf-and-interface@5']);
  });
});
