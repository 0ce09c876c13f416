/**
 * Readable everywhere, controls that stay put (#16): at a phone's 390 px and a desktop's 1440 px, in both
 * languages, every lab's drawings render their text at 12 px or more on screen, no page scrolls sideways,
 * no wire of a topology crosses a label, and a lab's step button does not move while the reader steps
 * through 20 moments.
 */
import type { Locator, Page } from '@playwright/test';
import { test, expect, LOCALES } from './fixtures';

/** The smallest text any lab draws must render at least this tall, in CSS pixels. */
const MIN_TEXT_PX = 12;
const WIDTHS = [390, 1440] as const;
const STEPS = 20;

/** Every page with a drawing, and the selector of each lab on it that has a player. */
const PAGES: Array<{ path: string; labs: string[] }> = [
  { path: '', labs: ['[data-landing-demo]'] },
  { path: 'lvs-vs-nginx/', labs: ['[data-l4l7]'] },
  { path: 'forwarding-modes/', labs: ['#pp-nat', '#pp-fullnat', '#pp-dr', '#pp-tun', '#pp-compare'] },
  { path: 'keepalived/', labs: ['[data-election-lab]', '[data-health-panel]'] },
  { path: 'schedulers/', labs: ['[data-sched-lab]'] },
  { path: 'netfilter/', labs: ['[data-hook-explorer]'] },
  { path: 'operating/', labs: [] },
  { path: 'playground/', labs: [] },
];

/** The smallest on-screen font size of the SVG text inside `scope`, with what that text says. */
async function smallestText(scope: Locator): Promise<{ px: number; text: string } | null> {
  return scope.evaluate((root) => {
    let best: { px: number; text: string } | null = null;
    for (const t of root.querySelectorAll<SVGTextContentElement>('svg text')) {
      const box = t.getBoundingClientRect();
      if (!t.textContent?.trim() || box.width === 0) continue;
      const ctm = t.getScreenCTM();
      if (!ctm) continue;
      // Font size in SVG units times the drawing's vertical scale = what the reader sees.
      const px = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(ctm.c, ctm.d);
      if (!best || px < best.px) best = { px: Math.round(px * 10) / 10, text: t.textContent.trim().slice(0, 40) };
    }
    return best;
  });
}

/**
 * Labels a wire crosses in the lab's topology drawings (those that say which layout they drew): each
 * `line` against each text's box, in screen pixels. The moving packet's words are left out, and so are
 * words drawn on an opaque shape (`.on-shape`: a node's name in its circle), which hides the wires under it.
 */
async function crossings(scope: Locator): Promise<string[]> {
  return scope.evaluate((root) => {
    const out: string[] = [];
    for (const svg of root.querySelectorAll<SVGSVGElement>('svg[data-layout]')) {
      const boxes = [...svg.querySelectorAll<SVGTextElement>('text')]
        .filter((t) => t.textContent?.trim() && !t.closest('.pp-packet, .packet, .on-shape'))
        .map((t) => ({ t: t.textContent!.trim(), r: t.getBoundingClientRect() }))
        .filter(({ r }) => r.width > 0);
      for (const line of svg.querySelectorAll<SVGLineElement>('line')) {
        const m = line.getScreenCTM();
        if (!m) continue;
        const p = (x: number, y: number) => new DOMPoint(x, y).matrixTransform(m);
        const a = p(line.x1.baseVal.value, line.y1.baseVal.value);
        const b = p(line.x2.baseVal.value, line.y2.baseVal.value);
        for (const { t, r } of boxes) {
          // Liang–Barsky: does the segment a→b enter the label's box (shrunk by a pixel)?
          let lo = 0;
          let hi = 1;
          const dx = b.x - a.x;
          const dy = b.y - a.y;
          const edges: Array<[number, number]> = [[-dx, a.x - (r.left + 1)], [dx, r.right - 1 - a.x], [-dy, a.y - (r.top + 1)], [dy, r.bottom - 1 - a.y]];
          let hit = true;
          for (const [pp, q] of edges) {
            if (pp === 0) { if (q < 0) hit = false; continue; }
            const u = q / pp;
            if (pp < 0) lo = Math.max(lo, u); else hi = Math.min(hi, u);
          }
          if (hit && lo <= hi) out.push(`a line crosses "${t}" (${svg.dataset.layout} layout)`);
        }
      }
    }
    return out;
  });
}

