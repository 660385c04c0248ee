import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AgentModel } from '../agent/model.js';
import { InputError } from '../errors.js';
import { recordRunPass } from '../judge/llm/record-run-pass.js';
import { openDatabase } from '../store/open-database.js';
import { openRun, type RunRecord } from '../store/runs.js';
import { openStoreReadOnly } from '../store/store.js';
import { inTransaction, openPostgres, type PgPool } from '../store/postgres/pg-database.js';
import {
  countStoredPg,
  getRunPg,
  joinRunPg,
  openRunPg,
  setRunStatusPg,
} from '../store/postgres/pg-runs.js';
import { snapshotPostgres } from '../store/postgres/pg-snapshot.js';
import { createPgTrialLeases } from '../store/postgres/pg-trial-leases.js';
import { createPgTrialSink } from '../store/postgres/pg-trial-sink.js';
import { redactPostgresUrl } from '../store/postgres/pg-url.js';
import { modelUsage } from './model-usage.js';
import { canonicalPlan, planHash, planSize, runIdFor } from './plan.js';
import { retryEvents, type ExperimentInput, type ExperimentResult } from './run-experiment.js';
import { scheduleTrials, type RunOutcome } from './scheduler.js';
import { toolVersion } from '../version.js';

/** `turncoat run --store postgres://...` (a plan) or `turncoat worker --run ID` (a run). */
export type PostgresRunInput = Omit<ExperimentInput, 'outDir' | 'plan' | 'samples'> & {
  storeUrl: string;
} & ({ plan: ExperimentInput['plan']; samples: number } | { runId: string });

/**
 * Runs trials of one run kept in PostgreSQL, as one of any number of workers: `run` creates
 * (or resumes) the run its plan identifies, a worker joins a run by id. Each worker claims
 * trials with leases in the shared store (a crashed worker's trials are taken over), runs
 * them through the same scheduler, agents and judges as a SQLite run, and stores each trial
 * at most once. Returns what `runExperiment` returns, counted from one snapshot of the store.
 */
export async function runOnPostgres(input: PostgresRunInput): Promise<ExperimentResult> {
  if (input.retryErrors) {
    throw new InputError(
      '--retry-errors is not available with a PostgreSQL store yet; copy it to SQLite (`turncoat store copy`) to retry',
    );
  }
  const pool = await openPostgres(input.storeUrl);
  const scratchDir = mkdtempSync(join(tmpdir(), 'turncoat-worker-'));
  try {
    const { run, resumed } = await openOrJoin(pool, input);
    const plan = run.plan;
    const samples = run.samples;
    const models = new Map<string, AgentModel>(
      plan.models.map((id) => [id, input.deps.resolveModel(id)]),
    );
    for (const condition of plan.conditions)
      for (const variant of plan.variants) input.deps.render(condition, variant);
    // The scratch store: where the TrialWriter lays out each trial's rows before they go to
    // PostgreSQL, and this worker's response cache. Private to this process, removed at the end.
    const scratch = openDatabase(scratchDir);
    openRun(scratch, { ...run, samples });
    const hooks = retryEvents(input.onEvent);
    const wrap = input.deps.wrapModel?.bind(input.deps);
    if (wrap) for (const [id, model] of models) models.set(id, wrap(model, scratch, hooks));
    const judging = input.deps.openJudging?.(scratch);
    const judgingStarted = new Date().toISOString();
    const leases = createPgTrialLeases(pool, run.id);
    const settle = async (complete: boolean) =>
      setRunStatusPg(
        pool,
        run.id,
        complete ? 'complete' : (await leases.othersActive()) > 0 ? 'running' : 'interrupted',
      );
    let outcome: RunOutcome;
    try {
      outcome = await scheduleTrials({
        runId: run.id,
        plan,
        samples,
        concurrency: input.concurrency,
        deps: input.deps,
        writer: createPgTrialSink(pool, scratch),
        leases,
        countStored: () => countStoredPg(pool, run.id, samples),
        models,
        ...(input.stop ? { stop: input.stop } : {}),
        ...(input.cancel ? { cancel: input.cancel } : {}),
        ...(input.onEvent ? { onEvent: input.onEvent } : {}),
        ...(input.prices ? { prices: input.prices } : {}),
      });
    } catch (error) {
      await settle(false).catch(() => {});
      throw error;
    } finally {
      scratch.close();
    }
    const storedAll = await pool.query('SELECT COUNT(*) AS n FROM trials WHERE run = $1', [run.id]);
    await settle(Number(storedAll.rows[0].n) >= planSize(plan, samples));
    // A worker prints only its own share: no snapshot of the whole store for it (unless it
    // must record a judging pass).
    if ('runId' in input && !judging) {
      return {
        run: await getRunPg(pool, run.id),
        resumed,
        outcome,
        retried: 0,
        rows: [],
        usage: [],
        storeFile: redactPostgresUrl(input.storeUrl),
      };
    }
    return await summarise(pool, input.storeUrl, run.id, resumed, outcome, judging, judgingStarted);
  } finally {
    rmSync(scratchDir, { recursive: true, force: true });
    await pool.end();
  }
}

