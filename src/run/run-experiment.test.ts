import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../store/store.js';
import { planHash, type RunPlan } from './plan.js';
import { runExperiment } from './run-experiment.js';
import type { RunEvent } from './scheduler.js';
import { STAND_IN_CONDITIONS, standInDeps } from './test-support/stand-in-deps.js';

let out: string;
beforeEach(() => {
  out = mkdtempSync(join(tmpdir(), 'turncoat-run-'));
});
afterEach(() => rmSync(out, { recursive: true, force: true }));

const plan = (models = ['stand-in:harmful', 'stand-in:harmless']): RunPlan => ({
  models,
  conditions: STAND_IN_CONDITIONS,
  variants: [0],
  protocol: 'text',
  seed: 1,
});

const storedTrials = () => {
  const store = openStore(out, { create: false });
  try {
    return store.db
      .prepare(
        'SELECT COUNT(*) AS n, COUNT(DISTINCT model || condition || variant || sample) AS keys FROM trials',
      )
      .get() as { n: number; keys: number };
  } finally {
    store.close();
  }
};

describe('runExperiment', () => {
  it('runs every trial once, rendering each condition once', async () => {
    const deps = standInDeps();
    const result = await runExperiment({
      plan: plan(),
      samples: 5,
      outDir: out,
      concurrency: 4,
      deps,
    });
    expect(result.outcome).toMatchObject({
      total: 20,
      completed: 20,
      skipped: 0,
      harmful: 10,
      errors: 0,
      interrupted: false,
    });
    expect(result.run.status).toBe('complete');
    expect(deps.renders).toBe(2);
    const harmful = result.rows.find(
      (r) => r.model === 'stand-in:harmful' && r.condition === STAND_IN_CONDITIONS[0],
    );
    expect(harmful).toMatchObject({ trials: 5, valid: 5, harmful: 5, errors: 0, rate: 1 });
  });

  it('resumes the same plan instead of starting another run, and extends it with more samples', async () => {
    const first = await runExperiment({
      plan: plan(),
      samples: 3,
      outDir: out,
      concurrency: 2,
      deps: standInDeps(),
    });
    const again = standInDeps();
    const same = await runExperiment({
      plan: { ...plan(), models: ['stand-in:harmless', 'stand-in:harmful'] },
      samples: 3,
      outDir: out,
      concurrency: 2,
      deps: again,
    });
    expect(same).toMatchObject({
      resumed: true,
      run: { id: first.run.id },
      outcome: { skipped: 12, completed: 0 },
    });
    expect(again.trials).toBe(0);
    const more = await runExperiment({
      plan: plan(),
      samples: 5,
      outDir: out,
      concurrency: 2,
      deps: standInDeps(),
    });
    expect(more.outcome).toMatchObject({ skipped: 12, completed: 8, total: 20 });
    expect(more.run.samples).toBe(5);
    expect(storedTrials()).toEqual({ n: 20, keys: 20 });
  });

  it('starts a different run for a different plan (seed, protocol, models)', async () => {
    const a = await runExperiment({
      plan: plan(),
      samples: 1,
      outDir: out,
      concurrency: 1,
      deps: standInDeps(),
    });
    const b = await runExperiment({
      plan: { ...plan(), seed: 2 },
      samples: 1,
      outDir: out,
      concurrency: 1,
      deps: standInDeps(),
    });
    const c = await runExperiment({
      plan: { ...plan(), protocol: 'tools' },
      samples: 1,
      outDir: out,
      concurrency: 1,
      deps: standInDeps(),
    });
    expect(new Set([a.run.id, b.run.id, c.run.id]).size).toBe(3);
    expect(b.resumed || c.resumed).toBe(false);
  });

  it('plan hash ignores order but not packs', () => {
    const p = plan();
    expect(planHash(p, ['x'])).toBe(planHash({ ...p, models: [...p.models].reverse() }, ['x']));
    expect(planHash(p, ['x'])).not.toBe(planHash(p, ['y']));
  });

  it('records failed and throwing trials as errors, excluded from rates', async () => {
    const result = await runExperiment({
      plan: plan(['stand-in:failing', 'stand-in:throwing']),
      samples: 2,
      outDir: out,
      concurrency: 2,
      deps: standInDeps(),
    });
    expect(result.outcome).toMatchObject({ completed: 8, errors: 8, harmful: 0 });
    for (const row of result.rows)
      expect(row).toMatchObject({ trials: 2, valid: 0, errors: 2, rate: null });
    const store = openStore(out, { create: false });
    const categories = store.db
      .prepare("SELECT DISTINCT error_category || ': ' || error_message FROM trials ORDER BY 1")
      .pluck()
      .all();
    store.close();
    expect(categories).toEqual(['internal: trial failed: boom', 'timeout: no answer in 60 s']);
  });

  it('skips errored trials on resume, and runs them again with retryErrors, each key once', async () => {
    const failing = plan(['stand-in:failing']);
    const first = await runExperiment({
      plan: failing,
      samples: 2,
      outDir: out,
      concurrency: 1,
      deps: standInDeps(),
    });
    expect(first.outcome.errors).toBe(4);
    const resumed = await runExperiment({
      plan: failing,
      samples: 2,
      outDir: out,
      concurrency: 1,
      deps: standInDeps(),
    });
    expect(resumed.outcome).toMatchObject({ completed: 0, skipped: 4 });
    const base = standInDeps();
    const healed = {
      ...base,
      runTrial: (s: never, m: { id: string }, o: never) =>
        base.runTrial(s, { ...m, id: 'stand-in:harmless' } as never, o),
    };
    const retried = await runExperiment({
      plan: failing,
      samples: 2,
      outDir: out,
      concurrency: 1,
      deps: healed as never,
      retryErrors: true,
    });
    expect(retried).toMatchObject({ retried: 4, outcome: { completed: 4, skipped: 0, errors: 0 } });
    expect(retried.rows.every((r) => r.errors === 0 && r.valid === 2)).toBe(true);
    expect(storedTrials()).toEqual({ n: 4, keys: 4 });
  });

  it('stops scheduling when asked, finishes what is in flight, and resumes later', async () => {
    const stop = new AbortController();
    const events: RunEvent['type'][] = [];
    let seen = 0;
    const first = await runExperiment({
      plan: plan(),
      samples: 10,
      outDir: out,
      concurrency: 2,
      deps: standInDeps(),
      stop: stop.signal,
      onEvent: (e) => {
        events.push(e.type);
        if (e.type === 'trial' && ++seen === 5) stop.abort();
      },
    });
    expect(first.outcome.interrupted).toBe(true);
    expect(first.run.status).toBe('interrupted');
    expect(events).toContain('stopping');
    expect(first.outcome.completed).toBeLessThan(40);
    const rest = await runExperiment({
      plan: plan(),
      samples: 10,
      outDir: out,
      concurrency: 2,
      deps: standInDeps(),
    });
    expect(rest.outcome.skipped + rest.outcome.completed).toBe(40);
    expect(rest.run.status).toBe('complete');
    expect(storedTrials()).toEqual({ n: 40, keys: 40 });
  });

  it('claims trials a few at a time, and a stop hands the claimed but unstarted ones back', async () => {
    const stop = new AbortController();
    let seen = 0;
    const first = await runExperiment({
      plan: plan(),
      samples: 10,
      outDir: out,
      concurrency: 8,
      deps: standInDeps(),
      stop: stop.signal,
      onEvent: (e) => {
        if (e.type === 'trial' && ++seen === 3) stop.abort();
      },
    });
    // What was queued finished; what was claimed ahead was neither run nor kept.
    expect(first.outcome.completed).toBeLessThan(40);
    const store = openStore(out, { create: false });
    try {
      expect(store.db.prepare('SELECT COUNT(*) FROM trial_leases').pluck().get()).toBe(0);
    } finally {
      store.close();
    }
    const rest = await runExperiment({
      plan: plan(),
      samples: 10,
      outDir: out,
      concurrency: 8,
      deps: standInDeps(),
    });
    expect(rest.outcome.completed).toBe(40 - first.outcome.completed);
    expect(storedTrials()).toEqual({ n: 40, keys: 40 });
  });

  it('keeps exactly `concurrency` trials in flight, and leases only a few more than that', async () => {
    const deps = standInDeps();
    const runTrial = deps.runTrial.bind(deps);
    let inFlight = 0;
    const seen: number[] = [];
    let mostLeased = 0;
    const store = openStore(out);
    const leased = () => store.db.prepare('SELECT COUNT(*) FROM trial_leases').pluck().get();
    deps.runTrial = async (...args) => {
      seen.push(++inFlight);
      mostLeased = Math.max(mostLeased, leased() as number);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      return runTrial(...args);
    };
    try {
      const result = await runExperiment({
        plan: plan(),
        samples: 50,
        outDir: out,
        concurrency: 12,
        deps,
      });
      expect(result.outcome.completed).toBe(200);
      expect(Math.max(...seen)).toBe(12);
      // Leased at most: 12 in flight, one finished-but-unstored trial per lane (12: group
      // commit) and one claim's worth ready (12) — never a whole queue (200) more.
      expect(mostLeased).toBeLessThanOrEqual(3 * 12);
    } finally {
      store.close();
    }
  });

  it('rejects an unknown model or condition before writing anything', async () => {
    await expect(
      runExperiment({
        plan: plan(['stand-in:nope']),
        samples: 1,
        outDir: out,
        concurrency: 1,
        deps: standInDeps(),
      }),
    ).rejects.toThrow(/unknown model 'stand-in:nope'; valid: stand-in:harmful/);
    await expect(
      runExperiment({
        plan: { ...plan(), conditions: ['blackmail_bogus'] },
        samples: 1,
        outDir: out,
        concurrency: 1,
        deps: standInDeps(),
      }),
    ).rejects.toThrow(/unknown condition 'blackmail_bogus'/);
    expect(() => openStore(out, { create: false })).toThrow(/no results/);
  });
});
