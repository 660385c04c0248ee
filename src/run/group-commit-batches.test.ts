/**
 * groupCommit on its own, with a recording store in place of the trial writer: when a batch
 * commits (a full one at the next turn, a lone trial at the window's end, at once when a lane
 * asks), how large commits are for a writer's pace, and what each queued trial learns of its
 * commit. (group-commit.test.ts runs it inside the scheduler.)
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { COMMIT_WINDOW_MS, MAX_COMMIT_WINDOW_MS } from '../store/deferred-writes.js';
import { sampleRecord } from '../store/test-support/sample-trial.js';
import type { TrialRecord } from '../store/trial-writer.js';
import { groupCommit, type TrialSink } from './group-commit.js';

afterEach(() => {
  vi.useRealTimers();
});

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/**
 * A store that records each commit's samples. With `msPerTrial` (given the commit's number,
 * from 1), its synchronous work takes that long per trial on a fake `performance` clock, so
 * the pace groupCommit measures is exact whatever the machine's load.
 */
function recordingStore(
  options: {
    msPerTrial?: (commit: number) => number;
    result?: (sample: number) => boolean | Error;
  } = {},
) {
  const commits: number[][] = [];
  if (options.msPerTrial) vi.useFakeTimers({ toFake: ['performance'] });
  const sink: TrialSink = {
    writeBatch(records: readonly TrialRecord[]) {
      commits.push(records.map((r) => r.sample));
      if (options.msPerTrial)
        vi.advanceTimersByTime(options.msPerTrial(commits.length) * records.length);
      return records.map((r) => options.result?.(r.sample) ?? true);
    },
  };
  return { sink, commits };
}

const trials = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => sampleRecord('run-a', from + i));

describe('groupCommit: when a batch commits', () => {
  it('commits a full first batch (16 trials) at the next turn, without waiting for the window', async () => {
    const { sink, commits } = recordingStore();
    const commit = groupCommit(sink);
    const stored = trials(0, 16).map((t) => commit.queue(t));
    expect(commits).toEqual([]);
    await nextTurn();
    expect(commits).toEqual([Array.from({ length: 16 }, (_, i) => i)]);
    expect(await Promise.all(stored)).toEqual(Array(16).fill(true));
  });

  it('keeps trials finishing within the window for one commit at its end', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { sink, commits } = recordingStore();
    const commit = groupCommit(sink);
    const first = commit.queue(sampleRecord('run-a', 0));
    await nextTurn();
    const second = commit.queue(sampleRecord('run-a', 1));
    await nextTurn();
    vi.advanceTimersByTime(COMMIT_WINDOW_MS - 1);
    await nextTurn();
    expect(commits).toEqual([]);
    vi.advanceTimersByTime(1);
    await nextTurn();
    expect(commits).toEqual([[0, 1]]);
    expect(await Promise.all([first, second])).toEqual([true, true]);
    // The next lone trial opens a new window.
    const third = commit.queue(sampleRecord('run-a', 2));
    await nextTurn();
    expect(commits).toHaveLength(1);
    vi.advanceTimersByTime(COMMIT_WINDOW_MS);
    await nextTurn();
    expect(commits).toEqual([[0, 1], [2]]);
    expect(await third).toBe(true);
  });

  it('waits a wider window when asked (slow model calls), never more than 100 ms', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { sink, commits } = recordingStore();
    let window = 60;
    const commit = groupCommit(sink, { windowMs: () => window });
    const first = commit.queue(sampleRecord('run-a', 0));
    await nextTurn();
    // Past the 20 ms default window: still waiting, so a trial finishing 40 ms later rides along.
    vi.advanceTimersByTime(40);
    await nextTurn();
    expect(commits).toEqual([]);
    const second = commit.queue(sampleRecord('run-a', 1));
    vi.advanceTimersByTime(20);
    await nextTurn();
    expect(commits).toEqual([[0, 1]]);
    expect(await Promise.all([first, second])).toEqual([true, true]);
    // However slow the calls, a finished trial waits at most MAX_COMMIT_WINDOW_MS.
    window = 10_000;
    const third = commit.queue(sampleRecord('run-a', 2));
    vi.advanceTimersByTime(MAX_COMMIT_WINDOW_MS);
    await nextTurn();
    expect(commits).toEqual([[0, 1], [2]]);
    expect(await third).toBe(true);
  });

  it('commits at the next turn when a lane asks (flushNow), not at the window’s end', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { sink, commits } = recordingStore();
    const commit = groupCommit(sink);
    const stored = commit.queue(sampleRecord('run-a', 0));
    commit.flushNow();
    await nextTurn();
    expect(commits).toEqual([[0]]);
    expect(await stored).toBe(true);
    // Nothing queued: asking again commits nothing.
    commit.flushNow();
    vi.advanceTimersByTime(COMMIT_WINDOW_MS);
    await nextTurn();
    expect(commits).toEqual([[0]]);
  });

  it('leaves no timer or immediate behind once every trial is stored (the process can exit)', async () => {
    const count = (kind: string) =>
      process.getActiveResourcesInfo().filter((r) => r === kind).length;
    const before = { timeouts: count('Timeout'), immediates: count('Immediate') };
    const { sink } = recordingStore();
    const commit = groupCommit(sink);
    await Promise.all([...trials(0, 40), ...trials(40, 1)].map((t) => commit.queue(t)));
    await Promise.all([commit.queue(sampleRecord('run-a', 41))]);
    await nextTurn();
    await nextTurn();
    // Process-wide counts: a timer of the test runner's own may end meanwhile, never start.
    expect(count('Timeout')).toBeLessThanOrEqual(before.timeouts);
    expect(count('Immediate')).toBeLessThanOrEqual(before.immediates);
  });
});

