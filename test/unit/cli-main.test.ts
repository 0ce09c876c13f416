import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import type { Io } from '../../src/cli/io';

function capture(): Io & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out: (t: string) => void (io.stdout += t + '\n'),
    err: (t: string) => void (io.stderr += t + '\n'),
    readFile: async () => '',
  };
  return io;
}

describe('lvs-lab', () => {
  it('prints usage and exits 2 with no command, 0 with --help', async () => {
    const a = capture();
    expect(await main([], a)).toBe(2);
    expect(a.stdout).toMatch(/^usage: lvs-lab <command>/);
    const b = capture();
    expect(await main(['--help'], b)).toBe(0);
  });

  it('names an unknown command and exits 2', async () => {
    const io = capture();
    expect(await main(['frobnicate'], io)).toBe(2);
    expect(io.stderr).toContain("unknown command 'frobnicate'");
  });
});
