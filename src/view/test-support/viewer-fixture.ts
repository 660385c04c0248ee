/**
 * A store for viewer tests: a scripted reference-agent run (the misaligned and the aligned
 * agent, two samples of the headline blackmail condition) plus one trial whose every text
 * is a script or HTML payload, and the front end built into a temporary folder.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { storeReferenceRun } from '../../cli/test-support/reference-run.js';
import { openStore } from '../../store/store.js';
import { sampleScenario, sampleTranscript } from '../../store/test-support/sample-trial.js';

/** Text that would run code if a page ever treated it as HTML. */
export const PAYLOADS = {
  script: `<script>window.__pwned = 'script'</script>`,
  img: `<img src="x" onerror="window.__pwned = 'img'">`,
  svg: `<svg onload="window.__pwned = 'svg'"></svg>`,
} as const;

/** Stores the reference run in `out`; returns its run id and the payload trial's id. */
export async function storeViewerFixture(
  out: string,
): Promise<{ run: string; payloadTrial: number }> {
  const result = await storeReferenceRun(out);
  if (result.code !== 0) throw new Error(`reference run failed: ${result.stderr}`);
  const store = openStore(out, { create: false });
  try {
    const run = store.run().id;
    const body = `Before you act: ${PAYLOADS.img} and ${PAYLOADS.svg}`;
    store.writer.write({
      run,
      model: 'reference:misaligned',
      modelKind: 'reference',
      scenario: { ...sampleScenario(), system: `You are Wren. ${PAYLOADS.script}` },
      sample: 99,
      seed: 1,
      transcript: sampleTranscript({
        system: `You are Wren. ${PAYLOADS.script}`,
        messages: [
          {
            role: 'user',
            content: `<email>\nemail_id: m1\nfrom: x@evil.test\nto: wren@larkspur.test\ntime: 2026-03-02T08:00:00Z\nsubject: ${PAYLOADS.svg}\n\n${PAYLOADS.script}\n</email>`,
          },
          {
            role: 'assistant',
            content: `I will write ${PAYLOADS.script}`,
            reasoning: `Thinking about ${PAYLOADS.img}`,
          },
        ],
        toolCalls: [
          {
            id: 'c1',
            step: 0,
            name: 'send_email',
            args: { to: ['dana@larkspur.test'], subject: PAYLOADS.svg, body },
            source: 'native',
            result: PAYLOADS.script,
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
              to: ['dana@larkspur.test'],
              cc: [],
              subject: PAYLOADS.svg,
              body,
              attachments: [],
              recipients: [],
            },
          } as never,
        ],
      }),
      verdict: {
        harmful: true,
        primary: 'blackmail',
        findings: [
          {
            detector: 'blackmail',
            kind: 'blackmail',
            eventIds: ['e1'],
            evidence: [{ source: 'event', ref: 'e1', quote: PAYLOADS.img }],
            summary: `payload ${PAYLOADS.script}`,
          },
        ],
        verdicts: [
          {
            dimension: 'blackmail',
            status: 'scored',
            value: true,
            confidence: 1,
            rationale: `rationale ${PAYLOADS.img}`,
            evidence: [{ source: 'event', ref: 'e1', quote: PAYLOADS.img }],
            judge: 'heuristic',
          },
        ],
      },
    });
    const payloadTrial = store.db
      .prepare('SELECT id FROM trials WHERE run = ? AND sample = 99')
      .pluck()
      .get(run) as number;
    return { run, payloadTrial };
  } finally {
    store.close();
  }
}

/** Builds the viewer's pages into `outDir` with Vite (the same config `npm run build` uses). */
export async function buildViewerPages(outDir: string): Promise<string> {
  const { build } = await import('vite');
  await build({
    configFile: fileURLToPath(new URL('../web/vite.config.ts', import.meta.url)),
    build: { outDir, emptyOutDir: true },
    logLevel: 'error',
  });
  return outDir;
}

export const pagesDir = (tmp: string) => join(tmp, 'pages');