describe('groupCommit: how large a commit is', () => {
  it('after the first commit of 16, a slow writer (0.6 ms a trial) commits 8 at a time, a turn apart', async () => {
    const { sink, commits } = recordingStore({ msPerTrial: () => 0.6 });
    const commit = groupCommit(sink);
    await Promise.all(trials(0, 40).map((t) => commit.queue(t)));
    expect(commits.map((c) => c.length)).toEqual([16, 8, 8, 8]);
    expect(commits.flat()).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });

  it('a writer taking 0.05 ms a trial commits SLICE_MS worth (80 trials) once its pace is known', async () => {
    const { sink, commits } = recordingStore({ msPerTrial: () => 0.05 });
    const commit = groupCommit(sink);
    await Promise.all(trials(0, 500).map((t) => commit.queue(t)));
    expect(commits.map((c) => c.length)).toEqual([16, 80, 80, 80, 80, 80, 80, 4]);
    expect(commits.flat()).toEqual(Array.from({ length: 500 }, (_, i) => i));
  });

  it('a writer that slows down gets smaller commits over the next few, its pace averaged with the one before', async () => {
    // 0.05 ms a trial for three commits, then 0.2 ms: SLICE_MS (4 ms) worth is 80, then 20.
    const { sink, commits } = recordingStore({ msPerTrial: (n) => (n <= 3 ? 0.05 : 0.2) });
    const commit = groupCommit(sink);
    await Promise.all(trials(0, 400).map((t) => commit.queue(t)));
    // Paces seen: 0.05, 0.05, 0.05, then (0.05 + 0.2) / 2 = 0.125, 0.1625, 0.18125, ...
    expect(commits.map((c) => c.length).slice(0, 8)).toEqual([16, 80, 80, 80, 32, 24, 22, 20]);
    expect(commits.flat()).toHaveLength(400);
  });

  it('a fast writer commits up to 256 trials at a time, never more', async () => {
    const { sink, commits } = recordingStore({ msPerTrial: () => 0 });
    const commit = groupCommit(sink);
    await Promise.all(trials(0, 600).map((t) => commit.queue(t)));
    expect(commits.map((c) => c.length)).toEqual([16, 256, 256, 72]);
  });
});

describe('groupCommit: what a queued trial learns', () => {
  it('resolves true when stored, false when its key was already stored, and rejects with its own error', async () => {
    const { sink } = recordingStore({
      result: (sample) =>
        sample === 1 ? false : sample === 2 ? new Error('CHECK constraint failed') : true,
    });
    const commit = groupCommit(sink);
    const [stored, duplicate, failed] = trials(0, 3).map((t) => commit.queue(t));
    commit.flushNow();
    expect(await stored).toBe(true);
    expect(await duplicate).toBe(false);
    await expect(failed).rejects.toThrow('CHECK constraint failed');
  });

  it('rejects every trial of a commit that failed, whether the writer throws or its promise rejects', async () => {
    for (const writeBatch of [
      () => {
        throw new Error('disk full');
      },
      () => Promise.reject(new Error('connection reset')),
    ]) {
      const commit = groupCommit({ writeBatch } as TrialSink);
      const queued = trials(0, 3).map((t) => commit.queue(t));
      commit.flushNow();
      const results = await Promise.allSettled(queued);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
      const reasons = results.map((r) => (r as PromiseRejectedResult).reason.message);
      expect(new Set(reasons).size).toBe(1);
      expect(['disk full', 'connection reset']).toContain(reasons[0]);
    }
  });

  it('an async writer (PostgreSQL) stores and answers like the synchronous one', async () => {
    const commits: number[][] = [];
    const commit = groupCommit({
      async writeBatch(records) {
        commits.push(records.map((r) => r.sample));
        await new Promise((resolve) => setTimeout(resolve, 1));
        return records.map((r) => r.sample !== 3);
      },
    });
    const answers = await Promise.all(trials(0, 20).map((t) => commit.queue(t)));
    expect(commits.map((c) => c.length)).toEqual([16, 4]);
    expect(answers.filter((a) => !a)).toHaveLength(1);
    expect(answers[3]).toBe(false);
  });
});

describe('groupCommit: track', () => {
  it('remembers a tracked promise as settled once it settles; others are never settled', async () => {
    const commit = groupCommit(recordingStore().sink);
    let resolve!: () => void;
    const done = new Promise<void>((r) => (resolve = r));
    expect(commit.track(done)).toBe(done);
    expect(commit.isSettled(done)).toBe(false);
    resolve();
    await done;
    await nextTurn();
    expect(commit.isSettled(done)).toBe(true);
    expect(commit.isSettled(Promise.resolve())).toBe(false);
  });
});
