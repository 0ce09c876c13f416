import { test, expect, axeViolations } from './fixtures';
import type { Locator, Page } from '@playwright/test';

/** What the inspector must show when the packet leaves the director for RS1, and when RS1 answers. */
const EXPECT = {
  nat: {
    director: { at: 'director>rs1', fields: { 'ip.src': '203.0.113.7', 'ip.dst': '10.0.0.11', 'l4.dport': '8080', 'ip.ttl': '62' }, changed: ['ip.dst', 'l4.dport'] },
    rs: { at: 'rs1>director', fields: { 'ip.src': '10.0.0.11', 'ip.dst': '203.0.113.7', 'l4.sport': '8080', 'l4.flags': 'SYN,ACK' } },
  },
  fullnat: {
    director: { at: 'director>rs1', fields: { 'ip.src': '10.0.0.100', 'ip.dst': '10.0.0.11', 'l4.sport': '1024', 'l4.dport': '8080' }, changed: ['ip.src', 'ip.dst', 'l4.sport', 'l4.dport'] },
    rs: { at: 'rs1>director', fields: { 'ip.src': '10.0.0.11', 'ip.dst': '10.0.0.100', 'l4.dport': '1024', 'l4.flags': 'SYN,ACK' } },
  },
  dr: {
    director: { at: 'director>rs1', fields: { 'eth.dst': '02:00:00:00:03:01', 'ip.src': '203.0.113.7', 'ip.dst': '192.0.2.10', 'l4.dport': '80' }, changed: ['eth.dst'] },
    rs: { at: 'rs1>router', fields: { 'ip.src': '192.0.2.10', 'ip.dst': '203.0.113.7', 'l4.sport': '80', 'l4.flags': 'SYN,ACK' } },
  },
  tun: {
    director: { at: 'director>router', fields: { 'outer.src': '192.0.2.2', 'outer.dst': '198.51.100.11', 'outer.proto': '4 (IPIP)', 'ip.dst': '192.0.2.10' }, changed: ['outer.src'] },
    rs: { at: 'rs1>router', fields: { 'ip.src': '192.0.2.10', 'ip.dst': '203.0.113.7', 'l4.flags': 'SYN,ACK' } },
  },
} as const;

const LABELS = { '/en/forwarding-modes/': 'Step forward', '/zh-cn/forwarding-modes/': '前进一步' } as const;

async function open(page: Page, path: string, id: string): Promise<Locator> {
  await page.goto(path);
  const root = page.locator(`#pp-${id}`);
  // The players above load as they come near the view and grow; on a loaded machine the scroll can
  // land before they do and leave this one short of the view: scroll again until it has loaded.
  await expect(async () => {
    await root.scrollIntoViewIfNeeded();
    await expect(root).toHaveAttribute('data-ready', 'true', { timeout: 2000 });
  }).toPass({ timeout: 15_000 });
  return root;
}

/** Steps forward until the first lane's packet is on the hop `at` (or gives up after `max` steps). */
async function stepTo(root: Locator, label: string, at: string, max = 40) {
  const lane = root.locator('[data-lane="0"]');
  for (let i = 0; i < max; i++) {
    if ((await lane.getAttribute('data-at')) === at) return lane;
    await root.getByRole('button', { name: label, exact: true }).click();
  }
  throw new Error(`never reached ${at}`);
}

async function field(lane: Locator, name: string) {
  return (await lane.locator(`[data-field="${name}"] code`).first().textContent())?.trim();
}

for (const [path, forward] of Object.entries(LABELS)) {
  for (const mode of ['nat', 'fullnat', 'dr', 'tun'] as const) {
    test(`${mode}: the inspector at the director and at the real server (${path})`, async ({ guarded: page }) => {
      const root = await open(page, path, mode);
      const want = EXPECT[mode];
      let lane = await stepTo(root, forward, want.director.at);
      for (const [k, v] of Object.entries(want.director.fields)) expect(await field(lane, k), k).toBe(v);
      for (const k of want.director.changed) await expect(lane.locator(`[data-field="${k}"]`).first()).toHaveAttribute('data-changed', 'true');
      // The IPVS table has the new connection by now.
      await expect(lane.locator('.pp-table tbody tr')).toHaveCount(1);
      lane = await stepTo(root, forward, want.rs.at);
      for (const [k, v] of Object.entries(want.rs.fields)) expect(await field(lane, k), k).toBe(v);
    });
  }
}

