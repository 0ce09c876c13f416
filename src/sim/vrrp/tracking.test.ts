/** Tracking, sync groups, unicast peers, the address owner and gratuitous ARPs, as keepalived 2.2.7 runs them. */
import { describe, expect, it } from 'vitest';
import { runCluster, type InstanceSpec } from './index';

const base = { name: 'VI_1', vrid: 51, advertInt: 1, version: 2 as const, preempt: true, preemptDelay: 0, auth: '' };
const spec = (router: number, priority: number, extra: Partial<InstanceSpec> = {}): InstanceSpec => ({ ...base, router, priority, address: router + 1, ...extra });
const states = (r: ReturnType<typeof runCluster>, router: number, instance = 'VI_1') =>
  r.transitions.filter((t) => t.router === router && t.instance === instance).map((t) => `${t.to}@${t.at}`);
const masterAt = (r: ReturnType<typeof runCluster>, router: number) => r.transitions.filter((t) => t.router === router && t.to === 'MASTER').map((t) => t.at);

describe('start-up waits (vrrp_init_state)', () => {
  it('the address owner (priority 255) is MASTER at once', () => {
    const r = runCluster([spec(0, 255), spec(1, 100)], [], 6);
    expect(masterAt(r, 0)).toEqual([0]);
    expect(r.transitions.find((t) => t.router === 0 && t.to === 'MASTER')!.reason).toMatch(/owner/);
    expect(masterAt(r, 1)).toEqual([]);
  });

  it('a plain state MASTER below 255 waits the whole master-down interval, like BACKUP', () => {
    const r = runCluster([spec(0, 100, { initialMaster: true }), spec(1, 150)], [], 8);
    // 150 wins: its master-down interval (3 + 106/256 s) is shorter than 100's (3 + 156/256 s).
    expect(masterAt(r, 1)).toEqual([3.4141]);
    expect(masterAt(r, 0)).toEqual([]);
  });

  it('state MASTER in a sync group waits one advert_int plus the minimum skew (1/256 s)', () => {
    const r = runCluster([spec(0, 100, { initialMaster: true, syncGroup: 'G' }), spec(1, 150)], [], 8);
    expect(masterAt(r, 0)[0]).toBeCloseTo(1.0039, 3);
    // The higher priority discards its lower adverts and preempts when its own timer runs out.
    expect(masterAt(r, 1)).toEqual([3.4141]);
    expect(states(r, 0)).toEqual(['BACKUP@0', 'MASTER@1.0039', 'BACKUP@3.4142']);
  });
});

describe('track_script', () => {
  const script = (weight: number, fall = 1, rise = 1) => ({ trackScripts: [{ name: 'chk', weight, interval: 1, rise, fall }] });

  it('a negative weight lowers the master below the backup, which takes over when its timer runs out', () => {
    const r = runCluster([spec(0, 150, script(-60)), spec(1, 100)], [{ at: 6, router: 0, action: 'script-fail', name: 'chk' }], 14);
    expect(r.priorities).toEqual([{ at: 6, router: 0, instance: 'VI_1', priority: 90, reason: 'script chk failed' }]);
    // Its last priority-150 advert left at 5.4141; the backup waits 3 + 156/256 s after it.
    expect(masterAt(r, 1)[0]).toBeCloseTo(5.4142 + 3.6094, 2);
    expect(states(r, 0).at(-1)).toMatch(/^BACKUP/);
  });

  it('weight 0 puts the instance in FAULT with a priority-0 advert: the backup takes over after the skew time', () => {
    const r = runCluster([spec(0, 150, script(0)), spec(1, 100)], [
      { at: 6, router: 0, action: 'script-fail', name: 'chk' }, { at: 10, router: 0, action: 'script-ok', name: 'chk' },
    ], 20);
    expect(states(r, 0)).toEqual(['BACKUP@0', 'MASTER@3.4141', 'FAULT@6', 'BACKUP@10', 'MASTER@13.4141']);
    expect(masterAt(r, 1)[0]).toBeCloseTo(6 + 156 / 256, 3);
  });

  it('fall and rise count runs in a row', () => {
    const r = runCluster([spec(0, 150, script(-60, 3, 2)), spec(1, 100)], [
      { at: 6, router: 0, action: 'script-fail', name: 'chk' }, { at: 10, router: 0, action: 'script-ok', name: 'chk' },
    ], 14);
    // Runs at 6, 7, 8 fail: KO on the third. Runs at 10, 11 succeed: OK on the second.
    expect(r.priorities.map((p) => [p.at, p.priority])).toEqual([[8, 90], [11, 150]]);
  });

  it('a positive weight counts while the script succeeds, from its first run', () => {
    const r = runCluster([spec(0, 100, script(20)), spec(1, 110)], [], 6);
    expect(r.priorities[0]).toMatchObject({ at: 0, priority: 120 });
    expect(masterAt(r, 0).length).toBe(1);
  });
});

