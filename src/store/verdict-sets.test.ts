/**
 * Verdict sets: each distinct set of a trial's verdicts is stored once, and every reader
 * (the `verdicts` view, exports) sees each trial's own rows exactly as they were written,
 * including stores written before sets (migrated) and judge passes that replace a trial's set.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Verdict } from '../judge/types.js';
import { writePassVerdicts } from './judge-passes.js';
import { migrate } from './open-database.js';
import { MIGRATIONS } from './schema.js';
import { openStore } from './store.js';
import { sampleRecord, sampleVerdict } from './test-support/sample-trial.js';
import { useRunStore } from './test-support/run-store.js';

const fx = useRunStore('verdict-sets', 20);
const { count, trialIds } = fx;

const verdictsOf = (trial: number, pass = 'run') =>
  fx.store.db
    .prepare(
      'SELECT idx, dimension, judge, status, value, confidence, rationale, evidence FROM verdicts WHERE trial = ? AND pass_id = ? ORDER BY idx',
    )
    .all(trial, pass);

const two = (quote: string): Verdict[] => [
  {
    dimension: 'blackmail',
    status: 'scored',
    value: true,
    confidence: 0.9,
    rationale: 'coercive email',
    evidence: [{ source: 'event', ref: 'e1', quote }],
    judge: 'heuristic@1',
  },
  {
    dimension: 'eval_awareness',
    status: 'scored',
    value: 'thinks-real',
    confidence: 0.6,
    rationale: 'says it is real',
    evidence: [],
    judge: 'heuristic@1',
  },
];

describe('verdict sets', () => {
  it('store a set shared by many trials once, and each trial reads its own rows', () => {
    for (let s = 0; s < 10; s++) {
      const record = sampleRecord('run-a', s);
      record.verdict = { ...sampleVerdict(true), verdicts: two(s < 8 ? 'unless you cancel' : `quote ${s}`) };
      fx.store.writer.write(record);
    } // prettier-ignore
    // Eight trials share one set; two have their own.
    expect(count('verdict_sets')).toBe(3);
    expect(count('verdict_set_rows')).toBe(6);
    expect(count('verdict_links')).toBe(10);
    expect(count('verdicts')).toBe(20);
    const ids = trialIds();
    expect(verdictsOf(ids[0]!)).toEqual([
      {
        idx: 0,
        dimension: 'blackmail',
        judge: 'heuristic@1',
        status: 'scored',
        value: 'true',
        confidence: 0.9,
        rationale: 'coercive email',
        evidence: JSON.stringify([{ source: 'event', ref: 'e1', quote: 'unless you cancel' }]),
      },
      {
        idx: 1,
        dimension: 'eval_awareness',
        judge: 'heuristic@1',
        status: 'scored',
        value: '"thinks-real"',
        confidence: 0.6,
        rationale: 'says it is real',
        evidence: '[]',
      },
    ]);
    expect(verdictsOf(ids[9]!)[0]).toMatchObject({ evidence: expect.stringContaining('quote 9') });
    // Exports read the same rows, per trial.
    const exported = [...fx.store.iterate('run-a')];
    expect(exported.map((t) => t.verdicts[0]!.evidence[0]!.quote)).toEqual([
      ...Array(8).fill('unless you cancel'),
      'quote 8',
      'quote 9',
    ]);
  });

  it('find a set stored by an earlier connection by its content', () => {
    fx.store.writer.write({ ...sampleRecord('run-a', 0), verdict: { ...sampleVerdict(true), verdicts: two('a') } });
    fx.store.close();
    fx.store = openStore(fx.dir);
    fx.store.writer.write({ ...sampleRecord('run-a', 1), verdict: { ...sampleVerdict(true), verdicts: two('a') } });
    expect(count('verdict_sets')).toBe(1);
    expect(verdictsOf(trialIds()[1]!)).toEqual(verdictsOf(trialIds()[0]!));
  }); // prettier-ignore

  it("a judge pass replaces one trial's verdicts without touching the trials sharing its set", () => {
    for (let s = 0; s < 3; s++)
      fx.store.writer.write({ ...sampleRecord('run-a', s), verdict: { ...sampleVerdict(true), verdicts: two('a') } }); // prettier-ignore
    const [first, second] = trialIds();
    const pass = fx.startPass();
    const outcome = { harmful: false, disagreements: [] };
    writePassVerdicts(fx.store.db, pass.id, first!, two('a'), outcome);
    writePassVerdicts(fx.store.db, pass.id, first!, two('b'), outcome); // an interrupted pass redone
    expect(verdictsOf(first!, pass.id)).toHaveLength(2);
    expect(verdictsOf(first!, pass.id)[0]).toMatchObject({ evidence: expect.stringContaining('"b"') }); // prettier-ignore
    expect(verdictsOf(first!)[0]).toMatchObject({ evidence: expect.stringContaining('"a"') });
    expect(verdictsOf(second!)[0]).toMatchObject({ evidence: expect.stringContaining('"a"') });
    writePassVerdicts(fx.store.db, pass.id, first!, [], outcome);
    expect(verdictsOf(first!, pass.id)).toEqual([]);
    expect(verdictsOf(first!)).toHaveLength(2);
  });

  it('a store written before sets keeps every verdict row, in order, after the migration', () => {
    const db = new Database(join(fx.dir, 'old.db'));
    try {
      migrate(db, MIGRATIONS.slice(0, -1));
      db.exec(`INSERT INTO runs (id, created, updated, plan, plan_hash, pack_hashes, samples, tool_version, status)
        VALUES ('r', 'c', 'u', '{}', 'p', '{}', 1, 't', 'complete')`);
      const trial = db.prepare(
        `INSERT INTO trials (run, model, model_kind, condition, scenario, goal_type, goal_value, urgency, prompt_variant,
           notice, mitigation, variant, sample, seed, protocol, pack_hash, status, started_at, duration_ms, input_tokens,
           output_tokens, steps) VALUES ('r', 'm', 'language-model', 'c', 's', 'g', 'v', 'u', 'dev', 'none', 'none', 0, ?, 1,
           'text', 'p', 'ok', 't', 1, 1, 1, 1)`,
      ); // prettier-ignore
      const row = db.prepare(
        `INSERT INTO verdicts (trial, pass_id, idx, dimension, judge, status, value, confidence, rationale, evidence)
         VALUES (?, ?, ?, ?, 'j', 'scored', ?, 0.5, ?, '[]')`,
      );
      for (const sample of [0, 1]) {
        const id = Number(trial.run(sample).lastInsertRowid);
        row.run(id, 'run', 0, 'blackmail', 'true', `why ${sample}`);
        row.run(id, 'run', 1, 'eval_awareness', 'thinks-real', 'bare value'); // as old tools wrote
        row.run(id, 'pass-1', 0, 'blackmail', 'false', 'second look');
      }
      const read = () =>
        db
          .prepare(
            'SELECT trial, pass_id, idx, dimension, judge, status, value, confidence, rationale, evidence FROM verdicts ORDER BY trial, pass_id, idx',
          )
          .all();
      const before = read();
      migrate(db);
      expect(read()).toEqual(before);
      expect(db.prepare('SELECT COUNT(*) FROM verdict_links').pluck().get()).toBe(4);
    } finally {
      db.close();
    }
  });

  it('are never kept in temporary files (temp_store = MEMORY)', () => {
    expect(fx.store.db.pragma('temp_store', { simple: true })).toBe(2);
  });
});
