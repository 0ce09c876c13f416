import { test, expect, axeViolations } from './fixtures';
import type { Locator, Page } from '@playwright/test';

const INHIBIT = `virtual_server 10.0.0.100 80 {
    delay_loop 6
    lb_algo rr
    lb_kind DR
    protocol TCP
    real_server 10.0.0.11 80 {
        weight 3
        inhibit_on_failure
        TCP_CHECK {
            connect_timeout 3
            retry 1
            delay_before_retry 2
        }
    }
    real_server 10.0.0.12 80 {
        weight 1
        TCP_CHECK {
            connect_timeout 3
        }
    }
}
`;

async function open(page: Page, path: string) {
  await page.goto(path);
  const root = page.locator('[data-health-panel]');
  await root.scrollIntoViewIfNeeded();
  await expect(root).toHaveAttribute('data-ready', 'true');
  await expect(root).toHaveAttribute('data-index', '0');
  return root;
}

/** Press the player's step-forward button until `done` holds. */
async function stepUntil(root: Locator, forward: string, done: () => Promise<boolean>, max = 150) {
  const button = root.getByRole('button', { name: forward, exact: true });
  for (let i = 0; i < max; i++) {
    if (await done()) return;
    await button.click();
  }
  throw new Error(`not reached after ${max} steps`);
}

for (const [path, s] of [
  ['/en/keepalived/', { fail: 'Fail', recover: 'Recover', load: 'Load', forward: 'Step forward', summary: 'Load the virtual server from a keepalived.conf', noVs: 'No virtual_server' }],
  ['/zh-cn/keepalived/', { fail: '故障', recover: '恢复', load: '载入', forward: '前进一步', summary: '从 keepalived.conf 载入虚拟服务器', noVs: '没有带真实服务器的 virtual_server' }],
] as const) {
  test(`the health panel: removal, return, sorry server, inhibit_on_failure, a broken config (${path})`, async ({ guarded: page }) => {
    const root = await open(page, path);
    expect(await axeViolations(page)).toEqual([]);
    const rs = (i: number) => root.locator(`[data-server="${i}"]`);
    const attr = (l: Locator, a: string) => l.getAttribute(a);
    await expect(rs(0)).toHaveAttribute('data-in-ipvs', 'true');
    await expect(rs(1)).toHaveAttribute('data-in-ipvs', 'true');

    // Let every checker run once (at start-up a single failure would be enough), then fail the first
    // real server and step through the checks until keepalived removes it.
    await stepUntil(root, s.forward, async () => Number(await attr(root, 'data-time')) >= 10);
    const failedAt = Number(await attr(root, 'data-time'));
    await rs(0).getByRole('button', { name: s.fail, exact: true }).click();
    await stepUntil(root, s.forward, async () => (await attr(rs(0), 'data-in-ipvs')) === 'false');
    await expect(root.locator('[data-role="ipvs"]')).not.toContainText('192.168.1.11:80');
    // connect_timeout + retry × (delay_before_retry + connect_timeout) = 3 + 2 × (3 + 3) = 15 s after the first
    // failed check, which comes within one delay_loop (6 s).
    const removedAfter = Number(await attr(root, 'data-time')) - failedAt;
    expect(removedAfter).toBeGreaterThanOrEqual(15);
    expect(removedAfter).toBeLessThanOrEqual(21);

    // Recover it: the next successful check adds it back.
    await rs(0).getByRole('button', { name: s.recover, exact: true }).click();
    await stepUntil(root, s.forward, async () => (await attr(rs(0), 'data-in-ipvs')) === 'true');
    await expect(rs(0)).toHaveAttribute('data-weight', '1');

    // Fail both: the sorry server takes over.
    await rs(0).getByRole('button', { name: s.fail, exact: true }).click();
    await rs(1).getByRole('button', { name: s.fail, exact: true }).click();
    const sorry = root.locator('[data-role="sorry"]');
    await stepUntil(root, s.forward, async () => (await attr(sorry, 'data-sorry-active')) === 'true');
    await expect(root.locator('[data-role="ipvs"] li')).toHaveCount(1);
    await expect(root.locator('[data-role="ipvs"] li[data-sorry="true"]')).toContainText('192.168.1.99:80');

    // A config with inhibit_on_failure: the failed server stays, at weight 0.
    await root.getByText(s.summary).click();
    await root.locator('textarea[data-role="config"]').fill(INHIBIT);
    await root.getByRole('button', { name: s.load, exact: true }).click();
    await expect(root.locator('[data-role="vs"]')).toHaveText('10.0.0.100:80');
    await expect(rs(0)).toHaveAttribute('data-weight', '3');
    await rs(0).getByRole('button', { name: s.fail, exact: true }).click();
    await stepUntil(root, s.forward, async () => (await attr(rs(0), 'data-weight')) === '0');
    await expect(rs(0)).toHaveAttribute('data-in-ipvs', 'true');
    await expect(root.locator('[data-role="ipvs"]')).toContainText('10.0.0.11:80');

    // A broken config: a clear message, and the panel carries on with what it had.
    await root.locator('textarea[data-role="config"]').fill('virtual_server 10.0.0.1 80 {\n  real_server {{{\n  lb_algo\n');
    await root.getByRole('button', { name: s.load, exact: true }).click();
    await expect(root.locator('[data-role="config-status"]')).toContainText(s.noVs);
    await expect(root.locator('[data-role="config-status"] li').first()).toBeVisible();
    await expect(root.locator('[data-role="vs"]')).toHaveText('10.0.0.100:80');
    await root.getByRole('button', { name: s.forward, exact: true }).click();
    await expect(root).toHaveAttribute('data-ready', 'true');
    expect(await axeViolations(page)).toEqual([]);
  });
}

