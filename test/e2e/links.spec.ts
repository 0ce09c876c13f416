/**
 * Links that keep everything (#16): in every lab, change everything a reader can change, take the lab's
 * "Link to this moment", open it in a new page, and find the same lab — every control, the moment, what
 * the lab shows — scrolled into view. One format, with a version (`<id>.v=1`), for every lab.
 */
import type { Locator, Page } from '@playwright/test';
import { test, expect, withBase } from './fixtures';

/** Everything a reader can see of a lab's settings and moment: its controls, its player, its caption, its data. */
async function snapshot(lab: Locator): Promise<Record<string, unknown>> {
  return lab.evaluate((root) => {
    const controls = [...root.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('select, input, textarea')]
      .filter((c) => c.dataset.act !== 'speed' && c.dataset.role !== 'events-filter')
      .map((c) => (c instanceof HTMLInputElement && c.type === 'checkbox' ? c.checked : c.hidden ? `hidden:${c.value}` : c.value));
    const data = { ...root.dataset };
    delete data.ready;
    const player = root.querySelector<HTMLElement>('[data-player]')!;
    const caption = root.querySelector('[data-role="caption"]')?.textContent;
    const states = [...root.querySelectorAll<HTMLElement>('[data-state]')].map((e) => e.dataset.state);
    return { controls, data, index: player.dataset.index, caption, states };
  });
}

async function openLab(page: Page, path: string, sel: string): Promise<Locator> {
  await page.goto(path);
  const lab = page.locator(sel);
  await lab.scrollIntoViewIfNeeded();
  await expect(lab).toHaveAttribute('data-ready', 'true');
  return lab;
}

