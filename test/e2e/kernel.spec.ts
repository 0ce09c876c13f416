/**
 * The real kernel in the page (src/kernel, public/kernel): started from the scheduler lab, it replays
 * the lab's connections on real IPVS and finds the kernel's picks equal to the simulation's; the
 * kernel's files are fetched only when asked for, from the site's own origin.
 */
import { test, expect, BASE, waitForOfflineCopy } from './fixtures';
import { serveStatic } from '../../scripts/static-server.mjs';

const DIST = process.env.E2E_DIST ?? 'dist';

test.describe.configure({ timeout: 240_000 });

for (const lang of ['en', 'zh-cn'] as const) {
  test(`scheduler lab (${lang}): the real kernel replays 100 connections and picks what the simulation picks`, async ({ guarded: page }) => {
    const kernelRequests: string[] = [];
    page.on('request', (r) => {
      if (/\/kernel\//.test(r.url())) kernelRequests.push(r.url());
    });
    await page.goto(`/${lang}/schedulers/`);
    const root = page.locator('[data-sched-lab]').first();
    await root.scrollIntoViewIfNeeded();
    await expect(root).toHaveAttribute('data-ready', 'true');
    // Nothing of the kernel is fetched until the reader asks for it.
    expect(kernelRequests).toEqual([]);
    await root.locator('[data-role="a"]').selectOption('wlc');
    const panel = root.locator('details[data-role="kernel"]');
    await panel.locator('summary').click();
    await panel.locator('[data-role="kernel-run"]').click();
    await expect(root).toHaveAttribute('data-kernel', /starting|running/);
    await expect(root).toHaveAttribute('data-kernel', 'equal', { timeout: 200_000 });
    await expect(root).toHaveAttribute('data-kernel-equal', '100/100');
    await expect(panel.locator('[data-role="kernel-result"] tbody tr')).toHaveCount(100);
    await expect(panel.locator('[data-role="kernel-status"]')).toContainText(lang === 'en' ? 'for all 100 connections' : '全部 100 个连接');
    expect(kernelRequests.some((u) => u.endsWith('/kernel/state.bin.zst'))).toBe(true);
  });
}

test('after one start, the kernel starts again with no network, from the browser\'s cache', async ({ browser }) => {
  const server = await serveStatic(DIST, { base: BASE });
  const context = await browser.newContext({ serviceWorkers: 'allow' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const root = page.locator('[data-sched-lab]').first();
  const run = async () => {
    await root.scrollIntoViewIfNeeded();
    await expect(root).toHaveAttribute('data-ready', 'true');
    await root.locator('[data-role="a"]').selectOption('rr');
    const panel = root.locator('details[data-role="kernel"]');
    await panel.locator('summary').click();
    await panel.locator('[data-role="kernel-run"]').click();
    await expect(root).toHaveAttribute('data-kernel', 'equal', { timeout: 200_000 });
    return (await panel.locator('[data-role="kernel-info"]').textContent()) ?? '';
  };
  try {
    await page.goto(`${server.url}en/schedulers/`);
    await waitForOfflineCopy(page);
    expect(await run()).toContain('MB downloaded');
  } finally {
    await server.close();
  }
  // Nothing answers at the server's address now: the page comes from the offline copy, the kernel from its cache.
  const res = await page.goto(`${server.url}en/schedulers/`);
  expect(res?.status()).toBe(200);
  const status = await run();
  expect(status).toContain('from the local cache');
  await expect(root).toHaveAttribute('data-kernel-equal', '100/100');
  expect(errors).toEqual([]);
  await context.close();
});
