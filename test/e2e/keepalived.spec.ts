import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';

async function open(page: Page, path: string) {
  await page.goto(path);
  const root = page.locator('[data-election-lab]');
  await root.scrollIntoViewIfNeeded();
  await expect(root).toHaveAttribute('data-ready', 'true');
  return root;
}

for (const [path, names] of [
  ['/en/keepalived/', { stop: 'Stop', crash: 'Crash', start: 'Start', cut: 'Cut link', heal: 'Heal link', priority: 'Priority', back: 'Step back' }],
  ['/zh-cn/keepalived/', { stop: '停止', crash: '崩溃', start: '启动', cut: '断开链路', heal: '恢复链路', priority: '优先级', back: '后退一步' }],
] as const) {
  test(`the election lab: stop, crash, restart, cut and heal (${path})`, async ({ guarded: page }) => {
    const root = await open(page, path);
    const r = (i: number) => root.locator(`fieldset[data-router="${i}"]`);
    await expect(root).toHaveAttribute('data-masters', '0');
    // Go back to 5 s and stop the master gracefully: router 2 takes over.
    await root.getByRole('slider').fill('20');
    await expect(root).toHaveAttribute('data-time', '5');
    await r(0).getByRole('button', { name: names.stop, exact: true }).click();
    await root.getByRole('slider').fill('40');
    await expect(root).toHaveAttribute('data-masters', '1');
    await expect(r(0)).toHaveAttribute('data-state', 'STOPPED');
    // Crash router 2 at 10 s: router 3 becomes master.
    await r(1).getByRole('button', { name: names.crash, exact: true }).click();
    await root.getByRole('slider').fill('80');
    await expect(root).toHaveAttribute('data-masters', '2');
    // Router 1 comes back at 20 s and preempts.
    await r(0).getByRole('button', { name: names.start, exact: true }).click();
    await root.getByRole('slider').fill('100');
    await expect(root).toHaveAttribute('data-masters', '0');
    // Cut router 1's link: split brain; heal it: one master again.
    await r(0).getByRole('button', { name: names.cut, exact: true }).click();
    await root.getByRole('slider').fill('120');
    await expect(root).toHaveAttribute('data-masters', '0,2');
    await r(0).getByRole('button', { name: names.heal, exact: true }).click();
    await root.getByRole('slider').fill('140');
    await expect(root).toHaveAttribute('data-masters', '0');
    await root.getByRole('button', { name: names.back }).click();
  });
}

test('priorities and nopreempt change the election', async ({ guarded: page }) => {
  const root = await open(page, '/en/keepalived/');
  await root.locator('fieldset[data-router="2"] [data-role="priority"]').fill('200');
  await root.locator('fieldset[data-router="2"] [data-role="priority"]').dispatchEvent('change');
  await expect(root).toHaveAttribute('data-masters', '2');
});
