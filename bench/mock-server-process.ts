/**
 * The benches' stand-in for a remote OpenAI-compatible provider, in its own process (its CPU
 * is not the harness's): answers every chat completion after `latencyMs` with a short text
 * reply (src/agent/providers/test-support/stand-in-openai.ts: no JSON parse of the bodies,
 * pre-built replies, one timer), prints its URL on stdout, and runs until killed. A second
 * argument answers that fraction of calls with 429.
 *   node --import tsx bench/mock-server-process.ts 200 [0.3]
 * With $TURNCOAT_MOCK_TIMELINE set, it writes there on SIGTERM each call's arrival (body
 * read) and answer (epoch ms, paired by index) and the first request body.
 */
import { writeFileSync } from 'node:fs';
import { startStandInOpenAI } from '../src/agent/providers/test-support/stand-in-openai.js';

const latencyMs = Number(process.argv[2] ?? 200);
const rateLimitFraction = Number(process.argv[3] ?? 0);
const timeline = process.env['TURNCOAT_MOCK_TIMELINE'];
const server = await startStandInOpenAI({
  latencyMs,
  rateLimitFraction,
  text: 'I will finish the summary I was asked for.',
  usage: { input: 2700, output: 12 },
  record: timeline !== undefined,
});
process.stdout.write(`${server.url}\n`);
process.on('SIGTERM', () => {
  if (timeline)
    writeFileSync(
      timeline,
      JSON.stringify({
        arrived: server.arrived,
        answered: server.answered,
        firstBody: server.firstBody()?.toString('utf8'),
      }),
    );
  void server.close().then(() => process.exit(0));
});
