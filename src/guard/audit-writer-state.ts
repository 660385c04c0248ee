/**
 * What the guard's thread and the audit writer thread share: counters in a
 * SharedArrayBuffer (read with Atomics, waited on with Atomics.wait) and the message that
 * carries a batch.
 */
import type { PendingAuditEntry } from '../store/guard-audit.js';

/** Slots of `WriterState.counters`. */
export const STATE = {
  /** The number of the last batch committed (batches are numbered 1, 2, ... wrapping 32-bit). */
  batches: 0,
  /** Entries committed (wrapping 32-bit). */
  entries: 1,
  /** 0 starting, 1 the store is open and commits are taken, 2 closed. */
  ready: 2,
  /** 1 once a commit failed (the reason is in `failure`). */
  failed: 3,
  /**
   * The last batch number a thread has taken to write: the writer thread before each
   * transaction, the guard's thread when it takes back batches the writer thread has not
   * started (both with Atomics.compareExchange, so each batch is written once, in order).
   */
  claimed: 4,
} as const;

export interface WriterState {
  counters: Int32Array;
  /** UTF-8 of the failure's message, NUL-padded. */
  failure: Uint8Array;
}

/** One batch, in order: its entries, the commit time and whether to sign a checkpoint. */
export interface WriterMessage {
  /** Its number (see STATE.batches). */
  batch: number;
  entries: PendingAuditEntry[];
  at: string;
  force: boolean;
  /** Post the committed batch count back (someone awaits `flushed()`). */
  notify: boolean;
}

export function writerState(): WriterState {
  return {
    counters: new Int32Array(new SharedArrayBuffer(5 * Int32Array.BYTES_PER_ELEMENT)),
    failure: new Uint8Array(new SharedArrayBuffer(512)),
  };
}

export function readFailure(state: WriterState): string {
  const end = state.failure.indexOf(0);
  // TextDecoder refuses shared memory: copy first.
  const text = new TextDecoder().decode(state.failure.slice(0, end < 0 ? undefined : end));
  return text || 'unknown error';
}
