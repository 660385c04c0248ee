/**
 * Work that may wait, run a turn of the event loop later in slices of a few milliseconds, so
 * I/O (the model's answers, the next calls' writes to their sockets) runs between the slices.
 * At 512 calls in flight a round's answers arrive together; judging them all in one turn
 * blocked the thread for hundreds of milliseconds, and every answer arriving meanwhile waited.
 */

/** Synchronous work run per turn at most (one task may overrun it; the next waits a turn). */
export const SLICE_MS = 4;

export interface SliceOptions {
  /** Synchronous work per turn (default `SLICE_MS`). */
  sliceMs?: number;
  /**
   * Asked once per turn before a slice runs: true while more urgent work is arriving (a
   * round's model answers, each with its lane's next call to send), so the slice waits a turn.
   */
  yieldWhile?: () => boolean;
  /** The longest the queue waits on `yieldWhile` before a slice runs anyway (ms), or how to tell. */
  maxYieldMs?: number | (() => number);
}

/**
 * A queue that runs its tasks in order, a turn later, at most `sliceMs` of them per turn; with
 * `yieldWhile`, a slice waits while it says so, at most `maxYieldMs` at a time.
 * A task's synchronous part runs in the slice; what it awaits continues as usual.
 * @example const later = timeSlices(); later(() => judge(trial));
 * @example timeSlices({ yieldWhile: () => answersArriving(), maxYieldMs: 200 })
 */
export function timeSlices(options: SliceOptions = {}): (task: () => void) => void {
  const { sliceMs = SLICE_MS, yieldWhile, maxYieldMs = 0 } = options;
  const yieldLimit = typeof maxYieldMs === 'function' ? maxYieldMs : () => maxYieldMs;
  let queue: (() => void)[] = [];
  let next = 0;
  let scheduled = false;
  // When the queue last began to wait for a slice: a yield never outlasts `maxYieldMs` from it.
  let waitingSince = 0;
  const drain = () => {
    if (yieldWhile && performance.now() - waitingSince < yieldLimit() && yieldWhile()) {
      setImmediate(drain);
      return;
    }
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
      if (next < queue.length) {
        waitingSince = performance.now();
        setImmediate(drain);
      } else {
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
      waitingSince = performance.now();
      setImmediate(drain);
    }
  };
}

const noop = () => {};
