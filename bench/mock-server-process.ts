/**
 * A mock OpenAI-compatible server in its own process (so its CPU is not the harness's):
 * answers every chat completion after `latencyMs` with a short text reply, prints its URL
 * on stdout, and runs until killed. A second argument answers that fraction of calls with 429.
 *   node --import tsx bench/mock-server-process.ts 200 [0.3]
 */
import { writeFileSync } from 'node:fs';
import { startMockOpenAI } from '../src/agent/providers/test-support/mock-openai.js';
import { reply } from '../src/agent/providers/test-support/script.js';

const latencyMs = Number(process.argv[2] ?? 200);
const rateLimitFraction = Number(process.argv[3] ?? 0);
// $TURNCOAT_MOCK_TIMELINE: each call's arrival and answer (epoch ms), written on SIGTERM.
const timeline = process.env['TURNCOAT_MOCK_TIMELINE'];
const arrived: number[] = [];
const answered: number[] = [];
const server = await startMockOpenAI(
  () => {
    if (timeline) arrived.push(performance.timeOrigin + performance.now());
    return reply.text('I will finish the summary I was asked for.', {
      usage: { input: 2700, output: 12 },
    });
  },
  {
    latencyMs,
    rateLimitFraction,
    ...(timeline
      ? { hold: () => void answered.push(performance.timeOrigin + performance.now()) }
      : {}),
  },
);
// Requests are not needed here; keep memory flat over long runs.
setInterval(() => server.requests.splice(0), 1000).unref();
process.stdout.write(`${server.url}\n`);
process.on('SIGTERM', () => {
  if (timeline) writeFileSync(timeline, JSON.stringify({ arrived, answered }));
  void server.close().then(() => process.exit(0));
});
