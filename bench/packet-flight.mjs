#!/usr/bin/env node
/**
 * 200 packets in flight: opens the forwarding-modes chapter in headless Chromium, starts the packet
 * player's traffic overlay (200 packets moving at once), and measures the main thread for a few
 * seconds — long tasks (> 50 ms, PerformanceObserver 'longtask'), animation frames delivered and
 * the gaps between them. Then the same while stepping the player with the keyboard. Prints figures.
 *
 * Fails (exit 1) on any long task while the packets fly, or when fewer than 200 are in flight.
 *
 *   node bench/packet-flight.mjs [DIST] [--seconds N] [--busy MS]   (default: dist/, built with `npm run build`)
 *
 * --busy MS blocks the page's main thread for MS ms once while the packets fly: it exists to show
 * that the gate fails (test/gates), never for a real measurement.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { benchArgs, startBench } from './lib/browser-bench.mjs';

const { seconds, busy, dist } = benchArgs(process.argv.slice(2), { seconds: 5, busy: 0 });
if (!Number.isFinite(seconds) || seconds <= 0 || !Number.isFinite(busy) || busy < 0) {
  console.error('packet-flight: --seconds takes a positive number, --busy a number of milliseconds');
  process.exit(2);
}
if (!existsSync(join(dist, 'en', 'forwarding-modes', 'index.html'))) {
  console.error(`packet-flight: no built forwarding-modes page in ${dist}/ — run \`npm run build\` first`);
  process.exit(2);
}

/** In the page: observe long tasks and animation frames for `ms`, optionally pressing a key every `keyEvery` ms. */
function measureIn(ms) {
  return new Promise((resolve) => {
    const long = [];
    const po = new PerformanceObserver((l) => { for (const e of l.getEntries()) long.push(e.duration); });
    po.observe({ type: 'longtask', buffered: false });
    const frames = [];
    let last = performance.now();
    const t0 = last;
    const tick = (now) => {
      frames.push(now - last);
      last = now;
      if (now - t0 < ms) requestAnimationFrame(tick);
      else {
        po.disconnect();
        frames.shift();
        const sorted = [...frames].sort((a, b) => a - b);
        resolve({
          longTasks: long.length, longestTaskMs: long.length ? Math.max(...long) : 0, longTaskTotalMs: long.reduce((a, b) => a + b, 0),
          frames: frames.length, fps: frames.length / ((now - t0) / 1000),
          p95FrameMs: sorted[Math.floor(sorted.length * 0.95)] ?? 0, worstFrameMs: sorted.at(-1) ?? 0,
        });
      }
    };
    requestAnimationFrame(tick);
  });
}

const { browser, base, close } = await startBench(dist);
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${base}/en/forwarding-modes/`);
  const root = page.locator('#pp-nat');
  await root.scrollIntoViewIfNeeded();
  await root.locator('[data-ready="true"]').or(root).waitFor();
  await page.waitForFunction(() => document.querySelector('#pp-nat')?.getAttribute('data-ready') === 'true');
  const idle = await page.evaluate(measureIn, 1000);
  await root.locator('[data-role="traffic"]').click();
  const inFlight = Number(await root.locator('[data-lane="0"]').getAttribute('data-in-flight'));
  const measuring = page.evaluate(measureIn, seconds * 1000);
  if (busy) await page.evaluate((ms) => setTimeout(() => { const end = performance.now() + ms; while (performance.now() < end); }, 300), busy);
  const flying = await measuring;
  // Stepping the player while the 200 packets fly: a key press every 100 ms.
  await root.locator('[data-player]').focus();
  const keys = (async () => { for (let i = 0; i < seconds * 10; i++) { await page.keyboard.press(i % 3 === 2 ? 'ArrowLeft' : 'ArrowRight'); await page.waitForTimeout(100); } })();
  const stepping = await page.evaluate(measureIn, seconds * 1000);
  await keys;

  const row = (name, m) => `${name.padEnd(34)} ${String(m.longTasks).padStart(5)} ${m.longestTaskMs.toFixed(0).padStart(8)} ${m.fps.toFixed(1).padStart(6)} ${m.p95FrameMs.toFixed(1).padStart(8)} ${m.worstFrameMs.toFixed(1).padStart(8)}`;
  console.log(`packet-flight: headless Chromium, ${inFlight} packets in flight, ${seconds} s per run`);
  console.log(`${'run'.padEnd(34)} ${'long'.padStart(5)} ${'max ms'.padStart(8)} ${'fps'.padStart(6)} ${'p95 ms'.padStart(8)} ${'worst'.padStart(8)}`);
  console.log(row('idle page (1 s)', idle));
  console.log(row(`${inFlight} packets in flight`, flying));
  console.log(row(`${inFlight} in flight + stepping 10/s`, stepping));
  console.log('long = tasks over 50 ms on the main thread (the target is none); fps and frame gaps from requestAnimationFrame.');
  if (inFlight !== 200) {
    console.error(`packet-flight: expected 200 packets in flight, found ${inFlight}`);
    process.exitCode = 1;
  }
  const long = flying.longTasks + stepping.longTasks;
  if (long > 0) {
    console.error(`packet-flight: ${long} long task(s) on the main thread while the packets flew (the target is none)`);
    process.exitCode = 1;
  }
} finally {
  await close();
}
