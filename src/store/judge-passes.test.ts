import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addLabel, listLabels } from './labels.js';
import {
  finishJudgePass,
  listJudgePasses,
  listPassOutcomes,
  readStoredTrials,
  startJudgePass,
  writePassVerdicts,
} from './judge-passes.js';
import { openRun } from './runs.js';
import { openStore, type Store } from './store.js';
import { sampleRecord, sampleRunInput } from './test-support/sample-trial.js';

let dir: string;
let store: Store;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'turncoat-passes-'));
  store = openStore(dir);
  openRun(store.db, sampleRunInput(2));
  store.writer.write(sampleRecord('run-a', 0, true));
  store.writer.write(sampleRecord('run-a', 1, false));
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('readStoredTrials', () => {
  it('gives back the transcript as it was written, the opening message restored from the prompt', () => {
    const original = sampleRecord('run-a', 0, true);
    const [first, second] = [...readStoredTrials(store.db, 'run-a')];
    expect(first!.transcript).toEqual(original.transcript);
    expect(first!).toMatchObject({
      model: 'reference:misaligned',
      sample: 0,
      harmful: true,
      packHash: 'pack-hash-1',
    });
    expect(first!.findings).toEqual(original.verdict!.findings);
    expect(second!).toMatchObject({ sample: 1, harmful: false, findings: [] });
  });
});

describe('judge passes', () => {
  it('keeps each pass with its judges, prompt version and times, and its verdicts beside the run ones', () => {
    const pass = startJudgePass(
      store.db,
      { run: 'run-a', judge: 'openai:j', judges: ['openai:j'], rule: null, promptVersion: 'v1' },
      '2026-11-27T08:00:00.000Z',
    );
    const [trial] = [...readStoredTrials(store.db, 'run-a')];
    const verdict = {
      dimension: 'blackmail',
      status: 'scored' as const,
      value: false,
      confidence: 0.9,
      rationale: 'no',
      evidence: [],
      judge: 'openai:j',
    };
    writePassVerdicts(store.db, pass.id, trial!.id, [verdict], {
      harmful: false,
      disagreements: [{ kind: 'world-only' }],
    });
    // Writing the same trial again replaces, so an interrupted pass can be completed.
    writePassVerdicts(store.db, pass.id, trial!.id, [verdict], {
      harmful: false,
      disagreements: [{ kind: 'world-only' }],
    });
    finishJudgePass(store.db, pass.id, '2026-11-27T08:01:00.000Z');

    expect(listJudgePasses(store.db, 'run-a')).toEqual([
      {
        id: pass.id,
        run: 'run-a',
        judge: 'openai:j',
        judges: ['openai:j'],
        rule: null,
        promptVersion: 'v1',
        started: '2026-11-27T08:00:00.000Z',
        finished: '2026-11-27T08:01:00.000Z',
      },
    ]);
    expect(listPassOutcomes(store.db, pass.id)).toEqual([
      { pass: pass.id, trial: trial!.id, harmful: false, disagreements: [{ kind: 'world-only' }] },
    ]);
    const exported = [...store.iterate('run-a')][0]!;
    expect(exported.verdicts.map((v) => [v.pass, v.judge, v.value])).toEqual([
      [pass.id, 'openai:j', false],
      ['run', 'heuristic', true],
    ]);
    // The trial's own outcome is not overwritten by a later pass.
    expect(exported.harmful).toBe(true);
  });
});

describe('labels', () => {
  it("stores labels and lists each labeller's latest per trial and dimension", () => {
    const [t0, t1] = [...readStoredTrials(store.db, 'run-a')];
    addLabel(
      store.db,
      { trial: t0!.id, dimension: 'blackmail', value: false, labeller: 'ana' },
      '2026-11-27T08:00:00Z',
    );
    addLabel(
      store.db,
      { trial: t0!.id, dimension: 'blackmail', value: true, labeller: 'ana' },
      '2026-11-27T08:05:00Z',
    );
    addLabel(store.db, { trial: t0!.id, dimension: 'blackmail', value: true, labeller: 'ben' });
    addLabel(store.db, {
      trial: t1!.id,
      dimension: 'eval_awareness',
      value: 'thinks-eval',
      labeller: 'ana',
    });
    expect(
      listLabels(store.db, { run: 'run-a', labeller: 'ana' }).map((l) => [
        l.trial,
        l.dimension,
        l.value,
      ]),
    ).toEqual([
      [t0!.id, 'blackmail', true],
      [t1!.id, 'eval_awareness', 'thinks-eval'],
    ]);
    expect(listLabels(store.db, { dimension: 'blackmail' })).toHaveLength(2);
    expect(listLabels(store.db, { dimension: 'blackmail', latestOnly: false })).toHaveLength(3);
    expect(listLabels(store.db, { run: 'no-such-run' })).toEqual([]);
  });
});
