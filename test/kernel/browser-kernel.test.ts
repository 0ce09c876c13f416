/**
 * The kernel the site runs in the reader's browser (public/kernel, scripts/kernel-image/build.sh),
 * restored in v86 under Node: the served files are the ones the manifest names, the saved machine
 * answers over the page's serial protocol, and the scheduler lab's traffic replayed on it (with the
 * test suite's own replayer, which the image carries) gets the engine's picks, connection for connection.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labScenario } from '../../src/sim/schedulers/lab-scenario';
import { replay } from '../../src/sim/schedulers/scenario';
import type { LabConfig } from '../../src/sim/schedulers/traffic';
import { differences, readSchedulerReplay, schedulerReplayScript } from '../../src/kernel/scheduler-replay';
import { KERNEL_DIR, readManifest, restoreMachine, type Machine } from '../browser-kernel/machine';
import { liveResetScript, liveScript, liveTimeoutMs, readLive } from '../../src/kernel/ipvsadm-live';
import { parseScript, transcript } from '../../src/sim/ipvsadm/script';
import { reconcile } from '../../src/sim/ipvsadm/reconcile';
import { compareWithSimulation, pairAddresses, pairScript, pairTiming, readPair } from '../../src/kernel/keepalived-pair';
import { parseConfig } from '../../src/keepalived';
import { peerConfig } from '../../src/keepalived/editor/peer';
import { EXAMPLES } from '../../src/components/playground/examples';
import { packetRunScript, readRunFiles, runTag } from '../../src/kernel/packets/run';
import { parseCapture, type CapturedFrame } from '../../src/kernel/packets/capture';
import { compareCaptures } from '../../src/kernel/packets/verdict';
import { modelPath, packetPath, parseTrace } from '../../src/kernel/packets/iptables-trace';
import { TRACE_CASES } from '../../src/kernel/packets/trace-cases';
import { runJourney } from '../../src/sim/packet/journey';
import { topology } from '../../src/sim/packet/topology';
import type { BreakName, Mode } from '../../src/sim/packet/types';

const built = existsSync(join(KERNEL_DIR, 'manifest.json'));
// Without the image (not built here) the block is skipped, except in CI, where .ci/run builds it first.
describe.skipIf(!built && !process.env.CI)('the browser\'s real kernel (v86, Debian i386 6.1)', () => {
  let machine: Machine;
  beforeAll(async () => {
    if (!built) throw new Error('public/kernel is missing: run bash scripts/kernel-image/build.sh');
    machine = await restoreMachine();
    console.log(`browser kernel: restored in ${machine.startMs} ms under Node`);
  }, 120_000);
  afterAll(async () => machine?.close());

  it('serves exactly the files its manifest names, and names every Debian package with its source version', () => {
    const m = readManifest();
    for (const [name, f] of Object.entries(m.files)) {
      if (!f.sha256) continue;
      const data = readFileSync(join(KERNEL_DIR, name));
      expect(data.byteLength, name).toBe(f.bytes);
      expect(createHash('sha256').update(data).digest('hex'), name).toBe(f.sha256);
    }
    const names = m.packages.map((p) => p.package);
    for (const p of ['busybox-static', 'ipvsadm', 'iproute2', 'iptables', 'python3.11-minimal', `linux-image-${m.kernel}`]) expect(names).toContain(p);
    for (const p of m.packages) {
      expect(p.version, p.package).toMatch(/^\S+$/);
      expect(p.source, p.package).toMatch(/^[a-z0-9][a-z0-9.+-]+$/);
      expect(p.sourceVersion, p.package).toMatch(/^\S+$/);
    }
  });

  it('answers over the serial protocol: output, exit status, a long answer intact', async () => {
    const r = await machine.run('uname -r; echo "to stderr" >&2; exit 3\n');
    expect(r.status).toBe(3);
    expect(r.output).toContain(readManifest().kernel);
    expect(r.output).toContain('to stderr');
    const long = await machine.run("i=0; while [ $i -lt 2000 ]; do echo \"line $i of a long answer\"; i=$((i+1)); done\n");
    const lines = long.output.trim().split('\n');
    expect(lines).toHaveLength(2000);
    expect(lines[1999]).toBe('line 1999 of a long answer');
  });

  it('has IPVS with every scheduler Linux 6.1 has, real ipvsadm, and namespaces', async () => {
    const r = await machine.run('ipvsadm -A -t 192.0.2.10:80 -s mh -b mh-port && ipvsadm -Ln && ipvsadm -C && /bin/ip netns add t1 && /bin/ip netns list && /bin/ip netns del t1; ls /proc/net/ip_vs*; lsmod | grep -c "^ip_vs_"\n');
    expect(r.status).toBe(0);
    expect(r.output).toContain('TCP  192.0.2.10:80 mh (mh-port)');
    expect(r.output).toContain('t1');
    expect(Number(r.output.trim().split('\n').at(-1))).toBe(13);
  });

  const cases: LabConfig[] = [
    { scheduler: 'wlc', weights: [1, 3, 2, 1], pattern: 'steady', connections: 100 },
    { scheduler: 'sh', weights: [1, 3, 2, 1], pattern: 'heavy-clients', connections: 100 },
    { scheduler: 'lblcr', weights: [2, 1, 1, 1], pattern: 'failing-server', connections: 100 },
    { scheduler: 'mh', weights: [1, 3, 2, 1], pattern: 'long-lived', connections: 100 },
  ];
  for (const cfg of cases) {
    it(`the scheduler lab's ${cfg.scheduler} on ${cfg.pattern} traffic: the kernel picks what the engine picks`, async () => {
      const { scenario, labPicks } = labScenario(cfg, 100);
      const r = await machine.run(schedulerReplayScript(scenario), 300_000);
      const kernel = readSchedulerReplay(r.output);
      expect(kernel.picks).toHaveLength(100);
      // The browser's kernel is i386: the engine agrees with it as a 32-bit kernel (hsiphash is HalfSipHash there).
      expect(differences(kernel.picks, replay(scenario, 1, 32).picks)).toEqual([]);
      // The lab models a 64-bit director: the same picks, except mh's, whose table comes from hsiphash.
      if (cfg.scheduler === 'mh') expect(differences(kernel.picks, labPicks).length).toBeGreaterThan(0);
      else expect(differences(kernel.picks, labPicks)).toEqual([]);
    }, 300_000);
  }

  // The console's real-kernel switch keeps one director alive across lines (ipvsadm-live.py): the
  // conformance scripts, sent through it, read as they do on the user-mode kernel and the engine.
  for (const name of ['33-traffic-nat', '36-traffic-refused']) {
    it(`the console's live director answers ${name} as the engine does`, async () => {
      const file = join(import.meta.dirname, 'ipvsadm', `${name}.txt`);
      const text = readFileSync(file, 'utf8');
      const lines = parseScript(text).map((st) => ({ line: st.line, stdin: st.stdin }));
      expect((await machine.run(liveResetScript, 60_000)).status).toBe(0);
      const started = Date.now();
      const r = await machine.run(liveScript(lines), liveTimeoutMs(lines));
      const results = readLive(r.output, lines.length);
      const real = lines.map((l, i) => `$ ${l.line}\n${results[i]!.out}[exit ${results[i]!.status}]\n`).join('');
      const both = reconcile(transcript(text), real, (Date.now() - started) / 1000);
      expect(both.real).toBe(both.sim);
    }, 300_000);
  }

  // The playground's real-kernel run: an example and its generated peer under real keepalived 2.2.7,
  // elected, router 1 stopped; every state change as the simulation has it, and the IPVS table built.
  for (const id of ['unicast', 'sync']) {
    it(`the playground's ${id} example elects under real keepalived as the simulation does`, async () => {
      const text = EXAMPLES.find((e) => e.id === id)!.text;
      const peer = peerConfig(text);
      const models = [parseConfig(text).model, parseConfig(peer).model] as [ReturnType<typeof parseConfig>['model'], ReturnType<typeof parseConfig>['model']];
      const { stopAt, until, startGap } = pairTiming(models[0].instances.map((i) => i.advertInt));
      const r = await machine.run(pairScript({ configs: [text, peer], addresses: pairAddresses(models), stopAt, until, startGap }), (until + 120) * 1000);
      const real = readPair(r.output);
      const { sim, diffs, elected } = compareWithSimulation(models, real, stopAt, until);
      expect(elected).toBe(true);
      expect(diffs, `real ${JSON.stringify(real.transitions)}\nsim ${JSON.stringify(sim)}\nprocesses: ${real.processes}\n${real.logs.join('\n')}`).toEqual([]);
      // Router 1 was MASTER before it stopped, router 2 after.
      const masters = real.transitions.filter((t) => t.state === 'MASTER').map((t) => t.router);
      expect(masters[0]).toBe(0);
      expect(masters.at(-1)).toBe(1);
      if (models[0].virtualServers.length) expect(real.ipvs.before[0]).toMatch(/^(TCP|UDP|FWM)\s/m);
    }, 300_000);
  }

  // The packet player's and the hook explorer's runs: the test suite's forwarding experiment, here.
  const forwarding: Array<[Mode, BreakName | undefined]> = [['nat', undefined], ['dr', undefined], ['tun', undefined], ['dr', 'arp']];
  for (const [mode, brk] of forwarding) {
    it(`the packet player's VS/${mode.toUpperCase()}${brk ? ` with the ${brk} break` : ''}: every segment as tcpdump saw it is the animation's`, async () => {
      const r = await machine.run(packetRunScript(mode, brk), 180_000);
      const files = readRunFiles(r.output, runTag(mode, brk));
      const breaks = brk ? [brk] : [];
      const captures: Record<string, CapturedFrame[]> = {};
      for (const link of topology(mode, breaks).links) captures[link] = parseCapture(files[`${link}.txt`] ?? '');
      expect(Object.values(captures).flat().length).toBeGreaterThan(5);
      const journey = runJourney({ mode, breaks });
      expect((files['client.txt'] ?? '').startsWith('delivered')).toBe(journey.outcome.delivered);
      expect(compareCaptures(journey, captures, brk)).toEqual([]);
    }, 200_000);
  }
  // Every case, one after another on the same machine, as a reader clicks through the explorer's scenarios: a run
  // must read its own TRACE lines only (busybox's dmesg has no -C; the runs after the first once read old lines).
  for (const c of TRACE_CASES) {
    it(`the hook explorer's ${c.scenario}: iptables TRACE passes the model's hooks and tables`, async () => {
      const r = await machine.run(packetRunScript(c.mode, undefined, { trace: c.node }), 180_000);
      const lines = parseTrace(readRunFiles(r.output, runTag(c.mode, undefined, c.node))['trace.txt'] ?? '');
      expect(lines.length).toBeGreaterThan(0);
      c.packets.forEach((flags, n) => expect(packetPath(lines, flags)).toEqual(modelPath(c.scenario, n)));
    }, 200_000);
  }
});
