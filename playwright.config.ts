import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests against the built site served by `astro preview`, in Debian's Chromium
 * (Playwright's own browser downloads do not work on these machines).
 */
// The runner picks a port once and its workers inherit it, so two runs at once rarely meet; if they
// do, Playwright stops with "already used" rather than test a server it did not start.
process.env.E2E_PORT ??= String(20000 + (process.pid % 20000));
const PORT = Number(process.env.E2E_PORT);
// E2E_DIST lets several people test their own builds at once (`astro build --outDir /tmp/x`);
// E2E_BASE is the path a sub-path build is served under (LVS_BASE=/lvs-lab/ astro build).
const DIST = process.env.E2E_DIST ?? 'dist';
const BASE = (process.env.E2E_BASE ?? '/').replace(/^\/?/, '/').replace(/\/?$/, '/');

export default defineConfig({
  testDir: 'test/e2e',
  fullyParallel: true,
  workers: process.env.CI ? 2 : 2,
  retries: 0,
  timeout: 45_000,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
    trace: 'off',
    // The offline copy (sw.js) stays out of the way of every test but the one about it (offline.spec.ts).
    serviceWorkers: 'block',
  },
  // The real kernel's tests (kernel.spec.ts) run an emulated machine whose timers are real time: alone and one at
  // a time, so that no other test takes the CPU from it (npm test runs the two projects one after the other).
  projects: [
    { name: 'site', testIgnore: /kernel\.spec\.ts$/ },
    { name: 'kernel', testMatch: /kernel\.spec\.ts$/, workers: 1, fullyParallel: false },
  ],
  webServer: {
    // A plain static host (gzip, 404.html), the way the site is deployed.
    command: `node scripts/static-server.mjs ${DIST} --base ${BASE} --port ${PORT}`,
    url: `http://127.0.0.1:${PORT}${BASE}en/`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
