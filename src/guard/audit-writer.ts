/**
 * When the audit trail's entries reach the disk, and which thread writes them.
 *
 * `append` only serialises an entry (JSON, ISO time) and buffers it; it never touches the
 * disk. The buffer is committed (hash chain, SQLite, checkpoint signature) as one batch
 * FLUSH_AFTER_MS after its first entry, at once when FLUSH_AT entries wait, at `flush()`,
 * at `flushed()`, on close and at process exit.
 *
 * Who commits: in this thread, on the store's own connection, until a store in a folder has
 * its first commit that nobody waits for (timed, or a full buffer); then a writer thread
 * (node:worker_threads, its own connection to the same file) starts and, once it has opened
 * the store, takes every later commit nobody waits for: the hashing, the SQLite writes and the
 * signatures leave the thread that decides. Entries reach it in order, in batches; it runs the
 * same chain writer, so the trail and `verify` are the same whoever wrote it. A commit awaited
 * with `flushed()` (a deny, a kill) goes to the thread too, and only that decision waits for
 * it: this thread keeps deciding for everyone else (committing here instead blocked every
 * other session for the commit's fsync: p99 25-57 ms against 7-21 ms in the paced bench). A
 * synchronous `flush()` is written here when the thread is between transactions (it holds no
 * lock then), after taking back the batches it has not started (see takeBack), so the
 * chain's order holds without a round trip; while the thread is inside a transaction, the
 * batch goes to it and `flush()` waits for it (Atomics.wait on a shared counter). The short
 * FLUSH_AFTER_MS keeps what such a commit carries small. The thread commits what nobody
 * waits for together every few milliseconds, a waited-for batch at once, and checkpoints the
 * WAL itself between its transactions (see audit-writer-thread.ts). If the thread
 * falls MAX_IN_FLIGHT entries behind, `append` waits for it, so what a crash can lose stays
 * bounded. If it fails, every later `append` and `flush` throws (the guard then refuses to
 * decide: fail closed).
 */
import { Worker } from 'node:worker_threads';
import type { PendingAuditEntry } from '../store/guard-audit.js';
import type { AuditKind } from './records.js';
import {
  packEntries,
  readFailure,
  STATE,
  writerState,
  type WriterMessage,
  type WriterState,
} from './audit-writer-state.js';

/** Buffered entries are committed within this many milliseconds... */
export const FLUSH_AFTER_MS = 1;
/** ...or as soon as this many wait. */
export const FLUSH_AT = 256;
/** Entries handed to the writer thread and not yet committed, at most; past it `append` waits. */
export const MAX_IN_FLIGHT = 4_096;
/** How long a synchronous flush waits for the writer thread (as long as SQLite waits for a lock). */
const WAIT_MS = 60_000;
/** At process exit, how long to wait for the writer thread before writing the rest here. */
const EXIT_WAIT_MS = 5_000;

/** Commits a batch in this thread (see auditChainWriter). */
export type ChainWrite = (
  entries: readonly PendingAuditEntry[],
  at: string,
  force: boolean,
) => void;

export interface AuditWriterOptions {
  /** Commits on the store's own connection (before the writer thread is ready, and without one). */
  write: ChainWrite;
  /** Milliseconds since the epoch (checkpoints are dated with it). */
  now: () => number;
  /** The store's folder: given, a writer thread takes the commits over (see above). */
  threadDir?: string;
}

export interface AuditWriter {
  /** Buffers an entry (with the incident or approval row it announces, written in the same transaction). */
  append(
    kind: AuditKind,
    data: unknown,
    session: string | undefined,
    at: number,
    rows?: Pick<PendingAuditEntry, 'incident' | 'approval'>,
  ): void;
  /** Commits everything appended so far before returning (with a signed checkpoint when `checkpoint`). */
  flush(checkpoint: boolean): void;
  /** The same with a signed checkpoint, without blocking this thread. */
  flushed(): Promise<void>;
  /** Whether a writer thread commits (false: this thread does). */
  readonly threaded: boolean;
  /** The running writer thread's shared state (its view of the kill switch: kill-view.ts), or undefined. */
  threadState(): WriterState | undefined;
  /** Commits and signs what is buffered, then stops the writer thread. */
  close(): void;
}

