#!/usr/bin/env node
// The lvs-lab command. The engine is TypeScript; tsx lets Node 20 load it directly,
// so the command works right after `npm ci` with no build step.
import { register } from 'tsx/esm/api';

register();
// A reader that stops early (`lvs-lab explain f | head`) is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
