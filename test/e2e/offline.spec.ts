/**
 * Offline reading: a reader opens one page once; later, with no network at all (this test's own
 * server is stopped, so nothing answers at its address), every chapter opens, search answers and a lab
 * steps. The test serves the build itself, because Playwright's shared server cannot be stopped.
 */
import { test, expect } from '@playwright/test';
import { serveStatic } from '../../scripts/static-server.mjs';
import { BASE, waitForOfflineCopy } from './fixtures';

const DIST = process.env.E2E_DIST ?? 'dist';

test('after one visit, the site reads, searches and runs its labs with no network', async ({ browser }) => {
  const server = await serveStatic(DIST, { base: BASE });
  const context = await browser.newContext({ serviceWorkers: 'allow' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.goto(`${server.url}en/`);
    // The offline copy is complete once the worker is active and every file it lists is kept.
    await waitForOfflineCopy(page);
  } finally {
    await server.close();
  }
  // (The server is gone: nothing answers at its address, as on a plane. Playwright's setOffline is not used:
  // Chromium's offline emulation fails navigations before a service worker can answer them.)

  // A chapter never opened before, in the other language too.
  for (const [path, heading] of [['en/netfilter/', 'Netfilter'], ['zh-cn/keepalived/', 'keepalived']] as const) {
    const res = await page.goto(`${server.url}${path}`);
    expect(res?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(heading);
  }

  // A lab steps: the hook explorer's island loads from the kept copy and moves a packet.
  await page.goto(`${server.url}en/netfilter/`);
  const root = page.locator('[data-hook-explorer]');
  await root.scrollIntoViewIfNeeded();
  await expect(root).toHaveAttribute('data-ready', 'true');
  const player = root.locator('[data-player="hooks"]');
  await player.getByRole('button', { name: 'Step forward' }).click();
  await player.getByRole('button', { name: 'Step forward' }).click();
  await expect(player).toHaveAttribute('data-index', '2');

  // Search works from the kept index.
  await page.getByRole('button', { name: /search/i }).first().click();
  await page.locator('dialog .pagefind-ui__search-input').fill('keepalived');
  await expect(page.locator('.pagefind-ui__result-link').first()).toBeVisible({ timeout: 15_000 });

  // An address the site never had gets its own 404 page, not the browser's offline error.
  const missing = await page.goto(`${server.url}en/no-such-chapter/`);
  expect(missing?.status()).toBe(404);
  expect(errors).toEqual([]);
  await context.close();
});