test('a break shows its failure, and the choice lives in the shared link', async ({ guarded: page }) => {
  const root = await open(page, '/en/forwarding-modes/', 'dr');
  await root.locator('[data-role="break"]').selectOption('arp');
  await root.locator('[data-act="timeline"]').evaluate((el: HTMLInputElement) => {
    el.value = el.max;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
  const outcome = root.locator('[data-lane="0"] [data-role="outcome"]');
  await expect(outcome).toHaveAttribute('data-outcome', 'warning');
  await expect(outcome).toContainText('director never saw it');
  await expect(root.locator('.pp-table .pp-empty')).toBeVisible();
  expect(page.url()).toContain('dr.s=dr%2Barp');
  // The same link opens the same run.
  await page.goto(page.url());
  const again = page.locator('#pp-dr');
  await again.scrollIntoViewIfNeeded();
  await expect(again.locator('[data-role="break"]')).toHaveValue('arp');
});

test('side by side: NAT replies cross the director, DR replies do not; traffic puts 200 packets in flight', async ({ guarded: page }) => {
  const root = await open(page, '/zh-cn/forwarding-modes/', 'compare');
  await expect(root.locator('[data-lane]')).toHaveCount(2);
  await expect(root.locator('[data-lane="1"]')).toHaveAttribute('data-mode', 'dr');
  // Keyboard: the player takes arrow keys.
  await root.locator('[data-player]').focus();
  for (let i = 0; i < 12; i++) await page.keyboard.press('ArrowRight');
  expect(Number(await root.getAttribute('data-index'))).toBe(12);
  await root.locator('[data-role="traffic"]').click();
  await expect(root.locator('[data-lane="0"]')).toHaveAttribute('data-in-flight', '200');
  await expect(root.locator('[data-lane="0"] canvas.pp-traffic')).toHaveCount(1);
  await expect(root.locator('[data-lane="1"]')).toHaveAttribute('data-in-flight', '200');
  // NAT's director carries the 80 replies of 40 connections; DR's carries none.
  await expect(root.locator('[data-role="load"]')).toContainText(/VS\/NAT: .*和 80 个回包/);
  await expect(root.locator('[data-role="load"]')).toContainText(/VS\/DR: .*和 0 个回包/);
});

test('the chapter has no accessibility violations', async ({ guarded: page }) => {
  await page.goto('/en/forwarding-modes/');
  for (const id of ['nat', 'fullnat', 'dr', 'tun', 'compare']) {
    const root = page.locator(`#pp-${id}`);
    await root.scrollIntoViewIfNeeded();
    await expect(root).toHaveAttribute('data-ready', 'true');
  }
  expect(await axeViolations(page)).toEqual([]);
});

test('the packet player and its controls meet contrast in the dark theme as well', async ({ guarded: page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/en/forwarding-modes/');
  await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
  const root = page.locator('#pp-nat');
  await root.scrollIntoViewIfNeeded();
  await expect(root).toHaveAttribute('data-ready', 'true');
  await root.getByRole('button', { name: 'Step forward', exact: true }).click();
  expect(await axeViolations(page)).toEqual([]);
});

test('with reduced motion the packet jumps straight to its hop', async ({ guarded: page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const root = await open(page, '/en/forwarding-modes/', 'dr');
  await root.getByRole('button', { name: 'Step forward', exact: true }).click();
  const packet = root.locator('[data-lane="0"] .pp-packet');
  const first = await packet.getAttribute('transform');
  await page.waitForTimeout(600);
  expect(await packet.getAttribute('transform')).toBe(first);
  expect(first).toMatch(/^translate\(/);
});

test('the 200 packets move only while they can be seen, and stand still with reduced motion', async ({ guarded: page }) => {
  const root = await open(page, '/en/forwarding-modes/', 'nat');
  await root.locator('[data-role="traffic"]').click();
  const lane = root.locator('[data-lane="0"]');
  await expect(lane).toHaveAttribute('data-traffic', 'running');
  // Scrolled away (the chapter's end), the loop stops; back in view, it runs again.
  await page.locator('[data-player]').last().scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await expect(lane).toHaveAttribute('data-traffic', 'paused');
  await root.scrollIntoViewIfNeeded();
  await expect(lane).toHaveAttribute('data-traffic', 'running');

  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.reload();
  const still = await open(page, '/en/forwarding-modes/', 'nat');
  await still.locator('[data-role="traffic"]').click();
  const stillLane = still.locator('[data-lane="0"]');
  await expect(stillLane).toHaveAttribute('data-traffic', 'still');
  const canvas = stillLane.locator('canvas.pp-traffic');
  const before = await canvas.evaluate((c: HTMLCanvasElement) => c.toDataURL());
  await page.waitForTimeout(500);
  expect(await canvas.evaluate((c: HTMLCanvasElement) => c.toDataURL())).toBe(before);
});
