/** Replays scheduler scenarios on the real kernel in one boot, and returns each one's picks (or why it failed). */
import type { Scenario } from '../../src/sim/schedulers';
import { bootGuest } from './harness';

export type KernelPicks = Record<string, { picks?: Array<number | null>; error?: string; ms: number }>;

export async function replayOnKernel(items: Array<{ id: string; scenario: Scenario }>, timeoutMs = 1_200_000): Promise<{ results: KernelPicks; ms: number }> {
  const run = await bootGuest('modprobe ip_vs; /usr/bin/python3 "$GUEST/replay-schedulers.py" "$WORK/in/scenarios.json" "$WORK/out/picks.json"', {
    inputs: { 'scenarios.json': JSON.stringify(items) },
    timeoutMs,
  });
  const text = run.files['picks.json'];
  if (!text) throw new Error(`the guest wrote no picks\n${run.files['.stderr'] ?? ''}\n${run.console.slice(-3000)}`);
  return { results: JSON.parse(text) as KernelPicks, ms: run.ms };
}
