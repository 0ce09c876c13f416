/**
 * "Download as a lab", for real: the script the playground writes for each of its examples is run in
 * Linux 6.1 (user-mode Linux) with real keepalived. In every example with a vrrp_instance, director 1
 * (the reader's config) must be elected MASTER of each instance and hold its VIPs while director 2 (the
 * generated peer) stays BACKUP; director 1's IPVS table must be the one the playground prints
 * (src/sim/ipvs, byte for byte); a client's HTTP request to each TCP virtual server must be answered by
 * one of its real servers through the forwarding method the config names; and `down` must leave no
 * namespace behind. The broken example shows keepalived refusing what keepalived -t refuses.
 */
import { expect, it } from 'vitest';
import { parseConfig } from '../../src/keepalived';
import { labScript } from '../../src/keepalived/editor/lab-script';
import { ipvsTableFromModel, listNumeric } from '../../src/sim/ipvs';
import { EXAMPLES } from '../../src/components/playground/examples';
import { bootOnce, kernelDescribe } from './suite';

const scripts = EXAMPLES.map((e) => {
  const r = parseConfig(e.text);
  return labScript({ text: e.text, model: r.model, errors: r.diagnostics.filter((d) => d.severity === 'error').map((d) => ({ line: d.line, message: d.message })) });
});

// For each example: up, wait until director 1 has entered MASTER for each of its instances (at most
// 15 s), let the health checks run, then status, the logs and the table, then down.
const GUEST = `
for m in ip_vs ip_vs_rr ip_vs_wrr ip_vs_wlc ip_vs_lc veth bridge ipip nf_conntrack; do modprobe $m || true; done
for f in "$WORK"/in/lab-*.sh; do
  n=\${f##*/lab-}; n=\${n%.sh}
  export LVSLAB_ID="lab$n" LVSLAB_DIR="$TMPDIR/lab$n"
  want=$(cat "$WORK/in/want-$n")
  sh "$f" up > "$WORK/out/$n.up" 2>&1 || echo "up failed: $?" >> "$WORK/out/$n.up"
  for i in $(seq 150); do
    got=$(grep -c "Entering MASTER STATE" "$LVSLAB_DIR/d1.log" 2>/dev/null || true)
    [ "\${got:-0}" -ge "$want" ] && [ "$want" -gt 0 ] && break
    sleep 0.1
  done
  sleep 2
  ip netns exec "lab$n-d1" ipvsadm -Ln > "$WORK/out/$n.ln" 2>&1 || true
  sh "$f" status > "$WORK/out/$n.status" 2>&1 || true
  cp "$LVSLAB_DIR/d1.log" "$WORK/out/$n.d1log" 2>/dev/null || true
  cp "$LVSLAB_DIR/d2.log" "$WORK/out/$n.d2log" 2>/dev/null || true
  ip netns exec "lab$n-d1" ip -4 -o addr show > "$WORK/out/$n.d1addr" 2>&1 || true
  ip netns exec "lab$n-d2" ip -4 -o addr show > "$WORK/out/$n.d2addr" 2>&1 || true
  sh "$f" down > "$WORK/out/$n.down" 2>&1 || true
  ip netns list > "$WORK/out/$n.left" 2>&1
done
`;

kernelDescribe('the playground\'s "Download as a lab" scripts, run on a real kernel', () => {
  const guest = bootOnce(() => ({
    script: GUEST,
    inputs: Object.fromEntries(EXAMPLES.flatMap((e, i) => {
      const model = parseConfig(e.text).model;
      // The broken example names no valid instance: nothing to wait for.
      const want = e.valid ? model.instances.length : 0;
      return [[`lab-${i}.sh`, scripts[i]!], [`want-${i}`, String(want)]];
    })),
    timeoutMs: 600_000,
  }));

  it('every script is valid POSIX sh with a header saying what it creates and how to clean up', () => {
    for (const s of scripts) {
      expect(s.startsWith('#!/bin/sh\n')).toBe(true);
      expect(s).toMatch(/What it creates/);
      expect(s).toMatch(/sh lab\.sh down +remove everything it made/);
    }
  });

  EXAMPLES.forEach((e, i) => {
    it(`${e.id}: ${e.valid ? 'director 1 is elected, holds the VIPs, builds the table; clients are served' : 'keepalived refuses what keepalived -t refuses'}`, () => {
      const run = guest();
      const f = (k: string) => run.files[`${i}.${k}`] ?? '';
      const model = parseConfig(e.text).model;
      expect(f('up'), f('up')).toContain('is up');
      expect(f('left'), 'down left namespaces behind').not.toMatch(new RegExp(`lab${i}-`));
      if (!e.valid) {
        if (e.id === 'broken') {
          expect(f('d1log')).not.toContain('Entering MASTER STATE');
          expect(scripts[i]).toMatch(/keepalived -t rejects this config \(\d+ errors\)/);
        }
        return;
      }
      // Both directors start at once, so the peer may be master for a moment before it hears director 1:
      // what counts is where each instance ends.
      const lastState = (log: string, name: string) => [...log.matchAll(new RegExp(`\\(${name}\\) Entering (\\w+) STATE`, 'g'))].at(-1)?.[1];
      for (const inst of model.instances) {
        expect(lastState(f('d1log'), inst.name), `d1 log:\n${f('d1log').slice(-3000)}`).toBe('MASTER');
        expect(lastState(f('d2log'), inst.name), `d2 log:\n${f('d2log').slice(-3000)}`).toBe('BACKUP');
        for (const v of inst.virtualIps) {
          expect(f('d1addr')).toContain(` ${v.address.split('/')[0]}/`);
          expect(f('d2addr')).not.toContain(` ${v.address.split('/')[0]}/`);
        }
      }
      expect(f('ln')).toBe(listNumeric(ipvsTableFromModel(model).services));
      for (const vs of model.virtualServers.filter((v) => (v.protocol ?? 'TCP') === 'TCP' && v.address)) {
        const line = f('status').split('\n').find((l) => l.startsWith(`== client -> ${vs.address}:${vs.port}: `)) ?? '';
        const answer = line.split(': ').slice(1).join(': ');
        expect(vs.realServers.map((r) => `${r.address}:${r.port}`), `status:\n${f('status')}`).toContain(answer);
      }
    });
  });
});
