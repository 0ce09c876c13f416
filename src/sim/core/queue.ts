/**
 * A min-heap of tasks ordered by time, then by insertion order.
 * Insertion order as the tie-break is what makes simultaneous events deterministic:
 * two things scheduled for the same instant always run in the order they were scheduled.
 */
export interface QueuedTask {
  /** Virtual time in milliseconds. */
  readonly at: number;
  /** Monotonic insertion number; the tie-break for equal times. */
  readonly seq: number;
  readonly run: () => void;
  cancelled: boolean;
}

export class EventQueue {
  private heap: QueuedTask[] = [];
  private nextSeq = 0;

  get size(): number {
    return this.heap.length;
  }

  push(at: number, run: () => void): QueuedTask {
    if (!Number.isFinite(at)) throw new RangeError(`task time must be finite, got ${at}`);
    const task: QueuedTask = { at, seq: this.nextSeq++, run, cancelled: false };
    this.heap.push(task);
    this.up(this.heap.length - 1);
    return task;
  }

  /** The earliest live task, without removing it. Cancelled tasks are dropped lazily here. */
  peek(): QueuedTask | undefined {
    while (this.heap.length > 0 && this.heap[0]!.cancelled) this.pop();
    return this.heap[0];
  }

  pop(): QueuedTask | undefined {
    const heap = this.heap;
    if (heap.length === 0) return undefined;
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      this.down(0);
    }
    return top;
  }

  private less(a: QueuedTask, b: QueuedTask): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  private up(i: number): void {
    const heap = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  private down(i: number): void {
    const heap = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && this.less(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && this.less(heap[r]!, heap[m]!)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  }
}
