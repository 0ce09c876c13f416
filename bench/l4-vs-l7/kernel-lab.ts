/**
 * The L4-vs-L7 measurement with real IPVS: runs bench/l4-vs-l7/run.mjs inside the test suite's
 * user-mode Linux 6.1 guest (test/kernel/harness.ts), where the IPVS modules exist, so that IPVS,
 * nftables DNAT, nginx stream and nginx http all run on one kernel and one CPU, beside the client and
 * the backends. The guest sees this repository through hostfs and runs the host's node, nginx and wrk.
 * Writes the results (with the host machine recorded beside the guest's) and prints run.mjs's report.
 *
 *   sudo npx tsx bench/l4-vs-l7/kernel-lab.ts [run.mjs options] [--out FILE]
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { cpus, release } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bootGuest, kernelLabMissing } from '../../test/kernel/harness';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '../..');

const args = process.argv.slice(2);
const outAt = args.indexOf('--out');
const out = outAt >= 0 ? resolve(args.splice(outAt, 2)[1] ?? '') : join(HERE, 'results.json');
if (args.includes('--help') || args.includes('-h')) {
  console.log('Usage: sudo npx tsx bench/l4-vs-l7/kernel-lab.ts [run.mjs options: --duration S --repeats N --idle N --connections N] [--out FILE]');
  process.exit(0);
}
const missing = kernelLabMissing();
if (missing) {
  console.error(`l4-vs-l7 kernel lab: cannot run: ${missing}`);
  process.exit(2);
}
const num = (flag: string, dflt: number) => {
  const i = args.indexOf(flag);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
// A generous bound: every mode and the baseline, each repeat, two passes with warm-up and quiet checks.
const minutes = Math.ceil((num('--repeats', 5) * 7 * (2 * num('--duration', 10) + 25)) / 60) + 10;
const quoted = args.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
console.error(`l4-vs-l7 kernel lab: booting user-mode Linux and measuring inside it (at most ${minutes} min)`);

const script = `cd '${REPO}'
node bench/l4-vs-l7/run.mjs ${quoted} --out "$WORK/out/results.json" > "$WORK/out/report.txt" 2> "$WORK/out/log.txt"
echo $? > "$WORK/out/rc"
`;
const run = await bootGuest(script, { memMb: 2048, timeoutMs: minutes * 60_000 });
const rc = Number(run.files.rc ?? 1);
if (rc !== 0 || !run.files['results.json']) {
  console.error(`l4-vs-l7 kernel lab: run.mjs failed inside the guest (exit ${rc})\n${(run.files['log.txt'] ?? '').slice(-4000)}`);
  process.exit(1);
}
const result = JSON.parse(run.files['results.json']);
const hostCpu = readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.+)$/m)?.[1]?.trim() ?? 'unknown';
// The guest reports itself ("UML", one CPU); say what it ran on.
result.machine.guest = `user-mode Linux ${result.machine.kernel} (one CPU) on ${hostCpu}, ${cpus().length} cores, host Linux ${release()}`;
result.machine.cpu = `UML guest on ${hostCpu}`;
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
process.stdout.write(run.files['report.txt'] ?? '');
console.error(`l4-vs-l7 kernel lab: wrote ${out} (${Math.round(run.ms / 1000)} s)`);
