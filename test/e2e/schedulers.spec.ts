import { test, expect, withBase } from './fixtures';
import type { Page } from '@playwright/test';

async function open(page: Page, path: string) {
  await page.goto(path);
  const root = page.locator('[data-sched-lab]');
  await root.scrollIntoViewIfNeeded();
  await expect(root).toHaveAttribute('data-ready', 'true');
  return root;
}

/** A virtual_server block: its own lines, then one real_server per [address, weight]. */
const virtualServer = (lines: string[], reals: Array<[string, number]>) => `virtual_server 192.168.200.100 80 {
${lines.map((l) => `    ${l}`).join('\n')}
${reals.map(([ip, w]) => `    real_server ${ip} 80 {\n        weight ${w}\n    }`).join('\n')}
}`;

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
  await root.locator('[data-role="config"]').fill(virtualServer(['lb_algo wrr', 'lb_kind DR', 'protocol TCP'], [['192.168.200.11', 5], ['192.168.200.12', 1]]));
  await root.getByRole('button', { name: 'Load', exact: true }).click();
  await expect(root.locator('[data-role="config-status"]')).toContainText('wrr, 2 real servers');
  await expect(root.locator('[data-role="a"]')).toHaveValue('wrr');
  // Added one at a time as keepalived adds them, wrr's first pass runs at threshold 1 (A, B), then A×5, B per cycle.
  // Two real servers in the config, two in the lab: no invented weight-0 servers.
  await expect.poll(async () => (await totals(page, 'wrr')).join(',')).toBe('4166,834');
  await expect(root.getByLabel('Weight of RS3')).toBeHidden();
  await expect(root.locator('[data-role="config-status"]')).toContainText('Not used by this lab: lb_kind DR');
});

test('a config keepalived -t would reject loads nothing, and every error is listed; odd values are kept, not rounded', async ({ guarded: page }) => {
  const root = await open(page, '/en/schedulers/');
  await root.getByText('Load a virtual_server from keepalived.conf').click();
  const config = root.locator('[data-role="config"]');
  const status = root.locator('[data-role="config-status"]');
  await config.fill(virtualServer(['lb_algo wrrr', 'persistence_timeout 50'], [['192.168.200.11', 5]]));
  await root.getByRole('button', { name: 'Load', exact: true }).click();
  await expect(status).toContainText('keepalived -t would reject this config');
  await expect(status).toContainText('line 2:');
  await expect(status).toContainText('wrrr');
  // The number of errors said is the number listed.
  const n = Number(await status.getAttribute('data-errors'));
  expect(n).toBeGreaterThan(0);
  await expect(status.locator('p')).toHaveCount(n + 1);
  await expect(root.locator('[data-role="a"]')).toHaveValue('wlc');

  await config.fill(virtualServer(['lb_algo rr', 'lb_kind DR', 'protocol TCP', 'persistence_timeout 50'], [['192.168.200.11', 5]]));
  await root.getByRole('button', { name: 'Load', exact: true }).click();
  await expect(root.locator('[data-role="persistence"]')).toHaveValue('50');
  await expect(root.locator('section[data-scheduler="rr"]')).toHaveAttribute('data-totals', '5000');
});

test('weights are read as keepalived reads them: a negative one is refused with a message, not clamped', async ({ guarded: page }) => {
  const root = await open(page, '/en/schedulers/');
  const before = await root.locator('section[data-scheduler="wlc"]').getAttribute('data-totals');
  const w1 = root.getByLabel('Weight of RS1');
  await w1.fill('-3');
  await w1.dispatchEvent('change');
  await expect(root.locator('[data-role="weight-error"]')).toBeVisible();
  await expect(w1).toHaveAttribute('aria-invalid', 'true');
  await expect(root.locator('section[data-scheduler="wlc"]')).toHaveAttribute('data-totals', before!);
  await w1.fill('200');
  await w1.dispatchEvent('change');
  await expect(root.locator('[data-role="weight-error"]')).toBeHidden();
  await expect(root.locator('section[data-scheduler="wlc"]')).not.toHaveAttribute('data-totals', before!);
});

test('client traffic while a real server dies: lost while listed, retried, then none sent there (and in the link)', async ({ guarded: page }) => {
  await page.goto('/en/schedulers/');
  const root = page.locator('[data-sched-lab]');
  await root.scrollIntoViewIfNeeded();
  await expect(root).toHaveAttribute('data-ready', 'true');
  // wrr ignores how busy a server is, so it keeps sending the dead one its share until it is removed.
  await root.locator('[data-role="a"]').selectOption('wrr');
  await root.locator('[data-role="traffic"] summary').click();
  await expect(root).toHaveAttribute('data-removed-at', '40');
  await expect(root.locator('[data-role="traffic-removed"]')).toContainText('took 10.0.0.11:80 out of the IPVS table at 40 s');
  const timeouts = root.locator('[data-role="traffic-strip"] .hp-req[data-result="timeout"]');
  expect(await timeouts.count()).toBeGreaterThan(3);
  expect(await timeouts.count()).toBe(Number(((await root.getAttribute('data-traffic')) ?? '').split('/')[2]));
  const [sent = 0, ok = 0, failed = 0, retried = 0] = ((await root.getAttribute('data-traffic')) ?? '').split('/').map(Number);
  expect(sent).toBeGreaterThan(120);
  expect(failed).toBeGreaterThan(0);
  expect(retried).toBe(failed);
  expect(ok).toBeGreaterThan(sent - 2 * failed - 1);
  // Another server dies instead: RS2 has weight 3, so more requests are lost while it is listed.
  await root.locator('[data-role="dies"]').selectOption('1');
  await expect(root.locator('[data-role="traffic-removed"]')).toContainText('10.0.0.12:80');
  const failedRs2 = Number(((await root.getAttribute('data-traffic')) ?? '').split('/')[2]);
  expect(failedRs2).toBeGreaterThan(failed);
  // The link keeps the open traffic view and the server chosen.
  const href = await root.locator('[data-player] [data-role="share"]').getAttribute('href');
  const other = withBase(await page.context().newPage());
  await other.goto(href!.replace(/^\/lvs-lab\//, '/'));
  const again = other.locator('[data-sched-lab]');
  await expect(again).toHaveAttribute('data-ready', 'true');
  await expect(again.locator('[data-role="traffic"]')).toHaveAttribute('open', '');
  await expect(again.locator('[data-role="dies"]')).toHaveValue('1');
  await expect(again.locator('[data-role="traffic-removed"]')).toContainText('10.0.0.12:80');
  await other.close();
});

test('client traffic with wlc: the dead server’s connections stay active (SYN_RECV), so wlc steers away before the checker acts', async ({ guarded: page }) => {
  await page.goto('/en/schedulers/');
  const root = page.locator('[data-sched-lab]');
  await root.scrollIntoViewIfNeeded();
  await expect(root).toHaveAttribute('data-ready', 'true');
  await expect(root.locator('[data-role="a"]')).toHaveValue('wlc');
  await root.locator('[data-role="traffic"] summary').click();
  await expect(root).toHaveAttribute('data-removed-at', '40');
  const wlcFailed = Number(((await root.getAttribute('data-traffic')) ?? '').split('/')[2]);
  await root.locator('[data-role="a"]').selectOption('wrr');
  await expect.poll(async () => Number(((await root.getAttribute('data-traffic')) ?? '').split('/')[2])).toBeGreaterThan(wlcFailed);
});
