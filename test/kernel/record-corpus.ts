/**
 * `npm run kernel:record`: replays every corpus scenario the kernel can run on the real kernel and
 * writes the kernel's picks into the file as its expectation (with `expected_from` saying so).
 * Run it after adding or changing a scenario; the unit tests then hold the engine to the kernel.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS_DIR, KERNEL_SOURCE, kernelCanReplay, loadCorpus } from './corpus';
import { replayOnKernel } from './replay-on-kernel';

const corpus = loadCorpus().filter((c) => kernelCanReplay(c.scenario));
const { results, ms } = await replayOnKernel(corpus.map((c) => ({ id: c.file, scenario: c.scenario })));
let failed = 0;
for (const { file, scenario } of corpus) {
  const r = results[file];
  if (!r?.picks) {
    console.error(`${file}: ${r?.error ?? 'no result'}`);
    failed++;
    continue;
  }
  const { expected: _old, expected_from: _from, ...rest } = scenario;
  const { scheduler, flags, dests, events, ...others } = rest;
  const out = { scheduler, flags, dests, events, expected: { picks: r.picks }, expected_from: KERNEL_SOURCE, ...others };
  writeFileSync(join(CORPUS_DIR, file), JSON.stringify(out, null, 2) + '\n');
}
console.log(`recorded ${corpus.length - failed} of ${corpus.length} corpus scenarios from the kernel in ${(ms / 1000).toFixed(1)} s`);
process.exitCode = failed ? 1 : 0;
