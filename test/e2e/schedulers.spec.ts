import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';

async function open(page: Page, path: string) {
  await page.goto(path);
  const root = page.locator('[data-sched-lab]');
  await root.scrollIntoViewIfNeeded();
  await expect(root).toHaveAttribute('data-ready', 'true');
  return root;
}

const totals = async (page: Page, name: string) =>
  (await page.locator(`[data-sched-lab] section[data-scheduler="${name}"]`).getAttribute('data-totals'))!.split(',').map(Number);

for (const [path, playLabel] of [['/en/schedulers/', 'Step back'], ['/zh-cn/schedulers/', '后退一步']] as const) {
  test(`the lab runs a scheduler on real traffic and follows the weights (${path})`, async ({ guarded: page }) => {
    const root = await open(page, path);
    await root.locator('[data-role="a"]').selectOption('wrr');
    const t = await totals(page, 'wrr');
    // Weights 1, 3, 2, 1: wrr hands out connections in exactly that proportion.
    const sum = t.reduce((a, b) => a + b, 0);
    expect(sum).toBe(5000);
    expect(t.map((x) => Math.round((x / sum) * 7))).toEqual([1, 3, 2, 1]);
    const before = await root.getAttribute('data-index');
    await root.getByRole('button', { name: playLabel }).click();
    expect(Number(await root.getAttribute('data-index'))).toBe(Number(before) - 1);
  });
}

test('two schedulers side by side on the same traffic, and a failing server', async ({ guarded: page }) => {
  const root = await open(page, '/en/schedulers/');
  await root.locator('[data-role="b"]').selectOption('rr');
  await expect(root.locator('section[data-scheduler]')).toHaveCount(2);
  await root.locator('[data-role="pattern"]').selectOption('failing-server');
  const wlc = await totals(page, 'wlc');
  const rr = await totals(page, 'rr');
  // RS1 is taken out half-way, so it gets well under its share; rr ignores weights, wlc does not.
  expect(wlc[0]).toBeLessThan(5000 / 7);
  expect(rr[1]).toBeLessThan(rr[2]! + 200);
  await expect(root.locator('section[data-scheduler="rr"] tbody tr').first()).toContainText(':80');
});

test('weights are read from the controls and weight 0 gets nothing', async ({ guarded: page }) => {
  const root = await open(page, '/en/schedulers/');
  await root.getByLabel('Weight of RS2').fill('0');
  await root.getByLabel('Weight of RS2').dispatchEvent('change');
  await expect.poll(async () => (await totals(page, 'wlc'))[1]).toBe(0);
});

test('persistence creates templates, and the sorry server catches what no real server takes', async ({ guarded: page }) => {
  const root = await open(page, '/en/schedulers/');
  await root.locator('[data-role="persistence"]').selectOption('300');
  await expect.poll(async () => Number(await root.locator('section[data-scheduler="wlc"]').getAttribute('data-templates'))).toBeGreaterThan(0);
  for (let i = 1; i <= 4; i++) {
    await root.getByLabel(`Weight of RS${i}`).fill('0');
    await root.getByLabel(`Weight of RS${i}`).dispatchEvent('change');
  }
  await root.getByLabel('sorry server').check();
  await expect(root.locator('section[data-scheduler="wlc"]')).toHaveAttribute('data-sorry', '5000');
  await expect(root.locator('section[data-scheduler="wlc"] [data-role="summary"]')).toContainText('5000 went to the sorry server');
});

test('a virtual_server pasted from keepalived.conf sets the scheduler and the weights', async ({ guarded: page }) => {
  const root = await open(page, '/en/schedulers/');
  await root.getByText('Load a virtual_server from keepalived.conf').click();
  await root.locator('[data-role="config"]').fill(`virtual_server 192.168.200.100 80 {
    lb_algo wrr
    lb_kind DR
    protocol TCP
    real_server 192.168.200.11 80 {
        weight 5
    }
    real_server 192.168.200.12 80 {
        weight 1
    }
}`);
  await root.getByRole('button', { name: 'Load', exact: true }).click();
  await expect(root.locator('[data-role="config-status"]')).toContainText('wrr, 2 real servers');
  await expect(root.locator('[data-role="a"]')).toHaveValue('wrr');
  // Added one at a time as keepalived adds them, wrr's first pass runs at threshold 1 (A, B), then A×5, B per cycle.
  await expect.poll(async () => (await totals(page, 'wrr')).join(',')).toBe('4166,834,0,0');
});
