/**
 * Finished trials waiting for their commit, stored together (see `groupCommit`).
 */
import { COMMIT_WINDOW_MS, MAX_COMMIT_WINDOW_MS } from '../store/deferred-writes.js';
import type { TrialRecord, TrialWriter } from '../store/trial-writer.js';
import { SLICE_MS } from './time-slices.js';

/**
 * Where finished trials go: the SQLite TrialWriter, or a store whose writes are async
 * (PostgreSQL, see store/postgres/pg-trial-sink.ts).
 */
export type TrialSink =
  | Pick<TrialWriter, 'writeBatch'>
  | {
      writeBatch(records: readonly TrialRecord[]): Promise<(boolean | Error)[]>;
    };

/** Trials stored in one commit at most (each in its own savepoint). */
const MAX_BATCH = 256;
/** Trials in a commit before the writer's pace is known. */
const FIRST_BATCH = 16;
/** Trials a commit may hold whatever the pace: a commit's own cost is shared by at least these. */
const MIN_BATCH = 8;

export interface GroupCommit {
  /** Queues a trial for the next commit; resolves to false when its key was already stored. */
  queue(record: TrialRecord): Promise<boolean>;
  /** Commits what is queued at the next turn of the event loop instead of at the window's end. */
  flushNow(): void;
  /** `done`, remembered as settled once it settles (so a lane need not wait a turn for it). */
  track(done: Promise<void>): Promise<void>;
  isSettled(done: Promise<void>): boolean;
}

export interface GroupCommitOptions {
  /**
   * Runs the window's end (a commit of what is queued) when the caller is ready for it: the
   * scheduler puts it behind the trials still being judged, so those finished before the
   * window closed are in its commit, and it waits with them while a round's answers arrive.
   */
  windowEnd?: (commit: () => void) => void;
  /**
   * How long a batch waits for more trials after its first, in ms (read as each batch opens;
   * `COMMIT_WINDOW_MS` to `MAX_COMMIT_WINDOW_MS`, default the former). The scheduler widens it
   * with the model's latency: a commit's own cost is then shared by more trials.
   */
  windowMs?: () => number;
}

/**
 * Finished trials are stored in groups: a batch commits a window (`windowMs`, 20-100 ms) after
 * its first trial (before `deferWrite` would write the replies cached meanwhile alone, so they
 * ride in the same commit), or at once when a commit's worth is waiting or a lane needs its trial before stored.
 * A commit costs more than most of what a trial writes (one trial per commit ~0.3 ms of CPU,
 * 16 ~0.13 ms each), and lanes do not wait for it: a lane runs its next trial meanwhile and
 * only waits if that one finishes first. At most `concurrency` finished trials are unstored
 * at any time besides those in flight: what a SIGKILL can lose, each at most one window old.
 *
 * A commit holds as many trials as the writer stores in about `SLICE_MS` (its pace measured on
 * the commits before; `MIN_BATCH` to `MAX_BATCH`); the rest commit a turn later, so a round of 512
 * trials finishing together never blocks the thread (and the answers arriving) for the whole
 * round's writes. A writer whose work is async (PostgreSQL) is measured by its synchronous part.
 */
export function groupCommit(writer: TrialSink, options: GroupCommitOptions = {}): GroupCommit {
  const pending: {
    record: TrialRecord;
    resolve: (stored: boolean) => void;
    reject: (e: Error) => void;
  }[] = [];
  let timer: NodeJS.Timeout | undefined;
  let immediate: NodeJS.Immediate | undefined;
  const settled = new WeakSet<Promise<void>>();
  const windowMs = () =>
    Math.min(MAX_COMMIT_WINDOW_MS, Math.max(COMMIT_WINDOW_MS, options.windowMs?.() ?? 0));
  // The writer's pace: ms of synchronous work per trial, smoothed over the commits so far.
  let msPerTrial: number | undefined;
  const batchSize = () =>
    msPerTrial === undefined
      ? FIRST_BATCH
      : Math.max(MIN_BATCH, Math.min(MAX_BATCH, Math.floor(SLICE_MS / msPerTrial)));
  const flush = async () => {
    clearTimeout(timer);
    clearImmediate(immediate);
    timer = immediate = undefined;
    const batch = pending.splice(0, batchSize());
    // The rest were due now too: their commit follows a turn later.
    flushNow();
    if (batch.length === 0) return;
    let results: (boolean | Error)[];
    try {
      const started = performance.now();
      const written = writer.writeBatch(batch.map((p) => p.record));
      const pace = (performance.now() - started) / batch.length;
      msPerTrial = msPerTrial === undefined ? pace : (msPerTrial + pace) / 2;
      results = await written;
    } catch (error) {
      for (const p of batch) p.reject(error as Error);
      return;
    }
    results.forEach((r, i) => (r instanceof Error ? batch[i]!.reject(r) : batch[i]!.resolve(r)));
  };
  const flushNow = () => {
    if (pending.length > 0) immediate ??= setImmediate(() => void flush());
  };
  return {
    queue: (record) =>
      new Promise((resolve, reject) => {
        pending.push({ record, resolve, reject });
        if (pending.length >= batchSize()) flushNow();
        // The window's end commits a turn later, so trials finished by then (scored a turn
        // after their answer, see `finish`) are in it even when the timers run late.
        else
          timer ??= setTimeout(
            () => (options.windowEnd ? options.windowEnd(flushNow) : flushNow()),
            windowMs(),
          );
      }),
    flushNow,
    track(done) {
      void done.then(() => settled.add(done));
      return done;
    },
    isSettled: (done) => settled.has(done),
  };
}
