/**
 * The "Operating a director" chapter: its console driven by keyboard only (typing, history, Tab
 * completion), a shared link that replays the commands, a recipe's starting state, and every
 * troubleshooting link opening its lab in the state the recipe describes.
 */
import { test, expect, withBase } from './fixtures';
import type { Locator, Page } from '@playwright/test';

async function consoleOn(page: Page, id: string): Promise<Locator> {
  const root = page.locator(`[data-console="${id}"]`);
  await root.scrollIntoViewIfNeeded();
  await expect(root).toHaveAttribute('data-ready', 'true');
  return root;
}

for (const lang of ['en', 'zh-cn'] as const) {
  test(`${lang}: a service and its real servers typed into the console, with history and completion, by keyboard only`, async ({ guarded: page, browser, baseURL }) => {
    await page.goto(`/${lang}/operating/`);
    const c = await consoleOn(page, 'build');
    const input = c.locator('input[data-role="in"]');
    const out = c.locator('[data-role="out"]');
    await input.focus();
    await page.keyboard.type('ipvsadm -A -t 192.168.200.100:80 -s wr');
    // Tab completes the scheduler (two candidates share "wr": only wrr).
    await page.keyboard.press('Tab');
    await expect(input).toHaveValue('ipvsadm -A -t 192.168.200.100:80 -s wrr ');
    await page.keyboard.press('Enter');
    await page.keyboard.type('ipvsadm -a -t 19');
    await page.keyboard.press('Tab');
    await expect(input).toHaveValue('ipvsadm -a -t 192.168.200.100:80 ');
    await page.keyboard.type('-r 192.168.201.11:80 -m -w 3');
    await page.keyboard.press('Enter');
    // History: ↑ brings the last command back, to edit into the next one.
    await page.keyboard.press('ArrowUp');
    await expect(input).toHaveValue('ipvsadm -a -t 192.168.200.100:80 -r 192.168.201.11:80 -m -w 3');
    await page.keyboard.press('End');
    for (let i = 0; i < '1:80 -m -w 3'.length; i++) await page.keyboard.press('Backspace');
    await page.keyboard.type('2:80 -m -w 1');
    await page.keyboard.press('Enter');
    await page.keyboard.type('ipvsadm -Ln');
    await page.keyboard.press('Enter');
    const row = (rs: string, w: number) => `  -> ${rs.padEnd(28)} ${'Masq'.padEnd(7)} ${String(w).padEnd(6)} ${'0'.padEnd(10)} ${'0'.padEnd(10)}`;
    await expect(out).toContainText(`TCP  192.168.200.100:80 wrr\n${row('192.168.201.11:80', 3)}\n${row('192.168.201.12:80', 1)}\n`);
    // An error, in ipvsadm's words and with its exit status.
    await page.keyboard.type('ipvsadm -a -t 192.168.200.100:80 -r 192.168.201.12:80 -m');
    await page.keyboard.press('Enter');
    await expect(out).toContainText('Destination already exists');
    await expect(c).toHaveAttribute('data-exit', '255');
    // The link replays the commands in a fresh browser.
    await c.locator('[data-role="link"]').click();
    const url = page.url();
    expect(new URL(url).hash).toMatch(/build\.x=/);
    const fresh = await browser.newContext({ baseURL });
    const other = withBase(await fresh.newPage());
    await other.goto(url.replace(/^https?:\/\/[^/]+/, ''));
    const again = await consoleOn(other, 'build');
    await expect(again.locator('[data-role="out"]')).toContainText(row('192.168.201.12:80', 1));
    await expect(again).toHaveAttribute('data-steps', '5');
    await fresh.close();
  });

  test(`${lang}: traffic through the console — curl, held connections, the connection table, time passing — by keyboard only`, async ({ guarded: page, browser, baseURL }) => {
    await page.goto(`/${lang}/operating/`);
    const c = await consoleOn(page, 'states');
    const input = c.locator('input[data-role="in"]');
    const out = c.locator('[data-role="out"]');
    const type = async (line: string) => {
      await page.keyboard.type(line);
      await page.keyboard.press('Enter');
    };
    await input.focus();
    // rr starts at the head of the list: the server added last.
    await type('curl http://192.168.200.100/');
    await expect(out).toContainText('Hello from 192.168.201.12:80\n');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await expect(out).toContainText('Hello from 192.168.201.11:80\n');
    await type('ipvsadm -Lnc');
    const entry = (expire: string, state: string, client: string, rs: string) =>
      `TCP ${expire.padEnd(6)} ${state.padEnd(11)} ${client.padEnd(18)} ${'192.168.200.100:80'.padEnd(18)} ${rs}`;
    await expect(out).toContainText(entry('01:59', 'TIME_WAIT', '203.0.113.1:32768', '192.168.201.12:80'));
    // Tab completes the virtual service's address as far as the two services share it, and lists both.
    await page.keyboard.type('connect -n 4 -c 2 19');
    await page.keyboard.press('Tab');
    await expect(input).toHaveValue('connect -n 4 -c 2 192.168.200.10');
    await expect(out).toContainText('192.168.200.100:80  192.168.200.101:80');
    await type('0:80');
    await expect(out).toContainText('opened 4 connections');
    await type('ipvsadm -Lnc');
    await expect(out).toContainText(entry('14:59', 'ESTABLISHED', '203.0.113.2:40001', '192.168.201.11:80'));
    await type('ipvsadm -Ln');
    const row = (rs: string, active: number, inactive: number) => `  -> ${rs.padEnd(28)} ${'Masq'.padEnd(7)} ${'1'.padEnd(6)} ${String(active).padEnd(10)} ${String(inactive).padEnd(10)}`;
    await expect(out).toContainText(row('192.168.201.11:80', 2, 1));
    await type('disconnect');
    await expect(out).toContainText('closed 4 connections');
    await type('sleep 120');
    await type('ipvsadm -Lnc');
    await expect(out).toHaveText(/director# ipvsadm -Lnc\nIPVS connection entries\npro expire state {7}source {13}virtual {12}destination\n$/);
    await type('ipvsadm -Ln');
    await expect(out).toContainText(row('192.168.201.11:80', 0, 0));
    // The link replays the traffic and the clock: the same table in a fresh browser.
    await c.locator('[data-role="link"]').click();
    const url = page.url();
    const fresh = await browser.newContext({ baseURL });
    const other = withBase(await fresh.newPage());
    await other.goto(url.replace(/^https?:\/\/[^/]+/, ''));
    const again = await consoleOn(other, 'states');
    await expect(again.locator('[data-role="out"]')).toContainText(entry('14:59', 'ESTABLISHED', '203.0.113.2:40001', '192.168.201.11:80'));
    await expect(again.locator('[data-role="out"]')).toContainText('closed 4 connections');
    await expect(again.locator('[data-role="out"]')).not.toContainText('Service already exists');
    // Six setup commands, then the reader's ten.
    await expect(again).toHaveAttribute('data-steps', '16');
    await fresh.close();
  });

  test(`${lang}: a recipe's console starts in its state, and every troubleshooting link opens its lab as described`, async ({ guarded: page }) => {
    await page.goto(`/${lang}/operating/`);
    const q = await consoleOn(page, 'quiesced');
    await expect(q.locator('[data-role="out"]')).toContainText(`  -> ${'192.168.201.11:80'.padEnd(28)} Masq    0 `);
    await expect(q.locator('[data-role="out"]')).toContainText("curl: (7) Failed to connect to 192.168.200.100 port 80 after 0 ms: Couldn't connect to server");
    const t = await consoleOn(page, 'templates');
    await expect(t.locator('[data-role="out"]')).toContainText('ASSURED     203.0.113.1:0      192.168.200.100:443 192.168.201.12:443');
    const lost = await consoleOn(page, 'lost');
    await expect(lost.locator('[data-role="out"]')).toContainText(/ESTABLISHED .*192\.168\.201\.11:80/);
    await expect(lost.locator('[data-role="out"]')).not.toContainText(/ESTABLISHED .*192\.168\.201\.12:80/);
    const links = await page.locator('a[data-lab-link]').evaluateAll((as) => as.map((a) => ({ lab: (a as HTMLAnchorElement).dataset.labLink!, href: (a as HTMLAnchorElement).getAttribute('href')! })));
    expect(links.length).toBeGreaterThanOrEqual(10);
    for (const { lab, href } of links) {
      // From another page, as a reader follows it (a link to the same page with a new hash would not reload it).
      await page.goto('about:blank');
      await page.goto(href);
      const hash = new URLSearchParams(new URL(page.url()).hash.slice(1));
      if (lab === 'sched') {
        const root = page.locator('[data-sched-lab]');
        await expect(root).toHaveAttribute('data-ready', 'true');
        const x = JSON.parse(Buffer.from(hash.get('sched.x')!, 'base64url').toString('utf8'));
        await expect(root.locator('[data-role="a"]')).toHaveValue(x.a);
        await expect(root.locator('[data-role="pattern"]')).toHaveValue(x.pattern);
        await expect(root.locator('[data-role="persistence"]')).toHaveValue(String(x.persistence));
        if (x.traffic) await expect(root.locator('details[data-role="traffic"]')).toHaveAttribute('open', '');
      } else if (['nat', 'dr', 'tun'].includes(lab)) {
        const root = page.locator(`#pp-${lab}`);
        const s = hash.get(`${lab}.s`);
        // A link with a moment loads its lab at once and brings it into view; a plain one is a link to the page.
        if (!s) await root.scrollIntoViewIfNeeded();
        await expect(root).toHaveAttribute('data-ready', 'true');
        if (s) {
          await expect(root.locator('[data-role="break"]')).toHaveValue(s.split('+')[1]!);
          await expect(root).toBeInViewport();
        }
      } else if (lab === 'vrrp') {
        const root = page.locator('[data-election-lab]');
        await root.scrollIntoViewIfNeeded();
        await expect(root).toHaveAttribute('data-ready', 'true');
      } else throw new Error(`a link to an unexpected lab: ${lab}`);
    }
  });
}
