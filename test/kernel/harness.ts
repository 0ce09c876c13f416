/**
 * A real Linux kernel with IPVS for the test suite: Debian's user-mode Linux (../../../shared/KERNEL-LAB.md).
 * `bootGuest` boots it once with a shell script as PID 1, in a folder of its own under the system's
 * temporary directory (named with this run's id), and returns what the guest wrote there. The guest
 * sees the host's files through hostfs, so the script writes only under $WORK. A timeout kills the
 * whole guest (its process group); the folder is always removed. One boot serves many scenarios:
 * the script runs them all and writes one result file.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, rmSync, readdirSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RUN_ID, isLeftOver } from '../../scripts/run-id.mjs';

export const UML = '/usr/bin/linux.uml';
export const GUEST_DIR = join(dirname(fileURLToPath(import.meta.url)), 'guest');
/** Every folder and guest of this run carries its run id (scripts/run-id.mjs), so a later run can tell them apart. */
export { RUN_ID };
export const PREFIX = 'lvs-lab-kernel-';

export interface GuestRun {
  /** Files the guest wrote under $WORK/out, by name. */
  files: Record<string, string>;
  /** The kernel's console (boot messages, and the script's stdout and stderr). */
  console: string;
  /** Wall time of the whole boot, in milliseconds. */
  ms: number;
}

export interface GuestOptions {
  /** Inputs the script reads, written to $WORK/in/NAME before the boot. */
  inputs?: Record<string, string>;
  timeoutMs?: number;
  memMb?: number;
}

/** Why the kernel lab cannot run here, or null when it can. */
export function kernelLabMissing(): string | null {
  if (process.getuid?.() !== 0) return 'the kernel suite needs root (hostfs writes as root, namespaces in the guest)';
  for (const tool of [UML, '/usr/sbin/ipvsadm', '/usr/bin/python3']) if (!existsSync(tool)) return `${tool} is missing (bash scripts/system-deps.sh installs it)`;
  return null;
}

/**
 * Removes what a killed earlier run left behind: guests still running (a UML kernel whose
 * `umid=lvs-lab-<run id>-…` names a run that is over) and folders (PREFIX + run id). Only names
 * that carry a run id are considered, and only runs that provably ended (scripts/run-id.mjs):
 * never another live run's, never a process this suite did not start.
 */
export function removeStaleRuns(): string[] {
  const removed: string[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    let cmd: string[];
    try {
      cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    if (cmd[0] !== UML) continue;
    const umid = cmd.find((a) => a.startsWith('umid='))?.slice('umid='.length);
    if (!umid || !isLeftOver(umid, 'lvs-lab-')) continue;
    // The guest runs in a process group of its own (spawned detached): end all of it.
    killGroup(Number(pid));
    removed.push(`guest ${umid} (pid ${pid})`);
  }
  for (const name of readdirSync(tmpdir())) {
    if (!isLeftOver(name, PREFIX)) continue;
    const path = join(tmpdir(), name);
    if (statSync(path).isDirectory()) {
      rmSync(path, { recursive: true, force: true });
      removed.push(path);
    }
  }
  return removed;
}

export async function bootGuest(script: string, opts: GuestOptions = {}): Promise<GuestRun> {
  const missing = kernelLabMissing();
  if (missing) throw new Error(missing);
  const work = mkdtempSync(join(tmpdir(), `${PREFIX}${RUN_ID}-`));
  try {
    for (const sub of ['in', 'out', 'uml']) mkdirSync(join(work, sub), { recursive: true });
    for (const [name, text] of Object.entries(opts.inputs ?? {})) writeFileSync(join(work, 'in', name), text);
    const prelude = readFileSync(join(GUEST_DIR, 'prelude.sh'), 'utf8');
    const init = `${prelude.replace('#!/bin/sh', `#!/bin/sh\nWORK='${work}'; GUEST='${GUEST_DIR}'; export WORK GUEST`)}\n${script}\n}\nguest_main > "$WORK/out/.stdout" 2> "$WORK/out/.stderr"\necho "guest-exit $?" > "$WORK/out/.status"\n`;
    const initPath = join(work, 'init.sh');
    writeFileSync(initPath, init, { mode: 0o755 });
    const started = Date.now();
    const console = await runUml(work, initPath, opts.memMb ?? 768, opts.timeoutMs ?? 300_000);
    const files: Record<string, string> = {};
    for (const name of readdirSync(join(work, 'out'))) files[name] = readFileSync(join(work, 'out', name), 'utf8');
    if (!files['.status']) throw new Error(`the guest did not finish its script\n--- console ---\n${console.slice(-4000)}\n--- stderr ---\n${files['.stderr'] ?? ''}`);
    return { files, console, ms: Date.now() - started };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function runUml(work: string, init: string, memMb: number, timeoutMs: number): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const umid = `lvs-lab-${RUN_ID}-${Date.now() % 1e6}`;
    // uml_dir keeps UML's pid file and control socket inside the run's folder; TMPDIR its memory file.
    const args = [`mem=${memMb}M`, 'log_buf_len=4M', 'rootfstype=hostfs', 'rw', `init=${init}`, `umid=${umid}`, `uml_dir=${join(work, 'uml')}`, 'con=null', 'con0=fd:0,fd:1'];
    const child = spawn(UML, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true, env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', TMPDIR: work } });
    let out = '';
    const keep = (b: Buffer) => {
      out += b.toString('utf8');
      if (out.length > 400_000) out = out.slice(-200_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => {
      killGroup(child.pid!);
      reject(new Error(`the kernel guest ran past ${timeoutMs} ms and was killed\n--- console ---\n${out.slice(-4000)}`));
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('exit', () => {
      clearTimeout(timer);
      // UML's helper threads are processes of the same group: make sure none outlives the kernel.
      killGroup(child.pid!);
      resolvePromise(out);
    });
  });
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    /* already gone */
  }
}
