/**
 * Network namespaces for conformance tests: created with unique names, always removed.
 * Requires root and iproute2; every helper throws with a readable message when a command fails.
 * Every name carries this run's id (scripts/run-id.mjs): `lvs-lab-ns-<run id>-<prefix>-<name>`,
 * and the temporary folders `lvs-lab-ns-<run id>-<prefix>-XXXXXX`. The first Namespaces of a
 * process removes what runs that provably ended left behind (a killed run), and nothing else.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RUN_ID, isLeftOver } from '../../../scripts/run-id.mjs';

/** The prefix of every namespace and folder the conformance suite makes. */
export const NS_PREFIX = 'lvs-lab-ns-';

export function sh(cmd: string, args: string[], input?: string): string {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'], timeout: 20_000 });
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new Error(`${cmd} ${args.join(' ')} failed: ${err.stderr || err.message}`);
  }
}

export function requireTools(...tools: string[]): void {
  if (process.getuid?.() !== 0) throw new Error('conformance tests need root (network namespaces)');
  for (const t of tools) {
    try {
      execFileSync('sh', ['-c', `command -v ${t} || test -x /usr/sbin/${t}`], { stdio: 'ignore' });
    } catch {
      throw new Error(`conformance tests need '${t}' (bash scripts/system-deps.sh installs it)`);
    }
  }
}

function netnsList(): string[] {
  try {
    return execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' }).split('\n').map((l) => l.split(' ')[0]!).filter(Boolean);
  } catch {
    return [];
  }
}

/** Kills what runs inside a namespace (all of it started by the run whose name it bears), then deletes it. */
function deleteNamespace(n: string): void {
  try {
    execFileSync('ip', ['netns', 'pids', n], { encoding: 'utf8' })
      .split(/\s+/).filter(Boolean).forEach((pid) => { try { process.kill(Number(pid), 'SIGKILL'); } catch { /* gone */ } });
    execFileSync('ip', ['netns', 'del', n], { stdio: 'ignore' });
  } catch { /* already gone */ }
}

/**
 * Removes the namespaces and folders of conformance runs that are over (their run id proves it),
 * with what still runs inside those namespaces. Returns what it removed.
 */
export function removeLeftOvers(): string[] {
  const removed: string[] = [];
  for (const n of netnsList()) {
    if (!isLeftOver(n, NS_PREFIX)) continue;
    deleteNamespace(n);
    removed.push(n);
  }
  for (const f of readdirSync(tmpdir())) {
    if (!isLeftOver(f, NS_PREFIX)) continue;
    rmSync(join(tmpdir(), f), { recursive: true, force: true });
    removed.push(join(tmpdir(), f));
  }
  return removed;
}

let leftOversChecked = false;

export class Namespaces {
  private names: string[] = [];
  private folders: string[] = [];
  private children: ChildProcess[] = [];
  constructor(private readonly prefix: string) {
    if (!leftOversChecked && process.getuid?.() === 0) {
      leftOversChecked = true;
      removeLeftOvers();
    }
  }

  /** A temporary folder of this run's, removed by cleanup(). */
  tempDir(): string {
    const dir = mkdtempSync(join(tmpdir(), `${NS_PREFIX}${RUN_ID}-${this.prefix}-`));
    this.folders.push(dir);
    return dir;
  }

  add(short: string): string {
    const name = `${NS_PREFIX}${RUN_ID}-${this.prefix}-${short}`;
    sh('ip', ['netns', 'add', name]);
    this.names.push(name);
    sh('ip', ['-n', name, 'link', 'set', 'lo', 'up']);
    return name;
  }

  /** A veth pair between two namespaces, with addresses, both ends up. */
  link(a: string, aDev: string, aAddr: string, b: string, bDev: string, bAddr: string): void {
    sh('ip', ['link', 'add', aDev, 'netns', a, 'type', 'veth', 'peer', 'name', bDev, 'netns', b]);
    sh('ip', ['-n', a, 'addr', 'add', aAddr, 'dev', aDev]);
    sh('ip', ['-n', b, 'addr', 'add', bAddr, 'dev', bDev]);
    sh('ip', ['-n', a, 'link', 'set', aDev, 'up']);
    sh('ip', ['-n', b, 'link', 'set', bDev, 'up']);
  }

  exec(ns: string, cmd: string, args: string[], input?: string): string {
    return sh('ip', ['netns', 'exec', ns, cmd, ...args], input);
  }

  spawn(ns: string, cmd: string, args: string[]): ChildProcess {
    const child = spawn('ip', ['netns', 'exec', ns, cmd, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.children.push(child);
    return child;
  }

  /** Kill what we started and delete every namespace; never throws. */
  cleanup(): void {
    for (const c of this.children) if (c.exitCode === null) c.kill('SIGKILL');
    for (const n of this.names.reverse()) deleteNamespace(n);
    for (const d of this.folders) rmSync(d, { recursive: true, force: true });
    this.names = [];
    this.folders = [];
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` until it is true or `ms` passes. */
export async function waitFor(check: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(25);
  }
}
