/**
 * Ticks a lab's guided tasks off as the reader reaches them: after every change the lab draws (its
 * data attributes and controls) and every focus move, each open task's check (./checks.ts) is asked
 * again; a task done stays done, and is announced.
 */
import { CHECKS } from './checks';

export function watchTasks(box: HTMLElement): void {
  const lab = box.closest<HTMLElement>('figure') ?? box.parentElement!;
  const live = box.querySelector<HTMLElement>('[data-role="tasks-live"]')!;
  const items = [...box.querySelectorAll<HTMLElement>('[data-task]')];
  let queued = false;
  const check = () => {
    queued = false;
    for (const li of items) {
      if (li.dataset.done === 'true') continue;
      const ok = CHECKS[li.dataset.task ?? '']?.(lab) ?? false;
      if (!ok) continue;
      li.dataset.done = 'true';
      li.querySelector<HTMLElement>('[data-role="task-state"]')!.textContent = box.dataset.strDone ?? 'done';
      live.textContent = `${box.dataset.strDone ?? 'done'}: ${li.querySelector('[data-role="task-text"]')?.textContent ?? ''}`;
    }
    box.dataset.done = String(items.filter((li) => li.dataset.done === 'true').length);
  };
  const soon = () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(check);
  };
  new MutationObserver(soon).observe(lab, { subtree: true, attributes: true, childList: true });
  lab.addEventListener('focusin', soon);
  lab.addEventListener('change', soon);
  soon();
}
