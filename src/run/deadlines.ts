/**
 * Per-call timeouts without a timer and a signal for every call. A run makes thousands of
 * model calls with the same timeout: `AbortSignal.any([cancel, AbortSignal.timeout(ms)])` for
 * each cost 30-60 us of CPU and left a timer alive for the whole timeout (three minutes by
 * default) after the call had long finished. Calls that start within the same short window
 * share one signal that aborts at the window's end: each call still gets at least its full
 * timeout, and at most 1% more (never more than a second).
 */
import { setMaxListeners } from 'node:events';

/** Shared signals by the time they abort, per caller signal (and for calls without one). */
const byCaller = new WeakMap<AbortSignal, Map<number, AbortSignal>>();
const uncalled = new Map<number, AbortSignal>();

/**
 * A signal that aborts when `caller` does (with its reason) or `timeoutMs` after now (a
 * TimeoutError, as `AbortSignal.timeout` gives), up to 1% later.
 * @example await model.generate(request, deadline(180_000, cancel.signal))
 */
export function deadline(timeoutMs: number, caller?: AbortSignal): AbortSignal {
  const now = Date.now();
  const width = Math.min(1000, Math.max(1, Math.floor(timeoutMs / 100)));
  const due = Math.ceil((now + timeoutMs) / width) * width;
  let signals = caller ? byCaller.get(caller) : uncalled;
  if (!signals) {
    signals = new Map();
    byCaller.set(caller!, signals);
  }
  let signal = signals.get(due);
  if (!signal) {
    for (const [at] of signals) if (at <= now) signals.delete(at);
    const timeout = AbortSignal.timeout(due - now);
    signal = caller ? AbortSignal.any([caller, timeout]) : timeout;
    // Every call in flight in the window listens to it (one listener each, removed after).
    setMaxListeners(0, signal);
    signals.set(due, signal);
  }
  return signal;
}
