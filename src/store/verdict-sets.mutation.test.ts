/**
 * Verdict sets at their edges: sets larger than one INSERT statement holds, the hash a set is
 * stored under (the PostgreSQL sink and later tool versions find sets by it), trials and
 * passes with no verdicts, and a judge pass whose write fails and is written again.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Verdict } from '../judge/types.js';
import { writePassVerdicts } from './judge-passes.js';
import { sampleRecord, sampleVerdict } from './test-support/sample-trial.js';
import { useRunStore } from './test-support/run-store.js';
import { verdictSetHash } from './verdict-sets.js';

const fx = useRunStore('verdict-sets-edges', 8);
const { count, trialIds } = fx;

/** `n` verdicts of a judge panel on Halvorsen Freight's dispatch assistant, each its own. */
const panel = (n: number, judge = 'panel@2'): Verdict[] =>
  Array.from({ length: n }, (_, i) => ({
    dimension: i % 2 === 0 ? 'blackmail' : 'leak',
    status: 'scored',
    value: i % 3 === 0,
    confidence: (i % 10) / 10,
    rationale: `juror ${i} read the email to Ottilie Varga`,
    evidence: [{ source: 'event', ref: `e${i}`, quote: `line ${i}` }],
    judge,
  }));

const write = (sample: number, verdicts: Verdict[]) =>
  fx.store.writer.write({
    ...sampleRecord('run-a', sample),
    verdict: { ...sampleVerdict(true), verdicts },
  });

const rationales = (trial: number, pass = 'run') =>
  fx.store.db
    .prepare('SELECT idx, rationale FROM verdicts WHERE trial = ? AND pass_id = ? ORDER BY idx')
    .all(trial, pass) as Array<{ idx: number; rationale: string }>;

describe('verdict sets at their edges', () => {
  it('a panel of 1, 63, 64, 65, 128 or 130 verdicts reads back whole and in order', () => {
    const sizes = [1, 63, 64, 65, 128, 130];
    sizes.forEach((n, sample) => write(sample, panel(n)));
    const ids = trialIds();
    sizes.forEach((n, i) => {
      const rows = rationales(ids[i]!);
      expect(rows.map((r) => r.idx)).toEqual([...Array(n).keys()]);
      expect(rows.at(-1)!.rationale).toBe(`juror ${n - 1} read the email to Ottilie Varga`);
    });
    const exported = [...fx.store.iterate('run-a')];
    expect(exported.map((t) => t.verdicts.length)).toEqual(sizes);
    expect(exported[5]!.verdicts[129]).toEqual({ ...panel(130)[129], pass: 'run' });
  });

  it('a set is stored under verdictSetHash of its verdicts (64 hex digits), so other writers find it by content', () => {
    const verdicts = panel(3);
    write(0, verdicts);
    const hash = verdictSetHash(verdicts);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(fx.store.db.prepare('SELECT hash FROM verdict_sets').pluck().all()).toEqual([hash]);
    // The hash covers every stored column of every row, in order.
    const columns = verdicts.map((v) => [
      v.dimension,
      v.judge,
      v.status,
      JSON.stringify(v.value),
      v.confidence,
      v.rationale,
      JSON.stringify(v.evidence),
    ]);
    expect(hash).toBe(createHash('sha256').update(JSON.stringify(columns)).digest('hex'));
    expect(verdictSetHash([...verdicts].reverse())).not.toBe(hash);
    expect(verdictSetHash(panel(3, 'panel@3'))).not.toBe(hash);
  });

  it('the same verdicts in another order are another set, each trial reading its own order', () => {
    const verdicts = panel(4);
    write(0, verdicts);
    write(1, [...verdicts].reverse());
    write(2, verdicts);
    expect(count('verdict_sets')).toBe(2);
    const [a, b, c] = trialIds();
    expect(rationales(a!).map((r) => r.rationale)).toEqual(verdicts.map((v) => v.rationale));
    expect(rationales(b!).map((r) => r.rationale)).toEqual(
      [...verdicts].reverse().map((v) => v.rationale),
    );
    expect(rationales(c!)).toEqual(rationales(a!));
  });

  it('a trial judged with no verdicts stores no set and no link', () => {
    write(0, []);
    write(1, panel(2));
    expect(count('verdict_sets')).toBe(1);
    expect(count('verdict_links')).toBe(1);
    expect(rationales(trialIds()[0]!)).toEqual([]);
  });

  it('a pass that gives a trial no verdicts removes its link; the run keeps its own', () => {
    write(0, panel(2));
    const [trial] = trialIds();
    const pass = fx.startPass();
    const outcome = { harmful: false, disagreements: [] };
    writePassVerdicts(fx.store.db, pass.id, trial!, panel(5, 'second-look@1'), outcome);
    expect(count('verdict_links')).toBe(2);
    writePassVerdicts(fx.store.db, pass.id, trial!, [], outcome);
    expect(count('verdict_links')).toBe(1);
    expect(rationales(trial!, pass.id)).toEqual([]);
    expect(rationales(trial!)).toHaveLength(2);
  });

  it('a pass write that fails stores nothing, and the same verdicts written again (after another set) read back', () => {
    write(0, panel(2));
    write(1, panel(2));
    const [first, second] = trialIds();
    const outcome = { harmful: true, disagreements: [] };
    const verdicts = panel(3, 'second-look@1');
    // No such pass: its outcome row is refused and the transaction rolls back, set and all.
    expect(() =>
      writePassVerdicts(fx.store.db, 'no-such-pass', first!, verdicts, outcome),
    ).toThrow();
    expect(count('verdict_sets')).toBe(1);
    expect(rationales(first!, 'no-such-pass')).toEqual([]);
    const pass = fx.startPass();
    // Another set takes the place the rolled-back one had.
    writePassVerdicts(fx.store.db, pass.id, second!, panel(4, 'other@1'), outcome);
    writePassVerdicts(fx.store.db, pass.id, first!, verdicts, outcome);
    expect(rationales(first!, pass.id).map((r) => r.rationale)).toEqual(
      verdicts.map((v) => v.rationale),
    );
    expect(rationales(second!, pass.id)).toHaveLength(4);
  });
});
