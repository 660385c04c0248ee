/**
 * Small writes that may ride in the next transaction on the same database instead of paying
 * for a commit of their own (a commit costs more than most of what a trial writes). The
 * response cache defers its puts here; the trial writer runs them inside its batch, which
 * commits once for the trials and the replies that finished in the same turn of the event loop.
 * Whatever no transaction picked up within `ALONE_AFTER_MS` is written alone then (the run's
 * group commit stores finished trials within `COMMIT_WINDOW_MS`, so replies ride with them).
 */
import type Database from 'better-sqlite3';

type Write = () => void;

/**
 * How long a deferred write (and a finished trial, see run/scheduler.ts) may wait for a commit
 * to share: short beside a model call, long enough for several trials to finish meanwhile.
 * The run's group commit waits longer when calls are slow (`MAX_COMMIT_WINDOW_MS`).
 */
export const COMMIT_WINDOW_MS = 20;

/**
 * The longest a run's group commit waits for more trials (calls of 200 ms and more: a commit's
 * own cost, ~0.4 ms of CPU and more of the thread, shared by a few times as many trials).
 */
export const MAX_COMMIT_WINDOW_MS = 100;

/**
 * When a deferred write that no transaction picked up is written alone: after the longest a
 * reply's trial may take to reach its commit (judging waits up to 200 ms for a round's answers,
 * see run/scheduler.ts, then the commit window), so the reply rides with its trial. With a
 * shorter wait the replies' timer ran first and a window paid two commits (the replies', then
 * the trials') instead of one. A SIGKILL meanwhile loses the reply with its uncommitted trial:
 * both are run again.
 */
export const ALONE_AFTER_MS = 200 + 2 * MAX_COMMIT_WINDOW_MS;

const queues = new WeakMap<Database.Database, Set<Write>>();
/** Each queue's timer for writing alone, cleared once a transaction took every write. */
const timers = new WeakMap<Database.Database, NodeJS.Timeout>();

/**
 * Runs `write` (which opens its own transaction; inside another one it becomes a savepoint)
 * with the next transaction on `db` that calls `runDeferredWrites`, or alone after
 * `ALONE_AFTER_MS`. The same function deferred twice before it runs is run once.
 * @example deferWrite(db, flush) // flush() commits with the next trial batch
 */
export function deferWrite(db: Database.Database, write: Write): void {
  let queue = queues.get(db);
  if (!queue) {
    queue = new Set();
    queues.set(db, queue);
  }
  if (queue.size === 0 && !timers.has(db))
    timers.set(
      db,
      setTimeout(() => {
        timers.delete(db);
        runAlone(db);
      }, ALONE_AFTER_MS),
    );
  queue.add(write);
}

/**
 * Runs the writes deferred on `db`; call it inside a transaction. A write that throws is
 * rolled back alone (its savepoint) and kept for the timer, which runs it on its own and lets
 * its error surface as before; the caller's own writes are not touched.
 */
export function runDeferredWrites(db: Database.Database): void {
  const queue = queues.get(db);
  if (!queue || queue.size === 0) return;
  const writes = [...queue];
  queue.clear();
  for (const write of writes) {
    try {
      write();
    } catch {
      queue.add(write);
    }
  }
  // Nothing left to write alone: no timer keeps the process up (a run's exit waited for it).
  if (queue.size === 0) stopTimer(db);
}

function stopTimer(db: Database.Database): void {
  clearTimeout(timers.get(db));
  timers.delete(db);
}

/**
 * Runs the writes deferred on `db` now, each in its own transaction: before closing it, so
 * nothing deferred is left for a timer that would find it closed.
 * @example runDeferredWritesNow(db); db.close();
 */
export function runDeferredWritesNow(db: Database.Database): void {
  runAlone(db);
}

function runAlone(db: Database.Database): void {
  stopTimer(db);
  const queue = queues.get(db);
  if (!queue || queue.size === 0) return;
  const writes = [...queue];
  queue.clear();
  for (const write of writes) write();
}
