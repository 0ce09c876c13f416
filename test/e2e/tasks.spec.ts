/**
 * Guided "try this" tasks (#16): each is ticked off by the lab only when the reader reaches the moment
 * it asks for, and announced; doing something else does not tick it.
 */
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures';

async function lab(page: Page, path: string, sel: string): Promise<Locator> {
  await page.goto(path);
  const root = page.locator(sel);
  await root.scrollIntoViewIfNeeded();
  await expect(root).toHaveAttribute('data-ready', 'true');
  return root;
}
const task = (root: Locator, id: string) => root.locator(`[data-task="${id}"]`);

test('election lab: a graceful stop is the fast takeover, a crash the slow one, a cut link the split brain', async ({ guarded: page }) => {
  const root = await lab(page, '/en/keepalived/', '[data-election-lab]');
  for (const id of ['vrrp-fast', 'vrrp-slow', 'vrrp-split']) await expect(task(root, id)).toHaveAttribute('data-done', 'false');
  await root.getByRole('slider').fill('20');
  await root.locator('fieldset[data-router="0"] [data-action="kill"]').click();
  await root.locator('[data-player]').focus();
  await page.keyboard.press('End');
  await expect(task(root, 'vrrp-slow')).toHaveAttribute('data-done', 'true');
  await expect(task(root, 'vrrp-fast')).toHaveAttribute('data-done', 'false');
  await expect(root.locator('[data-role="tasks-live"]')).toContainText('done: Crash the master instead');
  await root.getByRole('slider').fill('80');
  await root.locator('fieldset[data-router="1"] [data-action="stop"]').click();
  await root.getByRole('slider').fill('84');
  await expect(task(root, 'vrrp-fast')).toHaveAttribute('data-done', 'true');
  await expect(task(root, 'vrrp-split')).toHaveAttribute('data-done', 'false');
  // Router 1 comes back and takes over again; then its link is cut: router 3 stops hearing it.
  await root.locator('fieldset[data-router="0"] [data-action="start"]').click();
  await root.getByRole('slider').fill('110');
  await root.locator('.election-lab__link[data-router="0"]').click();
  await root.locator('[data-player]').focus();
  await page.keyboard.press('End');
  await expect(task(root, 'vrrp-split')).toHaveAttribute('data-done', 'true');
  await expect(root.locator('[data-tasks]')).toHaveAttribute('data-done', '3');
});

test('packet player: the break that sends the reply around the director, found and played to its end (Chinese page)', async ({ guarded: page }) => {
  const root = await lab(page, '/zh-cn/forwarding-modes/', '#pp-nat');
  await root.locator('[data-player]').focus();
  await page.keyboard.press('End');
  await expect(task(root, 'nat-around')).toHaveAttribute('data-done', 'false');
  await root.locator('[data-role="break"]').selectOption('rs-gateway');
  await root.locator('[data-player]').focus();
  await page.keyboard.press('End');
  await expect(task(root, 'nat-around')).toHaveAttribute('data-done', 'true');
  await expect(task(root, 'nat-around').locator('[data-role="task-state"]')).toHaveText('已完成');
});

test('hook explorer: a scenario through FORWARD, and IPVS on LOCAL_IN', async ({ guarded: page }) => {
  const root = await lab(page, '/en/netfilter/', '[data-hook-explorer]');
  const forward = root.locator('[data-player] [data-act="forward"]');
  for (let i = 0; i < 12 && (await root.getAttribute('data-hook')) !== 'LOCAL_IN'; i++) await forward.click();
  await expect(root).toHaveAttribute('data-hook', 'LOCAL_IN');
  await expect(task(root, 'hooks-ipvs-in')).toHaveAttribute('data-done', 'true');
  await expect(task(root, 'hooks-forward')).toHaveAttribute('data-done', 'false');
  const names = await root.locator('[data-role="scenario"] option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  for (const name of names) {
    await root.locator('[data-role="scenario"]').selectOption(name);
    await root.locator('[data-player]').focus();
    await page.keyboard.press('End');
    if ((await root.getAttribute('data-passed'))?.split(' ').includes('FORWARD')) break;
  }
  await expect(task(root, 'hooks-forward')).toHaveAttribute('data-done', 'true');
});

test('scheduler lab: weight 0 quiesces a server; persistence puts templates in the table', async ({ guarded: page }) => {
  const root = await lab(page, '/en/schedulers/', '[data-sched-lab]');
  await expect(task(root, 'sched-quiet')).toHaveAttribute('data-done', 'false');
  const w = root.locator('[data-role="weight"]').nth(1);
  await w.fill('0');
  await w.dispatchEvent('change');
  await expect(task(root, 'sched-quiet')).toHaveAttribute('data-done', 'true');
  await expect(task(root, 'sched-templates')).toHaveAttribute('data-done', 'false');
  await root.locator('[data-role="persistence"]').selectOption('60');
  await expect(task(root, 'sched-templates')).toHaveAttribute('data-done', 'true');
});
