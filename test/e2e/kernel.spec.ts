/**
 * The real kernel in the page (src/kernel, public/kernel): started from the scheduler lab, it replays
 * the lab's connections on real IPVS and finds the kernel's picks equal to the simulation's; the
 * kernel's files are fetched only when asked for, from the site's own origin.
 */
import { test, expect, BASE, waitForOfflineCopy } from './fixtures';
import { serveStatic } from '../../scripts/static-server.mjs';

const DIST = process.env.E2E_DIST ?? 'dist';

test.describe.configure({ timeout: 240_000 });

for (const lang of ['en'] as const) {
  test(`scheduler lab (${lang}): the real kernel replays 100 connections and picks what the simulation picks`, async ({ guarded: page }) => {
    const kernelRequests: string[] = [];
    page.on('request', (r) => {
      if (/\/kernel\//.test(r.url())) kernelRequests.push(r.url());
    });
    await page.goto(`/${lang}/schedulers/`);
    const root = page.locator('[data-sched-lab]').first();
    await root.scrollIntoViewIfNeeded();
    await expect(root).toHaveAttribute('data-ready', 'true');
    // Nothing of the kernel is fetched until the reader asks for it.
    expect(kernelRequests).toEqual([]);
    await root.locator('[data-role="a"]').selectOption('wlc');
    const panel = root.locator('details[data-role="kernel"]');
    await panel.locator('summary').click();
    await panel.locator('[data-role="kernel-run"]').click();
    await expect(root).toHaveAttribute('data-kernel', /starting|running/);
    await expect(root).toHaveAttribute('data-kernel', 'equal', { timeout: 200_000 });
    await expect(root).toHaveAttribute('data-kernel-equal', '100/100');
    await expect(panel.locator('[data-role="kernel-result"] tbody tr')).toHaveCount(100);
    await expect(panel.locator('[data-role="kernel-status"]')).toContainText(lang === 'en' ? 'for all 100 connections' : '全部 100 个连接');
    expect(kernelRequests.some((u) => u.endsWith('/kernel/state.bin.zst'))).toBe(true);
  });
}

test('after one start, the kernel starts again with no network, from the browser\'s cache', async ({ browser }) => {
  const server = await serveStatic(DIST, { base: BASE });
  const context = await browser.newContext({ serviceWorkers: 'allow' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const root = page.locator('[data-sched-lab]').first();
  const run = async () => {
    await root.scrollIntoViewIfNeeded();
    await expect(root).toHaveAttribute('data-ready', 'true');
    await root.locator('[data-role="a"]').selectOption('rr');
    const panel = root.locator('details[data-role="kernel"]');
    await panel.locator('summary').click();
    await panel.locator('[data-role="kernel-run"]').click();
    await expect(root).toHaveAttribute('data-kernel', 'equal', { timeout: 200_000 });
    return (await panel.locator('[data-role="kernel-info"]').textContent()) ?? '';
  };
  try {
    await page.goto(`${server.url}en/schedulers/`);
    await waitForOfflineCopy(page);
    expect(await run()).toContain('MB downloaded');
  } finally {
    await server.close();
  }
  // Nothing answers at the server's address now: the page comes from the offline copy, the kernel from its cache.
  const res = await page.goto(`${server.url}en/schedulers/`);
  expect(res?.status()).toBe(200);
  const status = await run();
  expect(status).toContain('from the local cache');
  await expect(root).toHaveAttribute('data-kernel-equal', '100/100');
  expect(errors).toEqual([]);
  await context.close();
});

test('console (en): the real-kernel switch replays what was typed on a real director, then runs real ipvsadm and curl', async ({ guarded: page }) => {
  await page.goto('/en/operating/');
  const c = page.locator('[data-console="build"]');
  await c.scrollIntoViewIfNeeded();
  await expect(c).toHaveAttribute('data-ready', 'true');
  const input = c.locator('input[data-role="in"]');
  const out = c.locator('[data-role="out"]');
  // Typed on the simulated director first: the switch replays it on the real one.
  await input.fill('ipvsadm -A -t 192.0.2.10:80 -s rr');
  await input.press('Enter');
  await c.locator('input[data-role="real"]').check();
  await expect(c).toHaveAttribute('data-mode', 'real', { timeout: 200_000 });
  await expect(out).toContainText('real kernel: a fresh director, 1 earlier command replayed on it');
  await expect(c.locator('[data-role="prompt"]')).toHaveText('real#');
  for (const line of ['ipvsadm -a -t 192.0.2.10:80 -r 10.0.0.11:80 -m -w 2', 'curl -sS http://192.0.2.10/', 'ipvsadm -Ln']) {
    await input.fill(line);
    await input.press('Enter');
    await expect(c).toHaveAttribute('data-real', 'running');
    await expect(c).toHaveAttribute('data-real', 'done', { timeout: 120_000 });
  }
  await expect(out).toContainText('real# curl -sS http://192.0.2.10/\nHello from 10.0.0.11:80');
  await expect(out).toContainText('TCP  192.0.2.10:80 rr\n  -> 10.0.0.11:80                 Masq    2      0          1');
  // The simulated director, beside it, printed the same: the console says nothing differs.
  await expect(c).not.toHaveAttribute('data-differs', /.*/);
  // A refused operation: ipvsadm's own words and exit status, from the real tool.
  await input.fill('ipvsadm -D -t 192.0.2.99:80');
  await input.press('Enter');
  await expect(c).toHaveAttribute('data-exit', '255', { timeout: 120_000 });
  await expect(out).toContainText('real# ipvsadm -D -t 192.0.2.99:80\nNo such service');
  await expect(c).not.toHaveAttribute('data-differs', /.*/);
  // Switched off: the simulated director again.
  await c.locator('input[data-role="real"]').uncheck();
  await expect(c).toHaveAttribute('data-mode', 'sim');
});

test('console (zh-cn): the switch speaks Chinese and one command answers from the real ipvsadm', async ({ guarded: page }) => {
  await page.goto('/zh-cn/operating/');
  const c = page.locator('[data-console="build"]');
  await c.scrollIntoViewIfNeeded();
  await expect(c).toHaveAttribute('data-ready', 'true');
  await expect(c.locator('label.console__real')).toContainText('真实内核');
  await c.locator('input[data-role="real"]').check();
  await expect(c).toHaveAttribute('data-mode', 'real', { timeout: 200_000 });
  await expect(c.locator('[data-role="status"]')).toContainText('真实内核 Linux 6.1.0');
  const input = c.locator('input[data-role="in"]');
  await input.fill('ipvsadm -A -u 192.0.2.20:53 -s sh');
  await input.press('Enter');
  await expect(c).toHaveAttribute('data-real', 'done', { timeout: 120_000 });
  await input.fill('ipvsadm -Ln');
  await input.press('Enter');
  await expect(c.locator('[data-role="out"]')).toContainText('UDP  192.0.2.20:53 sh', { timeout: 120_000 });
  await expect(c).not.toHaveAttribute('data-differs', /.*/);
});

const PASTED = `vrrp_instance VI_1 {
    state BACKUP
    interface eth0
    virtual_router_id 61
    priority 150
    advert_int 1
    virtual_ipaddress {
        192.0.2.100/24
    }
}

virtual_server 192.0.2.100 80 {
    delay_loop 3
    lb_algo wlc
    lb_kind DR
    protocol TCP
    real_server 192.0.2.11 80 {
        weight 2
    }
    real_server 192.0.2.12 80 {
        weight 1
    }
}
`;

test('playground: a pasted config elects under real keepalived as the simulation says, and keepalived builds its IPVS table', async ({ guarded: page }) => {
  await page.goto('/en/playground/');
  const root = page.locator('[data-playground]');
  await expect(root).toHaveAttribute('data-ready', 'true');
  await root.locator('textarea[data-role="source"]').fill(PASTED);
  await expect(root).toHaveAttribute('data-errors', '0');
  const box = root.locator('[data-role="real"]');
  const runReal = async () => {
    await root.locator('[data-role="run-real"]').click();
    await expect(box).toBeVisible();
    await expect(box).toHaveAttribute('data-real-state', /starting|running/);
    await expect(box).toHaveAttribute('data-real-state', /same|differ|failed/, { timeout: 200_000 });
  };
  await runReal();
  // An emulated machine can stall for a moment when the computer under it is busy, and a VRRP timer then runs out
  // (a router briefly MASTER): the page says so and asks for another run, as the reader would do.
  if ((await box.getAttribute('data-real-state')) === 'differ') await runReal();
  // Where they differ, the failure says how (and the transitions the page listed).
  const said = `${await box.locator('[data-role="real-status"]').textContent()}\n${await box.locator('[data-role="real-result"]').innerText()}`;
  // The same state changes in the same order, always. Their times are held to the conformance suite's allowance by
  // test/kernel/browser-kernel.test.ts; here, in a browser sharing the machine with the test runner, a change a few
  // tens of milliseconds late is reported by the page (as it should be) but does not fail the test.
  if ((await box.getAttribute('data-real-state')) === 'differ') {
    for (const d of await box.locator('[data-role="real-diffs"] li').allTextContents()) expect(d, said).toMatch(/^R\d: (BACKUP|MASTER|FAULT) at [\d.]+ s on the real kernel, [\d.]+ s in the simulation/);
  } else {
    expect(await box.getAttribute('data-real-state'), said).toBe('same');
    await expect(box.locator('[data-role="real-status"]')).toContainText('The real election and the simulation agree');
  }
  const rows = box.locator('[data-role="real-transitions"] tbody tr');
  // Both start as BACKUP; router 1 is elected; stopped, it hands over to router 2.
  await expect(rows.filter({ hasText: 'MASTER' })).toHaveCount(2);
  await expect(rows.filter({ hasText: 'MASTER' }).first()).toContainText('R1');
  await expect(rows.filter({ hasText: 'MASTER' }).last()).toContainText('R2');
  // keepalived's own IPVS table (no checker configured: both real servers stay, with their weights).
  await expect(box.locator('[data-role="real-ipvs-before"]')).toContainText('TCP  192.0.2.100:80 wlc');
  await expect(box.locator('[data-role="real-ipvs-before"]')).toContainText('-> 192.0.2.11:80                 Route   2');
});

test('playground (zh-cn): a config keepalived -t would reject is not run, and the page says why', async ({ guarded: page }) => {
  await page.goto('/zh-cn/playground/');
  const root = page.locator('[data-playground]');
  await expect(root).toHaveAttribute('data-ready', 'true');
  await root.locator('[data-role="preset"]').selectOption('broken');
  await expect(root).toHaveAttribute('data-errors', '8');
  await root.locator('[data-role="run-real"]').click();
  const box = root.locator('[data-role="real"]');
  await expect(box).toHaveAttribute('data-real-state', 'invalid');
  await expect(box.locator('[data-role="real-status"]')).toContainText('keepalived -t 会拒绝这份配置');
});

test('packet player: VS/DR on the real kernel, every segment as tcpdump saw it, held against the animation', async ({ guarded: page }) => {
  await page.goto('/en/forwarding-modes/');
  const root = page.locator('[data-packet-player]').first();
  await root.scrollIntoViewIfNeeded();
  await expect(root).toHaveAttribute('data-ready', 'true');
  await root.locator('[data-role="mode"]').selectOption('dr');
  const box = root.locator('details[data-role="kernel"]');
  await box.locator('summary').click();
  await box.locator('[data-role="kernel-run"]').click();
  await expect(box).toHaveAttribute('data-kernel', 'same', { timeout: 200_000 });
  await expect(box.locator('[data-role="kernel-status"]')).toContainText('Every frame on every segment is what the animation shows');
  await expect(box.locator('[data-role="kernel-result"]')).toContainText('The client: delivered 600.');
  const lan = box.locator('details[data-role="capture-lan"]');
  await lan.locator('summary').click();
  await expect(lan.locator('pre')).toContainText('192.0.2.10.80: Flags [S]');
  // FULLNAT is not in the upstream kernel: said plainly, nothing run.
  await root.locator('[data-role="mode"]').selectOption('fullnat');
  await box.locator('[data-role="kernel-run"]').click();
  await expect(box).toHaveAttribute('data-kernel', 'unsupported');
  await expect(box.locator('[data-role="kernel-status"]')).toContainText('FULLNAT is not in the upstream Linux kernel');
});

test('hook explorer (zh-cn): iptables TRACE on the real kernel passes the hooks and tables the model draws', async ({ guarded: page }) => {
  await page.goto('/zh-cn/netfilter/');
  const root = page.locator('[data-hook-explorer]').first();
  await root.scrollIntoViewIfNeeded();
  await expect(root).toHaveAttribute('data-ready', 'true');
  await root.locator('[data-role="scenario"]').selectOption('lvs-nat-request');
  const box = root.locator('details[data-role="kernel"]');
  await box.locator('summary').click();
  await box.locator('[data-role="kernel-run"]').click();
  await expect(box).toHaveAttribute('data-kernel', 'same', { timeout: 200_000 });
  await expect(box.locator('[data-role="kernel-status"]')).toContainText('内核的 TRACE 与模型一致');
  const rows = box.locator('table[data-role="kernel-path"] tbody tr');
  await expect(rows.first()).toContainText('PRE_ROUTING:raw');
  await expect(box.locator('tr[data-differs]')).toHaveCount(0);
  // A second scenario on the same machine reads its own TRACE lines, not the first run's.
  await root.locator('[data-role="scenario"]').selectOption('lvs-dr-realserver');
  await box.locator('[data-role="kernel-run"]').click();
  await expect(box).toHaveAttribute('data-kernel', /starting|running/);
  await expect(box).toHaveAttribute('data-kernel', 'same', { timeout: 200_000 });
  await expect(rows.first()).toContainText('PRE_ROUTING:raw');
  const tables = box.locator('table[data-role="kernel-path"]');
  await expect(tables).toHaveCount(2);
  await expect(tables.last()).toContainText('LOCAL_OUT:raw');
  await expect(tables.locator('td', { hasText: 'FORWARD' })).toHaveCount(0);
  await expect(box.locator('tr[data-differs]')).toHaveCount(0);
});

test('a browser without WebAssembly is told plainly, and the simulation stays', async ({ guarded: page }) => {
  await page.addInitScript(() => {
    // @ts-expect-error: a browser without WebAssembly
    delete globalThis.WebAssembly;
  });
  const kernelRequests: string[] = [];
  page.on('request', (r) => {
    if (/\/kernel\//.test(r.url())) kernelRequests.push(r.url());
  });
  await page.goto('/en/schedulers/');
  const root = page.locator('[data-sched-lab]').first();
  await root.scrollIntoViewIfNeeded();
  await expect(root).toHaveAttribute('data-ready', 'true');
  await root.locator('details[data-role="kernel"] summary').click();
  await root.locator('[data-role="kernel-run"]').click();
  await expect(root).toHaveAttribute('data-kernel', 'failed');
  await expect(root.locator('[data-role="kernel-status"]')).toHaveText('This browser cannot run the real kernel: no WebAssembly. The simulation still works.');
  expect(kernelRequests).toEqual([]);
  await expect(root.locator('[data-role="runs"] section')).not.toHaveCount(0);
});

test('a browser with too little memory is told plainly in Chinese, and nothing is fetched', async ({ guarded: page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'deviceMemory', { get: () => 0.5 });
  });
  const kernelRequests: string[] = [];
  page.on('request', (r) => {
    if (/\/kernel\//.test(r.url())) kernelRequests.push(r.url());
  });
  await page.goto('/zh-cn/operating/');
  const c = page.locator('[data-console="build"]');
  await c.scrollIntoViewIfNeeded();
  await expect(c).toHaveAttribute('data-ready', 'true');
  await c.locator('input[data-role="real"]').check();
  await expect(c).toHaveAttribute('data-mode', 'sim');
  await expect(c.locator('input[data-role="real"]')).not.toBeChecked();
  await expect(c.locator('[data-role="status"]')).toHaveText('这个浏览器无法运行真实内核：只有 0.5 GB 内存（这台机器约需 350 MB）。模拟照常可用。');
  expect(kernelRequests).toEqual([]);
});
