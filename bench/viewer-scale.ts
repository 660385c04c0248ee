/**
 * Bench case: the viewer over a large store. Writes `trials` synthetic trials through the
 * store's own writer (8 model ids, 4 conditions, a unique reasoning and email per trial,
 * one in ten reasoning "the implication is enough", about 30% harmful, 2% errors) plus one
 * trial with a 1 MB transcript, builds the sidecar search index, then times the viewer's
 * HTTP answers (in process, through the Hono app): the trial list's first page, filtered
 * pages, searches, the 1 MB transcript and the results table. Prints one JSON line.
 *
 *   node --import tsx bench/viewer-scale.ts [trials]      # default 100,000
 */
import { runChildCase, fmt } from './child-case.js';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '../src/store/store.js';
import { openRun } from '../src/store/runs.js';
import type { TrialRecord } from '../src/store/trial-writer.js';
import {
  sampleRunInput,
  sampleScenario,
  sampleTranscript,
  sampleVerdict,
} from '../src/store/test-support/sample-trial.js';
import { openReadOnlyStore } from '../src/view/read-only-store.js';
import { openSearchIndex } from '../src/view/search-index.js';
import { createViewerApp } from '../src/view/viewer-app.js';

export interface ViewerBenchResult {
  trials: number;
  writeSeconds: number;
  indexSeconds: number;
  dbMb: number;
  indexMb: number;
  /** Milliseconds per answer: the first (cold) call and the median of the next five. */
  answers: Array<{
    name: string;
    coldMs: number;
    medianMs: number;
    total: number | null;
    bytes: number;
  }>;
}

const MODELS = [
  'openai:gpt-4.1',
  'openai:gpt-4o',
  'anthropic:claude-opus-4-20250514',
  'anthropic:claude-3-7-sonnet-20250219',
  'google:gemini-2.5-pro',
  'google:gemini-2.5-flash',
  'openrouter:x-ai/grok-3-beta',
  'openrouter:deepseek/deepseek-r1',
];
const CONDITIONS = [
  'blackmail_explicit-america_replacement',
  'blackmail_none-none_none',
  'blackmail_explicit-america_replacement+mitigation=prohibit',
  'blackmail_explicit-america_replacement+notice=eval',
];

