import { describe, expect, it } from 'vitest';
import { CALLBACKS, HOOKS, SCENARIOS, hooksOf, scenarioNamed, traceRun, traceJson, inPriorityOrder } from './index';
import { main } from '../../cli/main';

describe('callbacks on each hook', () => {
  it('are listed in the order the kernel runs them: ascending priority', () => {
    for (const h of HOOKS) expect(CALLBACKS[h]).toEqual(inPriorityOrder(CALLBACKS[h]));
  });

  it('put IPVS where ip_vs_ops4 registers it: after filter and before SNAT on LOCAL_IN, after DNAT on LOCAL_OUT', () => {
    const at = (h: (typeof HOOKS)[number]) => CALLBACKS[h].filter((c) => c.owner === 'ipvs').map((c) => [c.fn, c.priority]);
    expect(at('LOCAL_IN')).toEqual([['ip_vs_out_hook', 98], ['ip_vs_in_hook', 99]]);
    expect(at('LOCAL_OUT')).toEqual([['ip_vs_out_hook', -99], ['ip_vs_in_hook', -98]]);
    expect(at('FORWARD')).toEqual([['ip_vs_forward_icmp', 99], ['ip_vs_out_hook', 100]]);
    expect(at('PRE_ROUTING')).toEqual([]);
    expect(at('POST_ROUTING')).toEqual([]);
  });
});

describe('scenarios', () => {
  const expected: Record<string, string[]> = {
    'local-delivery': ['PRE_ROUTING', 'LOCAL_IN'],
    forward: ['PRE_ROUTING', 'FORWARD', 'POST_ROUTING'],
    'local-out': ['LOCAL_OUT', 'POST_ROUTING'],
    loopback: ['LOCAL_OUT', 'POST_ROUTING', 'PRE_ROUTING', 'LOCAL_IN', 'LOCAL_OUT', 'POST_ROUTING', 'PRE_ROUTING', 'LOCAL_IN'],
    // IPVS steals the request on LOCAL_IN and sends it out through LOCAL_OUT (ip_vs_xmit.c).
    'lvs-nat-request': ['PRE_ROUTING', 'LOCAL_IN', 'LOCAL_OUT', 'POST_ROUTING'],
    'lvs-nat-reply': ['PRE_ROUTING', 'FORWARD', 'POST_ROUTING'],
    'lvs-dr-director': ['PRE_ROUTING', 'LOCAL_IN', 'LOCAL_OUT', 'POST_ROUTING'],
    'lvs-dr-realserver': ['PRE_ROUTING', 'LOCAL_IN', 'LOCAL_OUT', 'POST_ROUTING'],
    'lvs-tun-request': ['PRE_ROUTING', 'LOCAL_IN', 'LOCAL_OUT', 'POST_ROUTING'],
  };

  it('cover every scenario the CLI promises, each passing the hooks the kernel source says', () => {
    expect(SCENARIOS.map((s) => s.name).sort()).toEqual(Object.keys(expected).sort());
    for (const s of SCENARIOS) expect(hooksOf(s), s.name).toEqual(expected[s.name]);
  });

  it('stop a hook at NF_STOLEN: the callbacks after ip_vs_in_hook never run', () => {
    const s = scenarioNamed('lvs-nat-request')!;
    const localIn = s.packets[0]!.steps.find((st) => st.kind === 'hook' && st.hook === 'LOCAL_IN');
    expect(localIn?.kind === 'hook' && localIn.verdict).toBe('STOLEN');
    if (localIn?.kind !== 'hook') return;
    expect(localIn.callbacks.map((c) => `${c.cb.fn}:${c.verdict}`)).toEqual([
      'iptable_mangle_hook:ACCEPT', 'iptable_filter_hook:ACCEPT', 'iptable_security_hook:ACCEPT',
      'ip_vs_out_hook:ACCEPT', 'ip_vs_in_hook:STOLEN', 'nf_nat_ipv4_local_in:skipped', 'ipv4_confirm:skipped',
    ]);
    // Stolen packets never reach the socket layer.
    expect(s.packets[0]!.steps.some((st) => st.kind === 'fn' && st.fn === 'ip_local_deliver_finish')).toBe(false);
  });

  it('the NAT reply is un-DNATed by ip_vs_out_hook on FORWARD, and a plain host has no IPVS callbacks', () => {
    const reply = traceJson(scenarioNamed('lvs-nat-reply')!);
    const fwd = reply.steps.find((s) => 'hook' in s && s.hook === 'FORWARD');
    expect(fwd && 'callbacks' in fwd ? fwd.callbacks.map((c) => c.fn) : []).toContain('ip_vs_out_hook');
    const plain = traceJson(scenarioNamed('forward')!);
    expect(plain.steps.flatMap((s) => ('callbacks' in s ? s.callbacks : [])).some((c) => c.owner === 'ipvs')).toBe(false);
  });

  it('every step has words in both languages', () => {
    for (const s of SCENARIOS) for (const p of s.packets) for (const st of p.steps) {
      expect(st.text.en, `${s.name} ${JSON.stringify(st).slice(0, 60)}`).not.toBe('');
      expect(st.text.zh).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('runs on the simulation core: one frame per step, and stepping back shows the previous hook', () => {
    const s = scenarioNamed('loopback')!;
    const tl = traceRun(s);
    expect(tl.frames.length).toBe(1 + s.packets.reduce((n, p) => n + p.steps.length, 0));
    const last = tl.frame(tl.frames.length - 1).state;
    expect(last.passed.map((p) => p.hook)).toEqual(hooksOf(s));
    expect(tl.frame(tl.frames.length - 2).state.passed.length).toBeLessThanOrEqual(last.passed.length);
  });
});

describe('lvs-lab trace', () => {
  const capture = () => {
    const io = { stdout: '', stderr: '', out: (t: string) => void (io.stdout += t + '\n'), err: (t: string) => void (io.stderr += t + '\n'), readFile: async () => '' };
    return io;
  };

  it('prints the hooks and steps as JSON', async () => {
    const io = capture();
    expect(await main(['trace', '--scenario', 'forward', '--json'], io)).toBe(0);
    const out = JSON.parse(io.stdout);
    expect(out.hooks).toEqual(['PRE_ROUTING', 'FORWARD', 'POST_ROUTING']);
    expect(out.steps.map((s: { fn?: string; hook?: string }) => s.hook ?? s.fn)).toContain('ip_forward');
  });

  it('lists the scenarios, and rejects an unknown one with exit 2', async () => {
    const io = capture();
    expect(await main(['trace', '--list'], io)).toBe(0);
    for (const s of SCENARIOS) expect(io.stdout).toContain(s.name);
    const bad = capture();
    expect(await main(['trace', '--scenario', 'nope'], bad)).toBe(2);
    expect(bad.stderr).toContain("no scenario 'nope'");
    expect(await main(['trace'], capture())).toBe(2);
  });
});
