/**
 * keepalived's health checkers on a real kernel: real keepalived 2.2.7 checks real servers in
 * Linux 6.1 (user-mode Linux) that really stop and start (their listening sockets close and
 * reopen), and every change it makes to the IPVS table — a server removed, inhibited to weight 0,
 * the sorry server in and out, the quorum lost and regained — must come when `lvs-lab health` says,
 * within 0.3 s. Time 0 is the moment keepalived's table first appears, as in the simulation.
 * Events fall between checks: at the very moment of a check, which comes first is a race.
 */
import { expect, it } from 'vitest';
import { parseConfig } from '../../src/keepalived';
import { main } from '../../src/cli/main';
import { bootOnce, kernelDescribe } from './suite';

const TCP = (retry: number, extra = '') => `${extra}    TCP_CHECK {
      connect_timeout 1
      retry ${retry}
      delay_before_retry 1
      warmup 0
    }
`;

const CASES = [
  {
    name: 'removal, inhibit_on_failure, the sorry server, and recovery',
    config: `virtual_server 192.0.2.10 80 {
  delay_loop 2
  lb_algo rr
  lb_kind NAT
  protocol TCP
  sorry_server 10.0.0.99 8080
  real_server 10.0.0.11 8080 {
    weight 1
${TCP(1)}  }
  real_server 10.0.0.12 8080 {
    weight 2
${TCP(2, '    inhibit_on_failure\n')}  }
}
`,
    events: [{ at: 3.5, server: 0, action: 'refuse' }, { at: 4.5, server: 1, action: 'refuse' }, { at: 9.5, server: 0, action: 'recover' }, { at: 10.5, server: 1, action: 'recover' }],
    until: 14,
  },
  {
    name: 'the quorum lost (the live server leaves too) and regained',
    config: `virtual_server 192.0.2.10 80 {
  delay_loop 2
  lb_algo wrr
  lb_kind NAT
  protocol TCP
  quorum 3
  sorry_server 10.0.0.99 8080
  real_server 10.0.0.11 8080 {
    weight 2
${TCP(0)}  }
  real_server 10.0.0.12 8080 {
    weight 2
${TCP(0)}  }
}
`,
    events: [{ at: 2.5, server: 1, action: 'refuse' }, { at: 6.5, server: 1, action: 'recover' }],
    until: 10,
  },
] as const;

interface Change { t: number; server: string; from: string; to: string }
kernelDescribe('health checks on a real kernel, against lvs-lab health', () => {
  const guest = bootOnce(() => {
    const inputs: Record<string, string> = {};
    const lines = ['modprobe ip_vs'];
    CASES.forEach((c, i) => {
      const { model } = parseConfig(c.config);
      const servers = model.virtualServers[0]!.realServers.map((rs) => ({ addr: rs.address, port: rs.port ?? 80 }));
      inputs[`h${i}.conf`] = c.config;
      inputs[`h${i}.json`] = JSON.stringify({ servers, events: c.events, until: c.until });
      lines.push(`/usr/bin/python3 "$GUEST/health-driver.py" "$WORK/in/h${i}.conf" "$WORK/in/h${i}.json" "$WORK/out/h${i}.json"`);
    });
    return { script: lines.join('\n'), inputs, timeoutMs: 180_000 };
  });

  /** What `lvs-lab health --json` prints for the case. */
  async function simulate(c: (typeof CASES)[number]): Promise<Change[]> {
    let stdout = '';
    const files: Record<string, string> = { 'k.conf': c.config, 'ev.json': JSON.stringify(c.events) };
    const io = { out: (t: string) => void (stdout += t + '\n'), err: () => {}, readFile: async (f: string) => files[f]! };
    expect(await main(['health', '--config', 'k.conf', '--events', 'ev.json', '--until', String(c.until), '--json'], io)).toBe(0);
    return (JSON.parse(stdout) as { transitions: Array<{ at: number; server: string; checker: string; from: string; to: string }> }).transitions
      .filter((t) => t.checker === 'ipvs' || t.checker === 'sorry_server')
      .map((t) => ({ t: t.at, server: t.server, from: t.from, to: t.to }));
  }

  CASES.forEach((c, i) => {
    it(`${c.name}: every IPVS change within 0.3 s of the simulation`, async () => {
      const run = guest();
      const text = run.files[`h${i}.json`];
      expect(text, run.files['.stderr']).toBeDefined();
      const real = (JSON.parse(text!) as { changes: Change[] }).changes;
      const sim = await simulate(c);
      const key = (x: Change) => `${x.server} ${x.from} -> ${x.to}`;
      // The same changes, server by server, in the same order…
      const byServer = (xs: Change[]) => Object.fromEntries([...new Set(xs.map((x) => x.server))].sort().map((s) => [s, xs.filter((x) => x.server === s).map(key)]));
      expect(byServer(real)).toEqual(byServer(sim));
      // …each at the simulated time, give or take 0.3 s.
      const late = sim.map((s, k) => {
        const r = real.filter((x) => key(x) === key(s))[sim.filter((y, j) => j < k && key(y) === key(s)).length]!;
        return { change: key(s), sim: s.t, real: r.t };
      }).filter((d) => Math.abs(d.real - d.sim) > 0.3);
      expect(late).toEqual([]);
    });
  });
});