test('a removed server’s failures read as a run, never as “22/3”', async ({ guarded: page }) => {
  await page.goto('/en/keepalived/');
  const root = page.locator('[data-health-panel]');
  await root.scrollIntoViewIfNeeded();
  await expect(root).toHaveAttribute('data-ready', 'true');
  await root.getByRole('slider').fill('6');
  await root.locator('[data-server="0"] [data-action="fail"]').click();
  await root.locator('[data-player]').focus();
  await page.keyboard.press('End');
  const failed = root.locator('[data-server="0"] [data-role="failed"]').first();
  await expect(failed).toContainText('in a row');
  for (const text of await root.locator('[data-role="failed"]').allTextContents()) {
    const m = /(\d+) of (\d+)/.exec(text);
    if (m) expect(Number(m[1])).toBeLessThanOrEqual(Number(m[2]));
  }
});

test('client traffic: requests to a dead server fail and are retried while the checker detects it, then go elsewhere', async ({ guarded: page }) => {
  await page.goto('/en/keepalived/');
  const root = page.locator('[data-health-panel]');
  await root.scrollIntoViewIfNeeded();
  await expect(root).toHaveAttribute('data-ready', 'true');
  await root.getByRole('checkbox', { name: 'Client traffic' }).check();
  await expect(root.locator('[data-role="traffic-box"]')).toBeVisible();
  await root.getByRole('slider').fill('6');
  await expect(root.locator('.hp-req[data-result="timeout"]')).toHaveCount(0);
  await root.locator('[data-server="0"] [data-action="fail"]').click();
  // Step until the checker has taken the server out; on the way, requests IPVS still sends it time out.
  const forward = root.locator('[data-player] [data-act="forward"]');
  let sawFailures = false;
  for (let i = 0; i < 30 && (await root.locator('[data-server="0"]').getAttribute('data-in-ipvs')) !== 'false'; i++) {
    await forward.click();
    if ((await root.locator('.hp-req[data-result="timeout"]').count()) > 0) sawFailures = true;
  }
  expect(sawFailures).toBe(true);
  await expect(root.locator('[data-server="0"]')).toHaveAttribute('data-in-ipvs', 'false');
  const [, , failed, retried] = ((await root.getAttribute('data-requests')) ?? '').split('/').map(Number);
  expect(failed).toBeGreaterThan(0);
  expect(retried).toBeGreaterThan(0);
  await expect(root.locator('[data-role="traffic-counts"]')).toContainText(`failed ${failed}`);
  // Long after the removal, the last seconds hold no failure: every request reaches the live server.
  await root.locator('[data-player]').focus();
  await page.keyboard.press('End');
  await expect(root.locator('.hp-req')).not.toHaveCount(0);
  await expect(root.locator('.hp-req[data-result="timeout"]')).toHaveCount(0);
});
