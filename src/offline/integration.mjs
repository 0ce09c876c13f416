/**
 * An Astro integration that makes the built site work offline: after the build it lists every
 * file in the output, and writes `sw.js` (./service-worker.js with that list and a content hash as
 * its version). In a build, every page gets a small inline script that registers it once the page
 * has loaded and the browser is idle, so it never competes with the page itself; `astro dev` has no
 * sw.js and registers nothing. A browser that cannot register changes nothing for the reader.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const walk = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });

/** @param {{ base: string }} options */
export default function offline({ base }) {
  return {
    name: 'lvs-lab-offline',
    hooks: {
      'astro:config:setup': ({ command, injectScript }) => {
        if (command !== 'build') return;
        const url = JSON.stringify(`${base}sw.js`);
        injectScript(
          'head-inline',
          `if('serviceWorker' in navigator)addEventListener('load',function(){(window.requestIdleCallback||setTimeout)(function(){navigator.serviceWorker.register(${url},{scope:${JSON.stringify(base)}}).catch(function(){})})});`,
        );
      },
      'astro:build:done': ({ dir, logger }) => {
        const out = fileURLToPath(dir);
        const hash = createHash('sha256');
        const files = [];
        for (const file of walk(out).sort()) {
          const rel = relative(out, file).split(sep).join('/');
          // The real kernel (public/kernel, tens of megabytes) is fetched only when a reader starts it,
          // and kept then by its own cache (src/kernel/files.ts), never with every reader's first visit.
          if (rel === 'sw.js' || rel.endsWith('.xml') || rel.startsWith('kernel/')) continue;
          hash.update(rel).update(readFileSync(file));
          // Pages are kept under the address a reader uses: /en/x/, not /en/x/index.html.
          files.push(base + rel.replace(/(^|\/)index\.html$/, '$1'));
        }
        const template = readFileSync(new URL('./service-worker.js', import.meta.url), 'utf8');
        const sw = template
          .replace("'__VERSION__'", JSON.stringify(hash.digest('hex').slice(0, 16)))
          .replace("'__BASE__'", JSON.stringify(base))
          .replace('__FILES__', JSON.stringify(files));
        writeFileSync(join(out, 'sw.js'), sw);
        logger.info(`sw.js keeps ${files.length} files for offline reading`);
      },
    },
  };
}
