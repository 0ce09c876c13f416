/**
 * The browser's kernel (public/kernel, built by scripts/kernel-image/build.sh) restored in v86 under
 * Node, speaking the same serial protocol as the page's worker (src/kernel/protocol.ts). The test
 * suite and bench/ use it to check the image the site serves without a browser.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { V86 } from 'v86';
import { endMark, runRequest, type KernelManifest } from '../../src/kernel/protocol';

export const KERNEL_DIR = join(import.meta.dirname, '../../public/kernel');

export interface Machine {
  run(script: string, timeoutMs?: number): Promise<{ status: number; output: string; ms: number }>;
  close(): Promise<void>;
  startMs: number;
}

export const readManifest = (dir = KERNEL_DIR): KernelManifest => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as KernelManifest;

export async function restoreMachine(dir = KERNEL_DIR): Promise<Machine> {
  const t0 = performance.now();
  const file = (f: string) => {
    const b = readFileSync(join(dir, f));
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
  };
  const emulator = new V86({
    wasm_path: join(dir, 'v86.wasm'),
    bios: { buffer: file('bios.bin') },
    vga_bios: { buffer: file('vgabios.bin') },
    initial_state: { buffer: file('state.bin.zst') },
    memory_size: readManifest(dir).memoryBytes,
    autostart: true,
    disable_keyboard: true,
    disable_mouse: true,
    disable_speaker: true,
  });
  let serial = '';
  let waiting: { token: string; done: (end: { output: string; status: number }) => void } | undefined;
  emulator.add_listener('serial0-output-byte', (b: number) => {
    serial += String.fromCharCode(b);
    const end = waiting && b === 10 ? endMark(serial, waiting.token) : undefined;
    if (end && waiting) {
      const w = waiting;
      waiting = undefined;
      w.done(end);
    }
  });
  await new Promise<void>((resolve) => emulator.add_listener('emulator-started', () => resolve()));
  let n = 0;
  const run = (script: string, timeoutMs = 120_000) =>
    new Promise<{ status: number; output: string; ms: number }>((resolve, reject) => {
      const token = `n${n++}x${Date.now().toString(36)}`;
      const started = performance.now();
      serial = '';
      const timer = setTimeout(() => {
        waiting = undefined;
        reject(new Error(`no answer within ${timeoutMs / 1000} s; the console said:\n${serial.slice(-3000)}`));
      }, timeoutMs);
      waiting = {
        token,
        done: (end) => {
          clearTimeout(timer);
          resolve({ status: end.status, output: end.output, ms: Math.round(performance.now() - started) });
        },
      };
      emulator.serial0_send(runRequest(token, script));
    });
  await run('true\n', 30_000);
  return { run, close: () => emulator.destroy(), startMs: Math.round(performance.now() - t0) };
}
