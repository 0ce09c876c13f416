import type { EventQueue, QueuedTask } from './queue';

/**
 * Virtual time. It only moves when the simulation takes the next task off the queue,
 * so nothing depends on the wall clock. It implements XState's `Clock` interface
 * (`setTimeout`/`clearTimeout`), so actors created with `{ clock }` run their delayed
 * transitions (`after`) on simulated time.
 */
export class VirtualClock {
  private current = 0;
  constructor(private readonly queue: EventQueue) {}

  now(): number {
    return this.current;
  }

  /** Called by the simulation only: time never runs backwards inside one run. */
  advanceTo(t: number): void {
    if (t < this.current) throw new RangeError(`time cannot go back from ${this.current} to ${t}`);
    this.current = t;
  }

  setTimeout(fn: (...args: unknown[]) => void, timeout: number): QueuedTask {
    return this.queue.push(this.current + Math.max(0, timeout || 0), () => fn());
  }

  clearTimeout(id: QueuedTask | undefined): void {
    if (id) id.cancelled = true;
  }
}
