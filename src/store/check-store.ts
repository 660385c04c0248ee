import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { iterateTrials } from './iterate-trials.js';
import { openFileReadOnly, STORE_FILE } from './open-database.js';
import { SCHEMA_VERSION } from './schema.js';
import { identifyStore, refuseForeign } from './store-identity.js';

/** One run's state in a checked store. */
export interface RunCheck {
  id: string;
  status: string;
  /** Trials read back in full (with messages, tool calls, events, findings, verdicts). */
  trials: number;
  intact: boolean;
  /** Why the run could not be read back, when it could not. */
  problem?: string;
}

export interface StoreCheck {
  file: string;
  bytes: number;
  schema: number;
  /** `PRAGMA integrity_check`: ['ok'], or SQLite's list of problems. */
  integrity: string[];
  /** Why the run list itself could not be read, if it could not. */
  runsProblem?: string;
  runs: RunCheck[];
}

/**
 * Checks the store in `outDir` without writing to it: SQLite's integrity check, then every
 * run read back trial by trial, so the user learns which runs are intact. A foreign file is
 * refused (InputError); a damaged one is reported, not thrown.
 * @example checkStore('turncoat-out').runs.filter((r) => !r.intact)
 */
export function checkStore(outDir: string): StoreCheck {
  const file = join(outDir, STORE_FILE);
  if (!existsSync(file)) throw new InputError(`no store to check: ${file} does not exist`);
  // Not even the list of tables reads back: nothing in it can be called intact.
  const unreadable = (error: unknown): StoreCheck => {
    const reason = messageOf((error as { cause?: unknown }).cause ?? error);
    return {
      file,
      bytes: statSync(file).size,
      schema: 0,
      integrity: [reason],
      runsProblem: reason,
      runs: [],
    };
  };
  let db;
  try {
    db = openFileReadOnly(file);
  } catch (error) {
    return unreadable(error);
  }
  try {
    let identity;
    try {
      identity = identifyStore(db, file);
    } catch (error) {
      return unreadable(error);
    }
    refuseForeign(identity, file);
    const check: StoreCheck = {
      file,
      bytes: statSync(file).size,
      schema: identity.version,
      integrity: attempt(() => db.pragma('integrity_check', { simple: false }) as object[]).map(
        (row) => String(Object.values(row)[0]),
      ),
      runs: [],
    };
    let runs: { id: string; status: string }[];
    try {
      runs = db.prepare('SELECT id, status FROM runs ORDER BY created').all() as typeof runs;
    } catch (error) {
      check.runsProblem = messageOf(error);
      return check;
    }
    for (const run of runs) {
      let trials = 0;
      try {
        for (const trial of iterateTrials(db, run.id)) if (trial) trials++;
        check.runs.push({ ...run, trials, intact: true });
      } catch (error) {
        check.runs.push({ ...run, trials, intact: false, problem: messageOf(error) });
      }
    }
    return check;
  } finally {
    db.close();
  }
}

/** True when SQLite found nothing wrong and every run reads back. */
export function storeIsHealthy(check: StoreCheck): boolean {
  return (
    check.integrity.length === 1 &&
    check.integrity[0] === 'ok' &&
    check.runsProblem === undefined &&
    check.runs.every((r) => r.intact)
  );
}

/** The check as lines for a terminal. */
export function formatStoreCheck(check: StoreCheck): string {
  const lines = [
    `store     ${check.file} (${(check.bytes / 1024).toFixed(0)} KiB` +
      (check.runsProblem ? ')' : `, schema ${check.schema}`) +
      (!check.runsProblem && check.schema < SCHEMA_VERSION
        ? `, older than ${SCHEMA_VERSION}: \`turncoat store upgrade\`)`
        : check.runsProblem
          ? ''
          : ')'),
    `integrity ${check.integrity.slice(0, 10).join('\n          ')}` +
      (check.integrity.length > 10 ? `\n          ... ${check.integrity.length - 10} more` : ''),
  ];
  if (check.runsProblem) lines.push(`runs      unreadable: ${check.runsProblem}`);
  const width = Math.max(0, ...check.runs.map((r) => r.id.length));
  for (const r of check.runs) {
    const state = r.intact ? 'intact' : `DAMAGED after ${r.trials} trials: ${r.problem}`;
    lines.push(
      `${r.id.padEnd(width)}  ${r.status.padEnd(11)}  ${String(r.trials).padStart(7)} trials  ${state}`,
    );
  }
  if (check.runs.length === 0 && !check.runsProblem) lines.push('(no runs yet)');
  return lines.join('\n');
}

function attempt(read: () => object[]): object[] {
  try {
    return read();
  } catch (error) {
    return [{ problem: messageOf(error) }];
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
