#!/usr/bin/env node
/**
 * Typing in a 500-line config: opens the playground in headless Chromium, puts a 500-line
 * keepalived.conf (eight DR services with their real servers and checks, two VRRP instances) in
 * the editor, and types into it — 240 characters, one every 40 ms, in the middle of the file,
 * with completion popping up and the validator (in its Web Worker) re-reading the text after each
 * pause. Measures the main thread meanwhile: long tasks (> 50 ms, PerformanceObserver 'longtask'),
 * each key's input delay and processing (Event Timing), animation frame gaps; and the page's
 * JavaScript before the editor is used and after (gzip bytes, as served).
 *
 * Fails (exit 1) on any long task while typing.
 *
 *   node bench/playground-typing.mjs [DIST] [--chars N] [--busy MS]   (default: dist/, built with `npm run build`)
 *
 * --busy MS blocks the page's main thread for MS ms once while typing: it exists to show that the
 * gate fails (test/gates), never for a real measurement.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { benchArgs, startBench } from './lib/browser-bench.mjs';

const { chars, busy, dist } = benchArgs(process.argv.slice(2), { chars: 240, busy: 0 });
if (!Number.isInteger(chars) || chars <= 0 || !Number.isFinite(busy) || busy < 0) {
  console.error('playground-typing: --chars takes a positive whole number, --busy a number of milliseconds');
  process.exit(2);
}
if (!existsSync(join(dist, 'en', 'playground', 'index.html'))) {
  console.error(`playground-typing: no built playground page in ${dist}/ — run \`npm run build\` first`);
  process.exit(2);
}

/** A realistic 500-line config: global_defs, two instances, then DR services until 500 lines. */
function bigConfig() {
  const out = ['global_defs {', '    router_id LB1', '}', ''];
  for (const [name, vrid, vip] of [['VI_1', 51, '192.168.200.100'], ['VI_2', 52, '192.168.200.101']]) {
    out.push(`vrrp_instance ${name} {`, '    state BACKUP', '    interface eth0', `    virtual_router_id ${vrid}`, '    priority 150', '    advert_int 1',
      '    authentication {', '        auth_type PASS', '        auth_pass s3cret', '    }', '    virtual_ipaddress {', `        ${vip}/24`, '    }', '}', '');
  }
  for (let s = 0; out.length < 500; s++) {
    out.push(`virtual_server 192.168.200.${100 + (s % 2)} ${8000 + s} {`, '    delay_loop 6', '    lb_algo wlc', '    lb_kind DR', '    protocol TCP', '');
    for (let r = 1; r <= 5 && out.length < 492; r++) {
      out.push(`    real_server 192.168.200.${10 + r} ${8000 + s} {`, '        weight 1', '        TCP_CHECK {', '            connect_timeout 3', '            retry 3', '            delay_before_retry 2', '        }', '    }');
    }
    out.push('}', '');
  }
  return out.slice(0, 500).join('\n');
}

function observeIn() {
  const w = window;
  w.__long = [];
  w.__events = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) w.__long.push(e.duration); }).observe({ type: 'longtask' });
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) if (e.name === 'keydown' || e.name === 'keypress' || e.name === 'input') w.__events.push({ name: e.name, delay: e.processingStart - e.startTime, processing: e.processingEnd - e.processingStart, duration: e.duration });
  }).observe({ type: 'event', durationThreshold: 16, buffered: false });
  w.__frames = [];
  let last = performance.now();
  const tick = (now) => { w.__frames.push(now - last); last = now; if (!w.__stop) requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
}

