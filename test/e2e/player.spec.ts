import { test, expect, withBase } from './fixtures';
import type { Page } from '@playwright/test';

const player = (page: Page) => page.locator('[data-player="demo"]');

async function openDemo(page: Page, path = '/en/') {
  await page.goto(path);
  const root = page.locator('[data-landing-demo]');
  await root.scrollIntoViewIfNeeded();
  await expect(root).toHaveAttribute('data-ready', 'true');
  return root;
}

async function packetText(page: Page) {
  return (await page.locator('[data-landing-demo] g.packet').textContent()) ?? '';
}

test('the player steps forwards and backwards with the mouse, and back restores the previous frame', async ({ guarded: page }) => {
  await openDemo(page);
  const p = player(page);
  await expect(p).toHaveAttribute('data-index', '0');

  const forward = p.getByRole('button', { name: 'Step forward' });
  for (let i = 0; i < 3; i++) await forward.click();
  await expect(p).toHaveAttribute('data-index', '3');
  // Frame 3: the director has rewritten the destination to the real server.
  await expect(page.locator('[data-landing-demo] g.packet')).toContainText('dst 10.0.0.11:8080');
  const atThree = await packetText(page);
  const captionThree = await p.locator('[data-role="caption"]').textContent();

  await forward.click();
  await expect(p).toHaveAttribute('data-index', '4');
  expect(await packetText(page)).not.toBe(atThree);

  await p.getByRole('button', { name: 'Step back' }).click();
  await expect(p).toHaveAttribute('data-index', '3');
  expect(await packetText(page)).toBe(atThree);
  await expect(p.locator('[data-role="caption"]')).toHaveText(captionThree!);

  await p.getByRole('button', { name: 'Reset to the start' }).click();
  await expect(p).toHaveAttribute('data-index', '0');
});

test('the player works from the keyboard: arrows step, Home resets, Space plays to the end', async ({ guarded: page }) => {
  await openDemo(page);
  const p = player(page);
  await p.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(p).toHaveAttribute('data-index', '2');
  await page.keyboard.press('ArrowLeft');
  await expect(p).toHaveAttribute('data-index', '1');
  await page.keyboard.press('Home');
  await expect(p).toHaveAttribute('data-index', '0');

  await p.getByRole('combobox', { name: 'Speed' }).selectOption('8');
  await p.focus();
  await page.keyboard.press(' ');
  await expect(p).toHaveAttribute('data-playing', '');
  await expect(p.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect(p).toHaveAttribute('data-index', '6', { timeout: 10_000 });
  await expect(p).not.toHaveAttribute('data-playing', '');
});

test('every step is announced in words in a live region', async ({ guarded: page }) => {
  await openDemo(page);
  const p = player(page);
  const live = p.locator('[aria-live="polite"]');
  await p.getByRole('button', { name: 'Step forward' }).click();
  await expect(live).toContainText('Step 1 of 6');
  await expect(live).toContainText('The client sends a SYN');
});

test('the timeline slider seeks, and a shared URL reopens the same moment', async ({ guarded: page, context }) => {
  await openDemo(page);
  const p = player(page);
  await p.getByRole('slider', { name: 'Timeline' }).fill('5');
  await expect(p).toHaveAttribute('data-index', '5');
  await expect(page).toHaveURL(/#demo\.v=1&demo\.t=5$/);
  const shared = page.url();
  const before = await packetText(page);

  const other = withBase(await context.newPage());
  await other.goto(shared);
  const root = other.locator('[data-landing-demo]');
  await root.scrollIntoViewIfNeeded();
  await expect(root).toHaveAttribute('data-ready', 'true');
  await expect(player(other)).toHaveAttribute('data-index', '5');
  expect(await packetText(other)).toBe(before);
  await other.close();
});

test('the Chinese landing page plays the same run with Chinese words', async ({ guarded: page }) => {
  await openDemo(page, '/zh-cn/');
  const p = player(page);
  await p.getByRole('button', { name: '前进一步' }).click();
  await expect(p.locator('[data-role="caption"]')).toContainText('客户端');
});

test('with reduced motion the packet jumps straight to its place', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ reducedMotion: 'reduce', baseURL: baseURL! });
  const page = withBase(await context.newPage());
  await openDemo(page);
  await player(page).getByRole('button', { name: 'Step forward' }).click();
  // No tween: the transform is final at once, and no transition is running.
  const t1 = await page.locator('[data-landing-demo] g.packet').getAttribute('transform');
  await page.waitForTimeout(150);
  const t2 = await page.locator('[data-landing-demo] g.packet').getAttribute('transform');
  expect(t1).toBe(t2);
  // Halfway from the client (x 70) to the router (x 250), its box centred above the wire (y 70 − 39).
  expect(t1).toBe('translate(160,31)');
  await context.close();
});

test('? opens the keyboard help from anywhere in the lab, Esc closes it, End jumps to the last step', async ({ guarded: page }) => {
  await openDemo(page);
  const p = player(page);
  const help = p.getByRole('dialog', { name: 'Keys in this lab' });
  await expect(help).toBeHidden();
  await p.focus();
  await page.keyboard.press('?');
  await expect(help).toBeVisible();
  await expect(help).toContainText('jump to the last step');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  // The visible ? button does the same, for those who do not know the key.
  await p.getByRole('button', { name: 'Keyboard help' }).click();
  await expect(help).toBeVisible();
  await help.getByRole('button', { name: 'Close' }).click();
  await expect(help).toBeHidden();

  await p.focus();
  await page.keyboard.press('End');
  await expect(p).toHaveAttribute('data-index', '6');
  await page.keyboard.press('Home');
  await expect(p).toHaveAttribute('data-index', '0');
});

test('the Chinese keyboard help is in Chinese', async ({ guarded: page }) => {
  await openDemo(page, '/zh-cn/');
  const p = player(page);
  await p.focus();
  await page.keyboard.press('?');
  await expect(p.getByRole('dialog', { name: '本实验的按键' })).toContainText('跳到最后一步');
});

test('playback pauses while the player is scrolled out of view, and resumes when it returns', async ({ guarded: page }) => {
  await openDemo(page);
  const p = player(page);
  await p.getByRole('button', { name: 'Play' }).click();
  await expect(p).toHaveAttribute('data-index', '1', { timeout: 5_000 });
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.waitForTimeout(300);
  const away = await p.getAttribute('data-index');
  await page.waitForTimeout(2_500);
  expect(await p.getAttribute('data-index')).toBe(away);
  await expect(p).toHaveAttribute('data-playing', '');
  await p.scrollIntoViewIfNeeded();
  await expect(p).not.toHaveAttribute('data-index', away!, { timeout: 5_000 });
});
