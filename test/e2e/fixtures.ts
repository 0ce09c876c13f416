/**
 * The shared e2e fixture: every test's page fails the test if it logs a console error,
 * throws, or asks for anything outside its own origin (the site must be self-contained).
 */
import { test as base, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

/** The path the site is served under (`/lvs-lab/` for a sub-path build), from E2E_BASE. */
export const BASE = (process.env.E2E_BASE ?? '/').replace(/^\/?/, '/').replace(/\/?$/, '/');

/** A site path ("/en/x/") as served under BASE; tests write site paths and never think about the base. */
export const sitePath = (path: string) => (path.startsWith('/') && !path.startsWith(BASE) ? BASE + path.slice(1) : path);

/** Makes a page's goto take site paths under BASE (the `page` fixture does this; call it on pages a test opens itself). */
export function withBase(page: Page): Page {
  if (BASE !== '/') {
    const goto = page.goto.bind(page);
    page.goto = (url, options) => goto(sitePath(url), options);
  }
  return page;
}

export const test = base.extend<{ guarded: Page }>({
  page: async ({ page }, use) => {
    await use(withBase(page));
  },
  guarded: async ({ page, baseURL }, use) => {
    const origin = new URL(baseURL!).origin;
    const problems: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
    });
    page.on('response', (res) => {
      if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
    });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
      problems.push(`request outside the origin: ${url}`);
      return route.abort();
    });
    await use(page);
    expect(problems, problems.join('\n')).toEqual([]);
  },
});

export { expect };

/** axe-core over the whole page, WCAG 2.1 A and AA and axe's best practices; returns readable violations. */
export async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  return results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`,
  );
}

/** Every page of the built site, both languages, read from the sitemap the build writes. */
export const LOCALES = ['en', 'zh-cn'] as const;

/** Waits until the page's service worker is active, controls the page, and keeps every file it lists (the offline copy). */
export async function waitForOfflineCopy(page: Page): Promise<void> {
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          const reg = await navigator.serviceWorker.getRegistration();
          if (!reg?.active || !navigator.serviceWorker.controller) return 'no active worker yet';
          const cache = (await caches.keys()).find((k) => k.startsWith('lvs-lab-') && k !== 'lvs-lab-kernel');
          if (!cache) return 'no cache yet';
          const kept = (await (await caches.open(cache)).keys()).length;
          const sw = await (await fetch(reg.active.scriptURL)).text();
          const listed = (JSON.parse(/const FILES = (.*);/.exec(sw)![1]!) as string[]).length;
          return kept >= listed && listed > 50 ? 'complete' : `${kept} of ${listed} kept`;
        }),
      { timeout: 30_000, intervals: [250] },
    )
    .toBe('complete');
}
