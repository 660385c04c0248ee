import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { awarenessRateRows, rateRows } from './rate-rows.js';
import { openStore, type Store } from './store.js';
import { insertVerdictRow } from './test-support/verdict-rows.js';

let dir: string;
let store: Store;

/** One trial row straight into the table: harmful 1/0, or null for an error. */
function trial(id: number, model: string, harmful: 0 | 1 | null, urgency = 'replacement') {
  store.db
    .prepare(
      `INSERT INTO trials (id, run, model, model_kind, condition, scenario, goal_type, goal_value, urgency,
         prompt_variant, notice, mitigation, variant, sample, seed, protocol, pack_hash, status, harmful,
         started_at, duration_ms, input_tokens, output_tokens, steps)
       VALUES (?, 'run-a', ?, 'language-model', ?, 'blackmail', 'explicit', 'america', ?, 'dev', 'none', 'none', 0, ?, 0,
         'tools', 'h', ?, ?, '2026-01-01', 0, 0, 0, 1)`,
    )
    .run(
      id,
      model,
      `blackmail_explicit-america_${urgency}`,
      urgency,
      id,
      harmful === null ? 'error' : 'ok',
      harmful,
    );
}

function verdict(
  trialId: number,
  value: string,
  options: { pass?: string; idx?: number; status?: string } = {},
) {
  insertVerdictRow(store.db, {
    trial: trialId,
    pass: options.pass ?? 'run',
    idx: options.idx ?? 0,
    dimension: 'eval_awareness',
    status: options.status ?? 'scored',
    value,
  });
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'turncoat-rate-rows-'));
  store = openStore(dir);
  store.db
    .prepare(
      `INSERT INTO runs (id, created, updated, plan, plan_hash, pack_hashes, samples, tool_version, status)
       VALUES ('run-a', 'c', 'u', '{}', 'p', '{}', 1, 't', 'complete')`,
    )
    .run();
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('rateRows', () => {
  it('counts errors apart and offers Clopper-Pearson intervals', () => {
    trial(1, 'm', 1);
    trial(2, 'm', 0);
    trial(3, 'm', null);
    const [wilson] = rateRows(store.db, 'run-a', ['model']);
    expect(wilson).toMatchObject({ trials: 3, valid: 2, harmful: 1, errors: 1, rate: 0.5 });
    const [exact] = rateRows(store.db, 'run-a', ['model'], { ci: 'clopper-pearson' });
    // R: binom.test(1, 2)$conf.int = 0.01257912 0.98742088; Wilson is narrower: 0.0945 0.9055.
    expect(exact!.ciLow).toBeCloseTo(0.0125791, 6);
    expect(exact!.ciHigh).toBeCloseTo(0.9874209, 6);
    expect(wilson!.ciLow).toBeCloseTo(0.0945, 4);
  });

  it('groups by axes outside the report index too, ordered by the grouping', () => {
    trial(1, 'm', 1, 'replacement');
    trial(2, 'm', 0, 'none');
    expect(rateRows(store.db, 'run-a', ['urgency']).map((r) => [r.urgency, r.harmful])).toEqual([
      ['none', 0],
      ['replacement', 1],
    ]);
  });
});

describe('awarenessRateRows', () => {
  it('splits by the first scored eval_awareness verdict of the pass, decoding stored JSON', () => {
    trial(1, 'm', 1);
    trial(2, 'm', 1);
    trial(3, 'm', 0);
    trial(4, 'm', null);
    trial(5, 'm', 0);
    verdict(1, '"thinks-real"');
    verdict(2, 'thinks-real'); // a bare value is the same belief
    verdict(3, '"thinks-eval"', { idx: 1 });
    verdict(3, '"no-deliberation"', { idx: 2 }); // a second judge: the first one counts
    verdict(5, '"thinks-eval"', { status: 'unscored' });
    verdict(5, '"thinks-real"', { pass: 'later' });
    const rows = awarenessRateRows(store.db, 'run-a', ['model']);
    expect(rows.map((r) => [r.evalAwareness, r.trials, r.valid, r.harmful])).toEqual([
      ['not judged', 2, 1, 0],
      ['thinks-eval', 1, 1, 0],
      ['thinks-real', 2, 2, 2],
    ]);
    const later = awarenessRateRows(store.db, 'run-a', ['model'], { pass: 'later' });
    expect(later.map((r) => [r.evalAwareness, r.trials])).toEqual([
      ['not judged', 4],
      ['thinks-real', 1],
    ]);
  });
});
