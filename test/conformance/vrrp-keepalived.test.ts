/**
 * The VRRP engine against real keepalived 2.2.7: two keepalived processes in network namespaces
 * joined by a bridge, notify scripts that log high-resolution timestamps, and scripted failures.
 * The simulation must produce the same state changes, each (BACKUP and FAULT as well as MASTER) within
 * 100 ms or 5 % of the time since the event that caused it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync, existsSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { runCluster, type ClusterEvent, type InstanceSpec } from '../../src/sim/vrrp';
import { compareElections, type Observed } from '../../src/sim/vrrp/compare';
import { Namespaces, requireTools, sleep, waitFor } from './lib/netns';

interface Router {
  priority: number;
  nopreempt?: boolean;
  authPass?: string;
  /** Seconds after the scenario starts at which this router's keepalived starts. */
  startAt?: number;
  /** A tracked vrrp_script `chk` (test -f on a flag file), with this weight. */
  script?: { weight: number };
  /** `state MASTER` instead of BACKUP (a plain instance: no sync group). */
  stateMaster?: 'plain';
  /** preempt_delay, in seconds. */
  preemptDelay?: number;
}

const ADDR = (i: number) => `10.89.0.${10 + i}`;
/** The states compared (keepalived's notify also reports STOP). */
const KEPT = ['BACKUP', 'MASTER', 'FAULT'];

