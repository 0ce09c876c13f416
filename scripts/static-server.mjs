/**
 * A small static server for a built site, as a plain web host would serve it: files under an
 * optional base path, gzip for text, 404.html for what is missing, long caching for hashed assets.
 * Used by the Lighthouse gate and the offline e2e test, which need a server they can start and stop
 * themselves (Playwright's shared preview server cannot be stopped mid-test).
 */
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { join, extname, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};
const TEXT = /^(text\/|application\/(json|xml|manifest)|image\/svg)/;

/**
 * Serves `dist` under `base` ("/" or "/sub/") on 127.0.0.1. Resolves to { url, close() } once
 * listening; `url` ends with the base path.
 */
export function serveStatic(dist, { base = '/', port = 0 } = {}) {
  const prefix = base.endsWith('/') ? base : `${base}/`;
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      if (!path.startsWith(prefix)) return await send(res, 404, join(dist, '404.html'), req);
      const rel = normalize(path.slice(prefix.length)).replace(/^(\.\.(\/|$))+/, '');
      let file = join(dist, rel);
      const st = await stat(file).catch(() => null);
      if (st?.isDirectory()) {
        if (!path.endsWith('/')) {
          res.writeHead(301, { location: `${path}/` });
          return res.end();
        }
        file = join(file, 'index.html');
      }
      const found = await stat(file).catch(() => null);
      if (!found?.isFile()) return await send(res, 404, join(dist, '404.html'), req);
      await send(res, 200, file, req);
    } catch (err) {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(err));
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: p } = server.address();
      resolve({
        url: `http://127.0.0.1:${p}${prefix}`,
        close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }),
      });
    });
  });
}

async function send(res, status, file, req) {
  const body = await readFile(file).catch(() => Buffer.from('not found'));
  const type = TYPES[extname(file)] ?? 'application/octet-stream';
  const headers = { 'content-type': type };
  // Hashed build output never changes under its name; pages and the service worker must revalidate.
  headers['cache-control'] = /\/_astro\//.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache';
  const gzip = TEXT.test(type) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  const out = gzip ? gzipSync(body) : body;
  if (gzip) headers['content-encoding'] = 'gzip';
  headers['content-length'] = out.length;
  res.writeHead(status, headers);
  res.end(req.method === 'HEAD' ? undefined : out);
}

// As a command: node scripts/static-server.mjs DIST [--base /sub/] [--port N] (Playwright's web server).
if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const opt = (name) => {
    const i = args.indexOf(name);
    return i >= 0 ? args.splice(i, 2)[1] : undefined;
  };
  const base = opt('--base') ?? '/';
  const port = Number(opt('--port') ?? 0);
  const dist = args[0] ?? 'dist';
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error('static-server: --port takes a port number');
    process.exit(2);
  }
  serveStatic(dist, { base, port }).then(
    (s) => console.log(`serving ${dist} at ${s.url}`),
    (err) => {
      console.error(`static-server: ${err.message}`);
      process.exit(1);
    },
  );
}
