/**
 * How finished trials reach the store (scheduler.ts, group-commit.ts): trials finishing a few
 * milliseconds apart share a commit, a lane runs its next trial while the one before waits for
 * its commit, and a store that fails stops the run with its error.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgentModel } from '../agent/model.js';
import type { RenderedScenario } from '../scenario/rendered.js';
import { countStoredByModel, openRun } from '../store/runs.js';
import { openStore, type Store } from '../store/store.js';
import { createTrialLeases } from '../store/trial-leases.js';
import type { TrialRecord } from '../store/trial-writer.js';
import type { RunPlan } from './plan.js';
import { scheduleTrials, type TrialSink } from './scheduler.js';
import { STAND_IN_CONDITIONS, standInDeps } from './test-support/stand-in-deps.js';
import { busy, turnCounter } from './test-support/event-loop.js';

const MODEL = 'stand-in:harmless';
const plan: RunPlan = {
  models: [MODEL],
  conditions: [STAND_IN_CONDITIONS[0]!],
  variants: [0],
  protocol: 'text',
  seed: 1,
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let dir: string;
let store: Store;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'turncoat-group-commit-'));
  store = openStore(dir);
  openRun(store.db, {
    id: 'run-g',
    plan,
    planHash: 'h-g',
    packHashes: {},
    samples: 100,
    toolVersion: 'test',
  });
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The store's writer, with each batch recorded (its samples, when it started and ended). */
function recordingSink(options: { delayMs?: number; failAt?: number } = {}) {
  const batches: { samples: number[]; start: number; end: number }[] = [];
  const sink: TrialSink = {
    async writeBatch(records: readonly TrialRecord[]) {
      const start = performance.now();
      if (options.delayMs) await sleep(options.delayMs);
      if (batches.length === options.failAt) throw new Error('disk full');
      const results = store.writer.writeBatch(records);
      batches.push({ samples: records.map((r) => r.sample), start, end: performance.now() });
      return results;
    },
  };
  return { sink, batches };
}

/** Stand-in trials taking `ms(sample)` each; records when each started. */
function timedDeps(ms: (sample: number) => number) {
  const base = standInDeps();
  const started = new Map<number, number>();
  return {
    started,
    deps: {
      ...base,
      render: base.render.bind(base),
      async runTrial(
        scenario: RenderedScenario,
        model: AgentModel,
        o: { protocol: 'text' | 'tools'; sample: number },
      ) {
        started.set(o.sample, performance.now());
        await sleep(ms(o.sample));
        return base.runTrial(scenario, model, o as never);
      },
    },
  };
}

/**
 * When each sample was judged (performance.now()). `answering(sample)`, if given, runs between
 * a trial's call and its answer reaching the run loop.
 */
function judgedAt(
  deps: ReturnType<typeof timedDeps>['deps'],
  answering?: (sample: number) => Promise<void>,
): Map<number, number> {
  const sampleOf = new WeakMap<object, number>();
  const run = deps.runTrial.bind(deps);
  deps.runTrial = async (scenario, model, o) => {
    const transcript = await run(scenario, model, o);
    if (answering) await answering(o.sample);
    sampleOf.set(transcript, o.sample);
    return transcript;
  };
  const scored = new Map<number, number>();
  const score = deps.scoreTrial.bind(deps);
  deps.scoreTrial = (scenario, transcript, signal) => {
    scored.set(sampleOf.get(transcript)!, performance.now());
    return score(scenario, transcript, signal);
  };
  return scored;
}

const schedule = (
  samples: number,
  concurrency: number,
  sink: TrialSink,
  deps: ReturnType<typeof timedDeps>['deps'],
) =>
  scheduleTrials({
    runId: 'run-g',
    plan,
    samples,
    concurrency,
    deps: deps as never,
    writer: sink,
    leases: createTrialLeases(store.db, 'run-g'),
    countStored: () => countStoredByModel(store.db, 'run-g', samples),
    models: new Map([[MODEL, deps.resolveModel(MODEL)]]),
  });

const storedSamples = () =>
  (store.db.prepare('SELECT sample FROM trials ORDER BY sample').pluck().all() as number[]).join(
    ',',
  );

