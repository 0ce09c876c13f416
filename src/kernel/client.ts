/**
 * The page's handle on the real kernel: one machine per page, shared by every lab on it, started
 * only when a reader asks. Scripts run one at a time, each with a timeout; a run that times out
 * leaves the machine in an unknown state, so the next run starts it afresh from the saved state.
 */
import type { FailReason, FromWorker, StartPhase } from './protocol';

export interface StartProgress {
  phase: StartPhase;
  loaded?: number;
  total?: number;
}

export interface RunResult {
  status: number;
  output: string;
  ms: number;
}

export interface KernelInfo {
  kernel: string;
  /** Bytes of the machine's files (the download when not kept). */
  bytes: number;
  ms: number;
  fromCache: boolean;
}

export class KernelError extends Error {
  constructor(readonly reason: FailReason | 'timeout' | 'unsupported', message: string, readonly lack?: Lack) {
    super(message);
  }
}

/** What a browser lacks to run the machine (each worded in the page's language by components/kernel/words.ts). */
export type Lack = { what: 'wasm' } | { what: 'worker' } | { what: 'memory'; gb: number };

interface Machine {
  worker: Worker;
  info: Promise<KernelInfo>;
  runs: Map<number, { resolve: (r: RunResult) => void; reject: (e: Error) => void; onOutput?: (s: string) => void }>;
  broken: boolean;
}

let machine: Machine | undefined;
const RESTORE_MS = 60_000;
let nextId = 1;
const listeners = new Set<(p: StartProgress) => void>();

/** What this browser lacks to run the machine, or undefined when it lacks nothing. */
export function unsupported(): Lack | undefined {
  if (typeof WebAssembly !== 'object') return { what: 'wasm' };
  if (typeof Worker !== 'function') return { what: 'worker' };
  const mem = (navigator as Navigator & { deviceMemory?: number }).deviceMemory;
  if (mem !== undefined && mem < 1) return { what: 'memory', gb: mem };
  return undefined;
}

const lackText = (l: Lack) => (l.what === 'wasm' ? 'no WebAssembly' : l.what === 'worker' ? 'no Web Workers' : `only ${l.gb} GB of memory (the machine needs about 350 MB)`);

function boot(base: string): Machine {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
  const runs: Machine['runs'] = new Map();
  let ready: (i: KernelInfo) => void = () => {};
  let fail: (e: Error) => void = () => {};
  const info = new Promise<KernelInfo>((res, rej) => {
    ready = res;
    fail = rej;
  });
  const m: Machine = { worker, info, runs, broken: false };
  // A download takes what the network takes; once the files are here, the machine answers in seconds or not at all.
  let restoring: ReturnType<typeof setTimeout> | undefined;
  const giveUp = (err: KernelError) => {
    m.broken = true;
    fail(err);
    for (const r of runs.values()) r.reject(err);
    runs.clear();
  };
  worker.onmessage = (e: MessageEvent<FromWorker>) => {
    const msg = e.data;
    switch (msg.type) {
      case 'progress':
        if (msg.phase === 'restore' && !restoring) restoring = setTimeout(() => giveUp(new KernelError('guest', `the saved machine did not answer within ${RESTORE_MS / 1000} s of being restored`)), RESTORE_MS);
        for (const l of listeners) l({ phase: msg.phase, loaded: msg.loaded, total: msg.total });
        break;
      case 'ready':
        clearTimeout(restoring);
        ready({ kernel: msg.kernel, bytes: msg.bytes, ms: msg.ms, fromCache: msg.fromCache });
        break;
      case 'failed':
        clearTimeout(restoring);
        m.broken = true;
        fail(new KernelError(msg.reason, msg.detail));
        break;
      case 'output':
        runs.get(msg.id)?.onOutput?.(msg.chunk);
        break;
      case 'done':
        runs.get(msg.id)?.resolve({ status: msg.status, output: msg.output, ms: msg.ms });
        runs.delete(msg.id);
        break;
      case 'timeout':
        runs.get(msg.id)?.reject(new KernelError('timeout', `no answer within ${Math.round(msg.ms / 1000)} s; the machine will start afresh for the next run. It had printed:\n${msg.output.slice(-2000)}`));
        runs.delete(msg.id);
        // Runs queued behind it would wait on a machine in an unknown state: they are told, and start afresh when asked again.
        giveUp(new KernelError('timeout', 'an earlier run on this page did not finish, so the machine starts afresh: run it again'));
        break;
    }
  };
  worker.onerror = (e) => giveUp(new KernelError('wasm', `the kernel's worker failed: ${e.message}`));
  worker.postMessage({ type: 'start', base });
  return m;
}

/** Starts the machine (or returns the running one). `base` is the site's base path, ending in /. */
export function startKernel(base: string, onProgress?: (p: StartProgress) => void): Promise<KernelInfo> {
  const lack = unsupported();
  if (lack) return Promise.reject(new KernelError('unsupported', `this browser cannot run the real kernel: ${lackText(lack)}`, lack));
  if (onProgress) listeners.add(onProgress);
  if (machine?.broken) {
    machine.worker.terminate();
    machine = undefined;
  }
  machine ??= boot(base);
  const m = machine;
  return m.info.finally(() => {
    if (onProgress) listeners.delete(onProgress);
  }).catch((err: unknown) => {
    if (machine === m) {
      m.worker.terminate();
      machine = undefined;
    }
    throw err;
  });
}

/** Runs a shell script on the machine (busybox sh); resolves with what it printed and its exit status. */
export async function runOnKernel(base: string, script: string, opts: { timeoutMs?: number; onOutput?: (chunk: string) => void; onProgress?: (p: StartProgress) => void } = {}): Promise<RunResult> {
  await startKernel(base, opts.onProgress);
  const m = machine!;
  const id = nextId++;
  return new Promise<RunResult>((resolve, reject) => {
    m.runs.set(id, { resolve, reject, onOutput: opts.onOutput });
    m.worker.postMessage({ type: 'run', id, script, timeoutMs: opts.timeoutMs ?? 120_000 });
  });
}

/** Whether a machine is running on this page (started and not broken). */
export const kernelRunning = (): boolean => machine !== undefined && !machine.broken;