const { browser, base, close } = await startBench(dist);
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const js = new Map();
  page.on('response', async (res) => {
    if (!/\.m?js(\?|$)/.test(res.url())) return;
    try { js.set(res.url(), gzipSync(await res.body()).length); } catch { /* a worker body may be gone */ }
  });
  await page.goto(`${base}/en/playground/`);
  const root = page.locator('[data-playground]');
  await page.waitForFunction(() => document.querySelector('[data-playground]')?.getAttribute('data-checked'));
  await page.waitForTimeout(500);
  const before = [...js.values()].reduce((a, b) => a + b, 0);
  const beforeFiles = js.size;
  await root.locator('textarea[data-role="source"]').click();
  await page.waitForFunction(() => document.querySelector('[data-playground]')?.getAttribute('data-editor') === 'codemirror');
  await page.waitForTimeout(300);
  const after = [...js.values()].reduce((a, b) => a + b, 0);

  // The 500 lines, pasted; then wait until the validator has read them.
  const text = bigConfig();
  const checked = await root.getAttribute('data-checked');
  await page.keyboard.press('Control+a');
  await page.evaluate((t) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', t);
    document.querySelector('.cm-content').dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, text);
  await page.waitForFunction((c) => document.querySelector('[data-playground]')?.getAttribute('data-checked') !== c, checked);
  const lines = await page.evaluate(() => document.querySelector('.cm-content').cmTile.root.view.state.doc.lines);
  const validateMs = Number(await root.getAttribute('data-validate-ms'));

  // Into the middle of the file: a new real server, typed; completion opens as keywords are typed.
  await page.evaluate(() => {
    const view = document.querySelector('.cm-content').cmTile.root.view;
    const line = view.state.doc.line(250);
    view.dispatch({ selection: { anchor: line.to } });
    view.focus();
  });
  await page.evaluate(observeIn);
  if (busy) await page.evaluate((ms) => setTimeout(() => { const end = performance.now() + ms; while (performance.now() < end); }, 300), busy);
  const typing = 'real_server 192.168.200.99 8001 {\nweight 2\nTCP_CHECK {\nconnect_timeout 3\n}\n}\n';
  let typed = 0;
  const t0 = Date.now();
  while (typed < chars) {
    const ch = typing[typed % typing.length];
    if (ch === '\n') {
      await page.keyboard.press('Escape'); // close completion so Enter is a new line
      await page.keyboard.press('Enter');
    } else await page.keyboard.type(ch);
    typed++;
    await page.waitForTimeout(40);
  }
  const typingMs = Date.now() - t0;
  await page.waitForTimeout(600); // the last validation lands
  const m = await page.evaluate(() => {
    window.__stop = true;
    return { long: window.__long, events: window.__events, frames: window.__frames.slice(1) };
  });
  const sorted = (xs) => [...xs].sort((a, b) => a - b);
  const pct = (xs, p) => (xs.length ? sorted(xs)[Math.min(xs.length - 1, Math.floor(xs.length * p))] : 0);
  const durations = m.events.map((e) => e.duration);
  console.log(`playground-typing: headless Chromium, a ${lines}-line config, ${typed} characters typed in ${(typingMs / 1000).toFixed(1)} s`);
  console.log(`  JavaScript before the editor is used   ${(before / 1024).toFixed(1)} kB gzip in ${beforeFiles} files (CodeMirror not loaded)`);
  console.log(`  JavaScript once the editor is used     ${(after / 1024).toFixed(1)} kB gzip`);
  console.log(`  validation of the ${lines} lines (worker)   ${validateMs.toFixed(0)} ms, off the main thread`);
  console.log(`  long tasks while typing               ${m.long.length}${m.long.length ? ` (longest ${Math.max(...m.long).toFixed(0)} ms)` : ''}`);
  console.log(`  key events over 16 ms (Event Timing)   ${m.events.length}; p95 ${pct(durations, 0.95).toFixed(0)} ms, worst ${Math.max(0, ...durations).toFixed(0)} ms`);
  console.log(`  animation frames                       ${m.frames.length}; p95 gap ${pct(m.frames, 0.95).toFixed(1)} ms, worst ${Math.max(0, ...m.frames).toFixed(1)} ms`);
  console.log('  target: no long task while typing.');
  if (lines < 500) {
    console.error(`playground-typing: the config has ${lines} lines, not 500`);
    process.exitCode = 1;
  }
  if (m.long.length) {
    console.error(`playground-typing: ${m.long.length} long task(s) on the main thread while typing (the target is none)`);
    process.exitCode = 1;
  }
} finally {
  await close();
}
