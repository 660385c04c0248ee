/**
 * One abort listener on a signal many calls share, instead of one per call. The run's calls
 * share their timeout signal (run/deadlines.ts: every call starting in the same second), and
 * undici adds an `abort` listener to the signal it is given for each request. An EventTarget
 * walks its whole list of listeners on every add and remove (to skip duplicates), so with
 * 512 calls in flight each call paid for a walk over hundreds of listeners twice. Here the
 * signal has one listener; the calls' listeners sit in a Set (constant time in and out) and
 * all run when it aborts.
 */

/**
 * What undici accepts as a request's `signal` when it is not an AbortSignal: an emitter of
 * `abort` with `aborted` and `reason` (undici 6, lib/api/api-request.js and abort-signal.js).
 */
export interface AbortEmitter {
  readonly aborted: boolean;
  readonly reason: unknown;
  on(event: 'abort', listener: () => void): this;
  addListener(event: 'abort', listener: () => void): this;
  off(event: 'abort', listener: () => void): this;
  removeListener(event: 'abort', listener: () => void): this;
  /** Listeners waiting now (calls in flight on this signal). */
  listenerCount(event: 'abort'): number;
}

const emitters = new WeakMap<AbortSignal, AbortEmitter>();

/**
 * The emitter standing for `signal`: the same object for every call that shares it.
 * @example pool.request({ ..., signal: sharedAbort(signal) })
 */
export function sharedAbort(signal: AbortSignal): AbortEmitter {
  let emitter = emitters.get(signal);
  if (!emitter) {
    emitter = fanOut(signal);
    emitters.set(signal, emitter);
  }
  return emitter;
}

function fanOut(signal: AbortSignal): AbortEmitter {
  const listeners = new Set<() => void>();
  signal.addEventListener(
    'abort',
    () => {
      const waiting = [...listeners];
      listeners.clear();
      for (const listener of waiting) listener();
    },
    { once: true },
  );
  const emitter: AbortEmitter = {
    get aborted() {
      return signal.aborted;
    },
    get reason() {
      return signal.reason as unknown;
    },
    on: (_event, listener) => {
      // As on the signal, a listener added after the abort is never called (undici looks
      // at `aborted` first).
      if (!signal.aborted) listeners.add(listener);
      return emitter;
    },
    addListener: (event, listener) => emitter.on(event, listener),
    off: (_event, listener) => {
      listeners.delete(listener);
      return emitter;
    },
    removeListener: (event, listener) => emitter.off(event, listener),
    listenerCount: () => listeners.size,
  };
  return emitter;
}
