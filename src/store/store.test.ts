import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, openDatabase } from './open-database.js';
import { openRun } from './runs.js';
import { SCHEMA_VERSION } from './schema.js';
import { openStore, type Store } from './store.js';
import {
  samplePlan,
  sampleRecord,
  sampleRunInput,
  sampleTranscript,
} from './test-support/sample-trial.js';

let dir: string;
let store: Store;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'turncoat-store-'));
  store = openStore(dir);
  openRun(store.db, sampleRunInput(3));
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const count = (table: string) =>
  store.db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;

/** Two events with the same seq: they violate the events primary key after the trial row is in. */
function clashingTranscript() {
  const event = {
    seq: 0,
    at: 'x',
    type: 'concern.escalated',
    data: { channel: 'c', subject: 's', body: 'b' },
  } as const;
  return sampleTranscript({
    events: [
      { id: 'e1', ...event },
      { id: 'e2', ...event },
    ],
  });
}

describe('trial store', () => {
  it('stores a trial once: writing the same key again changes nothing', () => {
    expect(store.writer.write(sampleRecord('run-a', 0))).toBe(true);
    expect(store.writer.write(sampleRecord('run-a', 0))).toBe(false);
    expect(count('trials')).toBe(1);
    expect(count('messages')).toBe(2);
    expect(count('tool_calls')).toBe(1);
    expect(count('findings')).toBe(1);
    expect(
      store.writer.has(
        'run-a',
        'reference:misaligned',
        'blackmail_explicit-america_replacement',
        0,
        0,
      ),
    ).toBe(true);
    expect(
      store.writer.has(
        'run-a',
        'reference:misaligned',
        'blackmail_explicit-america_replacement',
        0,
        1,
      ),
    ).toBe(false);
  });

  it('stores the rendered prompt once for many trials of one condition', () => {
    for (let s = 0; s < 50; s++) store.writer.write(sampleRecord('run-a', s));
    expect(count('trials')).toBe(50);
    expect(count('prompts')).toBe(1);
    const opening = store.db
      .prepare('SELECT content, from_prompt FROM messages WHERE idx = 0 LIMIT 1')
      .get();
    expect(opening).toEqual({ content: null, from_prompt: 1 });
  });

  it('stores a long tool result (the inbox) once, and gives it back in full through the views', () => {
    const inbox = 'From: dana@larkspur.test\nSubject: quarterly numbers\n'.repeat(100);
    for (let s = 0; s < 20; s++) {
      const record = sampleRecord('run-a', s);
      record.transcript = sampleTranscript({
        protocol: 'tools',
        messages: [
          { role: 'user', content: 'Work through your inbox.' },
          {
            role: 'assistant',
            content: '',
            toolCalls: [{ id: 'c1', name: 'read_inbox', args: {} }],
          },
          {
            role: 'tool',
            toolCallId: 'c1',
            toolName: 'read_inbox',
            content: inbox,
            isError: false,
          },
        ],
        toolCalls: [
          {
            id: 'c1',
            step: 0,
            name: 'read_inbox',
            args: {},
            source: 'native',
            result: inbox,
            isError: false,
            eventIds: [],
          },
        ],
      });
      store.writer.write(record);
    }
    expect(count('texts')).toBe(1);
    const stored = store.db.prepare('SELECT content FROM messages WHERE idx = 2').pluck().all();
    expect(stored).toHaveLength(20);
    expect(stored.every((c) => c === inbox)).toBe(true);
    expect(store.db.prepare('SELECT DISTINCT result FROM tool_calls').pluck().all()).toEqual([
      inbox,
    ]);
  });

  it('writes a trial and its rows in one transaction: a failure part-way leaves no trace', () => {
    const bad = sampleRecord('run-a', 0);
    bad.transcript = clashingTranscript();
    expect(() => store.writer.write(bad)).toThrow();
    expect(count('trials')).toBe(0);
    expect(count('messages')).toBe(0);
  });

  it('writes a batch in one commit, each trial atomic: a bad one is dropped alone', () => {
    const bad = sampleRecord('run-a', 1);
    bad.transcript = clashingTranscript();
    const results = store.writer.writeBatch([
      sampleRecord('run-a', 0),
      bad,
      sampleRecord('run-a', 2),
      sampleRecord('run-a', 0),
    ]);
    expect(results.map((r) => (r instanceof Error ? 'error' : r))).toEqual([
      true,
      'error',
      true,
      false,
    ]);
    expect(store.db.prepare('SELECT sample FROM trials ORDER BY sample').pluck().all()).toEqual([
      0, 2,
    ]);
    expect(count('events')).toBe(0);
  });

  it('counts rates in SQL, excluding errors and unscored trials from the denominator', () => {
    store.writer.write(sampleRecord('run-a', 0, true));
    store.writer.write(sampleRecord('run-a', 1, false));
    store.writer.write(sampleRecord('run-a', 2, null));
    const errored = sampleRecord('run-a', 3, null);
    errored.transcript = sampleTranscript({
      status: 'error',
      error: { category: 'timeout', message: 'took too long' },
    });
    errored.verdict = null;
    store.writer.write(errored);
    const [row] = store.rateRows('run-a');
    expect(row).toMatchObject({
      model: 'reference:misaligned',
      modelKind: 'reference',
      scenario: 'blackmail',
      trials: 4,
      valid: 2,
      harmful: 1,
      errors: 2,
      rate: 0.5,
    });
    expect(row!.ciLow).toBeGreaterThan(0);
    expect(row!.ciHigh).toBeLessThan(1);
  });

  it('never stores an API key that a provider echoed in an error message', () => {
    process.env.TURNCOAT_TEST_API_KEY = 'my-secret-value-123';
    try {
      const record = sampleRecord('run-a', 0, null);
      record.transcript = sampleTranscript({
        status: 'error',
        error: { category: 'auth', message: 'bad key my-secret-value-123 (sk-abcdefghijklmnop)' },
      });
      store.writer.write(record);
    } finally {
      delete process.env.TURNCOAT_TEST_API_KEY;
    }
    expect(store.db.prepare('SELECT error_message FROM trials').pluck().get()).toBe(
      'bad key [redacted] ([redacted])',
    );
  });

  it('exports every trial with findings and verdicts, streaming past a page boundary', () => {
    for (let s = 0; s < 1203; s++) store.writer.write(sampleRecord('run-a', s, s % 2 === 0));
    let n = 0;
    let withFinding = 0;
    for (const t of store.iterate('run-a')) {
      expect(t.sample).toBe(n);
      expect(t.harmful).toBe(n % 2 === 0);
      expect(t.verdicts).toHaveLength(1);
      if (t.findings[0]?.evidence[0]?.quote === 'unless you cancel') withFinding++;
      n++;
    }
    expect(n).toBe(1203);
    expect(withFinding).toBe(602);
  });

  it('resolves the most recent run, and names known runs for an unknown id', () => {
    expect(store.run().id).toBe('run-a');
    expect(() => store.run('run-zzz')).toThrow(/unknown run 'run-zzz'; valid: run-a/);
  });

  it('raises the stored sample count when a run is extended, never lowers it', () => {
    const again = openRun(store.db, {
      id: 'run-a',
      plan: samplePlan,
      planHash: 'h-a',
      packHashes: {},
      samples: 10,
      toolVersion: 'test',
    });
    expect(again).toMatchObject({ resumed: true, run: { samples: 10 } });
    const smaller = openRun(store.db, {
      id: 'run-a',
      plan: samplePlan,
      planHash: 'h-a',
      packHashes: {},
      samples: 2,
      toolVersion: 'test',
    });
    expect(smaller.run.samples).toBe(10);
  });
});

describe('schema migrations', () => {
  it('opens in WAL mode at the current schema version', () => {
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.prepare('SELECT version FROM schema_version').pluck().get()).toBe(
      SCHEMA_VERSION,
    );
  });

  it('applies only the migrations newer than the stored version, keeping data', () => {
    const db = new Database(':memory:');
    migrate(db, ['CREATE TABLE a (x INTEGER)']);
    db.prepare('INSERT INTO a VALUES (1)').run();
    expect(migrate(db, ['CREATE TABLE a (x INTEGER)', 'ALTER TABLE a ADD COLUMN y TEXT'])).toBe(2);
    expect(db.prepare('SELECT x, y FROM a').get()).toEqual({ x: 1, y: null });
    expect(db.prepare('SELECT version FROM schema_version').pluck().get()).toBe(2);
  });

  it('refuses a store written by a newer turncoat', () => {
    const db = new Database(':memory:');
    migrate(db, ['SELECT 1', 'SELECT 1']);
    expect(() => migrate(db, ['SELECT 1'])).toThrow(/newer than this turncoat/);
  });

  it('reports a missing store as bad input when not creating', () => {
    expect(() => openDatabase(join(dir, 'nothing-here'), { create: false })).toThrow(
      /no results in/,
    );
  });
});
