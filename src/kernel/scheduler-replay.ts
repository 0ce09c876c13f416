/**
 * A scheduler scenario on the browser's real kernel: the guest script that replays it with
 * test/kernel/guest/replay-schedulers.py (the test suite's own replayer, carried in the image at
 * /guest), and the reading of its answer. Pure: the page sends the script with client.ts.
 */
import type { Scenario } from '../sim/schedulers/scenario';

/** A here-document delimiter no JSON text can contain (JSON has no bare newline-then-word lines). */
const EOF_MARK = 'LVS_LAB_SCENARIO_END';

export function schedulerReplayScript(scenario: Scenario): string {
  const input = JSON.stringify([{ id: 'lab', scenario }]);
  return [
    `cat > /tmp/scenarios.json <<'${EOF_MARK}'`,
    input,
    EOF_MARK,
    'python3 /guest/replay-schedulers.py /tmp/scenarios.json /tmp/picks.json || exit $?',
    'echo; echo "PICKS $(cat /tmp/picks.json)"',
    '',
  ].join('\n');
}

export interface KernelPicks {
  picks: Array<number | null>;
  /** Milliseconds the guest took (its own clock). */
  ms: number;
}

/** The replayer's answer, or an Error in its words. */
export function readSchedulerReplay(output: string): KernelPicks {
  const line = output.split('\n').find((l) => l.startsWith('PICKS '));
  if (!line) throw new Error(`the guest printed no picks:\n${output.slice(-1500)}`);
  let parsed: Record<string, { picks?: Array<number | null>; error?: string; ms?: number }>;
  try {
    parsed = JSON.parse(line.slice(6)) as typeof parsed;
  } catch {
    throw new Error(`the guest's picks are not JSON: ${line.slice(0, 200)}`);
  }
  const lab = parsed.lab;
  if (!lab) throw new Error('the guest answered for no scenario');
  if (lab.error) throw new Error(lab.error);
  if (!Array.isArray(lab.picks)) throw new Error('the guest answered without picks');
  return { picks: lab.picks, ms: lab.ms ?? 0 };
}

/** Where two pick lists differ (connection numbers). */
export const differences = (a: Array<number | null>, b: Array<number | null>): number[] =>
  Array.from({ length: Math.max(a.length, b.length) }, (_, i) => i).filter((i) => a[i] !== b[i]);
