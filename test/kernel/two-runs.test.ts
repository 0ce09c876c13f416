/**
 * Two runs at once never touch each other's namespaces, processes or files, and what a killed run
 * left behind is removed by the next run — and only that. Runs in miniature (./run-child.ts) make
 * what real runs make, with the same harness code (namespaces, folders, kernel guests).
 */
import { it, expect, afterAll } from 'vitest';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { kernelDescribe } from './suite';

interface Line { runId: string; ready?: boolean; done?: boolean; namespace?: string; dir?: string; sleeper?: number; guestTag?: string | null; removed?: string[] }

const here = mkdtempSync(join(tmpdir(), 'lvs-lab-two-runs-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  rmSync(here, { recursive: true, force: true });
});

function start(args: string[]): { child: ChildProcess; lines: Line[]; next: (p: (l: Line) => boolean, ms?: number) => Promise<Line> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/kernel/run-child.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const lines: Line[] = [];
  let err = '';
  child.stderr!.on('data', (b) => (err += b));
  createInterface({ input: child.stdout! }).on('line', (l) => lines.push(JSON.parse(l) as Line));
  const next = async (p: (l: Line) => boolean, ms = 60_000) => {
    const end = Date.now() + ms;
    for (;;) {
      const hit = lines.find(p);
      if (hit) return hit;
      if (Date.now() > end || (child.exitCode !== null && !lines.find(p))) throw new Error(`run ${args.join(' ')}: no such line; stderr: ${err}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return { child, lines, next };
}

const namespaces = () => execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' });
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
/** Kernel guests (linux.uml processes) whose umid names this run. */
const guestsOf = (runId: string) =>
  readdirSync('/proc').filter((p) => /^\d+$/.test(p)).filter((p) => {
    try {
      return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(`umid=lvs-lab-${runId}-`);
    } catch {
      return false;
    }
  });
const foldersOf = (runId: string) => readdirSync(tmpdir()).filter((f) => f.includes(`-${runId}-`));
const clean = async () => (await start(['--clean']).next((l) => l.removed !== undefined)).removed!;

kernelDescribe('two test runs at once', () => {
  it('keep to their own namespaces, processes and files; a killed run is cleaned up by the next, and only it', async () => {
    const holdA = join(here, 'hold-a');
    const holdB = join(here, 'hold-b');
    const a = start(['alpha', holdA]);
    const b = start(['beta', holdB]);
    const [ra, rb] = await Promise.all([a.next((l) => !!l.ready), b.next((l) => !!l.ready)]);
    expect(ra.runId).not.toBe(rb.runId);
    // Both guests are up at the same time.
    await expect.poll(() => guestsOf(ra.runId).length > 0 && guestsOf(rb.runId).length > 0, { timeout: 30_000 }).toBe(true);

    // A third run starting now removes nothing of theirs: both are alive.
    const none = await clean();
    expect(none.filter((r) => r.includes(ra.runId) || r.includes(rb.runId))).toEqual([]);
    for (const r of [ra, rb]) {
      expect(namespaces()).toContain(r.namespace!);
      expect(alive(r.sleeper!)).toBe(true);
      expect(existsSync(r.dir!)).toBe(true);
      expect(readFileSync(join(r.dir!, 'tag'), 'utf8')).toBe(r === ra ? 'alpha' : 'beta');
      expect(guestsOf(r.runId).length).toBeGreaterThan(0);
    }

    // Run A is killed: its namespace (with its process), folders and guest stay behind...
    a.child.kill('SIGKILL');
    await new Promise((r) => a.child.once('exit', r));
    expect(namespaces()).toContain(ra.namespace!);
    expect(alive(ra.sleeper!)).toBe(true);
    expect(guestsOf(ra.runId).length).toBeGreaterThan(0);
    // ...until the next run starts: it removes A's, and nothing of B's, which is still running.
    const removed = await clean();
    expect(removed.some((r) => r.includes(ra.namespace!))).toBe(true);
    expect(removed.some((r) => r.startsWith('guest ') && r.includes(ra.runId))).toBe(true);
    expect(removed.filter((r) => r.includes(rb.runId))).toEqual([]);
    expect(namespaces()).not.toContain(ra.namespace!);
    await expect.poll(() => alive(ra.sleeper!) || guestsOf(ra.runId).length > 0, { timeout: 10_000 }).toBe(false);
    await expect.poll(() => foldersOf(ra.runId), { timeout: 10_000 }).toEqual([]);
    expect(namespaces()).toContain(rb.namespace!);
    expect(alive(rb.sleeper!)).toBe(true);
    expect(existsSync(rb.dir!)).toBe(true);

    // B finishes on its own: its guest saw only its own input, and it leaves nothing behind.
    writeFileSync(holdB, '');
    const done = await b.next((l) => !!l.done, 120_000);
    expect(done.guestTag).toBe('beta');
    await new Promise((r) => (b.child.exitCode !== null ? r(null) : b.child.once('exit', r)));
    expect(namespaces()).not.toContain(rb.namespace!);
    expect(alive(rb.sleeper!)).toBe(false);
    expect(guestsOf(rb.runId)).toEqual([]);
    expect(foldersOf(rb.runId)).toEqual([]);
  });
});
