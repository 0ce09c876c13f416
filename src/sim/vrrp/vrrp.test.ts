import { describe, expect, it } from 'vitest';
import { runCluster, skewTime, masterDownInterval, type InstanceSpec } from './index';
import { main } from '../../cli/main';
import { reasonZh } from './timeline';

const base = { name: 'VI_1', vrid: 51, advertInt: 1, version: 2 as const, preempt: true, preemptDelay: 0, auth: '' };
const two = (p0 = 150, p1 = 100, extra: Partial<InstanceSpec> = {}): InstanceSpec[] => [
  { ...base, router: 0, priority: p0, address: 1, ...extra },
  { ...base, router: 1, priority: p1, address: 2 },
];
const masterAt = (r: ReturnType<typeof runCluster>, router: number) => r.transitions.filter((t) => t.router === router && t.to === 'MASTER').map((t) => t.at);

describe('VRRP timers', () => {
  it('VRRPv2 (keepalived\'s default) does not scale the skew by advert_int; VRRPv3 does', () => {
    expect(skewTime(100, 2, 2)).toBeCloseTo(156 / 256);
    expect(skewTime(100, 2, 3)).toBeCloseTo((156 / 256) * 2);
    expect(masterDownInterval(100, 1, 2)).toBeCloseTo(3.609, 3);
  });
});

describe('elections, as measured on keepalived 2.2.7', () => {
  it('the highest priority becomes MASTER after its master-down interval (3.41 s for 150)', () => {
    const r = runCluster(two(), [], 8);
    expect(masterAt(r, 0)).toEqual([3.4141]);
    expect(masterAt(r, 1)).toEqual([]);
    expect(r.vipOwner).toEqual([{ vrid: 51, instance: 'VI_1', routers: [0] }]);
  });

  it('after a graceful stop the backup takes over after the skew time alone (0.61 s)', () => {
    const r = runCluster(two(), [{ at: 6, router: 0, action: 'stop' }], 10);
    expect(masterAt(r, 1)[0]! - 6).toBeCloseTo(0.6095, 3);
    expect(r.transitions.find((t) => t.router === 1 && t.to === 'MASTER')!.reason).toContain('priority 0');
  });

  it('after a crash it waits for the master-down interval from the last advert', () => {
    const r = runCluster(two(), [{ at: 6, router: 0, action: 'kill' }], 12);
    const delay = masterAt(r, 1)[0]! - 6;
    expect(delay).toBeGreaterThan(2.6);
    expect(delay).toBeLessThanOrEqual(3.61);
  });

  it('a returning higher-priority router preempts, unless nopreempt', () => {
    const events = [{ at: 6, router: 0, action: 'kill' as const }, { at: 12, router: 0, action: 'start' as const }];
    const pre = runCluster(two(), events, 20);
    expect(masterAt(pre, 0).length).toBe(2);
    const nopre = runCluster(two(150, 100, { preempt: false }), events, 20);
    expect(masterAt(nopre, 0)).toEqual([3.4141]);
    expect(nopre.vipOwner[0]!.routers).toEqual([1]);
  });

  it('equal priorities: the higher address wins; different auth: both become MASTER', () => {
    const tie = runCluster(two(100, 100), [], 8);
    expect(tie.vipOwner[0]!.routers).toEqual([1]);
    const auth = runCluster(two(150, 100, { auth: 'PASS:x' }), [], 8);
    expect(auth.vipOwner[0]!.routers.sort()).toEqual([0, 1]);
    // The backup that takes over while the master advertises says why it did not listen (in both languages).
    const why = auth.transitions.find((t) => t.router === 1 && t.to === 'MASTER')!.reason;
    expect(why).toBe('master down timer expired: no advert for 3 × advert_int + skew; adverts from router 1 ignored: authentication differs');
    expect(reasonZh(why)).toBe('主节点失效计时器到期：3 × advert_int + 偏移时间内没有通告；路由器 1 的通告被忽略：认证不一致');
  });

  it('a cut link gives two masters, and healing it settles back to one', () => {
    const cut = runCluster(two(), [{ at: 5, router: 0, action: 'link-down' }], 12);
    expect(cut.vipOwner[0]!.routers.sort()).toEqual([0, 1]);
    const healed = runCluster(two(), [{ at: 5, router: 0, action: 'link-down' }, { at: 12, router: 0, action: 'link-up' }], 16);
    expect(healed.vipOwner[0]!.routers).toEqual([0]);
  });
});

describe('lvs-lab vrrp', () => {
  const conf = (prio: number) => `vrrp_instance VI_1 {\n state BACKUP\n interface eth0\n virtual_router_id 51\n priority ${prio}\n advert_int 1\n virtual_ipaddress {\n  10.0.0.100\n }\n}\n`;
  const io = (files: Record<string, string>) => ({
    stdout: '', stderr: '',
    out(t: string) { this.stdout += t + '\n'; }, err(t: string) { this.stderr += t + '\n'; },
    readFile: async (f: string) => { if (!(f in files)) throw Object.assign(new Error('no'), { code: 'ENOENT' }); return files[f]!; },
  });

  it('reproduces the measured 0.63 s takeover from real configs', async () => {
    const x = io({ 'a.conf': conf(150), 'b.conf': conf(100), 'ev.json': '[{"at": 6, "router": 0, "action": "stop"}]' });
    expect(await main(['vrrp', '--config', 'a.conf', '--config', 'b.conf', '--events', 'ev.json', '--until', '10', '--json'], x)).toBe(0);
    const out = JSON.parse(x.stdout);
    const takeover = out.transitions.find((t: { router: number; to: string }) => t.router === 1 && t.to === 'MASTER');
    expect(Math.abs(takeover.at - 6 - 0.63)).toBeLessThan(0.1);
    expect(out.vip_owner[0].routers).toEqual([1]);
  });

  it('rejects bad events with a message', async () => {
    const x = io({ 'a.conf': conf(150), 'ev.json': '[{"at": 1, "router": 5, "action": "stop"}]' });
    expect(await main(['vrrp', '--config', 'a.conf', '--events', 'ev.json'], x)).toBe(2);
    expect(x.stderr).toContain('"router" must be an index');
  });
});
