import { readFileSync, existsSync } from 'node:fs';
import { test, expect, axeViolations, BASE } from './fixtures';

/** Every page the build produced, from its sitemap, so a new chapter is checked the day it lands (as site paths, without the base). */
function builtPages(): string[] {
  const dist = process.env.E2E_DIST ?? 'dist';
  const file = `${dist}/sitemap-0.xml`;
  if (!existsSync(file)) throw new Error(`no ${file}: build the site first`);
  const urls = [...readFileSync(file, 'utf8').matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => '/' + new URL(m[1]!).pathname.slice(BASE.length));
  return [...new Set(['/', ...urls])].sort();
}

const pages = builtPages();

/** The islands' roots; each sets data-ready="true" when it has rendered. */
const ISLANDS = ['[data-landing-demo]', '[data-console]', '[data-hook-explorer]', '[data-playground]', '[data-health-panel]', '[data-packet-player]', '[data-election-lab]', '[data-sched-lab]'];

test('the sitemap lists the landing page in both languages', () => {
  expect(pages).toContain('/en/');
  expect(pages).toContain('/zh-cn/');
});

for (const path of pages) {
  test(`${path} loads cleanly, with no axe violations`, async ({ guarded: page }) => {
    const res = await page.goto(path);
    expect(res?.status()).toBe(200);
    await page.waitForLoadState('networkidle');
    // Scroll through the page so lazily-loaded islands run (and are checked) too.
    await page.evaluate(async () => {
      for (let y = 0; y < document.body.scrollHeight; y += 600) {
        window.scrollTo(0, y);
        await new Promise((r) => setTimeout(r, 30));
      }
    });
    await page.waitForLoadState('networkidle');
    expect(await axeViolations(page)).toEqual([]);
    // Again once every island has filled itself in: an island that renders after the first check could
    // otherwise hide a violation (one did, in the playground).
    for (const sel of ISLANDS) {
      for (const el of await page.locator(sel).all()) await expect(el).toHaveAttribute('data-ready', 'true');
    }
    expect(await axeViolations(page)).toEqual([]);
  });
}

test('the landing page exists in English and Chinese, and the language switch moves between them', async ({ guarded: page }) => {
  await page.goto('/en/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('LVS Lab');
  await expect(page.getByText('Forwarding modes').first()).toBeVisible();

  await page.locator('starlight-lang-select select').first().selectOption({ label: '简体中文' });
  await page.waitForURL('**/zh-cn/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('LVS 实验室');
  await expect(page.getByText('转发模式').first()).toBeVisible();

  await page.locator('starlight-lang-select select').first().selectOption({ label: 'English' });
  await page.waitForURL('**/en/');
});

test('the bare root sends the reader to a language', async ({ guarded: page }) => {
  await page.goto('/');
  await page.waitForURL(/\/(en|zh-cn)\/$/);
});

test('the root redirect page has the site icon, so the browser never asks for a missing /favicon.ico', async ({ guarded: page, request }) => {
  const html = await (await request.get(BASE)).text();
  const icon = /<link rel="icon" href="([^"]+)"/.exec(html)?.[1];
  expect(icon).toBe(`${BASE}favicon.svg`);
  expect((await request.get(icon!)).status()).toBe(200);
  const asked: string[] = [];
  page.on('request', (r) => asked.push(new URL(r.url()).pathname));
  await page.goto('/');
  await page.waitForURL(/\/(en|zh-cn)\/$/);
  await page.waitForLoadState('networkidle');
  expect(asked.filter((p) => p.endsWith('favicon.ico'))).toEqual([]);
});

test('search finds a word from the landing page', async ({ guarded: page }) => {
  await page.goto('/en/');
  await page.getByRole('button', { name: /search/i }).first().click();
  const box = page.locator('dialog .pagefind-ui__search-input');
  await box.fill('keepalived');
  const results = page.locator('.pagefind-ui__result-link');
  await expect(results.first()).toBeVisible({ timeout: 15_000 });
  const hrefs = await results.evaluateAll((els) => els.map((e) => (e as HTMLAnchorElement).getAttribute('href')));
  expect(hrefs.some((h) => h?.startsWith(`${BASE}en/`))).toBe(true);
});

test('keepalived code blocks are highlighted with the keepalived grammar', async ({ guarded: page }) => {
  await page.goto('/en/');
  const block = page.locator('.expressive-code pre[data-language="keepalived"]').first();
  await expect(block).toBeVisible();
  // Tokens get colours of their own: a comment, a block name and a number are not all the same colour.
  const colours = await block.evaluate((pre) => {
    const colourOf = (text: string) => {
      const span = [...pre.querySelectorAll('span')].find((s) => s.textContent?.trim() === text);
      return span ? getComputedStyle(span).color : null;
    };
    return { comment: colourOf('! Configuration File for keepalived'), block: colourOf('vrrp_instance'), number: colourOf('100') };
  });
  expect(colours.comment).not.toBeNull();
  expect(colours.block).not.toBeNull();
  expect(new Set(Object.values(colours)).size).toBe(3);
});

test('every link and asset address on every built page leads to a file the build made (under the base path too)', () => {
  const dist = process.env.E2E_DIST ?? 'dist';
  const broken: string[] = [];
  for (const path of pages) {
    const file = `${dist}${path}index.html`;
    const html = readFileSync(file, 'utf8');
    for (const m of html.matchAll(/\s(?:href|src)="([^"#?]*)[^"]*"/g)) {
      const url = m[1]!;
      if (!url.startsWith('/') || url.startsWith('//')) continue;
      if (!url.startsWith(BASE)) {
        broken.push(`${path}: ${url} is outside the base ${BASE}`);
        continue;
      }
      const target = `${dist}/${url.slice(BASE.length)}`;
      if (!existsSync(target) && !existsSync(`${target.replace(/\/?$/, '/')}index.html`)) broken.push(`${path}: ${url}`);
    }
  }
  expect(broken).toEqual([]);
});
