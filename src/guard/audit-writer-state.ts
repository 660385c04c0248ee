/**
 * What the guard's thread and the audit writer thread share: counters in a
 * SharedArrayBuffer (read with Atomics, waited on with Atomics.wait) and the message that
 * carries a batch.
 */
import type { PendingAuditEntry } from '../store/guard-audit.js';
import type { ApprovalRow } from '../store/guard-approvals.js';
import type { IncidentRow } from '../store/guard-incidents.js';
import type { AuditKind } from './records.js';

/**
 * On the writer thread, batches nobody waits for are held this long at most, to go in one
 * commit... A deny's commit carries whatever is held (the chain's order), about 14 µs of
 * writing per entry: at 4 ms a deny waited for about 85 entries (write p50 1.2 ms, deny p50
 * 2.0-2.3 ms at 10,000 decisions/s); at 2 ms, deny p50 1.7 ms for a few µs more writer CPU
 * per decision (docs/guard.md, "Recipient lists shared, and what a deny waits for").
 */
export const COMMIT_EVERY_MS = 2;
/** ...or until this many entries wait. */
export const COMMIT_AT = 1_024;
/** The writer thread checkpoints the WAL once it holds this many pages (SQLite's own default)... */
export const CHECKPOINT_PAGES = 1_000;
/** ...and at this many even while a deny waits for its commit. */
export const CHECKPOINT_CAP = 4 * CHECKPOINT_PAGES;

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
  /**
   * Batches posted that someone waits for (a deny's `flushed()`, a blocking `flush()`): the
   * guard's thread counts them up as it posts them, so the writer thread sees one on its way
   * before its message arrives and puts off a WAL checkpoint until it is committed.
   */
  urgent: 5,
  /** The kill switch's generation: the writer thread moves it when it sees the table change (see kill-view.ts). */
  kills: 6,
} as const;

export interface WriterState {
  counters: Int32Array;
  /** When the writer thread's latest look at the kill switch began (process.hrtime.bigint(), ns). */
  killsSeenAt: BigInt64Array;
  /** UTF-8 of the failure's message, NUL-padded. */
  failure: Uint8Array;
}

/**
 * A batch's entries as they cross to the writer thread: four cells per entry (kind, data,
 * session, time) in one flat array, and the rare incident and approval rows by entry index. The deciding
 * thread pays for postMessage's copy, and a flat array of strings copies several times
 * faster than an array of objects (20 entries: about 26 µs against 124 µs).
 */
export interface PackedEntries {
  cells: Array<string | null>;
  incidents: Array<[index: number, row: IncidentRow]>;
  approvals: Array<[index: number, row: ApprovalRow]>;
}

/**
 * @example unpackEntries(packEntries(entries)) // the same entries
 */
export function packEntries(entries: readonly PendingAuditEntry[]): PackedEntries {
  const cells: Array<string | null> = new Array<string | null>(entries.length * 4);
  const incidents: PackedEntries['incidents'] = [];
  const approvals: PackedEntries['approvals'] = [];
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    cells[i * 4] = e.kind;
    cells[i * 4 + 1] = e.data;
    cells[i * 4 + 2] = e.session;
    cells[i * 4 + 3] = e.at;
    if (e.incident) incidents.push([i, e.incident]);
    if (e.approval) approvals.push([i, e.approval]);
  }
  return { cells, incidents, approvals };
}

/** The entries a packed batch carries, in order (on the writer thread). */
export function unpackEntries(packed: PackedEntries): PendingAuditEntry[] {
  const { cells } = packed;
  const entries: PendingAuditEntry[] = new Array<PendingAuditEntry>(cells.length / 4);
  for (let i = 0; i < entries.length; i++)
    entries[i] = {
      kind: cells[i * 4] as AuditKind,
      data: cells[i * 4 + 1]!,
      session: cells[i * 4 + 2] as string | null,
      at: cells[i * 4 + 3]!,
    };
  for (const [i, row] of packed.incidents) entries[i]!.incident = row;
  for (const [i, row] of packed.approvals) entries[i]!.approval = row;
  return entries;
}

/** One batch, in order: its entries, the commit time and whether to sign a checkpoint. */
export interface WriterMessage {
  /** Its number (see STATE.batches). */
  batch: number;
  entries: PackedEntries;
  at: string;
  force: boolean;
  /** Post the committed batch count back (someone awaits `flushed()`). */
  notify: boolean;
  /** Someone waits for it (a deny, a blocking flush): commit it at once, not with the next lot. */
  urgent: boolean;
}

export function writerState(): WriterState {
  return {
    counters: new Int32Array(new SharedArrayBuffer(7 * Int32Array.BYTES_PER_ELEMENT)),
    killsSeenAt: new BigInt64Array(new SharedArrayBuffer(BigInt64Array.BYTES_PER_ELEMENT)),
    failure: new Uint8Array(new SharedArrayBuffer(512)),
  };
}

export function readFailure(state: WriterState): string {
  const end = state.failure.indexOf(0);
  // TextDecoder refuses shared memory: copy first.
  const text = new TextDecoder().decode(state.failure.slice(0, end < 0 ? undefined : end));
  return text || 'unknown error';
}
