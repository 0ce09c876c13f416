/**
 * The quality gates of `npm test` can fail: each gate is run here on an input broken on purpose
 * and must exit non-zero, naming what broke. (The real site passing them is the gates' own stage.)
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lvs-lab-gates-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (args: string[]) => spawnSync('node', args, { encoding: 'utf8', timeout: 180_000 });

/** A one-page site: `page` is the body of /en/, `scripts` its module files under _astro/. */
function site(name: string, head: string, body: string, scripts: Record<string, string> = {}): string {
  const root = join(dir, name);
  mkdirSync(join(root, 'en'), { recursive: true });
  mkdirSync(join(root, '_astro'), { recursive: true });
  const page = `<!doctype html><html${head}><body>${body}</body></html>`;
  writeFileSync(join(root, 'index.html'), page);
  writeFileSync(join(root, 'en', 'index.html'), page);
  for (const [file, code] of Object.entries(scripts)) writeFileSync(join(root, '_astro', file), code);
  return root;
}

describe('the JavaScript budget (bench/size.mjs)', () => {
  it('fails a page that loads one of our islands at once instead of on view', () => {
    // Vite names a chunk after its module: "island" is one of ours (src/components/*/island.ts).
    const big = `export const x = ${JSON.stringify(Array.from({ length: 4000 }, (_, i) => `word${i * 7919}`))};\n`;
    const root = site('over', ' lang="en"', '<script type="module" src="/_astro/island.Xy12.js"></script>', { 'island.Xy12.js': big });
    const res = run(['bench/size.mjs', root]);
    expect(res.status, res.stdout + res.stderr).toBe(1);
    expect(res.stdout).toMatch(/\/en\/.*OVER/);
  });

  it('passes a text page that loads none of ours', () => {
    const root = site('text', ' lang="en"', '<p>text only</p>');
    const res = run(['bench/size.mjs', root]);
    expect(res.status, res.stdout + res.stderr).toBe(0);
  });
});

describe('the Lighthouse gate (bench/lighthouse.mjs)', () => {
  it('fails a page under 100 in accessibility and SEO, and says which audits cost the points', () => {
    const root = site('lh', '', '<img src="/nowhere.png"><a href="/x"></a>');
    const res = run(['bench/lighthouse.mjs', root, '--only', '/en/']);
    expect(res.status, res.stdout + res.stderr).toBe(1);
    expect(res.stdout).toMatch(/\/en\/.*FAIL/);
    expect(res.stdout).toMatch(/accessibility: (image-alt|html-has-lang|document-title|link-name)/);
    expect(res.stdout).toMatch(/seo: /);
  });
});

describe('the packets-in-flight gate (bench/packet-flight.mjs)', () => {
  it('fails when the main thread is blocked while the packets fly', () => {
    expect(existsSync('dist/en/forwarding-modes/index.html'), 'build the site first (npm run build)').toBe(true);
    const res = run(['bench/packet-flight.mjs', 'dist', '--seconds', '1', '--busy', '150']);
    expect(res.status, res.stdout + res.stderr).toBe(1);
    expect(res.stderr).toMatch(/long task/);
  });
});

describe('the typing gate (bench/playground-typing.mjs)', () => {
  it('fails when the main thread is blocked while the reader types', () => {
    expect(existsSync('dist/en/playground/index.html'), 'build the site first (npm run build)').toBe(true);
    const res = run(['bench/playground-typing.mjs', 'dist', '--chars', '30', '--busy', '150']);
    expect(res.status, res.stdout + res.stderr).toBe(1);
    expect(res.stderr).toMatch(/long task/);
  });
});
