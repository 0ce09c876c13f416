/**
 * Network namespaces for conformance tests: created with unique names, always removed.
 * Requires root and iproute2; every helper throws with a readable message when a command fails.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';

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

export class Namespaces {
  private names: string[] = [];
  private children: ChildProcess[] = [];
  constructor(private readonly prefix: string) {}

  add(short: string): string {
    const name = `${this.prefix}-${process.pid}-${short}`;
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
    for (const n of this.names.reverse()) {
      try {
        execFileSync('ip', ['netns', 'pids', n], { encoding: 'utf8' })
          .split(/\s+/).filter(Boolean).forEach((pid) => { try { process.kill(Number(pid), 'SIGKILL'); } catch { /* gone */ } });
        execFileSync('ip', ['netns', 'del', n], { stdio: 'ignore' });
      } catch { /* already gone */ }
    }
    this.names = [];
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
