import { describe, expect, it } from 'vitest';
import { lintCluster, parseConfig } from '../../../src/keepalived';

const codes = (text: string) => parseConfig(text).diagnostics.map((d) => d.code);
const inst = (state: string, prio: number, extra = '') => `vrrp_instance V {\n state ${state}\n interface eth0\n virtual_router_id 51\n priority ${prio}\n${extra}\n virtual_ipaddress {\n  10.0.0.1\n }\n}\n`;
const vs = (algo: string, extra = '') => `virtual_server 10.0.0.1 80 {\n protocol TCP\n lb_algo ${algo}\n lb_kind NAT\n${extra}\n real_server 10.0.1.1 80 {\n }\n}\n`;

describe('lint rules', () => {
  it('persistence-with-sh: only for sh with persistence', () => {
    expect(codes(vs('sh', ' persistence_timeout 60'))).toContain('persistence-with-sh');
    expect(codes(vs('rr', ' persistence_timeout 60'))).not.toContain('persistence-with-sh');
    expect(codes(vs('sh'))).not.toContain('persistence-with-sh');
  });

  it('vrrp-strict: explains what it does, as a warning', () => {
    const d = parseConfig('global_defs {\n vrrp_strict\n}').diagnostics.find((x) => x.code === 'vrrp-strict')!;
    expect(d.severity).toBe('warning');
    expect(d.message).toMatch(/drop all traffic to the VIPs/);
    expect(codes('global_defs {\n router_id A\n}')).not.toContain('vrrp-strict');
  });

  it('vip-without-service: a virtual_server no instance holds, and a VIP no service uses', () => {
    expect(codes(inst('BACKUP', 100) + vs('rr'))).not.toContain('vip-without-service');
    const mismatch = parseConfig(inst('BACKUP', 100) + vs('rr').replace('10.0.0.1 80', '10.0.0.9 80')).diagnostics.filter((d) => d.code === 'vip-without-service');
    expect(mismatch.map((d) => d.severity).sort()).toEqual(['info', 'warning']);
  });

  it('master-below-backup: compares routers checked together', () => {
    const res = lintCluster([
      { file: 'lb1.conf', text: inst('MASTER', 90) },
      { file: 'lb2.conf', text: inst('BACKUP', 100) },
    ]);
    expect(res[0]!.diagnostics.map((d) => d.code)).toContain('master-below-backup');
    expect(res[1]!.diagnostics.map((d) => d.code)).not.toContain('master-below-backup');
    const fine = lintCluster([{ file: 'a', text: inst('MASTER', 150) }, { file: 'b', text: inst('BACKUP', 100) }]);
    expect(fine.flatMap((r) => r.diagnostics.map((d) => d.code))).not.toContain('master-below-backup');
  });

  it('peers-disagree: advert_int or authentication that differ between peers', () => {
    const res = lintCluster([
      { file: 'lb1.conf', text: inst('MASTER', 150, ' advert_int 1') },
      { file: 'lb2.conf', text: inst('BACKUP', 100, ' advert_int 2\n authentication {\n  auth_type PASS\n  auth_pass x\n }') },
    ]);
    const msgs = res[1]!.diagnostics.filter((d) => d.code === 'peers-disagree').map((d) => d.message);
    expect(msgs).toHaveLength(2);
    expect(msgs[0]).toMatch(/advert_int.*both become MASTER/);
    expect(lintCluster([{ file: 'a', text: inst('MASTER', 150) }, { file: 'b', text: inst('BACKUP', 100) }]).flatMap((r) => r.diagnostics.map((d) => d.code))).not.toContain('peers-disagree');
  });
});
