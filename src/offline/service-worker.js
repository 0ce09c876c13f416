/**
 * The offline copy of the site. The build (./integration.mjs) writes this file to `sw.js` with
 * the list of every file it produced and a version that changes when any of them does.
 *
 * Install: fetch and keep every file, so that a reader who opened one page once can later read
 * every chapter, search, and run every lab without a network. Pages: the network first (a reader
 * online always gets the newest text), the kept copy when the network fails. Everything else:
 * the kept copy first (hashed names never change), the network for anything not kept.
 */
/* global self, caches, fetch, URL, Response */
const VERSION = '__VERSION__';
const BASE = '__BASE__';
const FILES = __FILES__;
const CACHE = `lvs-lab-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll(FILES))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      // lvs-lab-kernel is the real kernel's own cache (src/kernel/files.ts), kept across versions of the site.
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('lvs-lab-') && k !== CACHE && k !== 'lvs-lab-kernel').map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

/** A page's kept copy: /en/x/ is kept as /en/x/ (and /en/x as /en/x/); anything else unknown gets the 404 page. */
async function keptPage(request) {
  const cache = await caches.open(CACHE);
  const url = new URL(request.url);
  const hit = (await cache.match(url.pathname, { ignoreSearch: true }))
    ?? (await cache.match(url.pathname.replace(/\/?$/, '/'), { ignoreSearch: true }));
  if (hit) return hit;
  const notFound = await cache.match(`${BASE}404.html`);
  return notFound ? new Response(notFound.body, { status: 404, headers: notFound.headers }) : Response.error();
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !url.pathname.startsWith(BASE)) return;
  if (request.mode === 'navigate') {
    event.respondWith(fetch(request).catch(() => keptPage(request)));
    return;
  }
  event.respondWith(
    caches.open(CACHE)
      .then((cache) => cache.match(request, { ignoreSearch: true }))
      .then((hit) => hit ?? fetch(request)),
  );
});
