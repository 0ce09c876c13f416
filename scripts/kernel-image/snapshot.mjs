// Boots the guest once in v86 under Node and saves the running machine (after init, with the agent
// waiting on the serial console), so that a reader's start restores it instead of booting.
// usage: node snapshot.mjs BZIMAGE INITRD BIOS VGABIOS OUT MEMORY_MB
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { V86 } from 'v86';

const [bzimage, initrd, bios, vgabios, out, memoryMb] = process.argv.slice(2);
if (!out || !(Number(memoryMb) > 0)) {
  console.error('usage: node snapshot.mjs BZIMAGE INITRD BIOS VGABIOS OUT MEMORY_MB');
  process.exit(2);
}
const buf = (f) => ({ buffer: readFileSync(f).buffer });
const wasm = join(dirname(createRequire(import.meta.url).resolve('v86')), 'v86.wasm');
// The memory the page's machine has: the saved state fixes it (the manifest says it to the page).
const MEMORY = Number(memoryMb) * 1024 * 1024;
const started = Date.now();
const emulator = new V86({
  wasm_path: wasm,
  bios: buf(bios),
  vga_bios: buf(vgabios),
  bzimage: buf(bzimage),
  initrd: buf(initrd),
  cmdline: 'console=ttyS0 quiet loglevel=1 tsc=reliable mitigations=off',
  memory_size: MEMORY,
  autostart: true,
  disable_keyboard: true,
  disable_mouse: true,
  disable_speaker: true,
});
let text = '';
const waitFor = (marker, ms) =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "${marker}" within ${ms / 1000} s; the console said:\n${text.slice(-3000)}`)), ms);
    const check = setInterval(() => {
      if (text.includes(marker)) {
        clearTimeout(timer);
        clearInterval(check);
        resolve();
      }
    }, 50);
  });
emulator.add_listener('serial0-output-byte', (b) => {
  text += String.fromCharCode(b);
});
try {
  await waitFor('@@READY@@', 300_000);
  if (text.includes('Initramfs unpacking failed')) throw new Error(`the root did not fit in ${memoryMb} MB: the kernel said "Initramfs unpacking failed"`);
  // The agent has set the console raw (no echo) before it says so.
  await waitFor('@@AGENT@@', 30_000);
  console.log(`snapshot: booted in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  // One script through the agent, so the saved machine is known to answer.
  const job = 'echo agent-ok; uname -r\n';
  emulator.serial0_send(`RUN snap ${Buffer.byteLength(job)}\n${job}`);
  await waitFor('@@snap 0@@', 60_000);
  // Let the agent settle back into its read before the machine is frozen.
  await new Promise((r) => setTimeout(r, 500));
  const state = await emulator.save_state();
  writeFileSync(out, new Uint8Array(state));
  console.log(`snapshot: ${out} (${state.byteLength} bytes); the guest said: ${text.slice(text.indexOf('agent-ok')).split('\n').slice(0, 2).join(' ')}`);
} catch (err) {
  console.error(`snapshot: ${err.message}`);
  process.exitCode = 1;
} finally {
  emulator.destroy();
}
