import { test, expect } from './fixtures';
import { SCENARIOS, hooksOf } from '../../src/sim/netfilter';

const PAGES = [
  { path: '/en/netfilter/', lang: 'en', forward: 'Step forward', back: 'Step back' },
  { path: '/zh-cn/netfilter/', lang: 'zh', forward: '前进一步', back: '后退一步' },
] as const;

for (const pg of PAGES) {
  test(`the hook explorer steps every scenario through the kernel (${pg.lang})`, async ({ guarded: page }) => {
    await page.goto(pg.path);
    const root = page.locator('[data-hook-explorer]');
    await root.scrollIntoViewIfNeeded();
    await expect(root).toHaveAttribute('data-ready', 'true');
    const player = root.locator('[data-player="hooks"]');
    for (const sc of SCENARIOS) {
      await root.locator('[data-role="scenario"]').selectOption(sc.name);
      await expect(player).toHaveAttribute('data-index', '0');
      const steps = sc.packets.reduce((n, p) => n + p.steps.length, 0);
      await player.focus();
      for (let i = 0; i < steps; i++) await page.keyboard.press('ArrowRight');
      await expect(player).toHaveAttribute('data-index', String(steps));
      // The hooks the reader saw the packet pass are the model's, in order.
      await expect(root).toHaveAttribute('data-passed', hooksOf(sc).join(' '));
      await expect(page).toHaveURL(new RegExp(`hooks\\.s=${sc.name}`));
    }
  });
}

test('on a hook the panel lists its callbacks in priority order, IPVS among them, and stepping back returns', async ({ guarded: page }) => {
  await page.goto('/en/netfilter/#hooks.s=lvs-nat-request');
  const root = page.locator('[data-hook-explorer]');
  await root.scrollIntoViewIfNeeded();
  await expect(root).toHaveAttribute('data-ready', 'true');
  const player = root.locator('[data-player="hooks"]');
  const forward = player.getByRole('button', { name: 'Step forward' });
  // Walk to LOCAL_IN, where IPVS steals the packet.
  for (let i = 0; i < 20 && (await root.getAttribute('data-hook')) !== 'LOCAL_IN'; i++) await forward.click();
  await expect(root).toHaveAttribute('data-hook', 'LOCAL_IN');
  const rows = root.locator('[data-role="panel"] tbody tr');
  const priorities = (await rows.locator('td:first-child').allTextContents()).map((t) => (t === 'INT_MAX' ? Infinity : Number(t)));
  expect(priorities).toEqual([...priorities].sort((a, b) => a - b));
  await expect(root.locator('tr[data-owner="ipvs"]')).toHaveCount(2);
  await expect(root.locator('tr[data-owner="ipvs"]').last()).toContainText('STOLEN');
  await expect(rows.last()).toContainText('not run');
  const at = await player.getAttribute('data-index');

  await forward.click();
  await expect(root).not.toHaveAttribute('data-hook', 'LOCAL_IN');
  await player.getByRole('button', { name: 'Step back' }).click();
  await expect(player).toHaveAttribute('data-index', at!);
  await expect(root).toHaveAttribute('data-hook', 'LOCAL_IN');
});

test('a shared link reopens the same scenario at the same step', async ({ guarded: page }) => {
  await page.goto('/zh-cn/netfilter/#hooks.s=lvs-tun-request&hooks.t=5');
  const root = page.locator('[data-hook-explorer]');
  await root.scrollIntoViewIfNeeded();
  await expect(root).toHaveAttribute('data-ready', 'true');
  await expect(root.locator('[data-role="scenario"]')).toHaveValue('lvs-tun-request');
  await expect(root.locator('[data-player="hooks"]')).toHaveAttribute('data-index', '5');
});
