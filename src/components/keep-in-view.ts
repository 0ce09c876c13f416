/**
 * Brings a lab the reader was linked to into view, and keeps it there while the page settles above it.
 *
 * Labs above the linked one load as they near the viewport and grow as they draw; Chromium's scroll anchoring
 * does not hold the linked lab in place then (its anchor is inside a lab that redraws), and the reader is left
 * looking at a neighbour. Measured on the Chinese forwarding page: two players above grew by 971 px each,
 * 100–500 ms after the scroll. So the lab's offset from the viewport's top is held by hand until the page has
 * not changed size for `settleMs`, or until the reader scrolls, types or touches: after that the page is theirs.
 */
const READER = ['wheel', 'touchstart', 'keydown', 'pointerdown'] as const;

export function bringIntoView(el: HTMLElement, settleMs = 3000, longestMs = 15_000): void {
  el.scrollIntoView({ block: 'start' });
  if (!('ResizeObserver' in window)) return;
  const want = el.getBoundingClientRect().top;
  let quiet = setTimeout(stop, settleMs);
  const last = setTimeout(stop, longestMs);
  const ro = new ResizeObserver(() => {
    const off = el.getBoundingClientRect().top - want;
    if (Math.abs(off) >= 1) window.scrollBy(0, off);
    clearTimeout(quiet);
    quiet = setTimeout(stop, settleMs);
  });
  ro.observe(document.body);
  for (const t of READER) window.addEventListener(t, stop, { capture: true, passive: true });
  function stop(): void {
    ro.disconnect();
    clearTimeout(quiet);
    clearTimeout(last);
    for (const t of READER) window.removeEventListener(t, stop, { capture: true });
  }
}