describe('track_interface, sync groups, unicast, gratuitous ARP', () => {
  it('a tracked interface going down with weight 0 means FAULT', () => {
    const r = runCluster([spec(0, 150, { trackInterfaces: [{ name: 'eth1', weight: 0 }] }), spec(1, 100)], [
      { at: 6, router: 0, action: 'interface-down', name: 'eth1' },
    ], 9);
    expect(states(r, 0)).toEqual(['BACKUP@0', 'MASTER@3.4141', 'FAULT@6']);
    expect(r.transitions.find((t) => t.to === 'FAULT')!.reason).toBe('interface eth1 down');
  });

  it('sync group members fail over together', () => {
    const g = { syncGroup: 'G' };
    const specs = [
      spec(0, 150, { ...g, ...{ trackScripts: [{ name: 'chk', weight: 0, interval: 1, rise: 1, fall: 1 }] } }),
      spec(0, 150, { ...g, name: 'VI_2', vrid: 52 }),
      spec(1, 100, g), spec(1, 100, { ...g, name: 'VI_2', vrid: 52 }),
    ];
    const r = runCluster(specs, [{ at: 6, router: 0, action: 'script-fail', name: 'chk' }], 10);
    expect(states(r, 0, 'VI_2')).toEqual(['BACKUP@0', 'MASTER@3.4141', 'FAULT@6']);
    expect(r.transitions.find((t) => t.router === 0 && t.instance === 'VI_2' && t.to === 'FAULT')!.reason).toMatch(/sync group G/);
    expect(r.vipOwner.map((v) => v.routers)).toEqual([[1], [1]]);
  });

  it('unicast adverts reach only the listed peers', () => {
    const r = runCluster([spec(0, 150, { unicastPeers: [9] }), spec(1, 100, { unicastPeers: [1] })], [], 6);
    // Router 0 sends only to address 9: router 1 never hears it and becomes MASTER too.
    expect(r.vipOwner[0]!.routers).toEqual([0, 1]);
    const ok = runCluster([spec(0, 150, { unicastPeers: [2] }), spec(1, 100, { unicastPeers: [1] })], [], 6);
    expect(ok.vipOwner[0]!.routers).toEqual([0]);
  });

  it('a new master sends gratuitous ARPs at once and again garp_master_delay later', () => {
    const r = runCluster([spec(0, 150, { vips: ['192.0.2.10'] }), spec(1, 100)], [], 10);
    expect(r.garps).toEqual([
      { at: 3.4141, router: 0, instance: 'VI_1', vips: ['192.0.2.10'], burst: 1 },
      { at: 8.4141, router: 0, instance: 'VI_1', vips: ['192.0.2.10'], burst: 2 },
    ]);
  });

  it('a late starter with equal priority does not preempt; a healed split brain keeps the higher address', () => {
    const r = runCluster([spec(0, 100), spec(1, 100, { start: 1 })], [
      { at: 6, router: 0, action: 'link-down' }, { at: 11, router: 0, action: 'link-up' },
    ], 14);
    // Router 1 (started at 1 s) stays BACKUP although its address is higher. Cut off at 6, it hears the last
    // advert at 5.6094 and takes over 3.6094 s later; after the heal router 0 hears its advert at 11.2188 and yields.
    expect(states(r, 0)).toEqual(['BACKUP@0', 'MASTER@3.6094', 'BACKUP@11.219']);
    expect(masterAt(r, 1)).toEqual([9.2189]); // + 0.1 ms on the wire
  });
});

import { electionTimeline } from './timeline';

describe('the election as frames for the lab', () => {
  it('carries each backup\'s draining master-down timer, the adverts of each step and effective priorities', () => {
    const { timeline } = electionTimeline([spec(0, 150, { trackScripts: [{ name: 'chk', weight: -60, interval: 1, rise: 1, fall: 1 }] }), spec(1, 100)],
      [{ at: 5, router: 0, action: 'script-fail', name: 'chk' }], 12);
    const at = (t: number) => timeline.frameAtTime(t * 1000).state;
    expect(at(2).timers).toEqual([{ remaining: 1.414, total: 3 + 106 / 256 }, { remaining: 1.609, total: 3 + 156 / 256 }]);
    expect(at(3.5).adverts).toEqual([{ router: 0, priority: 150 }]);
    expect(at(3.5).timers[0]).toBeNull();
    // The backup's timer restarts on each advert from the master, so it never drains below 2.6 s…
    expect(at(4.5).timers[1]!.remaining).toBeGreaterThan(2.5);
    // …until the master's priority drops to 90 and its adverts are discarded.
    expect(at(6).priorities).toEqual([90, 100]);
    expect(at(8).timers[1]!.remaining).toBeLessThan(1.5);
    expect(at(10).states).toEqual(['BACKUP', 'MASTER']);
  });

  it('says for each router whether its link is up, from the cut to the heal', () => {
    const { timeline } = electionTimeline([spec(0, 150), spec(1, 100)],
      [{ at: 4, router: 1, action: 'link-down' }, { at: 9, router: 1, action: 'link-up' }], 12);
    const at = (t: number) => timeline.frameAtTime(t * 1000).state.links;
    expect(at(3.75)).toEqual([true, true]);
    expect(at(4)).toEqual([true, false]);
    expect(at(8.75)).toEqual([true, false]);
    expect(at(9)).toEqual([true, true]);
  });
});

import { takeovers } from './takeover';

describe('how long the segment is without a master', () => {
  it('is the skew time after a stop (priority 0) and the whole master-down interval after a crash', () => {
    const stop = runCluster([spec(0, 150), spec(1, 100)], [{ at: 5, router: 0, action: 'stop' }], 12);
    const [s] = takeovers(stop.transitions, [{ at: 5, router: 0, action: 'stop' }]);
    // Skew_Time = (256 − 100) / 256 s for the priority-100 backup.
    expect(s).toMatchObject({ cause: 'stop', router: 0, by: 1 });
    expect(s!.after).toBeCloseTo(156 / 256, 2);
    const kill = runCluster([spec(0, 150), spec(1, 100)], [{ at: 5, router: 0, action: 'kill' }], 12);
    const [k] = takeovers(kill.transitions, [{ at: 5, router: 0, action: 'kill' }]);
    expect(k).toMatchObject({ cause: 'kill', router: 0, by: 1 });
    expect(k!.after).toBeGreaterThan(3 - 1);
    expect(k!.after).toBeLessThan(3 + 156 / 256 + 0.01);
  });
});
