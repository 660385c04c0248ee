import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { sharedAbort } from './shared-abort.js';

describe('sharedAbort', () => {
  it('stands for a signal with one object and one listener on it, however many wait', () => {
    const controller = new AbortController();
    const emitter = sharedAbort(controller.signal);
    expect(sharedAbort(controller.signal)).toBe(emitter);
    const called: number[] = [];
    const listeners = [0, 1, 2].map((i) => () => called.push(i));
    for (const listener of listeners) emitter.addListener('abort', listener);
    emitter.removeListener('abort', listeners[1]!);
    expect(emitter.listenerCount('abort')).toBe(2);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    expect(emitter.aborted).toBe(false);
    const reason = new Error('stop');
    controller.abort(reason);
    expect(called).toEqual([0, 2]);
    expect([emitter.aborted, emitter.reason]).toEqual([true, reason]);
    // Each listener ran once; one added afterwards is never called (as on the signal).
    emitter.on('abort', () => called.push(9));
    controller.abort();
    expect(called).toEqual([0, 2]);
    expect(emitter.listenerCount('abort')).toBe(0);
  });
});
