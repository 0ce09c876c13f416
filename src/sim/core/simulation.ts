import { EventQueue, type QueuedTask } from './queue';
import { VirtualClock } from './clock';
import { createRng, type Rng } from './rng';
import type { SimEvent, Text } from './log';

/**
 * One deterministic run: a virtual clock, a task queue, a seeded RNG and an event log.
 * Scenario builders schedule tasks (`at`, `after`) and record what happens (`emit`);
 * XState actors get `sim.clock` as their clock so their timers live on the same queue.
 */
export class Simulation {
  readonly queue = new EventQueue();
  readonly clock = new VirtualClock(this.queue);
  readonly rng: Rng;
  readonly log: SimEvent[] = [];
  private listeners: Array<(e: SimEvent) => void> = [];

  constructor(readonly seed: string | number = 1) {
    this.rng = createRng(seed);
  }

  now(): number {
    return this.clock.now();
  }

  /** Run `fn` at absolute virtual time `t` (ms). */
  at(t: number, fn: () => void): QueuedTask {
    return this.queue.push(Math.max(t, this.now()), fn);
  }

  /** Run `fn` after `delay` ms of virtual time. */
  after(delay: number, fn: () => void): QueuedTask {
    return this.queue.push(this.now() + Math.max(0, delay), fn);
  }

  cancel(task: QueuedTask | undefined): void {
    if (task) task.cancelled = true;
  }

  /** Record an observable event at the current virtual time. */
  emit<D>(actor: string, kind: string, data: D, text: Text): SimEvent<D> {
    const event: SimEvent<D> = { t: this.now(), seq: this.log.length, actor, kind, data, text };
    this.log.push(event);
    for (const l of this.listeners) l(event);
    return event;
  }

  onEmit(listener: (e: SimEvent) => void): () => void {
    this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  /** Run the next task. Returns false when the queue is empty. */
  step(): boolean {
    const task = this.queue.peek();
    if (!task) return false;
    this.queue.pop();
    this.clock.advanceTo(task.at);
    task.run();
    return true;
  }

  /**
   * Run every task due at or before `until` (ms), then leave the clock at `until`.
   * `maxTasks` guards against a scenario that schedules forever.
   */
  runUntil(until: number, maxTasks = 1_000_000): void {
    let n = 0;
    for (let task = this.queue.peek(); task && task.at <= until; task = this.queue.peek()) {
      if (++n > maxTasks) throw new Error(`simulation exceeded ${maxTasks} tasks before t=${until}ms`);
      this.step();
    }
    if (until > this.now() && Number.isFinite(until)) this.clock.advanceTo(until);
  }

  /** Run until the queue is empty. */
  runAll(maxTasks = 1_000_000): void {
    this.runUntil(Number.POSITIVE_INFINITY, maxTasks);
  }
}