/** What each open writer commits when the process exits (its buffered entries). */
const atExit = new Set<() => void>();
let exitHooked = false;

interface WriterThread {
  worker: Worker;
  state: WriterState;
  /** Batches and entries posted (wrapping 32-bit counters, compared with the thread's). */
  batches: number;
  entries: number;
  /** Batches handed over and perhaps not yet committed, kept to be taken back (see takeBack). */
  sent: Array<{ batch: number; entries: PendingAuditEntry[]; force: boolean }>;
  /** Promises waiting for a batch number to be committed. */
  waiters: Array<{ batch: number; resolve: () => void; reject: (e: Error) => void }>;
  /** Set when the thread could not start: commits stay in this thread. */
  unusable?: boolean;
  /** Resolves (or, after a failure, rejects) the waiters whose batch is committed. */
  settle: () => void;
}

/**
 * @example const writer = auditWriter({ write: auditChainWriter(db, keys), now: Date.now, threadDir: dir })
 */
export function auditWriter(options: AuditWriterOptions): AuditWriter {
  const { write, now } = options;
  let buffer: PendingAuditEntry[] = [];
  let timer: NodeJS.Timeout | undefined;
  let lastAt = NaN;
  let lastIso = '';
  let thread: WriterThread | undefined;
  let closed = false;

  const iso = (at: number) => {
    if (at !== lastAt) {
      lastAt = at;
      lastIso = new Date(at).toISOString();
    }
    return lastIso;
  };
  const ready = (): WriterThread | undefined =>
    thread && !thread.unusable && Atomics.load(thread.state.counters, STATE.ready) === 1
      ? thread
      : undefined;
  const failed = () => {
    if (thread && !thread.unusable && Atomics.load(thread.state.counters, STATE.failed) === 1)
      throw new Error(`the audit writer thread failed: ${readFailure(thread.state)}`);
  };

  /** Hands the buffer to the thread (`urgent`: someone waits for it, see WriterMessage). */
  const post = (t: WriterThread, force: boolean, notify: boolean, urgent: boolean) => {
    const batch = (t.batches + 1) | 0;
    const message: WriterMessage = {
      batch,
      entries: packEntries(buffer),
      at: iso(now()),
      force,
      notify,
      urgent,
    };
    if (urgent) Atomics.add(t.state.counters, STATE.urgent, 1);
    t.worker.postMessage(message);
    t.batches = batch;
    t.entries = (t.entries + buffer.length) | 0;
    const committed = Atomics.load(t.state.counters, STATE.batches);
    t.sent = t.sent.filter((b) => ((b.batch - committed) | 0) > 0);
    t.sent.push({ batch, entries: buffer, force });
    buffer = [];
    // Backpressure: a thread that cannot keep up makes `append` wait, never the buffer grow.
    const behind = () => (t.entries - Atomics.load(t.state.counters, STATE.entries)) | 0;
    while (behind() > MAX_IN_FLIGHT) waitFor(t, STATE.entries, t.entries - MAX_IN_FLIGHT);
  };

  /** Whether the thread has committed every batch handed to it (it holds no lock then). */
  const idle = (t: WriterThread) => Atomics.load(t.state.counters, STATE.batches) === t.batches;

  /**
   * Takes back the batches handed to the thread that it has not started, when it is between
   * transactions (on a busy machine a thread waits milliseconds to be woken): they go first
   * in the buffer, to be committed here. Returns what to record once they are, or undefined
   * when the thread is writing (or just claimed them).
   */
  const takeBack = (
    t: WriterThread,
  ): { batch: number; entries: number; force: boolean } | undefined => {
    const { counters } = t.state;
    const claimed = Atomics.load(counters, STATE.claimed);
    if (claimed !== Atomics.load(counters, STATE.batches)) return undefined;
    if (Atomics.compareExchange(counters, STATE.claimed, claimed, t.batches) !== claimed)
      return undefined;
    const back = t.sent.filter((b) => ((b.batch - claimed) | 0) > 0);
    t.sent = [];
    const entries = back.flatMap((b) => b.entries);
    buffer = entries.concat(buffer);
    return { batch: t.batches, entries: entries.length, force: back.some((b) => b.force) };
  };

  /**
   * Commits the buffer now: here when there is no thread, or when someone waits (`urgent`) and
   * the thread is idle or has not started what it was handed (taken back first), so a deny or
   * a flush needs no round trip to it (everything before is on disk or in this commit, so the
   * chain's order holds); otherwise it is handed to the thread (`notify`: it answers with a
   * message). Returns the thread when it has work out.
   */
  const commit = (force: boolean, urgent: boolean, notify = false): WriterThread | undefined => {
    // Stryker disable next-line ConditionalExpression: equivalent, clearTimeout(undefined) does nothing
    if (timer) clearTimeout(timer);
    timer = undefined;
    const t = ready();
    const back = t && urgent && !idle(t) ? takeBack(t) : undefined;
    if (t && !back && !(urgent && idle(t))) {
      // Someone waiting posts even an empty batch: the thread then commits what it holds at once.
      if (buffer.length > 0 || force || urgent || notify) post(t, force, notify, urgent || notify);
      return t;
    }
    if (buffer.length === 0 && !force) return undefined;
    const entries = buffer;
    buffer = [];
    try {
      write(entries, iso(now()), force || (back?.force ?? false));
    } catch (error) {
      // Not committed: they stay first in line for the next commit.
      buffer = entries.concat(buffer);
      // Taken back from the thread, they have no other writer now: stop (fail closed), and
      // say so the way a failure of the thread does.
      if (t && back) {
        markFailed(t.state, error as Error);
        failed();
      }
      throw error;
    }
    if (t && back) {
      const { counters } = t.state;
      Atomics.add(counters, STATE.entries, back.entries);
      Atomics.store(counters, STATE.batches, back.batch);
      Atomics.notify(counters, STATE.batches);
      // Someone may await a batch taken back (an earlier deny's): it is committed now.
      t.settle();
    }
    return undefined;
  };

  /** A commit nobody waits for (the timer, a full buffer): the store is busy, so start the thread. */
  const commitInBackground = () => {
    timer = undefined;
    // An entry appended after close() has no connection left to go to (close flushed the rest).
    if (closed) return;
    if (options.threadDir && !thread) thread = startThread(options.threadDir);
    commit(false, false);
  };

  const writer: AuditWriter = {
    get threaded() {
      return ready() !== undefined;
    },
    threadState: () => ready()?.state,
    append(kind, data, session, at, rows) {
      failed();
      const entry: PendingAuditEntry = {
        kind,
        data: JSON.stringify(data ?? null),
        session: session ?? null,
        at: iso(at),
      };
      if (rows?.incident) entry.incident = rows.incident;
      if (rows?.approval) entry.approval = rows.approval;
      buffer.push(entry);
      if (buffer.length >= FLUSH_AT) commitInBackground();
      else timer ??= setTimeout(commitInBackground, FLUSH_AFTER_MS);
    },
    flush(checkpoint) {
      failed();
      const t = commit(checkpoint, true);
      if (t) waitFor(t, STATE.batches, t.batches);
    },
    flushed() {
      try {
        failed();
        // Written here only before the thread has started; else handed over, and only the
        // caller waits (not urgent: this thread must not block on the disk for one decision).
        const t = commit(true, false, true);
        if (!t) return Promise.resolve();
        // Someone awaits the thread's answer: keep the process alive until it comes.
        t.worker.ref();
        return new Promise((resolve, reject) =>
          t.waiters.push({ batch: t.batches, resolve, reject }),
        );
      } catch (error) {
        return Promise.reject(error as Error);
      }
    },
    close() {
      if (closed) return;
      try {
        writer.flush(true);
      } finally {
        closed = true;
        atExit.delete(onExit);
        stopThread();
      }
    },
  };

  const stopThread = () => {
    if (!thread) return;
    const t = thread;
    thread = undefined;
    if (Atomics.load(t.state.counters, STATE.ready) === 1) {
      t.worker.postMessage('close');
      // The thread closes its connection before this returns (a caller may delete the folder next).
      waitFor(t, STATE.ready, 2, 1_000, true);
    }
    // Everything was committed (close flushed first): nobody waits for a message that may not come.
    t.settle();
    void t.worker.terminate();
  };

  const onExit = () => {
    if (closed) return;
    const t = ready();
    try {
      if (t && Atomics.load(t.state.counters, STATE.failed) === 0) {
        post(t, false, false, true);
        waitFor(t, STATE.batches, t.batches, EXIT_WAIT_MS);
        return;
      }
    } catch {
      // The thread did not finish in time: what it still holds is lost; write the rest here.
    }
    if (buffer.length > 0) write(buffer.splice(0), iso(now()), false);
  };
  atExit.add(onExit);
  if (!exitHooked) {
    // One listener for every open writer (a process may hold many guard stores).
    process.once('exit', () => atExit.forEach((f) => f()));
    exitHooked = true;
  }

  /** Blocks until counter `index` reaches `target` (wrapping), or throws. */
  function waitFor(
    t: WriterThread,
    index: number,
    target: number,
    timeoutMs = WAIT_MS,
    quiet = false,
  ): void {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const seen = Atomics.load(t.state.counters, index);
      if (((seen - target) | 0) >= 0) return;
      if (Atomics.load(t.state.counters, STATE.failed) === 1) {
        if (quiet) return;
        throw new Error(`the audit writer thread failed: ${readFailure(t.state)}`);
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        if (quiet) return;
        throw new Error(`the audit writer thread did not commit within ${timeoutMs} ms`);
      }
      Atomics.wait(t.state.counters, index, seen, left);
    }
  }

  function startThread(dir: string): WriterThread {
    const state = writerState();
    const worker = spawnWriter({ dir, state });
    // The thread keeps the process alive only while a `flushed()` waits for it; exit
    // commits what is left (see onExit).
    worker.unref();
    const settle = () => {
      const committed = Atomics.load(state.counters, STATE.batches);
      const failure =
        Atomics.load(state.counters, STATE.failed) === 1
          ? new Error(`the audit writer thread failed: ${readFailure(state)}`)
          : undefined;
      t.waiters = t.waiters.filter((w) => {
        if (failure) w.reject(failure);
        else if (((committed - w.batch) | 0) >= 0) w.resolve();
        else return true;
        return false;
      });
      if (t.waiters.length === 0) worker.unref();
    };
    const t: WriterThread = {
      worker,
      state,
      batches: 0,
      entries: 0,
      sent: [],
      waiters: [],
      settle,
    };
    worker.on('message', settle);
    worker.on('error', (error) => {
      // Before it was ready nothing was handed to it: keep committing here.
      if (Atomics.load(state.counters, STATE.ready) !== 1) t.unusable = true;
      else markFailed(state, error);
      settle();
    });
    worker.on('exit', () => {
      if (Atomics.load(state.counters, STATE.ready) === 1 && thread === t)
        markFailed(state, new Error('the writer thread exited'));
      settle();
    });
    return t;
  }

  return writer;
}

function markFailed(state: WriterState, error: Error): void {
  if (Atomics.load(state.counters, STATE.failed) === 1) return;
  new TextEncoder().encodeInto(error.message, state.failure);
  Atomics.store(state.counters, STATE.failed, 1);
  Atomics.notify(state.counters, STATE.batches);
}

/**
 * Starts the writer thread: the compiled `.js` beside this module, or (running from the
 * TypeScript sources, in tests and `npm run bench`) the `.ts` through tsx.
 */
function spawnWriter(workerData: { dir: string; state: WriterState }): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = new URL(`./audit-writer-thread.${fromSource ? 'ts' : 'js'}`, import.meta.url);
  if (!fromSource) return new Worker(entry, { workerData });
  // A worker does not inherit the parent's loader hooks: register tsx's in it first.
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(boot, { eval: true, workerData });
}