describe('VRRP elections against real keepalived', () => {
  const ns = new Namespaces('vrrp');
  const dir = ns.tempDir();
  const hosts: string[] = [];
  let procs: Array<ChildProcess | undefined> = [];

  beforeAll(() => {
    requireTools('ip', 'keepalived');
    const br = ns.add('br');
    ns.exec(br, 'ip', ['link', 'add', 'br0', 'type', 'bridge']);
    ns.exec(br, 'ip', ['link', 'set', 'br0', 'up']);
    for (let i = 0; i < 2; i++) {
      const h = ns.add(`r${i}`);
      hosts.push(h);
      ns.link(h, 'eth0', `${ADDR(i)}/24`, br, `p${i}`, '0.0.0.0/32');
      ns.exec(br, 'ip', ['link', 'set', `p${i}`, 'master', 'br0']);
    }
    const notify = join(dir, 'notify.sh');
    writeFileSync(notify, `#!/bin/sh\necho "$(date +%s.%N) $1 $4" >> ${dir}/log\n`);
    chmodSync(notify, 0o755);
  });

  afterAll(() => {
    for (const p of procs) if (p && p.exitCode === null) p.kill('SIGKILL');
    ns.cleanup();
  });

  const flag = (i: number) => join(dir, `flag-r${i}`);
  const config = (i: number, r: Router) => `global_defs {
  enable_script_security
  script_user root
}
${r.script ? `vrrp_script chk {
  script "/usr/bin/test -f ${flag(i)}"
  interval 1
  weight ${r.script.weight}
  fall 1
  rise 1
}
` : ''}vrrp_instance VI_1 {
  state ${r.stateMaster ? 'MASTER' : 'BACKUP'}
  interface eth0
  virtual_router_id 51
  priority ${r.priority}
  advert_int 1
${r.nopreempt ? '  nopreempt\n' : ''}${r.preemptDelay ? `  preempt_delay ${r.preemptDelay}\n` : ''}${r.authPass ? `  authentication {\n    auth_type PASS\n    auth_pass ${r.authPass}\n  }\n` : ''}  virtual_ipaddress {
    10.89.0.100/24
  }
  notify "${dir}/notify.sh r${i}"
${r.script ? '  track_script {\n    chk\n  }\n' : ''}}
`;

  const pidFile = (i: number, kind: string) => join(dir, `r${i}.${kind}.pid`);

  function startRouter(i: number, r: Router) {
    writeFileSync(join(dir, `r${i}.conf`), config(i, r));
    for (const k of ['main', 'vrrp']) rmSync(pidFile(i, k), { force: true });
    procs[i] = ns.spawn(hosts[i]!, 'keepalived', ['-n', '-l', '-D', '-P', '-f', join(dir, `r${i}.conf`), '-p', pidFile(i, 'main'), '-r', pidFile(i, 'vrrp')]);
  }

  async function stopRouter(i: number, signal: 'SIGTERM' | 'SIGKILL') {
    const p = procs[i];
    if (!p) return;
    if (signal === 'SIGKILL' && existsSync(pidFile(i, 'vrrp'))) {
      // A crash: the VRRP child dies with no final advert (and its parent cannot restart it).
      try { process.kill(Number(readFileSync(pidFile(i, 'vrrp'), 'utf8')), 'SIGKILL'); } catch { /* gone */ }
    }
    if (existsSync(pidFile(i, 'main'))) {
      try { process.kill(Number(readFileSync(pidFile(i, 'main'), 'utf8')), signal); } catch { /* gone */ }
    }
    await waitFor(() => p.exitCode !== null || p.signalCode !== null, 10_000, `keepalived r${i} to exit`);
    procs[i] = undefined;
  }

  /** A partition without losing carrier: the router's nftables drop VRRP both ways. */
  function cut(i: number) {
    const h = hosts[i]!;
    ns.exec(h, 'nft', ['add', 'table', 'inet', 'cut']);
    for (const [chain, hook] of [['in', 'input'], ['out', 'output']]) {
      ns.exec(h, 'nft', ['add', 'chain', 'inet', 'cut', chain!, '{', 'type', 'filter', 'hook', hook!, 'priority', '0', ';', '}']);
      ns.exec(h, 'nft', ['add', 'rule', 'inet', 'cut', chain!, 'ip', 'protocol', 'vrrp', 'drop']);
    }
  }

  /** Runs a scenario for real, returning the state changes keepalived's notify scripts logged. */
  async function real(routers: Router[], events: ClusterEvent[], until: number): Promise<Observed[]> {
    rmSync(join(dir, 'log'), { force: true });
    procs = [];
    const t0 = Date.now() / 1000;
    routers.forEach((_, i) => writeFileSync(flag(i), ''));
    const starts: ClusterEvent[] = routers.flatMap((r, i) => (r.startAt ? [{ at: r.startAt, router: i, action: 'start' as const }] : []));
    routers.forEach((r, i) => { if (!r.startAt) startRouter(i, r); });
    for (const e of [...events, ...starts].sort((a, b) => a.at - b.at)) {
      await sleep(Math.max(0, (t0 + e.at) * 1000 - Date.now()));
      if (e.action === 'stop') await stopRouter(e.router, 'SIGTERM');
      else if (e.action === 'kill') await stopRouter(e.router, 'SIGKILL');
      else if (e.action === 'start') startRouter(e.router, routers[e.router]!);
      else if (e.action === 'script-fail') rmSync(flag(e.router), { force: true });
      else if (e.action === 'script-ok') writeFileSync(flag(e.router), '');
      else if (e.action === 'link-down') cut(e.router);
      else if (e.action === 'link-up') ns.exec(hosts[e.router]!, 'nft', ['delete', 'table', 'inet', 'cut']);
    }
    await sleep(Math.max(0, (t0 + until) * 1000 - Date.now()));
    for (let i = 0; i < routers.length; i++) await stopRouter(i, 'SIGKILL');
    const log = existsSync(join(dir, 'log')) ? readFileSync(join(dir, 'log'), 'utf8') : '';
    return log.trim().split('\n').filter(Boolean).map((l) => {
      const [ts, r, state] = l.split(' ');
      return { at: Number(ts) - t0, router: Number(r!.slice(1)), state: state! };
    });
  }

  function simulated(routers: Router[], events: ClusterEvent[], until: number): Observed[] {
    const specs: InstanceSpec[] = routers.map((r, i) => ({
      router: i, name: 'VI_1', vrid: 51, priority: r.priority, advertInt: 1, version: 2, preempt: !r.nopreempt,
      preemptDelay: r.preemptDelay ?? 0, address: 10 + i, auth: r.authPass ? `PASS:${r.authPass}` : '',
      ...(r.startAt ? { start: r.startAt } : {}),
      ...(r.script ? { trackScripts: [{ name: 'chk', weight: r.script.weight, interval: 1, rise: 1, fall: 1 }] } : {}),
      ...(r.stateMaster ? { initialMaster: true } : {}),
    }));
    return runCluster(specs, events, until).transitions
      .filter((t) => KEPT.includes(t.to))
      .map((t) => ({ at: t.at, router: t.router, state: t.to }));
  }

  async function compare(routers: Router[], events: ClusterEvent[], until: number) {
    const got = (await real(routers, events, until)).filter((o) => KEPT.includes(o.state));
    const want = simulated(routers, events, until);
    // Routers that start together report BACKUP in either order: compareElections takes each router's own
    // sequence, then every change at the simulated time within its allowance (src/sim/vrrp/compare.ts).
    const causes = [0, ...events.map((e) => e.at), ...routers.flatMap((r) => (r.startAt ? [r.startAt] : []))];
    const starts = routers.map((r, i) => [...events.filter((e) => e.action === 'start' && e.router === i).map((e) => e.at), r.startAt ?? 0]);
    expect(compareElections(got, want, causes, starts), `real ${JSON.stringify(got)} vs sim ${JSON.stringify(want)}`).toEqual([]);
    return { got, want };
  }

  it('first election: the higher priority wins after 3 × advert_int + skew', async () => {
    await compare([{ priority: 150 }, { priority: 100 }], [], 6);
  });

  it('graceful stop: the backup takes over after the skew time', async () => {
    const { got } = await compare([{ priority: 150 }, { priority: 100 }], [{ at: 5, router: 0, action: 'stop' }], 8);
    const takeover = got.find((o) => o.router === 1 && o.state === 'MASTER')!.at - 5;
    expect(takeover).toBeLessThan(1);
  });

  it('crash: the backup waits the master-down interval', async () => {
    await compare([{ priority: 150 }, { priority: 100 }], [{ at: 5, router: 0, action: 'kill' }], 10);
  });

  it('a higher-priority router comes back and preempts', async () => {
    await compare([{ priority: 150 }, { priority: 100 }], [{ at: 5, router: 0, action: 'kill' }, { at: 10, router: 0, action: 'start' }], 16);
  });

  it('preempt_delay also holds back a backup that sees the master drop below it, counted from that advert', async () => {
    // r1 (100, preempt_delay 2.5: not a whole number of adverts, so no advert arrives on the boundary) has been BACKUP for 6.5 s when r0's script fails and r0 advertises 150 − 60 = 90:
    // r1 keeps accepting the lower adverts for 2.5 s more, then discards them and its master-down timer runs out.
    const { got } = await compare([{ priority: 150, script: { weight: -60 } }, { priority: 100, preemptDelay: 2.5 }], [{ at: 6.5, router: 0, action: 'script-fail', name: 'chk' }], 16);
    const takeover = got.find((o) => o.router === 1 && o.state === 'MASTER')!.at - 6.5;
    expect(takeover).toBeGreaterThan(5.5);
  });

  it('with nopreempt it comes back as BACKUP and stays there', async () => {
    await compare([{ priority: 150, nopreempt: true }, { priority: 100 }], [{ at: 5, router: 0, action: 'kill' }, { at: 10, router: 0, action: 'start' }], 16);
  });

  it('authentication mismatch: adverts are ignored and both become MASTER', async () => {
    await compare([{ priority: 150, authPass: 'one' }, { priority: 100, authPass: 'two' }], [], 6);
  });

  it('equal priorities: a later starter does not preempt; after a split brain the higher address keeps MASTER', async () => {
    const { got } = await compare([{ priority: 100 }, { priority: 100, startAt: 1 }],
      [{ at: 6, router: 0, action: 'link-down' }, { at: 11, router: 0, action: 'link-up' }], 14);
    // Both were MASTER during the cut; after the heal router 0 (10.89.0.10) yields to 10.89.0.11.
    expect(got.filter((o) => o.router === 0).at(-1)!.state).toBe('BACKUP');
  });

  it('a failing track_script with weight -60 lets the backup take over', async () => {
    await compare([{ priority: 150, script: { weight: -60 } }, { priority: 100 }], [{ at: 6.5, router: 0, action: 'script-fail', name: 'chk' }], 13);
  });

  it('a failing track_script with weight 0 puts the master in FAULT; the backup takes over after the skew time', async () => {
    const { got } = await compare([{ priority: 150, script: { weight: 0 } }, { priority: 100 }],
      [{ at: 6.5, router: 0, action: 'script-fail', name: 'chk' }, { at: 9.5, router: 0, action: 'script-ok', name: 'chk' }], 15);
    const fault = got.find((o) => o.router === 0 && o.state === 'FAULT')!.at;
    const takeover = got.find((o) => o.router === 1 && o.state === 'MASTER')!.at;
    expect(takeover - fault).toBeLessThan(1);
  });

  it('a plain state MASTER below 255 waits the whole master-down interval: the higher priority wins first', async () => {
    const { got } = await compare([{ priority: 100, stateMaster: 'plain' }, { priority: 150 }], [], 6);
    expect(got.filter((o) => o.router === 0).map((o) => o.state)).toEqual(['BACKUP']);
  });
});
