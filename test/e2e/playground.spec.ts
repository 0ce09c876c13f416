import { test, expect, withBase } from './fixtures';
import type { Page } from '@playwright/test';

async function open(page: Page, path: string) {
  await page.goto(path);
  const root = page.locator('[data-playground]');
  await expect(root).toHaveAttribute('data-ready', 'true');
  return root;
}

test('the study notes\' config is rejected, with a problem on each line keepalived complains about', async ({ guarded: page }) => {
  const root = await open(page, '/en/playground/');
  await expect(root.locator('[data-role="verdict"]')).toContainText('keepalived -t would reject this file');
  const lines = await root.locator('[data-role="problems"] li[data-severity="error"]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.line));
  const source = await root.locator('textarea').inputValue();
  const lineOf = (needle: string) => String(source.split('\n').findIndex((l) => l.includes(needle)) + 1);
  for (const needle of ['vrrp_garp_interval 0', 'lvs_sync_daemon_inteface', 'nb_get_retry']) expect(lines).toContain(lineOf(needle));
  await expect(root.locator('[data-role="problems"]')).toContainText("did you mean 'retry'");
});

test('editing the config re-validates it, and clicking a problem selects it in the editor', async ({ guarded: page }) => {
  const root = await open(page, '/en/playground/');
  await root.locator('[data-role="preset"]').selectOption('cluster');
  await expect(root.locator('[data-role="verdict"]')).toHaveText('keepalived -t would accept this file.');
  await expect(root).toHaveAttribute('data-errors', '0');

  const area = root.locator('textarea');
  await area.fill((await area.inputValue()).replace('priority 150', 'priority 300'));
  await expect(root).toHaveAttribute('data-errors', '1');
  const problem = root.locator('[data-role="problems"] li[data-severity="error"]').first();
  await expect(problem).toContainText('outside range [1, 255]');
  await problem.getByRole('button').click();
  const selected = await area.evaluate((t: HTMLTextAreaElement) => t.value.slice(t.selectionStart, t.selectionEnd));
  expect(selected).toBe('300');
});

test('interfaces the host lacks are errors once the host\'s interfaces are given', async ({ guarded: page }) => {
  const root = await open(page, '/en/playground/');
  await root.locator('[data-role="preset"]').selectOption('cluster');
  await root.getByLabel(/Host interfaces/).fill('lo, ens3');
  await expect(root.locator('[data-role="problems"]')).toContainText("interface eth0 for vrrp_instance VI_1 doesn't exist");
});

test('explains every keyword and shows the model, in Chinese too', async ({ guarded: page }) => {
  const root = await open(page, '/zh-cn/playground/');
  await root.locator('[data-role="preset"]').selectOption('cluster');
  await expect(root.locator('[data-role="explain"] tbody tr').first()).toContainText('global_defs');
  await expect(root.locator('[data-role="explain"]')).toContainText('选举优先级');
  await expect(root.locator('[data-role="model"]')).toContainText('VI_1: eth0 VRID 51');
  await expect(root.locator('[data-role="model"]')).toContainText('wlc DR');
});

test('a share link carries the config and reopens it', async ({ guarded: page, context }) => {
  const root = await open(page, '/en/playground/');
  const area = root.locator('textarea');
  await area.fill('vrrp_instance 测试 {\n  interface eth0\n  virtual_router_id 7\n  virtual_ipaddress {\n    10.0.0.7\n  }\n}\n');
  await expect(root).toHaveAttribute('data-errors', '0');
  // A clean config says so under Problems, instead of leaving an empty list.
  await expect(root.locator('[data-role="problems"]')).toContainText('No problems, and no advice');
  const href = await root.locator('[data-role="share"]').getAttribute('href');
  expect(href).toMatch(/^#cfg=/);
  const other = withBase(await context.newPage());
  const again = await open(other, `/en/playground/${href}`);
  await expect(again.locator('textarea')).toHaveValue(/vrrp_instance 测试/);
  await other.close();
});