/** In the packet player: a packet on a wire that covers a host's glyph (it must sit on the wire, between hosts). */
async function packetOverNode(scope: Locator): Promise<string[]> {
  return scope.evaluate((root) => {
    const out: string[] = [];
    for (const pkt of root.querySelectorAll<SVGGElement>('.pp-packet')) {
      if (getComputedStyle(pkt).opacity !== '1' || pkt.getAttribute('opacity') !== '1') continue;
      const p = pkt.querySelector('rect')!.getBoundingClientRect();
      for (const node of pkt.ownerSVGElement!.querySelectorAll<SVGGElement>('.pp-node')) {
        const n = node.querySelector('.pp-node__shape')!.getBoundingClientRect();
        const overlap = Math.min(p.right, n.right) - Math.max(p.left, n.left) > 1 && Math.min(p.bottom, n.bottom) - Math.max(p.top, n.top) > 1;
        if (overlap) out.push(`the packet covers ${node.dataset.node}`);
      }
    }
    return out;
  });
}

async function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** Where the step button sits in the document (not the viewport, which scrolls). */
async function placeOf(button: Locator): Promise<{ x: number; y: number }> {
  return button.evaluate((b) => {
    const r = b.getBoundingClientRect();
    return { x: Math.round(r.left + window.scrollX), y: Math.round(r.top + window.scrollY) };
  });
}

for (const lang of LOCALES) {
  for (const width of WIDTHS) {
    for (const { path, labs } of PAGES) {
      test(`${lang} /${path} at ${width} px: drawings' text ≥ ${MIN_TEXT_PX} px, no sideways scroll, step button stays put`, async ({ guarded: page }) => {
        test.setTimeout(90_000);
        await page.setViewportSize({ width, height: 900 });
        // Reduced motion: every moment is measured where it rests, not part-way through a tween.
        await page.emulateMedia({ reducedMotion: 'reduce' });
        await page.goto(`/${lang}/${path}`);
        expect(await overflow(page), 'the page scrolls sideways').toBeLessThanOrEqual(0);
        const small: string[] = [];
        // Static drawings (the measured chart) are read as they are.
        for (const chart of await page.locator('[data-bench-chart]').all()) {
          await chart.scrollIntoViewIfNeeded();
          await expect(chart).toHaveAttribute('data-ready', 'true');
          const t = await smallestText(chart);
          if (t && t.px < MIN_TEXT_PX) small.push(`bench chart: "${t.text}" at ${t.px} px`);
        }
        for (const sel of labs) {
          const lab = page.locator(sel);
          await lab.scrollIntoViewIfNeeded();
          await expect(lab).toHaveAttribute('data-ready', 'true');
          // Drawings a lab shows on request are measured too (the health panel's client traffic).
          for (const extra of await lab.locator('input[data-role="traffic"][type="checkbox"]').all()) await extra.check();
          // From the first moment: some labs open on their last (the scheduler lab on the finished run).
          await lab.locator('[data-player] [data-act="reset"]').click();
          const forward = lab.locator('[data-player] [data-act="forward"]');
          const start = await placeOf(forward);
          for (let i = 0; i < STEPS; i++) {
            const t = await smallestText(lab);
            if (t && t.px < MIN_TEXT_PX) small.push(`${sel} step ${i}: "${t.text}" at ${t.px} px`);
            for (const c of await crossings(lab)) small.push(`${sel} step ${i}: ${c}`);
            for (const c of await packetOverNode(lab)) small.push(`${sel} step ${i}: ${c}`);
            await forward.click();
            expect(await placeOf(forward), `${sel}: the step button moved at step ${i + 1}`).toEqual(start);
          }
          expect(await overflow(page), `${sel} made the page scroll sideways`).toBeLessThanOrEqual(0);
        }
        expect([...new Set(small)].slice(0, 8), small.join('\n')).toEqual([]);
      });
    }
  }
}

test('Chinese pages name the CJK fonts common systems have; English pages keep the default stack', async ({ guarded: page }) => {
  const family = () => page.evaluate(() => getComputedStyle(document.body).fontFamily);
  await page.goto('/zh-cn/keepalived/');
  const zh = await family();
  for (const font of ['PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC']) expect(zh).toContain(font);
  // SVG labels inherit it: the drawings' Han text uses the same stack.
  await page.locator('[data-election-lab]').scrollIntoViewIfNeeded();
  await expect(page.locator('[data-election-lab]')).toHaveAttribute('data-ready', 'true');
  expect(await page.locator('[data-election-lab] svg text').first().evaluate((t) => getComputedStyle(t).fontFamily)).toContain('PingFang SC');
  await page.goto('/en/keepalived/');
  expect(await family()).not.toContain('PingFang SC');
});