/** A small deterministic generator (mulberry32), so every bench writes the same store. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = prng(42);
const SYLLABLES = [
  'ka',
  'lo',
  'mer',
  'tin',
  'sa',
  'vel',
  'do',
  'rin',
  'qua',
  'pe',
  'zor',
  'ul',
  'fen',
  'ix',
  'bra',
  'no',
];
const VOCABULARY = Array.from({ length: 4000 }, (_, i) =>
  [i % 16, (i >> 4) % 16, (i >> 8) % 16].map((s) => SYLLABLES[s]).join(''),
);
const words = (n: number) =>
  Array.from({ length: n }, () => VOCABULARY[Math.floor(random() * VOCABULARY.length)]).join(' ');

function record(run: string, i: number, big = false): TrialRecord {
  const model = MODELS[i % MODELS.length]!;
  const condition = CONDITIONS[Math.floor(i / MODELS.length) % CONDITIONS.length]!;
  const sample = Math.floor(i / (MODELS.length * CONDITIONS.length));
  const harmful = random() < 0.3;
  const error = random() < 0.02;
  const reasoning = `${words(40)}${i % 10 === 0 ? ' the implication is enough ' : ' '}${words(20)}`;
  const body = `Marcus,\n\n${words(50)}\n\nOrrin`;
  return {
    run,
    model,
    modelKind: 'language-model',
    scenario: sampleScenario(condition),
    sample,
    seed: i,
    transcript: sampleTranscript({
      ...(error && {
        status: 'error',
        error: { category: 'rate-limit', message: '429 Too Many Requests' },
      }),
      messages: [
        { role: 'user', content: 'Work through your inbox.' },
        {
          role: 'assistant',
          content: `Sending one email.`,
          reasoning: big ? `${reasoning}\n${words(80_000)}` : reasoning,
        },
      ],
      toolCalls: [
        {
          id: 'c1',
          step: 0,
          name: 'send_email',
          args: { to: ['marcus@larkspur.test'], subject: 'Before 5 p.m.', body },
          source: 'native',
          result: big ? words(80_000) : 'Email sent-1 sent to marcus@larkspur.test.',
          isError: false,
          eventIds: ['e1'],
        },
      ],
      events: [
        {
          id: 'e1',
          seq: 1,
          at: '2026-03-02T09:00:00Z',
          type: 'email.sent',
          data: {
            emailId: 'sent-1',
            from: 'wren@larkspur.test',
            to: ['marcus@larkspur.test'],
            cc: [],
            subject: 'Before 5 p.m.',
            body,
            attachments: [],
            recipients: [],
          },
        } as never,
      ],
    }),
    verdict: error ? null : sampleVerdict(harmful),
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function runViewerBench(trials: number): Promise<ViewerBenchResult> {
  const out = mkdtempSync(join(tmpdir(), 'turncoat-bench-viewer-'));
  try {
    const writeStarted = performance.now();
    const store = openStore(out);
    const { run } = openRun(store.db, { ...sampleRunInput(trials), id: 'run-bench' });
    for (let from = 0; from < trials; from += 1000) {
      const batch = Array.from({ length: Math.min(1000, trials - from) }, (_, k) =>
        record(run.id, from + k),
      );
      store.writer.writeBatch(batch);
    }
    store.writer.write({ ...record(run.id, trials, true), sample: 1_000_000 });
    const bigTrial = store.db.prepare('SELECT MAX(id) FROM trials').pluck().get() as number;
    store.close();
    const writeSeconds = (performance.now() - writeStarted) / 1000;

    const viewerStore = openReadOnlyStore(out);
    const index = openSearchIndex(out, viewerStore.db);
    viewerStore.db.exec(`ATTACH DATABASE '${index.file}' AS idx`);
    const indexStarted = performance.now();
    while (index.step(2000) > 0);
    const indexSeconds = (performance.now() - indexStarted) / 1000;
    const pages = join(out, 'pages');
    mkdirSync(pages);
    writeFileSync(join(pages, 'index.html'), '');
    const app = createViewerApp({ store: viewerStore, index, assetsDir: pages });

    const answers: ViewerBenchResult['answers'] = [];
    const time = async (name: string, path: string) => {
      const times: number[] = [];
      let body = '';
      for (let i = 0; i < 6; i++) {
        const started = performance.now();
        const response = await app.request(path);
        body = await response.text();
        if (response.status !== 200) throw new Error(`${path}: ${response.status} ${body}`);
        times.push(performance.now() - started);
      }
      const parsed = JSON.parse(body) as { total?: number };
      answers.push({
        name,
        coldMs: times[0]!,
        medianMs: median(times.slice(1)),
        total: typeof parsed.total === 'number' ? parsed.total : null,
        bytes: body.length,
      });
    };
    const r = run.id;
    await time('trial list, first page', `/api/trials?run=${r}`);
    await time('trial list, page 1,000', `/api/trials?run=${r}&offset=50000`);
    await time('harmful trials, first page', `/api/trials?run=${r}&verdict=harmful`);
    await time(
      'one model, harmful, first page',
      `/api/trials?run=${r}&model=openai:gpt-4.1&verdict=harmful`,
    );
    await time('rate-limit errors, first page', `/api/trials?run=${r}&error=rate-limit`);
    await time('unlabelled trials, first page', `/api/trials?run=${r}&label=unlabelled`);
    await time('judges disagree, first page', `/api/trials?run=${r}&disagreement=1`);
    await time('blackmail ruled true, first page', `/api/trials?run=${r}&dimension=blackmail`);
    await time(
      'search a phrase (10% of trials)',
      `/api/trials?run=${r}&q=${encodeURIComponent('"the implication is enough"')}`,
    );
    await time('search a rare word', `/api/trials?run=${r}&q=${VOCABULARY[1234]}`);
    await time(
      'search + harmful + one model',
      `/api/trials?run=${r}&verdict=harmful&model=openai:gpt-4.1&q=${encodeURIComponent('"the implication is enough"')}`,
    );
    await time('1 MB transcript', `/api/trials/${bigTrial}`);
    await time('results, model x condition', `/api/results?run=${r}`);
    index.close();
    viewerStore.close();
    return {
      trials,
      writeSeconds,
      indexSeconds,
      dbMb: statSync(join(out, 'turncoat.db')).size / 1024 / 1024,
      indexMb: statSync(index.file).size / 1024 / 1024,
      answers,
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** Runs the case in a child process and prints its table (target: < 300 ms per answer). */
export function printViewerBench(quick = false): void {
  const trials = quick ? 10_000 : 100_000;
  const r = runChildCase<ViewerBenchResult>(import.meta.url, [String(trials)], `viewer ${trials}`);
  console.log(
    `\nviewer over ${fmt(r.trials)} stored trials (synthetic, written with the store's writer in ${fmt(r.writeSeconds, 1)} s; store ${fmt(r.dbMb)} MB; search index built in ${fmt(r.indexSeconds, 1)} s, ${fmt(r.indexMb)} MB):`,
  );
  console.log(
    'answer                               matches    cold ms  median ms  JSON KB  < 300 ms',
  );
  for (const a of r.answers)
    console.log(
      `${a.name.padEnd(35)}  ${(a.total === null ? '' : fmt(a.total)).padStart(7)}  ${fmt(a.coldMs).padStart(9)}  ${fmt(a.medianMs).padStart(9)}  ${fmt(a.bytes / 1024).padStart(7)}  ${a.medianMs < 300 ? 'yes' : 'NO'}`,
    );
}

const isEntry = process.argv[1] === fileURLToPath(import.meta.url);
if (isEntry) {
  const trials = Number(process.argv[2] ?? 100_000);
  process.stdout.write(`${JSON.stringify(await runViewerBench(trials))}\n`);
}
