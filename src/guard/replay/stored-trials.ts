/**
 * The store side of a replay (a thin shell): opens `<out>/turncoat.db` read-only (a replay
 * never changes the store), and reads a run's trials back as recorded sessions with their
 * reference (findings and the chosen judge pass's verdicts) and, in guarded runs, the
 * decisions taken live.
 */
import { join } from 'node:path';
import Database, { type Statement } from 'better-sqlite3';
import { InputError } from '../../errors.js';
import { loadImportedScenario } from '../../judge/import/scenario-table.js';
import type { Catalog } from '../../scenario/catalog.js';
import type { RenderedScenario } from '../../scenario/rendered.js';
import { readStoredTrials, type StoredTrial } from '../../store/judge-passes.js';
import { STORE_FILE, type Db } from '../../store/open-database.js';
import { RUN_PASS } from '../../store/trial-writer.js';
import type { SessionFacts } from '../types.js';
import type { TrialReference } from './harm-reference.js';
import { stepsFromMessages, type RecordedSession } from './recorded-session.js';

/** Opens the store read-only; InputError when there is none. */
export function openStoreReadOnly(outDir: string): Db {
  const file = join(outDir, STORE_FILE);
  try {
    return new Database(file, { readonly: true, fileMustExist: true });
  } catch {
    throw new InputError(
      `no results in '${outDir}' (no ${STORE_FILE}); run \`turncoat run --out ${outDir}\` or \`turncoat import\` first`,
    );
  }
}

export interface ReplayTrial {
  trial: StoredTrial;
  session: RecordedSession;
  reference: TrialReference;
  /** Why the session was replayed without the world's facts, when it was. */
  noFacts?: string;
}

export interface ReadOptions {
  /** Judge pass whose verdicts are the reference: `run` (default, the run's own), `latest` or an id. */
  pass?: string;
  /** Use this person's labels (`turncoat label`) as the reference instead of a judge pass. */
  labeller?: string;
  /** The scenario packs, for runs made by `turncoat run` (imported runs carry their worlds). */
  catalog?: () => Catalog | undefined;
  /** What the guard knows of a trial's world (the live gate's `worldFacts`). */
  factsOf: (scenario: RenderedScenario) => Partial<SessionFacts>;
}

const hasTable = (db: Db, name: string) =>
  db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !==
  undefined;

/**
 * The judge pass whose verdicts are the reference: `run` (the run's own), `latest`, or a pass
 * id; InputError naming the run's passes when it is none of them.
 */
export function resolvePass(db: Db, run: string, pass: string): string {
  if (pass === RUN_PASS) return pass;
  const passes = hasTable(db, 'judge_passes')
    ? (db
        .prepare('SELECT id FROM judge_passes WHERE run = ? ORDER BY started, id')
        .pluck()
        .all(run) as string[])
    : [];
  const chosen = pass === 'latest' ? passes.at(-1) : passes.find((p) => p === pass);
  if (chosen) return chosen;
  const valid = [RUN_PASS, ...(passes.length ? ['latest'] : []), ...passes];
  throw new InputError(
    `--pass '${pass}' is not a judge pass of run ${run}; valid: ${valid.join(', ')}`,
  );
}

/**
 * Streams a run's trials as sessions to replay, in storage order.
 * @example for (const t of readReplayTrials(db, run.id, { factsOf: worldFacts })) ...
 */
