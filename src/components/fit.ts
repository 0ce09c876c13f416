/**
 * Drawings are laid out for the width they get, never scaled down: one SVG unit is at least one CSS
 * pixel, so a 12-unit label is at least 12 px on a phone and on a desktop alike (#16). A lab asks
 * for its host's width here and redraws when the width changes (rotation, a side-by-side lane).
 */

/** Calls `draw` with the host's content width now and again whenever that width changes. */
export function onWidth(host: HTMLElement, draw: (width: number) => void): void {
  let last = -1;
  const fire = (w: number) => {
    const width = Math.floor(w);
    if (width <= 0 || width === last) return;
    last = width;
    draw(width);
  };
  fire(host.clientWidth);
  if (typeof ResizeObserver !== 'function') return;
  new ResizeObserver((entries) => {
    const e = entries[entries.length - 1];
    if (e) fire(e.contentRect.width);
  }).observe(host);
}

/**
 * The widest of a drawing's layouts that fits `width` without scaling down, or the narrowest one
 * when none does (the narrowest is made to fit a 320 px screen).
 */
export function pickLayout<L extends { width: number }>(width: number, layouts: readonly L[]): L {
  const byWidth = [...layouts].sort((a, b) => b.width - a.width);
  return byWidth.find((l) => l.width <= width) ?? byWidth[byWidth.length - 1]!;
}