describe('group commit', () => {
  it('stores trials finishing a few milliseconds apart together in one commit', async () => {
    const { sink, batches } = recordingSink();
    // Eight lanes, three rounds of trials of 30-37 ms: each round's trials end 1-7 ms apart,
    // within one window (20 ms), and a lane's next trial ends after that window has closed, so
    // no lane asks for an early commit until it runs out of trials.
    const { deps } = timedDeps((sample) => 30 + (sample % 8));
    const outcome = await schedule(24, 8, sink, deps);
    expect(outcome).toMatchObject({ total: 24, completed: 24, errors: 0, interrupted: false });
    // On a quiet machine: [0-7], [8-15], then the last round, where a lane with no trial left
    // commits its own at once. A busy machine can stall the process past a window and split a
    // round, so what is asserted is what no stall explains away: the first two rounds in a
    // handful of commits (one per trial without grouping: 16), most of a round in one.
    const sorted = batches.map((b) => [...b.samples].sort((a, b) => a - b));
    expect(sorted.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 24 }, (_, i) => i));
    expect(sorted.filter((b) => b[0]! < 16).length).toBeLessThanOrEqual(6);
    expect(Math.max(...sorted.map((b) => b.length))).toBeGreaterThanOrEqual(5);
  });

  it('waits longer for more trials when model calls are slow (one commit instead of two)', async () => {
    const { sink, batches } = recordingSink();
    // Two lanes of 200 ms calls, the second's first answer 60 ms after the first's: more than
    // the 20 ms a commit waits for fast models, less than half a call. Each lane then runs one
    // more trial, so neither runs out of work (which commits at once) before the first commit.
    const { deps } = timedDeps((sample) => (sample === 1 ? 260 : 200));
    const outcome = await schedule(4, 2, sink, deps);
    expect(outcome).toMatchObject({ total: 4, completed: 4, errors: 0, interrupted: false });
    expect([...batches[0]!.samples].sort()).toEqual([0, 1]);
  });

  it('claims a quarter of the lanes’ keys at a time when lanes are many (fewer claim commits per round)', async () => {
    const { sink } = recordingSink();
    const { deps } = timedDeps(() => 20);
    const leases = createTrialLeases(store.db, 'run-g');
    const asked: number[] = [];
    const outcome = await scheduleTrials({
      runId: 'run-g',
      plan,
      samples: 512,
      concurrency: 256,
      deps: deps as never,
      writer: sink,
      leases: {
        renewEveryMs: leases.renewEveryMs,
        claim: (keys, max) => {
          asked.push(max);
          return leases.claim(keys, max);
        },
        renew: () => leases.renew(),
        release: () => leases.release(),
      },
      countStored: () => countStoredByModel(store.db, 'run-g', 512),
      models: new Map([[MODEL, deps.resolveModel(MODEL)]]),
    });
    expect(outcome).toMatchObject({ total: 512, completed: 512, errors: 0, interrupted: false });
    // The first claim serves every lane; the first lane back from the round claims for 64
    // (256 / 4), not for 32, and the round's other 255 lanes' next keys take 4 claims, not 8.
    expect(asked[0]).toBe(256);
    expect(asked[1]).toBe(64);
    expect(asked.length).toBeLessThanOrEqual(6);
  });

  it('stores every trial exactly once when lanes overlap their commits', async () => {
    const { sink, batches } = recordingSink();
    // How many commits this takes depends on the machine's timing; what may not vary is that
    // each trial is stored once and none is lost.
    const { deps } = timedDeps((sample) => 2 + (sample % 8));
    const outcome = await schedule(48, 8, sink, deps);
    expect(outcome).toMatchObject({ total: 48, completed: 48, errors: 0, interrupted: false });
    expect(storedSamples()).toBe(Array.from({ length: 48 }, (_, i) => i).join(','));
    expect(batches.flatMap((b) => b.samples).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 48 }, (_, i) => i),
    );
  });

  it('runs a lane’s next trial while the one before waits for a slow commit, one waiting per lane', async () => {
    const { sink, batches } = recordingSink({ delayMs: 40 });
    const { deps, started } = timedDeps(() => 5);
    const outcome = await schedule(4, 1, sink, deps);
    expect(outcome.completed).toBe(4);
    expect(storedSamples()).toBe('0,1,2,3');
    // One lane: its trials are stored one per batch, in order, batches never overlapping.
    expect(batches.map((b) => b.samples)).toEqual([[0], [1], [2], [3]]);
    for (let i = 1; i < batches.length; i++)
      expect(batches[i]!.start).toBeGreaterThanOrEqual(batches[i - 1]!.end);
    // Sample 1 ran while sample 0 was being committed; sample 2 not before sample 0 was stored.
    expect(started.get(1)!).toBeLessThan(batches[0]!.end);
    expect(started.get(2)!).toBeGreaterThan(batches[0]!.start);
  });

  it('sends a lane’s next call before it judges the trial just finished', async () => {
    const { sink } = recordingSink();
    // Trials longer than the commit window: the trial before is always stored by then, so
    // nothing but the order of the work decides what comes first.
    const { deps, started } = timedDeps(() => 40);
    const scored = judgedAt(deps);
    const outcome = await schedule(4, 1, sink, deps);
    expect(outcome).toMatchObject({ completed: 4, errors: 0, interrupted: false });
    expect(storedSamples()).toBe('0,1,2,3');
    // One lane: trial n + 1's call was out before trial n was judged.
    for (let n = 0; n < 3; n++) expect(started.get(n + 1)!).toBeLessThan(scored.get(n)!);
  });

  it('sends every next call of a round before judging its trials while their answers arrive turn by turn', async () => {
    const { sink } = recordingSink();
    const lanes = 16;
    // A round's answers come back one per turn of the event loop (sample i after i turns),
    // as a round of calls sent one after another does; each lane then starts its next trial.
    const { deps, started } = timedDeps((sample) => (sample < lanes ? 0 : 30));
    // Trials of ~100 ms: judging may wait up to a quarter of that for the answers.
    const roundEnds = sleep(100);
    const scored = judgedAt(deps, async (sample) => {
      if (sample >= lanes) return;
      await roundEnds;
      for (let turn = 0; turn < sample; turn++)
        await new Promise((resolve) => setImmediate(resolve));
    });
    const outcome = await schedule(2 * lanes, lanes, sink, deps);
    expect(outcome).toMatchObject({ completed: 2 * lanes, errors: 0, interrupted: false });
    const firstRoundJudged = Math.min(...Array.from({ length: lanes }, (_, i) => scored.get(i)!));
    const secondRoundOut = Math.max(
      ...Array.from({ length: lanes }, (_, i) => started.get(lanes + i)!),
    );
    // Judging the first answers would have delayed the later lanes' next calls.
    expect(secondRoundOut).toBeLessThan(firstRoundJudged);
  });

  it('splits a round of trials finishing together into commits with turns of the event loop between', async () => {
    // A slow store (2 ms of synchronous work per trial): one commit of the whole round would
    // block the thread (and the answers arriving) for all of it.
    const batches: { samples: number[]; turn: number }[] = [];
    const counter = turnCounter();
    const sink: TrialSink = {
      writeBatch(records: readonly TrialRecord[]) {
        batches.push({ samples: records.map((r) => r.sample), turn: counter.turns() });
        for (let i = 0; i < records.length; i++) busy(2);
        return store.writer.writeBatch(records);
      },
    };
    const { deps } = timedDeps(() => 30);
    const outcome = await schedule(32, 32, sink, deps);
    counter.stop();
    expect(outcome).toMatchObject({ total: 32, completed: 32, errors: 0, interrupted: false });
    expect(storedSamples()).toBe(Array.from({ length: 32 }, (_, i) => i).join(','));
    expect(batches.length).toBeGreaterThan(1);
    expect(Math.max(...batches.map((b) => b.samples.length))).toBeLessThanOrEqual(16);
    for (let i = 1; i < batches.length; i++)
      expect(batches[i]!.turn).toBeGreaterThan(batches[i - 1]!.turn);
  });

  it('judges a round of trials finishing together in slices, with turns of the event loop between', async () => {
    const { sink } = recordingSink();
    const { deps } = timedDeps(() => 30);
    const counter = turnCounter();
    const turns: number[] = [];
    const score = deps.scoreTrial.bind(deps);
    deps.scoreTrial = (scenario, transcript, signal) => {
      busy(2);
      turns.push(counter.turns());
      return score(scenario, transcript, signal);
    };
    const outcome = await schedule(32, 32, sink, deps);
    counter.stop();
    expect(outcome).toMatchObject({ total: 32, completed: 32, errors: 0, interrupted: false });
    // 64 ms of judging in slices of a few ms: many turns, never the whole round in one.
    expect(new Set(turns).size).toBeGreaterThanOrEqual(4);
  });

  it('stops the run with the store’s error when a commit fails', async () => {
    const { sink } = recordingSink({ failAt: 1 });
    const { deps, started } = timedDeps(() => 3);
    await expect(schedule(40, 4, sink, deps)).rejects.toThrow('disk full');
    // The lanes stopped taking trials soon after: not the whole plan.
    expect(started.size).toBeLessThan(40);
    expect(store.db.prepare('SELECT COUNT(*) FROM trial_leases').pluck().get()).toBe(0);
  });
});
