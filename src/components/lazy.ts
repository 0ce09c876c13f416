/**
 * Loads an island's code only when its element scrolls near the viewport, so a page's
 * animation script costs nothing until the reader reaches it.
 */
export function whenVisible(el: Element, load: () => Promise<unknown>, rootMargin = '200px'): void {
  if (!('IntersectionObserver' in window)) {
    void load();
    return;
  }
  const io = new IntersectionObserver(
    (entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        io.disconnect();
        void load();
      }
    },
    { rootMargin },
  );
  io.observe(el);
}
