/**
 * Command scripts, for `lvs-lab ipvsadm --script` and the conformance suite: one command per line
 * (blank lines and `#` comments skipped), a here-document (`ipvsadm -R <<EOF` … `EOF`) as the
 * command's stdin. The transcript prints, for each command, `$ LINE`, what it wrote to stdout, then
 * to stderr, then `[exit N]` — the same on the simulated director and on a real one.
 */
import { Director, runLine } from './run';

export interface Step {
  line: string;
  stdin: string;
}

export function parseScript(text: string): Step[] {
  const lines = text.split('\n');
  const steps: Step[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, '');
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    const here = /<<\s*'?(\w+)'?\s*$/.exec(line);
    let stdin = '';
    if (here) {
      const body: string[] = [];
      while (++i < lines.length && lines[i]!.replace(/\r$/, '') !== here[1]) body.push(lines[i]!.replace(/\r$/, ''));
      stdin = body.map((b) => `${b}\n`).join('');
    }
    steps.push({ line, stdin });
  }
  return steps;
}

export function transcript(text: string, dir = new Director()): string {
  return parseScript(text).map((s) => {
    const r = runLine(dir, s.line, s.stdin);
    return `$ ${s.line}\n${r.stdout}${r.stderr}[exit ${r.exit}]\n`;
  }).join('');
}