/** Takes the lab's link, opens it in a fresh page, and compares the lab there with the lab here. */
async function roundTrip(page: Page, lab: Locator, sel: string, id: string) {
  const share = lab.locator('[data-player] [data-role="share"]');
  const href = await share.getAttribute('href');
  expect(href).toMatch(new RegExp(`#${id}\\.v=1(&|$)`));
  // The link names this lab only.
  expect(new URLSearchParams(href!.split('#')[1]).size).toBe([...new URLSearchParams(href!.split('#')[1]).keys()].filter((k) => k.startsWith(`${id}.`)).length);
  const before = await snapshot(lab);
  const other = withBase(await page.context().newPage());
  await other.setViewportSize(page.viewportSize() ?? { width: 1280, height: 800 });
  // The link is a path on this site (no origin): open it as a reader would.
  await other.goto(href!.replace(/^\/lvs-lab\//, '/'));
  const there = other.locator(sel);
  await expect(there).toHaveAttribute('data-ready', 'true');
  // Opened scrolled to the lab, without the reader scrolling.
  await expect(there).toBeInViewport();
  await expect.poll(() => snapshot(there)).toEqual(before);
  await other.close();
}

test('the packet player: mode, break, side by side and the moment', async ({ guarded: page }) => {
  const lab = await openLab(page, '/en/forwarding-modes/', '#pp-tun');
  await lab.locator('[data-role="mode"]').selectOption('dr');
  await lab.locator('[data-role="break"]').selectOption({ index: 1 });
  await lab.locator('[data-role="compare"]').selectOption('fullnat');
  for (let i = 0; i < 6; i++) await lab.locator('[data-act="forward"]').click();
  await expect(lab).toHaveAttribute('data-lanes', '2');
  await roundTrip(page, lab, '#pp-tun', 'tun');
});

test('the hook explorer: scenario and moment (Chinese page)', async ({ guarded: page }) => {
  const lab = await openLab(page, '/zh-cn/netfilter/', '[data-hook-explorer]');
  await lab.locator('[data-role="scenario"]').selectOption({ index: 2 });
  for (let i = 0; i < 4; i++) await lab.locator('[data-act="forward"]').click();
  await roundTrip(page, lab, '[data-hook-explorer]', 'hooks');
});

test('the L4-vs-L7 lab: keep-alive and moment', async ({ guarded: page }) => {
  const lab = await openLab(page, '/en/lvs-vs-nginx/', '[data-l4l7]');
  await lab.locator('[data-role="keepalive"]').check();
  for (let i = 0; i < 7; i++) await lab.locator('[data-act="forward"]').click();
  await roundTrip(page, lab, '[data-l4l7]', 'l4l7');
});

test('the election lab: priorities, nopreempt, actions on the timeline and the moment', async ({ guarded: page }) => {
  const lab = await openLab(page, '/en/keepalived/', '[data-election-lab]');
  const r = (i: number) => lab.locator(`fieldset[data-router="${i}"]`);
  await r(1).locator('[data-role="priority"]').fill('120');
  await r(1).locator('[data-role="priority"]').dispatchEvent('change');
  await r(2).locator('[data-role="nopreempt"]').check();
  await lab.getByRole('slider').fill('24');
  await lab.locator('.election-lab__router[data-router="0"]').click();
  await lab.getByRole('menuitem', { name: 'Crash (no last advert)' }).click();
  await lab.getByRole('slider').fill('44');
  await lab.locator('.election-lab__link[data-router="1"]').click();
  await lab.getByRole('slider').fill('60');
  await expect(lab).toHaveAttribute('data-masters', '1,2');
  await roundTrip(page, lab, '[data-election-lab]', 'vrrp');
});

test('the election lab: routers loaded from keepalived.conf come back from the link (Chinese page)', async ({ guarded: page }) => {
  const lab = await openLab(page, '/zh-cn/keepalived/', '[data-election-lab]');
  await lab.locator('details.election-lab__config summary').click();
  const conf = (prio: number) => `vrrp_instance VI_1 {\n  state BACKUP\n  interface eth0\n  virtual_router_id 51\n  priority ${prio}\n  advert_int 1\n  virtual_ipaddress {\n    192.0.2.10\n  }\n}\n`;
  await lab.locator('textarea[data-config="0"]').fill(conf(90));
  await lab.locator('textarea[data-config="1"]').fill(conf(200));
  await lab.locator('[data-role="load"]').click();
  await expect(lab).toHaveAttribute('data-loaded', '2');
  await lab.getByRole('slider').fill('30');
  await roundTrip(page, lab, '[data-election-lab]', 'vrrp');
});

test('the health panel: a loaded config, actions on servers and the moment', async ({ guarded: page }) => {
  const lab = await openLab(page, '/en/keepalived/', '[data-health-panel]');
  await lab.getByRole('slider').fill('6');
  await lab.locator('[data-server="0"] [data-action="fail"]').click();
  await lab.getByRole('slider').fill('14');
  await lab.locator('[data-server="1"] [data-action="slow"]').click();
  for (let i = 0; i < 3; i++) await lab.locator('[data-act="forward"]').click();
  await roundTrip(page, lab, '[data-health-panel]', 'health');
});

test('the scheduler lab: schedulers, pattern, connections, persistence, sorry server, weights and the moment', async ({ guarded: page }) => {
  const lab = await openLab(page, '/en/schedulers/', '[data-sched-lab]');
  await lab.locator('[data-role="a"]').selectOption('wrr');
  await lab.locator('[data-role="b"]').selectOption('lc');
  await lab.locator('[data-role="pattern"]').selectOption({ index: 1 });
  await lab.locator('[data-role="count"]').selectOption('1000');
  await lab.locator('[data-role="persistence"]').selectOption('300');
  await lab.locator('[data-role="sorry"]').check();
  const weights = lab.locator('[data-role="weight"]');
  for (const [i, w] of [5, 0, 2, 7].entries()) {
    await weights.nth(i).fill(String(w));
    await weights.nth(i).dispatchEvent('change');
  }
  await lab.getByRole('slider').fill('300');
  await roundTrip(page, lab, '[data-sched-lab]', 'sched');
});

test('the scheduler lab: a loaded virtual_server (odd persistence, two real servers) comes back from the link', async ({ guarded: page }) => {
  const lab = await openLab(page, '/en/schedulers/', '[data-sched-lab]');
  await lab.locator('details.sched-lab__config summary').click();
  await lab.locator('[data-role="config"]').fill('virtual_server 192.0.2.10 80 {\n  lb_algo sh\n  lb_kind DR\n  persistence_timeout 50\n  protocol TCP\n  real_server 10.0.0.11 80 {\n    weight 3\n  }\n  real_server 10.0.0.12 80 {\n    weight 1\n  }\n}\n');
  await lab.locator('[data-role="load"]').click();
  await expect(lab.locator('[data-role="persistence"]')).toHaveValue('50');
  await lab.getByRole('slider').fill('120');
  await roundTrip(page, lab, '[data-sched-lab]', 'sched');
});

test('the landing demo: the moment', async ({ guarded: page }) => {
  const lab = await openLab(page, '/zh-cn/', '[data-landing-demo]');
  for (let i = 0; i < 3; i++) await lab.locator('[data-act="forward"]').click();
  await roundTrip(page, lab, '[data-landing-demo]', 'demo');
});

test('a link with settings a lab cannot use opens the lab as it is, with no error', async ({ guarded: page }) => {
  const junk = btoa('{"weights":[-1,"x"],"a":"<script>","persistence":1e99,"events":[{"at":"soon"}]}').replace(/=+$/, '');
  await page.goto(`/en/schedulers/#sched.v=1&sched.t=5&sched.x=${junk}&vrrp.v=1&vrrp.x=%%%`);
  const lab = page.locator('[data-sched-lab]');
  await expect(lab).toHaveAttribute('data-ready', 'true');
  await expect(lab).toBeInViewport();
  await expect(lab.locator('[data-role="a"]')).toHaveValue('wlc');
  await expect(lab.locator('[data-player]')).toHaveAttribute('data-index', '5');
});

test('a link to a lab low on a page keeps it in view while the labs above it load and grow (CPU slowed 6×)', async ({ guarded: page }) => {
  // Without holding it, the labs above grew by about 1000 px each after the lab had scrolled into view, and
  // the reader was left looking at another lab (6/6 runs at this throttling).
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 6 });
  await page.goto('/zh-cn/operating/');
  const href = await page.locator('a[data-lab-link="tun"]').first().getAttribute('href');
  await page.goto('about:blank');
  await page.goto(href!);
  const lab = page.locator('#pp-tun');
  await expect(lab).toHaveAttribute('data-ready', 'true');
  // Until nothing on the page has changed size for a while: what is there when the reader looks.
  let height = -1;
  await expect.poll(async () => {
    const h = await page.evaluate(() => document.body.scrollHeight);
    const same = h === height;
    height = h;
    return same;
  }, { intervals: [1000] }).toBe(true);
  const top = await lab.evaluate((e) => e.getBoundingClientRect().top);
  expect(Math.abs(top)).toBeLessThan(150);
});
