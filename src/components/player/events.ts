/**
 * The player's event list: every moment of the run by its words (the source's captions), filtered
 * as the reader types, each entry a button that takes the lab to that moment. It is built only while
 * open, and shows at most MAX entries, so a 20,000-connection run costs nothing until it is asked for.
 */
import type { PlayerSource } from './mount';

const MAX = 300;

export interface EventList {
  /** The run changed (another scenario, a changed setting): list it again if open. */
  refresh(): void;
  /** The moment shown changed: mark its entry. */
  mark(index: number): void;
}

export function mountEvents(root: HTMLElement, source: () => PlayerSource, current: () => number, go: (index: number) => void): EventList | undefined {
  const box = root.querySelector<HTMLDetailsElement>('[data-role="events"]');
  if (!box) return undefined;
  const list = box.querySelector<HTMLOListElement>('[data-role="events-list"]')!;
  const filter = box.querySelector<HTMLInputElement>('[data-role="events-filter"]')!;
  const more = box.querySelector<HTMLElement>('[data-role="events-more"]')!;

  const mark = (index: number) => {
    for (const b of list.querySelectorAll<HTMLButtonElement>('button[aria-current]')) b.removeAttribute('aria-current');
    list.querySelector<HTMLButtonElement>(`button[data-seek="${index}"]`)?.setAttribute('aria-current', 'step');
  };
  const build = () => {
    if (!box.open) return;
    const src = source();
    const words = filter.value.trim().toLowerCase();
    const items: HTMLLIElement[] = [];
    let hidden = 0;
    for (let i = 1; i < src.count; i++) {
      const text = src.caption(i);
      if (!text || (words && !text.toLowerCase().includes(words))) continue;
      if (items.length >= MAX) {
        hidden++;
        continue;
      }
      const li = document.createElement('li');
      const b = li.appendChild(document.createElement('button'));
      b.type = 'button';
      b.dataset.seek = String(i);
      b.textContent = `${i}. ${text}`;
      items.push(li);
    }
    list.replaceChildren(...items);
    more.hidden = hidden === 0 && items.length > 0;
    more.textContent = items.length === 0 ? box.dataset.strNone ?? '' : (box.dataset.strMore ?? '').replace('{n}', String(hidden));
    mark(current());
  };
  box.addEventListener('toggle', build);
  filter.addEventListener('input', build);
  list.addEventListener('click', (e) => {
    const b = (e.target as Element).closest<HTMLButtonElement>('button[data-seek]');
    if (b) go(Number(b.dataset.seek));
  });
  return { refresh: build, mark };
}
