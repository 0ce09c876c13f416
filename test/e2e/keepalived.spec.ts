import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';

/** Opens the election lab; it opens at the start of its timeline, and End takes it to the finished election. */
async function open(page: Page, path: string) {
  await page.goto(path);
  const root = page.locator('[data-election-lab]');
  await root.scrollIntoViewIfNeeded();
  await expect(root).toHaveAttribute('data-ready', 'true');
  await expect(root).toHaveAttribute('data-time', '0');
  await root.locator('[data-player]').focus();
  await page.keyboard.press('End');
  await expect(root).toHaveAttribute('data-time', '20');
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

const R1 = `vrrp_script chk {
    script "/usr/bin/pgrep nginx"
    interval 1
    weight -60
}
vrrp_instance VI_1 {
    state BACKUP
    interface eth0
    virtual_router_id 51
    priority 150
    advert_int 1
    track_script {
        chk
    }
    virtual_ipaddress {
        192.0.2.10/24
    }
}`;
const R2 = R1.replace('priority 150', 'priority 100').replace(/track_script \{\s+chk\s+\}/, '');

for (const [path, names] of [
  ['/en/keepalived/', { fromConfig: 'Load the routers from keepalived.conf', load: 'Load', fail: 'Script fails' }],
  ['/zh-cn/keepalived/', { fromConfig: '从 keepalived.conf 加载路由器', load: '加载', fail: '脚本失败' }],
] as const) {
  test(`the election lab loads routers from keepalived.conf, drains timers, sends adverts, fails a tracked script (${path})`, async ({ guarded: page }) => {
    const root = await open(page, path);
    const r = (i: number) => root.locator(`fieldset[data-router="${i}"]`);
    await root.getByText(names.fromConfig).click();
    await root.locator('textarea[data-config="0"]').fill(R1);
    await root.locator('textarea[data-config="1"]').fill(R2);
    await root.getByRole('button', { name: names.load, exact: true }).click();
    await expect(root).toHaveAttribute('data-loaded', '2');
    await expect(root.locator('[data-role="config-status"]')).toContainText('track_script chk (-60)');
    // At 2 s everyone is a BACKUP waiting: router 1's timer has 3.41 − 2 s left.
    await root.getByRole('slider').fill('8');
    await expect(r(0)).toHaveAttribute('data-timer', '1.414');
    await expect(r(1)).toHaveAttribute('data-timer', '1.609');
    // At 3.5 s router 1 is MASTER and its first advert is on the wire.
    await root.getByRole('slider').fill('14');
    await expect(root).toHaveAttribute('data-masters', '0');
    await expect(root).toHaveAttribute('data-adverts', '1');
    await expect(r(0)).not.toHaveAttribute('data-timer', /./);
    // Its script fails at 5 s: priority 90, and router 2 takes over.
    await root.getByRole('slider').fill('20');
    await r(0).getByRole('button', { name: names.fail }).click();
    await root.getByRole('slider').fill('60');
    await expect(r(0)).toHaveAttribute('data-priority', '90');
    await expect(root).toHaveAttribute('data-masters', '1');
  });
}

test('a config with no instance is reported, not loaded', async ({ guarded: page }) => {
  const root = await open(page, '/en/keepalived/');
  await root.getByText('Load the routers from keepalived.conf').click();
  await root.locator('textarea[data-config="0"]').fill('vrrp_instance {\n  priority banana\n}}}\n\u0000');
  await root.getByRole('button', { name: 'Load', exact: true }).click();
  await expect(root.locator('[data-role="config-status"]')).toContainText('no vrrp_instance with a virtual_router_id');
  // The lab carries on with the settings above: router 1 (priority 150) wins.
  await root.getByRole('slider').fill('40');
  await expect(root).toHaveAttribute('data-masters', '0');
});

test('every error keepalived -t would give is listed, and a MASTER made by an authentication mismatch says why', async ({ guarded: page }) => {
  const root = await open(page, '/en/keepalived/');
  await root.getByText('Load the routers from keepalived.conf').click();
  const withAuth = (pass: string) => R2.replace('advert_int 1', `advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass ${pass}\n    }`);
  // Router 1 has an error keepalived -t names: an IPv6 VIP in an IPv4 instance.
  await root.locator('textarea[data-config="0"]').fill(withAuth('secret1').replace('priority 100', 'priority 150').replace('192.0.2.10/24', '192.0.2.10/24\n        2001:db8::1'));
  await root.locator('textarea[data-config="1"]').fill(withAuth('secret2'));
  await root.getByRole('button', { name: 'Load', exact: true }).click();
  const status = root.locator('[data-role="config-status"]');
  await expect(status).toContainText('address family must match');
  // For each router, the number of errors said is the number of errors listed.
  const lines = await status.locator('p').allTextContents();
  for (const r of ['R1', 'R2']) {
    const said = Number(/(\d+) errors keepalived would reject/.exec(lines.find((l) => l.startsWith(`${r}:`)) ?? '')?.[1] ?? 0);
    expect(said, r).toBeGreaterThan(0);
    expect(lines.filter((l) => l.startsWith(`${r} line `)), r).toHaveLength(said);
  }
  expect(Number(await status.getAttribute('data-errors'))).toBe(lines.filter((l) => / line \d+: /.test(l)).length);
  // Different passwords (and router 3, not loaded, has none): each ignores the others' adverts, and all end up MASTER.
  await root.getByRole('slider').fill('40');
  await expect(root).toHaveAttribute('data-masters', '0,1,2');
  // At 3.75 s router 2 takes over although router 1 is advertising, and the step says why.
  await root.getByRole('slider').fill('15');
  await expect(root.locator('[data-role="caption"]')).toContainText('router 2 BACKUP → MASTER');
  await expect(root.locator('[data-role="caption"]')).toContainText('adverts from router 1 ignored: authentication differs');
});

test('priorities are read as keepalived reads them: 0 or 300 is refused with a message, 255 is the address owner', async ({ guarded: page }) => {
  const root = await open(page, '/en/keepalived/');
  const r1 = root.locator('fieldset[data-router="0"]');
  const input = r1.locator('[data-role="priority"]');
  for (const bad of ['0', '300', '-5']) {
    await input.fill(bad);
    await input.dispatchEvent('change');
    await expect(r1.locator('[data-role="priority-error"]')).toBeVisible();
    await expect(input).toHaveAttribute('aria-invalid', 'true');
  }
  await input.fill('255');
  await input.dispatchEvent('change');
  await expect(r1.locator('[data-role="priority-error"]')).toBeHidden();
  // The owner is MASTER at once.
  await root.getByRole('slider').fill('1');
  await expect(root).toHaveAttribute('data-masters', '0');
});
