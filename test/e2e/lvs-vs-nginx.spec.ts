import { readFileSync } from 'node:fs';
import { test, expect, axeViolations } from './fixtures';
import type { Locator, Page } from '@playwright/test';
import { compareRun } from '../../src/sim/proxy';

/** The committed benchmark run the chapter shows. */
const results = JSON.parse(readFileSync('bench/l4-vs-l7/results.json', 'utf8')) as {
  modes: Array<{ id: string; spread: { keepalive: { rps: { min: number } } } }>;
  comparisons: unknown[];
};

const PAGES = [
  { path: '/en/lvs-vs-nginx/', lang: 'en', forward: 'Step forward', back: 'Step back', machine: 'Measured on', keepalive: 'nginx reuses an upstream keepalive connection' },
  { path: '/zh-cn/lvs-vs-nginx/', lang: 'zh', forward: '前进一步', back: '后退一步', machine: '测量环境', keepalive: 'nginx 复用上游的 keepalive 连接' },
] as const;

async function open(page: Page, path: string): Promise<Locator> {
  await page.goto(path);
  const root = page.locator('[data-l4l7]');
  await root.scrollIntoViewIfNeeded();
  await expect(root).toHaveAttribute('data-ready', 'true');
  return root;
}

const counters = async (root: Locator) => {
  const n = async (name: string) => Number(await root.getAttribute(`data-${name}`));
  return {
    lvs: { copies: await n('lvs-copies'), connections: await n('lvs-connections'), syscalls: await n('lvs-syscalls'), switches: await n('lvs-switches'), crossings: await n('lvs-crossings') },
    nginx: { copies: await n('nginx-copies'), connections: await n('nginx-connections'), syscalls: await n('nginx-syscalls'), switches: await n('nginx-switches'), crossings: await n('nginx-crossings') },
  };
};

for (const pg of PAGES) {
  test(`both sides step together to the end: 1 connection and no copies for LVS, 2 and 4 for nginx (${pg.lang})`, async ({ guarded: page }) => {
    const root = await open(page, pg.path);
    const frames = compareRun().frames.length;
    await expect(root).toHaveAttribute('data-index', '0');
    expect(await counters(root)).toEqual({
      lvs: { copies: 0, connections: 0, syscalls: 0, switches: 0, crossings: 0 },
      nginx: { copies: 0, connections: 0, syscalls: 0, switches: 0, crossings: 0 },
    });
    const forward = root.getByRole('button', { name: pg.forward });
    await forward.click();
    await expect(root).toHaveAttribute('data-index', '1');
    // The first step opens a connection on both sides.
    await expect(root).toHaveAttribute('data-lvs-connections', '1');
    await expect(root).toHaveAttribute('data-nginx-connections', '1');

    for (let i = 1; i < frames - 1; i++) await forward.click();
    await expect(root).toHaveAttribute('data-index', String(frames - 1));
    expect(await counters(root)).toEqual({
      lvs: { copies: 0, connections: 1, syscalls: 0, switches: 0, crossings: 0 },
      // 19 system calls are 38 mode switches, but the worker is switched out only the 4 times it blocks.
      nginx: { copies: 4, connections: 2, syscalls: 19, switches: 4, crossings: 38 },
    });
    // The same figures are on the page as text.
    const nginxSide = root.locator('section[data-side="nginx"]');
    await expect(nginxSide.locator('[data-role="copies"]')).toHaveText('4');
    await expect(nginxSide.locator('[data-role="connections"]')).toHaveText('2');
    await expect(root.locator('section[data-side="lvs"] [data-role="copies"]')).toHaveText('0');
    await expect(root.locator('section[data-side="lvs"] [data-role="connections"]')).toHaveText('1');

    // Step back: the last copy (writev down to the client) is undone.
    const back = root.getByRole('button', { name: pg.back });
    await back.click();
    await back.click();
    await expect(root).toHaveAttribute('data-index', String(frames - 3));
    await expect(root).toHaveAttribute('data-nginx-copies', '3');
    await expect(root).toHaveAttribute('data-lvs-copies', '0');
  });

  test(`the benchmark table shows every mode with its median and range, the verdicts and the machine, and the page passes axe (${pg.lang})`, async ({ guarded: page }) => {
    await open(page, pg.path);
    const bench = page.locator('[data-bench-chart]');
    await bench.scrollIntoViewIfNeeded();
    await expect(bench).toHaveAttribute('data-ready', 'true');
    const table = bench.locator('[data-role="bench-table"]');
    const modes = results.modes.map((m) => m.id);
    expect(modes).toEqual(['kernel-l4', 'kernel-ipvs', 'nginx-stream', 'nginx-http', 'nginx-http-nopool']);
    for (const m of results.modes) {
      const body = table.locator(`tbody[data-mode="${m.id}"]`);
      await expect(body).toHaveCount(1);
      // The range of the runs is on the page, as the benchmark wrote it.
      const lo = new Intl.NumberFormat(pg.lang === 'zh' ? 'zh-CN' : 'en', { maximumFractionDigits: 0 }).format(m.spread.keepalive.rps.min);
      await expect(body.locator('tr').first()).toContainText(lo);
    }
    // One verdict per pair of modes and pass, and at least one difference beyond the noise.
    await expect(bench.locator('[data-role="noise"] li')).toHaveCount(results.comparisons.length);
    await expect(bench.locator('[data-role="noise"] li[data-beyond="true"]').first()).toBeVisible();
    await expect(bench.locator('[data-role="machine"]')).toContainText(pg.machine);
    await expect(bench.locator('svg[data-metric="rps"] g.mode')).toHaveCount(modes.length);
    await expect(bench.locator('svg[data-metric="rps"] path.spread')).toHaveCount(2 * modes.length);
    await page.waitForLoadState('networkidle');
    expect(await axeViolations(page)).toEqual([]);
  });
}

test('the keepalive option: nginx skips the second handshake but still makes two connections and four copies', async ({ guarded: page }) => {
  const root = await open(page, '/en/lvs-vs-nginx/');
  await root.getByLabel(PAGES[0].keepalive).check();
  await expect(root).toHaveAttribute('data-index', '0');
  const frames = compareRun({ keepalive: true }).frames.length;
  const player = root.locator('[data-player="l4l7"]');
  await player.focus();
  for (let i = 0; i < frames; i++) await page.keyboard.press('ArrowRight');
  await expect(root).toHaveAttribute('data-index', String(frames - 1));
  await expect(root).toHaveAttribute('data-nginx-connections', '2');
  await expect(root).toHaveAttribute('data-nginx-copies', '4');
  await expect(root).toHaveAttribute('data-nginx-syscalls', '12');
  await expect(page).toHaveURL(/l4l7\.s=keepalive/);
  // Home goes back to the start.
  await page.keyboard.press('Home');
  await expect(root).toHaveAttribute('data-index', '0');
});
