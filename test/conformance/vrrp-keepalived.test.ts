/**
 * The VRRP engine against real keepalived 2.2.7: two keepalived processes in network namespaces
 * joined by a bridge, notify scripts that log high-resolution timestamps, and scripted failures.
 * The simulation must produce the same state changes, with MASTER takeovers within 10 % or 100 ms.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCluster, type ClusterEvent, type InstanceSpec } from '../../src/sim/vrrp';
import { Namespaces, requireTools, sleep, waitFor } from './lib/netns';

interface Router { priority: number; nopreempt?: boolean; authPass?: string }
interface Observed { at: number; router: number; state: string }

const ADDR = (i: number) => `10.89.0.${10 + i}`;

describe('VRRP elections against real keepalived', () => {
  const ns = new Namespaces('lvslab-vrrp');
  const dir = mkdtempSync(join(tmpdir(), 'lvslab-vrrp-'));
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
    rmSync(dir, { recursive: true, force: true });
  });

  const config = (i: number, r: Router) => `global_defs {
  enable_script_security
  script_user root
}
vrrp_instance VI_1 {
  state BACKUP
  interface eth0
  virtual_router_id 51
  priority ${r.priority}
  advert_int 1
${r.nopreempt ? '  nopreempt\n' : ''}${r.authPass ? `  authentication {\n    auth_type PASS\n    auth_pass ${r.authPass}\n  }\n` : ''}  virtual_ipaddress {
    10.89.0.100/24
  }
  notify "${dir}/notify.sh r${i}"
}
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

  /** Runs a scenario for real, returning the state changes keepalived's notify scripts logged. */
  async function real(routers: Router[], events: ClusterEvent[], until: number): Promise<Observed[]> {
    rmSync(join(dir, 'log'), { force: true });
    procs = [];
    const t0 = Date.now() / 1000;
    routers.forEach((r, i) => startRouter(i, r));
    for (const e of [...events].sort((a, b) => a.at - b.at)) {
      await sleep(Math.max(0, (t0 + e.at) * 1000 - Date.now()));
      if (e.action === 'stop') await stopRouter(e.router, 'SIGTERM');
      else if (e.action === 'kill') await stopRouter(e.router, 'SIGKILL');
      else if (e.action === 'start') startRouter(e.router, routers[e.router]!);
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
      preemptDelay: 0, address: 10 + i, auth: r.authPass ? `PASS:${r.authPass}` : '',
    }));
    return runCluster(specs, events, until).transitions
      .filter((t) => t.to === 'BACKUP' || t.to === 'MASTER')
      .map((t) => ({ at: t.at, router: t.router, state: t.to }));
  }

  async function compare(routers: Router[], events: ClusterEvent[], until: number) {
    const got = (await real(routers, events, until)).filter((o) => o.state === 'BACKUP' || o.state === 'MASTER');
    const want = simulated(routers, events, until);
    const seq = (xs: Observed[]) => xs.map((o) => `r${o.router}:${o.state}`);
    // Routers that start together report BACKUP in either order; compare each router's own sequence.
    for (let r = 0; r < routers.length; r++) {
      expect(seq(got.filter((o) => o.router === r)), `router ${r}: real ${JSON.stringify(got)} vs sim ${JSON.stringify(want)}`).toEqual(seq(want.filter((o) => o.router === r)));
    }
    const masters = (xs: Observed[]) => xs.filter((o) => o.state === 'MASTER').map((o) => o.at);
    masters(got).forEach((t, i) => {
      const w = masters(want)[i]!;
      expect(Math.abs(t - w), `MASTER #${i}: real ${t.toFixed(3)} s, sim ${w.toFixed(3)} s`).toBeLessThanOrEqual(Math.max(0.1, 0.1 * w));
    });
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

  it('with nopreempt it comes back as BACKUP and stays there', async () => {
    await compare([{ priority: 150, nopreempt: true }, { priority: 100 }], [{ at: 5, router: 0, action: 'kill' }, { at: 10, router: 0, action: 'start' }], 16);
  });

  it('authentication mismatch: adverts are ignored and both become MASTER', async () => {
    await compare([{ priority: 150, authPass: 'one' }, { priority: 100, authPass: 'two' }], [], 6);
  });
});
