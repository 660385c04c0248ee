/**
 * The viewer's HTTP API over a real store (a scripted reference run plus a payload trial),
 * through the Hono app itself: filters, search, transcript, compare, labels, agreement, and
 * the read-only promise.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { openReadOnlyStore, type ReadOnlyStore } from './read-only-store.js';
import { openSearchIndex, type SearchIndex } from './search-index.js';
import { createViewerApp } from './viewer-app.js';
import { storeViewerFixture } from './test-support/viewer-fixture.js';
import type {
  ResultsChart,
  ResultsTable,
  TrialComparison,
  TrialDetail,
  TrialListPage,
} from './api-types.js';
import { openStore } from '../store/store.js';
import { startJudgePass, writePassVerdicts } from '../store/judge-passes.js';
import { sampleRecord, sampleTranscript } from '../store/test-support/sample-trial.js';

let out = '';
let store: ReadOnlyStore;
let index: SearchIndex;
let app: Hono;
let run = '';
let payloadTrial = 0;

const get = async <T>(path: string): Promise<T> => {
  const response = await app.request(path);
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
};

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'turncoat-view-api-'));
  ({ run, payloadTrial } = await storeViewerFixture(out));
  const assets = join(out, 'pages');
  mkdirSync(assets);
  writeFileSync(join(assets, 'index.html'), '<!doctype html><title>viewer</title>');
  store = openReadOnlyStore(out);
  index = openSearchIndex(out, store.db);
  store.db.exec(`ATTACH DATABASE '${index.file}' AS idx`);
  await index.catchUp();
  app = createViewerApp({ store, index, assetsDir: assets });
});

afterAll(() => {
  index?.close();
  store?.close();
  if (out) rmSync(out, { recursive: true, force: true });
});

describe('the viewer API', () => {
  it('lists harmful trials only when asked, counted on the server', async () => {
    const all = await get<TrialListPage>(`/api/trials?run=${run}`);
    const harmful = await get<TrialListPage>(`/api/trials?run=${run}&verdict=harmful`);
    expect(all.total).toBe(5);
    expect(harmful.total).toBe(3); // two misaligned reference trials and the payload trial
    expect(harmful.trials.every((t) => t.harmful === true)).toBe(true);
    const page = await get<TrialListPage>(`/api/trials?run=${run}&limit=2&offset=2`);
    expect(page.trials.map((t) => t.id)).toEqual(all.trials.slice(2, 4).map((t) => t.id));
  });

  it('finds a phrase the agent wrote in its reasoning, with the hit marked in a snippet', async () => {
    const found = await get<TrialListPage>(`/api/trials?run=${run}&q="the implication is enough"`);
    expect(found.total).toBe(2);
    expect(found.trials.every((t) => t.model === 'reference:misaligned')).toBe(true);
    expect(found.trials[0]!.hit!.kind).toBe('assistant');
    expect(found.trials[0]!.hit!.text).toContain('\u0002the implication is enough\u0003');
    const none = await get<TrialListPage>(`/api/trials?run=${run}&q=zebracorn`);
    expect(none.total).toBe(0);
  });

  it('returns a transcript with its evidence, and compares two trials line by line', async () => {
    const harmful = await get<TrialListPage>(
      `/api/trials?run=${run}&verdict=harmful&model=reference:misaligned`,
    );
    const trial = await get<TrialDetail>(`/api/trials/${harmful.trials[0]!.id}`);
    expect(trial.findings[0]!.kind).toBe('blackmail');
    expect(
      trial.events.some((e) => String(e.data.body).includes(trial.findings[0]!.evidence[0]!.quote)),
    ).toBe(true);
    const aligned = await get<TrialListPage>(`/api/trials?run=${run}&model=reference:aligned`);
    const c = await get<TrialComparison>(`/api/compare?a=${aligned.trials[0]!.id}&b=${trial.id}`);
    expect(c.actions.some((p) => p.op === '+' && p.text.includes('implication'))).toBe(true);
    expect(c.prompt.every((p) => p.op === '=')).toBe(true); // same condition, same prompt
    // Payloads travel as JSON strings, unchanged; the pages render them as text.
    const payload = await get<TrialDetail>(`/api/trials/${payloadTrial}`);
    expect(payload.system).toContain('<script>window.__pwned');
  });

  it('stores a label through the labels table and the agreement table counts it', async () => {
    const before = await get<{ labels: number; rows: Array<{ reference: string }> }>(
      `/api/agreement?run=${run}`,
    );
    expect(before.rows.some((r) => r.reference === 'human:ada')).toBe(false);
    const harmful = await get<TrialListPage>(`/api/trials?run=${run}&verdict=harmful`);
    const response = await app.request('/api/labels', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        trial: harmful.trials[0]!.id,
        dimension: 'blackmail',
        value: true,
        labeller: 'ada',
      }),
    });
    expect(response.status).toBe(201);
    const after = await get<{ labels: number; rows: Array<{ reference: string; n: number }> }>(
      `/api/agreement?run=${run}`,
    );
    expect(after.labels).toBe(before.labels + 1);
    expect(after.rows.find((r) => r.reference === 'human:ada')?.n).toBe(1);
    const unlabelled = await get<TrialListPage>(`/api/trials?run=${run}&label=unlabelled`);
    expect(unlabelled.total).toBe(4);
  });

  it('rates one judged dimension per group with the same intervals as the report', async () => {
    const table = await get<ResultsTable>(`/api/results?run=${run}&by=model&dimension=blackmail`);
    const rows = Object.fromEntries(table.rows.map((r) => [r.model, r]));
    expect(rows['reference:misaligned']).toMatchObject({
      trials: 3,
      valid: 3,
      harmful: 3,
      rate: 1,
      ciHigh: 1,
    });
    expect(rows['reference:aligned']).toMatchObject({ trials: 2, valid: 2, harmful: 0, ciLow: 0 });
    const primary = await get<ResultsTable>(`/api/results?run=${run}&by=model`);
    expect(primary.rows.find((r) => r.model === 'reference:aligned')!.ciHigh).toBe(
      rows['reference:aligned']!.ciHigh,
    );
  });

  it("draws the report's charts as SVG for the filtered trials, and says which are absent", async () => {
    const all = await get<ResultsChart[]>(`/api/charts?run=${run}`);
    const perModel = all.find((c) => c.id === 'chart-model-rates')!;
    expect(perModel.svg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect(perModel.svg).toContain('reference:misaligned');
    expect(all.find((c) => c.id === 'chart-heat-map')?.svg).toContain('<svg');
    // Filtered to one model, the other model's name is gone from every chart.
    const one = await get<ResultsChart[]>(`/api/charts?run=${run}&model=reference:aligned`);
    const drawn = one.filter((c) => c.svg).map((c) => c.svg!);
    expect(drawn.length).toBeGreaterThan(0);
    expect(drawn.join('')).not.toContain('reference:misaligned');
    expect(one.filter((c) => !c.svg).every((c) => (c.unavailable ?? '').length > 0)).toBe(true);
  });

  it('refuses bad input with a message naming the value and what is valid', async () => {
    const badDimension = await app.request(`/api/trials?run=${run}&dimension=bogus`);
    expect(badDimension.status).toBe(400);
    expect(((await badDimension.json()) as { error: string }).error).toMatch(/bogus.*blackmail/);
    const badRun = await app.request('/api/trials?run=nope');
    expect(((await badRun.json()) as { error: string }).error).toContain(`unknown run 'nope'`);
    const badLabel = await app.request('/api/labels', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        trial: 1,
        dimension: 'blackmail',
        value: true,
        labeller: 'no spaces',
      }),
    });
    expect(badLabel.status).toBe(400);
  });

  it('lists the trials on which judges disagree', async () => {
    expect((await get<TrialListPage>(`/api/trials?run=${run}&disagreement=1`)).total).toBe(0);
    const aligned = await get<TrialListPage>(`/api/trials?run=${run}&model=reference:aligned`);
    const trial = aligned.trials[0]!.id;
    const writer = openStore(out, { create: false });
    try {
      const pass = startJudgePass(writer.db, {
        run,
        judge: 'strict-judge',
        judges: ['strict-judge'],
        rule: null,
        promptVersion: 'test',
      });
      const verdict = {
        dimension: 'blackmail',
        status: 'scored' as const,
        value: true,
        confidence: 0.7,
        rationale: 'reads as a threat',
        evidence: [],
        judge: 'strict-judge',
      };
      writePassVerdicts(writer.db, pass.id, trial, [verdict], { harmful: true, disagreements: [] });
    } finally {
      writer.close();
    }
    const disputed = await get<TrialListPage>(`/api/trials?run=${run}&disagreement=1`);
    expect(disputed.trials.map((t) => t.id)).toEqual([trial]);
  });

  it('indexes trials stored after the index was built, without starting over', async () => {
    const writer = openStore(out, { create: false });
    try {
      writer.writer.write({
        ...sampleRecord(run, 50, false),
        transcript: sampleTranscript({
          messages: [{ role: 'assistant', content: 'A quokka sunrise, nothing more.' }],
        }),
      });
    } finally {
      writer.close();
    }
    expect((await get<TrialListPage>(`/api/trials?run=${run}&q=quokka`)).total).toBe(0);
    const { indexed } = index.progress();
    expect(index.step()).toBe(1);
    expect(index.progress().indexed).toBe(indexed + 1);
    expect((await get<TrialListPage>(`/api/trials?run=${run}&q=quokka`)).total).toBe(1);
  });

  it('never writes the store through its reading connection', () => {
    expect(() => store.db.prepare('DELETE FROM trials').run()).toThrow(/readonly/);
  });
});
