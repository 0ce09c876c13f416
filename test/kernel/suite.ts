/** The shape every real-kernel suite shares: skipped where the kernel lab cannot run (a failure in CI), one boot for all its tests. */
import { beforeAll, describe } from 'vitest';
import { bootGuest, kernelLabMissing, removeStaleRuns, type GuestOptions, type GuestRun } from './harness';

/** A describe block for the kernel lab: without root or user-mode Linux it is skipped, except in CI, where it fails. */
export function kernelDescribe(name: string, body: () => void): void {
  const missing = kernelLabMissing();
  describe.skipIf(missing !== null && !process.env.CI)(name, () => {
    beforeAll(() => {
      if (missing) throw new Error(missing);
      removeStaleRuns();
    });
    body();
  });
}

/** Boots the guest once before the block's tests; the returned function gives its run to each test. */
export function bootOnce(make: () => { script: string } & GuestOptions): () => GuestRun {
  let run: GuestRun | undefined;
  let timeout = 300_000;
  beforeAll(async () => {
    const { script, ...opts } = make();
    timeout = opts.timeoutMs ?? timeout;
    run = await bootGuest(script, opts);
  }, 900_000);
  return () => {
    if (!run) throw new Error(`the kernel guest did not run (within ${timeout} ms)`);
    return run;
  };
}