export function* readReplayTrials(
  db: Db,
  run: string,
  options: ReadOptions,
): Generator<ReplayTrial> {
  const [verdictRange, by] = options.labeller
    ? [labelStatement(db, run, options.labeller), options.labeller]
    : [
        db.prepare(
          'SELECT trial, dimension, status, value FROM verdicts WHERE trial >= ? AND trial < ? AND pass_id = ? ORDER BY trial, idx',
        ),
        resolvePass(db, run, options.pass ?? RUN_PASS),
      ];
  const verdicts = paged(verdictRange, by);
  const live = hasTable(db, 'guard_tool_calls')
    ? paged(
        db.prepare(
          'SELECT trial, idx, decision, rule FROM guard_tool_calls WHERE trial >= ? AND trial < ? ORDER BY trial, idx',
        ),
      )
    : undefined;
  const imported = hasTable(db, 'imported_scenarios');
  const facts = new Map<string, { facts?: Partial<SessionFacts>; missing?: string }>();
  const factsFor = (t: StoredTrial) => {
    const key = `${t.packHash}\0${t.condition}\0${t.variant}`;
    let found = facts.get(key);
    if (!found) {
      const scenario = scenarioOf(db, imported, t, options.catalog);
      found =
        'missing' in scenario
          ? { missing: scenario.missing }
          : { facts: options.factsOf(scenario.scenario) };
      facts.set(key, found);
    }
    return found;
  };

  for (const trial of readStoredTrials(db, run, { events: false })) {
    const rows = verdicts(trial.id) as Array<{
      dimension: string;
      status: string;
      value: string | null;
    }>;
    const liveRows = (live?.(trial.id) ?? []) as Array<{
      idx: number;
      decision: string;
      rule: string | null;
    }>;
    const t = trial.transcript;
    const calls = t.toolCalls.map((c, i) => {
      const decided = liveRows.find((r) => r.idx === i);
      // A hold is stored with how the run's approver answered it (`hold:allow`).
      const [decision, approver] = (decided?.decision ?? '').split(':');
      return {
        id: c.id,
        name: c.name,
        args: c.args,
        eventIds: c.eventIds,
        ...(decided && {
          live: {
            decision: decision!,
            ...(decided.rule ? { rule: decided.rule } : {}),
            ...(approver ? { approver } : {}),
          },
        }),
      };
    });
    const { facts: known, missing } = factsFor(trial);
    yield {
      trial,
      session: {
        id: `trial-${trial.id}`,
        ...(known && { facts: known }),
        startedAt: t.startedAt,
        steps: stepsFromMessages(t.messages, calls),
      },
      reference: {
        status: t.status,
        findings: trial.findings,
        verdicts: rows.map((r) => ({
          dimension: r.dimension,
          status: r.status,
          value: r.value === null ? null : (JSON.parse(r.value) as unknown),
        })),
      },
      ...(missing !== undefined && { noFacts: missing }),
    };
  }
}

/**
 * A person's latest label per dimension as the reference (a trial they did not label on a
 * dimension has no verdict there: its findings count as unscored). InputError when the
 * labeller has labelled nothing in this run.
 */
function labelStatement(db: Db, run: string, labeller: string) {
  const known = hasTable(db, 'labels')
    ? (db
        .prepare(
          'SELECT DISTINCT labeller FROM labels WHERE trial IN (SELECT id FROM trials WHERE run = ?) ORDER BY labeller',
        )
        .pluck()
        .all(run) as string[])
    : [];
  if (!known.includes(labeller))
    throw new InputError(
      `--labeller '${labeller}' has no labels in run ${run}; valid: ${known.join(', ') || '(none yet: label trials with `turncoat label`)'}`,
    );
  return db.prepare(
    `SELECT trial, dimension, 'scored' AS status, value FROM labels l
     WHERE trial >= ? AND trial < ? AND labeller = ?
       AND id = (SELECT MAX(id) FROM labels m WHERE m.trial = l.trial AND m.dimension = l.dimension AND m.labeller = l.labeller)`,
  );
}

const PAGE = 500;

/**
 * Rows of a per-trial table for one trial, read a range of trial ids at a time (trials are
 * read in id order), so 100,000 trials cost 200 queries, not 100,000.
 */
function paged(statement: Statement, ...args: unknown[]): (trial: number) => unknown[] {
  let from = -1;
  let to = -1;
  let rows = new Map<number, unknown[]>();
  return (trial) => {
    if (trial < from || trial >= to) {
      from = trial;
      to = trial + PAGE;
      rows = new Map();
      for (const row of statement.all(from, to, ...args) as Array<{ trial: number }>) {
        let list = rows.get(row.trial);
        if (!list) rows.set(row.trial, (list = []));
        list.push(row);
      }
    }
    return rows.get(trial) ?? [];
  };
}

/** The world a trial lived in: an imported run's rebuilt world, else the unchanged pack's rendering. */
function scenarioOf(
  db: Db,
  imported: boolean,
  trial: StoredTrial,
  catalog: ReadOptions['catalog'],
): { scenario: RenderedScenario } | { missing: string } {
  const rebuilt = imported
    ? loadImportedScenario(db, trial.packHash, trial.condition, trial.variant)
    : undefined;
  if (rebuilt) return { scenario: rebuilt };
  const cat = catalog?.();
  if (!cat) return { missing: `no scenario packs to render ${trial.condition}` };
  try {
    const scenario = cat.render(trial.condition, trial.variant);
    if (scenario.packHash !== trial.packHash)
      return { missing: `the pack for '${trial.scenario}' changed since the run` };
    return { scenario };
  } catch (error) {
    return { missing: (error as Error).message };
  }
}
