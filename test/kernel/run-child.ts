/**
 * One test run in miniature, for two-runs.test.ts: started as a process of its own, it does what a
 * real run does at its start (remove what ended runs left), then makes what real runs make — a
 * network namespace with a process in it, a temporary folder, a running kernel guest — each named
 * with its own run id, and prints one JSON line when all of it exists. It holds everything until
 * the file named by its second argument appears, then tidies up and prints a last line.
 *
 *   node --import tsx test/kernel/run-child.ts TAG HOLD_FILE
 *   node --import tsx test/kernel/run-child.ts --clean       (only the start-of-run removal)
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bootGuest, removeStaleRuns, RUN_ID } from './harness';
import { Namespaces, removeLeftOvers } from '../conformance/lib/netns';

const say = (o: object) => process.stdout.write(`${JSON.stringify({ runId: RUN_ID, ...o })}\n`);

if (process.argv[2] === '--clean') {
  say({ removed: [...removeStaleRuns(), ...removeLeftOvers()] });
  process.exit(0);
}

const [tag, hold] = process.argv.slice(2);
if (!tag || !hold) {
  console.error('usage: run-child.ts TAG HOLD_FILE | --clean');
  process.exit(2);
}
removeStaleRuns();
const ns = new Namespaces('two-runs');
const name = ns.add('n');
const dir = ns.tempDir();
writeFileSync(join(dir, 'tag'), tag);
const sleeper = ns.spawn(name, 'sleep', ['600']);
// The guest copies its own input to its output, then waits for the hold file (it sees the host's files).
const guest = bootGuest(`cp "$WORK/in/tag" "$WORK/out/tag"\nwhile [ ! -e '${hold}' ]; do sleep 0.1; done\n`, {
  inputs: { tag },
  timeoutMs: 120_000,
  memMb: 256,
});
say({ ready: true, namespace: name, dir, sleeper: sleeper.pid });
const run = await guest;
while (!existsSync(hold)) await new Promise((r) => setTimeout(r, 100));
ns.cleanup();
say({ done: true, guestTag: run.files.tag ?? null });
