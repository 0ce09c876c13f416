#!/usr/bin/env node
/**
 * The JavaScript budget, per built page: what a page loads at once, and what it loads only when an
 * animation scrolls into view. "Ours" is code from src/ (Starlight's own scripts are counted apart).
 * Budget: a text-only page loads none of ours at once; a page with an animation loads at once only the
 * small loader that waits for the island to come into view (under 2 kB gzip).
 *
 *   node bench/size.mjs [DIST]        (default: dist/, built with `npm run build`)
 */
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative, basename, extname } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = process.argv[2] ?? process.env.E2E_DIST ?? 'dist';
if (!existsSync(join(dist, 'index.html'))) {
  console.error(`size: no built site in ${dist}/ — run \`npm run build\` first`);
  process.exit(2);
}
const LOADER_BUDGET = 2048;

const walk = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });

// Names of our own modules: a chunk is ours when Vite named it after one of them.
const ourNames = new Set(
  walk('src')
    .filter((p) => /\.(astro|ts|tsx|js|mjs)$/.test(p) && !p.endsWith('.test.ts'))
    .map((p) => basename(p, extname(p))),
);
const isOurs = (file) => ourNames.has(basename(file).split(/[._]astro_type|\./)[0]);

const gz = new Map();
const gzipBytes = (file) => {
  if (!gz.has(file)) gz.set(file, gzipSync(readFileSync(file)).length);
  return gz.get(file);
};

const STATIC_IMPORT = /(?:^|[;\s}])(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+\.js)["']/g;
const DYNAMIC_IMPORT = /import\(\s*["']([^"']+\.js)["']\s*\)/g;
const resolveFrom = (fromFile, spec) =>
  spec.startsWith('/') ? join(dist, spec) : join(fromFile.replace(/[^/]+$/, ''), spec);

/** Every file a set of entry modules pulls in statically, and the chunks they only import dynamically. */
function graph(entries) {
  const eager = new Set();
  const lazy = new Set();
  const visit = (file, set) => {
    if (set.has(file) || !existsSync(file)) return;
    set.add(file);
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(STATIC_IMPORT)) visit(resolveFrom(file, m[1]), set);
    for (const m of code.matchAll(DYNAMIC_IMPORT)) lazy.add(resolveFrom(file, m[1]));
  };
  for (const e of entries) visit(e, eager);
  const deferred = new Set();
  for (const l of lazy) if (!eager.has(l)) visit(l, deferred);
  for (const e of eager) deferred.delete(e);
  return { eager, deferred };
}

const sum = (files, pred = () => true) => [...files].filter(pred).reduce((n, f) => n + gzipBytes(f), 0);
const kb = (n) => (n / 1024).toFixed(1).padStart(6);

const rows = [];
for (const html of walk(dist).filter((p) => p.endsWith('.html')).sort()) {
  const text = readFileSync(html, 'utf8');
  const entries = [...text.matchAll(/<script[^>]*\bsrc="([^"]+\.js)"/g)].map((m) => resolveFrom(html, m[1]));
  const inline = [...text.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  const inlineImports = inline.flatMap((code) => [...code.matchAll(STATIC_IMPORT)].map((m) => resolveFrom(html, m[1])));
  const { eager, deferred } = graph([...entries, ...inlineImports]);
  const inlineBytes = inline.reduce((n, code) => n + gzipSync(code).length, 0);
  const lazyOurs = sum(deferred, isOurs);
  const eagerOurs = sum(eager, isOurs);
  const hasAnimation = lazyOurs > 0;
  const ok = hasAnimation ? eagerOurs <= LOADER_BUDGET : eagerOurs === 0;
  rows.push({
    page: '/' + relative(dist, html).replace(/index\.html$/, ''),
    eagerAll: sum(eager) + inlineBytes,
    eagerOurs,
    lazyOurs,
    lazyAll: sum(deferred),
    ok,
  });
}

console.log('JavaScript per page, gzip kB (at load: everything / ours; on view: ours / everything deferred)');
console.log(`${'page'.padEnd(34)} ${'load'.padStart(6)} ${'ours'.padStart(6)} ${'view'.padStart(6)} ${'defer'.padStart(6)}  budget`);
for (const r of rows) {
  console.log(
    `${r.page.padEnd(34)} ${kb(r.eagerAll)} ${kb(r.eagerOurs)} ${kb(r.lazyOurs)} ${kb(r.lazyAll)}  ${r.ok ? 'ok' : 'OVER'}`,
  );
}
const over = rows.filter((r) => !r.ok);
console.log(`${rows.length} pages; ${over.length} over budget` + (over.length ? `: ${over.map((r) => r.page).join(', ')}` : ''));
if (process.argv.includes('--json')) console.log(JSON.stringify(rows));
// A page over its budget fails the run (npm test's "size budget" stage), after the figures are printed.
if (over.length) process.exitCode = 1;