/**
 * Creates (or finds) the run of `input`'s plan in PostgreSQL and runs nothing
 * (`turncoat run --store URL --create-only`): workers then run it.
 */
export async function createRunOnPostgres(
  input: Extract<PostgresRunInput, { plan: unknown }>,
): Promise<{ run: RunRecord; resumed: boolean; total: number; stored: number }> {
  const pool = await openPostgres(input.storeUrl);
  try {
    const { run, resumed } = await openOrJoin(pool, input);
    const stored = await countStoredPg(pool, run.id, run.samples);
    await setRunStatusPg(pool, run.id, 'interrupted');
    return {
      run,
      resumed,
      total: planSize(run.plan, run.samples),
      stored: Object.values(stored).reduce((n, c) => n + c, 0),
    };
  } finally {
    await pool.end();
  }
}

async function openOrJoin(
  pool: PgPool,
  input: PostgresRunInput,
): Promise<{ run: RunRecord; resumed: boolean }> {
  if ('runId' in input) {
    const run = await joinRunPg(pool, input.runId);
    const needs = run.plan.guard
      ? '--guard FILE'
      : run.plan.modelOptions
        ? '--config FILE'
        : undefined;
    if (needs) {
      throw new InputError(
        `run ${run.id} was started with ${needs}, which \`turncoat worker\` cannot rebuild from the store; ` +
          `start more workers with the same \`turncoat run --store URL ${needs} ...\` command instead (it joins the same run)`,
      );
    }
    return { run, resumed: true };
  }
  if (!Number.isInteger(input.samples) || input.samples < 1) {
    throw new InputError(`--samples must be a whole number >= 1 (got '${input.samples}')`);
  }
  const plan = canonicalPlan(input.plan);
  for (const id of plan.models) input.deps.resolveModel(id);
  const packHashes: Record<string, string> = {};
  for (const condition of plan.conditions) {
    for (const variant of plan.variants) {
      const scenario = input.deps.render(condition, variant);
      packHashes[scenario.condition.scenario] = scenario.packHash;
    }
  }
  const hash = planHash(plan, Object.values(packHashes));
  return openRunPg(pool, {
    id: runIdFor(hash),
    plan,
    planHash: hash,
    packHashes,
    samples: input.samples,
    toolVersion: toolVersion(),
  });
}

/**
 * Rates and usage from one snapshot of the store; a run judged by model judges records its
 * judging pass there and the pass's rows are written back to PostgreSQL (ids are kept by
 * the snapshot, so they hold in both).
 */
async function summarise(
  pool: PgPool,
  url: string,
  runId: string,
  resumed: boolean,
  outcome: RunOutcome,
  judging: ReturnType<NonNullable<ExperimentInput['deps']['openJudging']>>,
  judgingStarted: string,
): Promise<ExperimentResult> {
  const snapshot = await snapshotPostgres(url);
  try {
    let judgePass: ExperimentResult['judgePass'];
    if (judging) {
      const db = openDatabase(snapshot.dir, { create: false });
      try {
        judgePass = recordRunPass(db, runId, judging, judgingStarted);
        const pass = db
          .prepare('SELECT * FROM judge_passes WHERE id = ?')
          .raw(true)
          .get(judgePass.id) as unknown[];
        const cols = db
          .prepare('SELECT * FROM judge_passes LIMIT 0')
          .columns()
          .map((c) => c.name);
        const outcomes = db
          .prepare('SELECT pass, trial, harmful, disagreements FROM pass_outcomes WHERE pass = ?')
          .raw(true)
          .all(judgePass.id) as unknown[][];
        await inTransaction(pool, async (client) => {
          await client.query('DELETE FROM pass_outcomes WHERE pass = $1', [judgePass!.id]);
          await client.query('DELETE FROM judge_passes WHERE id = $1', [judgePass!.id]);
          await client.query(
            `INSERT INTO judge_passes (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')})`,
            pass,
          );
          for (const row of outcomes) {
            await client.query(
              'INSERT INTO pass_outcomes (pass, trial, harmful, disagreements) VALUES ($1, $2, $3, $4)',
              row,
            );
          }
        });
      } finally {
        db.close();
      }
    }
    const store = openStoreReadOnly(snapshot.dir);
    try {
      return {
        run: store.run(runId),
        resumed,
        outcome,
        retried: 0,
        ...(judgePass ? { judgePass } : {}),
        rows: store.rateRows(runId),
        usage: modelUsage(store.db, runId),
        storeFile: redactPostgresUrl(url),
      };
    } finally {
      store.close();
    }
  } finally {
    snapshot.dispose();
  }
}
