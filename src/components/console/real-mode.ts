/**
 * The console's real-kernel switch: the same lines go to real ipvsadm on the browser's kernel
 * (src/kernel, test/kernel/guest/ipvsadm-live.py), and the simulated director keeps running beside
 * it, so the console can say plainly where the two differ. Loaded only when the reader switches on.
 */
import { runOnKernel, startKernel } from '../../kernel/client';
import { liveResetScript, liveScript, liveTimeoutMs, readLive, type LiveLine, type LiveResult } from '../../kernel/ipvsadm-live';
import { reconcile } from '../../sim/ipvsadm/reconcile';
import { errorText, progressText, readyText } from '../kernel/words';

export interface RealDirector {
  /** Runs lines on the real director; resolves with each one's output and exit status. */
  run(lines: LiveLine[]): Promise<LiveResult[]>;
  /** Seconds since the real director was built (its clock runs; the simulated one does not). */
  age(): number;
}

/** Starts the kernel, builds a fresh real director and replays `earlier` on it. */
export async function startReal(base: string, lang: string, earlier: LiveLine[], say: (text: string) => void): Promise<{ director: RealDirector; info: string; replayed: LiveResult[] }> {
  try {
    const info = await startKernel(base, (p) => say(progressText(p, lang)));
    await runOnKernel(base, liveResetScript, { timeoutMs: 60_000 });
    const built = performance.now();
    const run = async (lines: LiveLine[]) => {
      if (!lines.length) return [];
      const r = await runOnKernel(base, liveScript(lines), { timeoutMs: liveTimeoutMs(lines) });
      return readLive(r.output, lines.length);
    };
    const replayed = await run(earlier);
    return { director: { run, age: () => (performance.now() - built) / 1000 }, info: readyText(info, lang), replayed };
  } catch (err) {
    throw new Error(errorText(err, lang));
  }
}

/** A connection entry's client port (ipvsadm -Lc): protocol, expire, state, then ADDR:PORT. */
const CLIENT_PORT = /^((?:TCP|UDP) \S+ +\S+ +\d+\.\d+\.\d+\.\d+:)(\d+)\b/gm;

/**
 * Whether the real output differs from the simulated one beyond what wall time and the kernel's own
 * choices decide: reconcile's tolerances, and the client port of a curl, which the kernel picks from
 * ip_local_port_range (32768–60999) where the simulation counts up from 32768. Ports `connect` chose
 * (the same on both sides) are still compared.
 */
export function differs(sim: LiveResult, real: LiveResult, ageSeconds: number): boolean {
  if (sim.status !== real.status) return true;
  const simPorts = new Set([...sim.out.matchAll(CLIENT_PORT)].map((m) => Number(m[2])));
  const ephemeral = (p: number, mine: boolean) => (mine ? p >= 32768 && p < 40000 : p >= 32768 && p <= 60999 && !(p >= 40000 && simPorts.has(p)));
  const port = (t: string, mine: boolean) => t.replace(CLIENT_PORT, (all, head: string, p: string) => (ephemeral(Number(p), mine) ? `${head}EPHEMERAL` : all));
  const r = reconcile(port(sim.out, true), port(real.out, false), ageSeconds);
  return r.sim !== r.real;
}
