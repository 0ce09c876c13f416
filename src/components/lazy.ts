import { linksTo } from './player/link-target';

/**
 * Loads an island's code only when its element scrolls near the viewport, so a page's
 * animation script costs nothing until the reader reaches it.
 */
export function whenVisible(el: Element, load: () => Promise<unknown>, rootMargin = '200px'): void {
  // A link to one of this lab's moments loads it at once: the reader came for it.
  const ids = [...el.querySelectorAll<HTMLElement>('[data-player]')].map((p) => p.dataset.player ?? '');
  if (!('IntersectionObserver' in window) || ids.some((id) => linksTo(location.hash, id))) {
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
