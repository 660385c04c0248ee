/**
 * Work that may wait, run a turn of the event loop later in slices of a few milliseconds, so
 * I/O (the model's answers, the next calls' writes to their sockets) runs between the slices.
 * At 512 calls in flight a round's answers arrive together; judging them all in one turn
 * blocked the thread for hundreds of milliseconds, and every answer arriving meanwhile waited.
 */

/** Synchronous work run per turn at most (one task may overrun it; the next waits a turn). */
export const SLICE_MS = 4;

/**
 * A queue that runs its tasks in order, a turn later, at most `sliceMs` of them per turn.
 * A task's synchronous part runs in the slice; what it awaits continues as usual.
 * @example const later = timeSlices(); later(() => judge(trial));
 */
export function timeSlices(sliceMs = SLICE_MS): (task: () => void) => void {
  let queue: (() => void)[] = [];
  let next = 0;
  let scheduled = false;
  const drain = () => {
    const until = performance.now() + sliceMs;
    try {
      while (next < queue.length) {
        const task = queue[next]!;
        queue[next++] = noop;
        task();
        if (performance.now() >= until) break;
      }
    } finally {
      // A task that throws surfaces as any immediate's would; the tasks after it still run.
      if (next < queue.length) setImmediate(drain);
      else {
        queue = [];
        next = 0;
        scheduled = false;
      }
    }
  };
  return (task) => {
    queue.push(task);
    if (!scheduled) {
      scheduled = true;
      setImmediate(drain);
    }
  };
}

const noop = () => {};
