import type { RunEvent } from '../run/scheduler.js';

/**
 * `onEvent` that also calls `atTail` once, when every trial left to run has started (the
 * trials finished reach what remains less the trials in flight): from then on the process
 * only waits for the last answers, and work for the end of the run (loading the report's
 * code, checkpointing the store) costs the run nothing. Called after the event, on its own
 * turn of the event loop; what it throws is ignored, as the end of the run does the same work
 * again when it must (and reports its failures then).
 * @example onEvent: atTail(progressDisplay(io), 64, () => warmRunReport())
 */
export function atTail(
  onEvent: (event: RunEvent) => void,
  concurrency: number,
  atTail: () => Promise<void> | void,
): (event: RunEvent) => void {
  let remaining = Infinity;
  let called = false;
  return (event) => {
    onEvent(event);
    if (event.type === 'start') remaining = event.total - event.stored;
    else if (event.type === 'trial') remaining -= 1;
    if (called || remaining > concurrency || event.type !== 'trial') return;
    called = true;
    setImmediate(() => {
      void (async () => atTail())().catch(() => undefined);
    });
  };
}
