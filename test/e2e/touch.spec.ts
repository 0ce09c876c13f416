/**
 * Direct manipulation and visible messages (#16): a router is crashed by clicking it, a link cut by
 * clicking it (and drawn cut), a packet's headers opened by clicking the packet, and an event-list
 * entry followed to its moment — each by mouse and by keyboard. Adverts fly at every speed.
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

test('clicking a router opens its menu; Crash takes it down and the next router takes over', async ({ guarded: page }) => {
  const root = await lab(page, '/en/keepalived/', '[data-election-lab]');
  await root.getByRole('slider').fill('20'); // 5 s: router 1 is master
  await expect(root).toHaveAttribute('data-masters', '0');
  const r1 = root.locator('.election-lab__router[data-router="0"]');
  await expect(r1).toHaveAttribute('aria-label', 'R1, MASTER: stop, crash or start it');
  await r1.click();
  const menu = root.getByRole('menu', { name: 'R1, MASTER: stop, crash or start it' });
  await expect(menu).toBeVisible();
  await menu.getByRole('menuitem', { name: 'Crash (no last advert)' }).click();
  await expect(menu).toBeHidden();
  await root.getByRole('slider').fill('40'); // 10 s: router 2 has taken over after the master-down interval
  await expect(root).toHaveAttribute('data-masters', '1');
  await expect(root.locator('fieldset[data-router="0"]')).toHaveAttribute('data-state', 'STOPPED');
});

test('by keyboard: Enter on a router opens its menu, arrows choose, Enter stops it; Esc closes the menu', async ({ guarded: page }) => {
  const root = await lab(page, '/zh-cn/keepalived/', '[data-election-lab]');
  await root.getByRole('slider').fill('20');
  const r1 = root.locator('.election-lab__router[data-router="0"]');
  await r1.focus();
  await page.keyboard.press('Enter');
  const menu = root.getByRole('menu');
  await expect(menu).toBeVisible();
  await expect(menu.getByRole('menuitem', { name: '停止（发出优先级 0）' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(r1).toBeFocused();
  await page.keyboard.press(' ');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await expect(menu.getByRole('menuitem', { name: '停止（发出优先级 0）' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(r1).toBeFocused();
  await root.getByRole('slider').fill('40');
  await expect(root).toHaveAttribute('data-masters', '1');
  await expect(root.locator('fieldset[data-router="0"]')).toHaveAttribute('data-state', 'STOPPED');
});

test('clicking a router’s link cuts it (drawn cut: split brain), clicking again heals it', async ({ guarded: page }) => {
  const root = await lab(page, '/en/keepalived/', '[data-election-lab]');
  await root.getByRole('slider').fill('20');
  const link = root.locator('.election-lab__link[data-router="0"]');
  await expect(link).toHaveAttribute('aria-label', "Cut R1's link");
  await link.click();
  await expect(link).toHaveAttribute('data-up', 'false');
  await expect(link).toHaveAttribute('aria-label', "Heal R1's link");
  await expect(link.locator('text')).toHaveAttribute('opacity', '1');
  // Router 1 cannot hear router 2 and stays master; router 2 hears nobody and takes over: split brain.
  await root.getByRole('slider').fill('40');
  await expect(root).toHaveAttribute('data-masters', '0,1');
  await link.focus();
  await page.keyboard.press('Enter');
  await root.getByRole('slider').fill('60');
  await expect(root).toHaveAttribute('data-masters', '0');
  await expect(link).toHaveAttribute('data-up', 'true');
});

test('adverts fly along the segment at the fastest speed too', async ({ guarded: page }) => {
  const root = await lab(page, '/en/keepalived/', '[data-election-lab]');
  await root.locator('[data-player] [data-act="reset"]').click();
  await root.locator('[data-player] [data-act="speed"]').selectOption('8');
  await root.locator('[data-player] [data-act="play"]').click();
  // Sampled while playing: an advert is on its way, between its sender and the end of the wire.
  await expect.poll(async () => root.locator('.election-lab__segment circle.advert').count(), { timeout: 5000 }).toBeGreaterThan(0);
  const moving = await root.locator('.election-lab__segment circle.advert').first().evaluate(async (c) => {
    const a = Number(c.getAttribute('cx'));
    await new Promise((r) => setTimeout(r, 120));
    return Math.abs(Number(c.getAttribute('cx')) - a);
  });
  expect(moving).toBeGreaterThan(1);
});

test('clicking the packet opens its headers, layer by layer, where the reader closed them', async ({ guarded: page }) => {
  const root = await lab(page, '/en/forwarding-modes/', '#pp-nat');
  const forward = root.locator('[data-player] [data-act="forward"]');
  const lane = root.locator('[data-lane="0"]');
  // Step until the packet is on a wire (ARP and the director's own steps have no IP header).
  const toNextHop = async () => {
    for (let i = 0; i < 10; i++) {
      await forward.click();
      if (/^\w+>\w+$/.test((await lane.getAttribute('data-at')) ?? '')) return;
    }
    throw new Error('no hop within 10 steps');
  };
  await toNextHop();
  const ip = root.locator('details.pp-layer[data-layer="ip"]');
  await expect(ip).toHaveAttribute('open', '');
  await ip.locator('summary').click();
  await expect(ip).not.toHaveAttribute('open', '');
  // Closed layers stay closed from hop to hop.
  await toNextHop();
  await expect(root.locator('details.pp-layer[data-layer="ip"]')).not.toHaveAttribute('open', '');
  await root.locator('.pp-packet').click();
  await expect(root.locator('details.pp-layer[data-layer="ip"]')).toHaveAttribute('open', '');
  await expect(root.locator('.pp-inspector')).toBeFocused();
  // By keyboard: close it again, focus the packet, Enter.
  await root.locator('details.pp-layer[data-layer="tcp"] summary').click();
  await expect(root.locator('details.pp-layer[data-layer="tcp"]')).not.toHaveAttribute('open', '');
  await root.locator('.pp-packet').focus();
  await page.keyboard.press('Enter');
  await expect(root.locator('details.pp-layer[data-layer="tcp"]')).toHaveAttribute('open', '');
  await expect(root.locator('.pp-inspector')).toBeFocused();
});

test('the event list: filter, then follow an entry to its moment by mouse and by keyboard', async ({ guarded: page }) => {
  const root = await lab(page, '/en/netfilter/', '[data-hook-explorer]');
  const events = root.locator('[data-player] details[data-role="events"]');
  await events.locator('summary').click();
  const entries = events.locator('[data-role="events-list"] button');
  // The list is built on the details' toggle event, which the browser fires a task after the click.
  await expect(entries.first()).toBeVisible();
  const all = await entries.count();
  expect(all).toBeGreaterThan(5);
  await events.getByRole('searchbox', { name: 'Filter events' }).fill('LOCAL_OUT');
  const hits = await entries.allTextContents();
  expect(hits.length).toBeGreaterThan(0);
  expect(hits.length).toBeLessThan(all);
  for (const h of hits) expect(h).toContain('LOCAL_OUT');
  const first = entries.first();
  const index = Number(await first.getAttribute('data-seek'));
  await first.click();
  await expect(root.locator('[data-player]')).toHaveAttribute('data-index', String(index));
  await expect(first).toHaveAttribute('aria-current', 'step');
  await expect(root.locator('[data-role="caption"]')).toHaveText((hits[0] ?? '').replace(/^\d+\. /, ''));
  // Keyboard: clear the filter, Tab into the list, Enter on an entry.
  await events.getByRole('searchbox').fill('');
  await entries.nth(2).focus();
  await page.keyboard.press('Enter');
  await expect(root.locator('[data-player]')).toHaveAttribute('data-index', await entries.nth(2).getAttribute('data-seek') ?? '');
  // Nothing matches: said plainly.
  await events.getByRole('searchbox').fill('no such words anywhere');
  await expect(entries).toHaveCount(0);
  await expect(events.locator('[data-role="events-more"]')).toHaveText('No event matches.');
});

test('every lab has a legend, in the page’s language', async ({ guarded: page }) => {
  for (const [path, labs] of [
    ['/en/', ['[data-landing-demo]']],
    ['/en/forwarding-modes/', ['#pp-nat', '#pp-dr']],
    ['/zh-cn/keepalived/', ['[data-election-lab]', '[data-health-panel]']],
    ['/en/schedulers/', ['[data-sched-lab]']],
    ['/en/netfilter/', ['[data-hook-explorer]']],
    ['/zh-cn/lvs-vs-nginx/', ['[data-l4l7]']],
  ] as const) {
    await page.goto(path);
    for (const sel of labs) {
      const legend = page.locator(sel).getByRole('list', { name: path.startsWith('/zh-cn/') ? '图例' : 'Legend' });
      await expect(legend).toHaveCount(1);
      expect(await legend.getByRole('listitem').count()).toBeGreaterThan(1);
    }
  }
});
