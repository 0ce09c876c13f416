#!/usr/bin/env node
/**
 * The Lighthouse gate: every page of the built site (from its sitemap, both languages, the root
 * and the 404 page), scored by Lighthouse 12 in Debian's Chromium with Lighthouse's default mobile settings.
 * Prints each page's four scores, and fails (exit 1) when a page scores under
 * performance 95 or under 100 in accessibility, best practices or SEO, naming what cost the points.
 *
 *   node bench/lighthouse.mjs [DIST] [--base /sub/] [--only /en/,/zh-cn/] [--json FILE]
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { serveStatic } from '../scripts/static-server.mjs';

const MIN = { performance: 95, accessibility: 100, 'best-practices': 100, seo: 100 };

const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : undefined;
};
const base = flag('--base') ?? '/';
const only = flag('--only')?.split(',').filter(Boolean);
const jsonOut = flag('--json');
const dist = args[0] ?? 'dist';

const sitemap = join(dist, 'sitemap-0.xml');
if (!existsSync(join(dist, 'index.html'))) {
  console.error(`lighthouse: no built site in ${dist}/ — run \`npm run build\` first`);
  process.exit(2);
}
/** Paths relative to the base ("" is the root), from the sitemap when there is one. */
function pagesOf() {
  if (only) return only.map((p) => p.replace(/^\//, ''));
  if (!existsSync(sitemap)) return [''];
  const locs = [...readFileSync(sitemap, 'utf8').matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
  const rel = locs.map((p) => (p.startsWith(base) ? p.slice(base.length) : p.replace(/^\//, '')));
  // The 404 page is a page readers see too (served with its own address here, so Lighthouse scores it).
  const extra = existsSync(join(dist, '404.html')) ? ['404.html'] : [];
  return [...new Set(['', ...rel, ...extra])].sort();
}

const chromePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const server = await serveStatic(dist, { base });
const chrome = await chromeLauncher.launch({
  chromePath,
  chromeFlags: [
    '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run',
  ],
});

const rows = [];
try {
  for (const page of pagesOf()) {
    const url = server.url + page;
    const res = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: Object.keys(MIN),
    });
    const lhr = res?.lhr;
    if (!lhr || lhr.runtimeError) {
      rows.push({ page: `/${page}`, error: lhr?.runtimeError?.message ?? 'no result', scores: {}, lost: [] });
      continue;
    }
    const scores = Object.fromEntries(Object.keys(MIN).map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)]));
    // What cost points: failing audits of every category under its minimum.
    const lost = [];
    for (const [cat, min] of Object.entries(MIN)) {
      if (scores[cat] >= min) continue;
      for (const ref of lhr.categories[cat].auditRefs) {
        const a = lhr.audits[ref.id];
        if (ref.weight > 0 && a.score !== null && a.score < 0.9) lost.push(`${cat}: ${a.id} (${a.displayValue ?? Math.round(a.score * 100)})`);
      }
    }
    rows.push({ page: `/${page}`, scores, lost });
  }
} finally {
  chrome.kill();
  await server.close();
}

const cell = (r, c) => (r.error ? '  err' : String(r.scores[c]).padStart(5));
console.log(`Lighthouse ${JSON.parse(readFileSync(new URL('../node_modules/lighthouse/package.json', import.meta.url), 'utf8')).version} (mobile defaults, served gzipped as a static host would), minimum: perf ${MIN.performance}, others 100`);
console.log(`${'page'.padEnd(30)}  perf  a11y  best   seo`);
const failed = [];
for (const r of rows) {
  const bad = r.error || Object.entries(MIN).some(([c, min]) => r.scores[c] < min);
  console.log(`${r.page.padEnd(30)} ${Object.keys(MIN).map((c) => cell(r, c)).join(' ')}  ${bad ? 'FAIL' : 'ok'}`);
  if (bad) {
    failed.push(r);
    if (r.error) console.log(`    error: ${r.error}`);
    for (const l of r.lost) console.log(`    ${l}`);
  }
}
console.log(`${rows.length} pages; ${failed.length} under the minimum` + (failed.length ? `: ${failed.map((r) => r.page).join(', ')}` : ''));
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(rows, null, 2));
if (failed.length) process.exitCode = 1;
