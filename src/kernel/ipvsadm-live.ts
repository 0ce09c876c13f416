/**
 * The console's lines on the browser's real kernel: test/kernel/guest/ipvsadm-live.py keeps one
 * director (and its network and clients) alive across runs, so each line the reader types is one
 * short run. Pure: the script to send, and the reading of the answer.
 */
export interface LiveLine {
  line: string;
  stdin?: string;
}

export interface LiveResult {
  out: string;
  status: number;
}

const END = 'LVS_LAB_LINES_END';

export function liveScript(lines: LiveLine[]): string {
  return [`cat > /tmp/lines.json <<'${END}'`, JSON.stringify(lines), END, 'python3 /guest/ipvsadm-live.py /tmp/lines.json', ''].join('\n');
}

/** Tears the director down: the next line builds a fresh one. */
export const liveResetScript = 'python3 /guest/ipvsadm-live.py reset\n';

export function readLive(output: string, count: number): LiveResult[] {
  const line = output.split('\n').find((l) => l.startsWith('LIVE '));
  if (!line) throw new Error(`the real director did not answer:\n${output.slice(-1500)}`);
  const results = JSON.parse(line.slice(5)) as LiveResult[];
  if (!Array.isArray(results) || results.length !== count) throw new Error(`the real director answered ${Array.isArray(results) ? results.length : 'no'} results for ${count} lines`);
  return results;
}

/** How long a batch may take: a minute, plus every `sleep` in it (time passes for real there). */
export function liveTimeoutMs(lines: LiveLine[]): number {
  let secs = 60 + lines.length * 10;
  for (const { line } of lines) {
    const m = /^\s*sleep\s+(\d+(?:\.\d+)?)([smhd]?)\s*$/.exec(line);
    if (m) secs += Number(m[1]) * ({ '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as ''] ?? 1);
  }
  return secs * 1000;
}
