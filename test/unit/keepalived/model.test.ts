import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseConfig } from '../../../src/keepalived';

/** A corpus file by its name without the number: `valid/vrrp-unicast`. */
const corpus = (name: string) => {
  const [kind, rest] = name.split('/');
  const dir = resolve(__dirname, '../../corpus/keepalived', kind!);
  const file = readdirSync(dir).find((f) => f.replace(/^\d+-/, '') === `${rest}.conf`);
  if (!file) throw new Error(`no corpus file ${name}`);
  return readFileSync(resolve(dir, file), 'utf8');
};

describe('the model of a config', () => {
  it('describes VRRP instances with keepalived\'s defaults filled in', () => {
    const { model } = parseConfig(corpus('valid/vrrp-sync-group'));
    expect(model.syncGroups).toEqual([{ name: 'VG_1', members: ['VI_EXT', 'VI_INT'], line: 1 }]);
    const [ext, int] = model.instances;
    expect(ext).toMatchObject({ name: 'VI_EXT', interface: 'eth0', virtualRouterId: 51, priority: 100, advertInt: 1, version: 2, preempt: true, state: 'BACKUP', auth: { type: 'PASS', pass: 's3cret' } });
    expect(int!.virtualIps).toEqual([{ address: '10.1.1.1', prefix: 24, line: expect.any(Number) }]);
  });

  it('reads preemption, unicast peers and tracking', () => {
    expect(parseConfig(corpus('valid/vrrp-nopreempt')).model.instances[0]!.preempt).toBe(false);
    expect(parseConfig(corpus('valid/vrrp-unicast')).model.instances[0]).toMatchObject({ unicastSrcIp: '192.168.200.10', unicastPeers: ['192.168.200.11', '192.168.200.12'] });
    const tracked = parseConfig(corpus('valid/vrrp-track-script')).model;
    expect(tracked.scripts[0]).toMatchObject({ name: 'chk_nginx', interval: 2, weight: -20, fall: 3, rise: 2 });
    expect(tracked.instances[0]!.trackScripts).toEqual([{ name: 'chk_nginx' }]);
  });

  it('describes virtual servers, real servers and checkers, inheriting timings', () => {
    const { model } = parseConfig(corpus('valid/full-dr-cluster'));
    const vs = model.virtualServers[0]!;
    expect(vs).toMatchObject({ kind: 'address', address: '192.168.200.100', port: 80, protocol: 'TCP', scheduler: 'wrr', lbKind: 'DR', delayLoop: 6 });
    expect(vs.realServers.map((r) => [r.address, r.port, r.weight])).toEqual([['192.168.200.11', 80, 1], ['192.168.200.12', 80, 1]]);
    const check = vs.realServers[0]!.checkers[0]!;
    expect(check).toMatchObject({ kind: 'HTTP_GET', connectTimeout: 3, retry: 2, delayBeforeRetry: 1, delayLoop: 6, urls: [{ path: '/healthz', statusCode: 200 }] });
  });

  it('falls back to keepalived\'s defaults: wlc and NAT', () => {
    const { model } = parseConfig('virtual_server 10.0.0.1 80 {\n protocol TCP\n real_server 10.0.0.2 80 {\n }\n}');
    expect(model.virtualServers[0]).toMatchObject({ scheduler: 'wlc', lbKind: 'NAT' });
  });

  it('reads fwmark and group services', () => {
    expect(parseConfig(corpus('valid/lvs-fwmark')).model.virtualServers[0]).toMatchObject({ kind: 'fwmark', fwmark: 5 });
    expect(parseConfig(corpus('valid/lvs-group')).model.virtualServers[0]).toMatchObject({ kind: 'group', group: 'WEB' });
  });
});
