/**
 * What the headless-Chromium benchmarks share: their command line (numeric options, then the built
 * site's folder), the built site served locally, and Debian's Chromium launched as the environment
 * requires (no sandbox, no GPU, nothing fetched from outside).
 */
import { chromium } from '@playwright/test';
import { serveStatic } from '../../scripts/static-server.mjs';

/** `--name N` options (with defaults) and the site folder (the one bare word, else $E2E_DIST, else dist). */
export function benchArgs(argv, defaults) {
  const values = { ...defaults };
  for (const name of Object.keys(defaults)) {
    const i = argv.indexOf(`--${name}`);
    if (i >= 0) values[name] = Number(argv[i + 1]);
  }
  const taken = new Set(Object.keys(defaults).map((n) => `--${n}`));
  const dist = argv.find((a, i) => !a.startsWith('--') && !taken.has(argv[i - 1])) ?? process.env.E2E_DIST ?? 'dist';
  return { ...values, dist };
}

/** The site served from `dist`, and Chromium; `close()` stops both. */
export async function startBench(dist) {
  const server = await serveStatic(dist);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  return {
    browser,
    base: server.url.replace(/\/$/, ''),
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}
