/// <reference lib="webworker" />
/**
 * The real kernel's worker: restores the saved machine (scripts/kernel-image) in v86 and runs the
 * page's scripts on it through the agent on the serial console. The emulator runs here, never on
 * the page's thread, so the page stays responsive however long the guest works.
 */
import type { V86 as V86Type, V86Options } from 'v86';
import { dropOthers, fetchKept, fetchManifest } from './files';
import { endMark, runRequest, type FromWorker, type KernelManifest, type ToWorker } from './protocol';

const FILES = ['libv86.mjs', 'v86.wasm', 'bios.bin', 'vgabios.bin', 'state.bin.zst'] as const;

const scope = self as unknown as DedicatedWorkerGlobalScope;
/** Runs the worker itself waits for (its check that the machine answers): their answers stay here. */
const own = new Map<number, (m: FromWorker) => void>();
function post(m: FromWorker): void {
  if ((m.type === 'done' || m.type === 'timeout') && own.has(m.id)) {
    own.get(m.id)!(m);
    own.delete(m.id);
  } else if (!(m.type === 'output' && own.has(m.id))) scope.postMessage(m);
}

let emulator: V86Type | undefined;
let serial = '';
let current: { id: number; token: string; started: number; sentOutput: number; timer: ReturnType<typeof setTimeout> } | undefined;
const queue: Array<Extract<ToWorker, { type: 'run' }>> = [];
let nextToken = 0;

function onSerial(byte: number): void {
  serial += String.fromCharCode(byte);
  const end = current && byte === 10 ? endMark(serial, current.token) : undefined;
  if (!current || !end) return;
  const run = current;
  current = undefined;
  clearTimeout(run.timer);
  serial = end.rest;
  post({ type: 'done', id: run.id, status: end.status, output: end.output, ms: Math.round(performance.now() - run.started) });
  next();
}

/** Streams what a running script printed so far, a few times a second (not once per byte). */
setInterval(() => {
  if (current && serial.length > current.sentOutput) {
    post({ type: 'output', id: current.id, chunk: serial.slice(current.sentOutput) });
    current.sentOutput = serial.length;
  }
}, 250);

function next(): void {
  if (current || !emulator) return;
  const job = queue.shift();
  if (!job) return;
  const token = `t${Date.now().toString(36)}${(nextToken++).toString(36)}`;
  serial = '';
  current = {
    id: job.id,
    token,
    started: performance.now(),
    sentOutput: 0,
    timer: setTimeout(() => {
      if (current?.id !== job.id) return;
      const output = serial;
      current = undefined;
      post({ type: 'timeout', id: job.id, output, ms: job.timeoutMs });
      // The machine may still be busy with it: the page offers a fresh start.
    }, job.timeoutMs),
  };
  emulator.serial0_send(runRequest(token, job.script));
}

async function start(base: string): Promise<void> {
  const t0 = performance.now();
  if (typeof WebAssembly !== 'object') {
    post({ type: 'failed', reason: 'wasm', detail: 'WebAssembly is not available in this browser' });
    return;
  }
  post({ type: 'progress', phase: 'manifest' });
  let manifest: KernelManifest;
  let manifestFromCache: boolean;
  try {
    const m = await fetchManifest(`${base}kernel/manifest.json`);
    manifest = JSON.parse(m.text) as KernelManifest;
    manifestFromCache = m.fromCache;
  } catch (err) {
    post({ type: 'failed', reason: 'no-image', detail: String(err) });
    return;
  }
  const total = FILES.reduce((n, f) => n + (manifest.files[f]?.bytes ?? 0), 0);
  const loaded: Record<string, number> = {};
  const data: Record<string, ArrayBuffer> = {};
  let allCached = true;
  let lastProgress = 0;
  try {
    await Promise.all(
      FILES.map(async (f) => {
        const entry = manifest.files[f];
        if (!entry?.sha256) throw new Error(`the manifest names no ${f}`);
        const got = await fetchKept(`${base}kernel/${f}`, entry.sha256, (n) => {
          loaded[f] = n;
          // At most a few messages a second: the page has a status line to update, not a chunk to follow.
          const now = performance.now();
          if (now - lastProgress < 200) return;
          lastProgress = now;
          post({ type: 'progress', phase: 'download', loaded: Object.values(loaded).reduce((a, b) => a + b, 0), total });
        });
        data[f] = got.data;
        allCached &&= got.fromCache;
      }),
    );
  } catch (err) {
    post({ type: 'failed', reason: 'network', detail: String(err) });
    return;
  }
  post({ type: 'progress', phase: 'restore', fromCache: allCached && manifestFromCache });
  let V86: new (o: V86Options) => V86Type;
  try {
    const url = URL.createObjectURL(new Blob([data['libv86.mjs']!], { type: 'text/javascript' }));
    ({ V86 } = (await import(/* @vite-ignore */ url)) as { V86: typeof V86 });
    URL.revokeObjectURL(url);
  } catch (err) {
    post({ type: 'failed', reason: 'wasm', detail: `the emulator did not load: ${String(err)}` });
    return;
  }
  try {
    const wasm = data['v86.wasm']!;
    emulator = new V86({
      wasm_fn: async (imports: WebAssembly.Imports) => (await WebAssembly.instantiate(wasm, imports)).instance.exports,
      bios: { buffer: data['bios.bin']! },
      vga_bios: { buffer: data['vgabios.bin']! },
      initial_state: { buffer: data['state.bin.zst']! },
      memory_size: manifest.memoryBytes,
      autostart: true,
      disable_keyboard: true,
      disable_mouse: true,
      disable_speaker: true,
    } as V86Options);
  } catch (err) {
    post({ type: 'failed', reason: 'memory', detail: String(err) });
    return;
  }
  emulator.add_listener('serial0-output-byte', onSerial);
  await new Promise<void>((resolve) => emulator!.add_listener('emulator-started', () => resolve()));
  // The saved machine answers before the reader may use it.
  post({ type: 'progress', phase: 'check' });
  const check = await new Promise<FromWorker>((resolve) => {
    own.set(-1, resolve);
    queue.unshift({ type: 'run', id: -1, script: 'uname -r\n', timeoutMs: 20_000 });
    next();
  });
  if (check.type !== 'done' || check.status !== 0) {
    post({ type: 'failed', reason: 'guest', detail: `the restored machine did not answer (${check.type})` });
    return;
  }
  post({ type: 'ready', ms: Math.round(performance.now() - t0), kernel: check.output.trim(), bytes: total, fromCache: allCached });
  void dropOthers(FILES.map((f) => `${f}?sha256=${manifest.files[f]!.sha256}`));
}

scope.onmessage = (e: MessageEvent<ToWorker>) => {
  const msg = e.data;
  if (msg.type === 'start') void start(msg.base);
  else if (msg.type === 'run') {
    queue.push(msg);
    next();
  }
};
