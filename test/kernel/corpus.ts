/** The scheduler scenario corpus (test/scenarios/ipvs): the files, and the ones a 6.1 kernel can replay. */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '../../src/sim/schedulers';

export const CORPUS_DIR = join(dirname(fileURLToPath(import.meta.url)), '../scenarios/ipvs');
/** Where the corpus' expected picks come from, written into each file the kernel replays. */
export const KERNEL_SOURCE = 'Linux 6.1.176 (Debian user-mode-linux), replayed by test/kernel';

export interface CorpusFile extends Scenario {
  expected: { picks: Array<number | null> };
  expected_from?: string;
  why?: string;
}

export function loadCorpus(): Array<{ file: string; scenario: CorpusFile }> {
  return readdirSync(CORPUS_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({ file, scenario: JSON.parse(readFileSync(join(CORPUS_DIR, file), 'utf8')) as CorpusFile }));
}

/** twos came after Linux 6.1 (and Debian's user-mode build has no module for it): its files stay hand-derived. */
export const kernelCanReplay = (s: Scenario) => s.scheduler !== 'twos' && !s.events.some((e) => e.op === 'overload');
