/**
 * A console session on one simulated director: lines typed one at a time (a here-document collects
 * the lines up to its end word as the command's stdin), the console's own `help` and `clear`, and the
 * steps run so far, which a shared link replays. The views only print what this returns.
 */
import { Director, runLine, type Result } from './run';
import type { Step } from './script';

export type Entry =
  | { kind: 'command'; line: string; stdin: string; result: Result }
  | { kind: 'more'; line: string }
  | { kind: 'help' }
  | { kind: 'clear' };

export class Session {
  readonly director = new Director();
  /** Steps that ran, in order (what a link carries). */
  readonly steps: Step[] = [];
  private pending: { line: string; end: string; body: string[] } | undefined;

  /** True while a here-document is being typed. */
  get continuing(): boolean {
    return this.pending !== undefined;
  }

  enter(raw: string): Entry {
    const line = raw.replace(/\r$/, '');
    if (this.pending) {
      if (line === this.pending.end) {
        const { line: cmd, body } = this.pending;
        this.pending = undefined;
        return this.run(cmd, body.map((b) => `${b}\n`).join(''));
      }
      this.pending.body.push(line);
      return { kind: 'more', line };
    }
    const trimmed = line.trim();
    if (trimmed === 'help') return { kind: 'help' };
    if (trimmed === 'clear') return { kind: 'clear' };
    const here = /<<\s*'?(\w+)'?\s*$/.exec(line);
    if (here) {
      this.pending = { line, end: here[1]!, body: [] };
      return { kind: 'more', line };
    }
    return this.run(line, '');
  }

  private run(line: string, stdin: string): Entry {
    if (!line.trim() || line.trimStart().startsWith('#')) return { kind: 'command', line, stdin, result: { stdout: '', stderr: '', exit: 0 } };
    const result = runLine(this.director, line, stdin);
    this.steps.push({ line, stdin });
    return { kind: 'command', line, stdin, result };
  }
}
