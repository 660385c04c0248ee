/**
 * Starts the tests' mock batch endpoints (OpenAI Batch API and Anthropic Message Batches) on
 * 127.0.0.1 and prints the base URL, to try `turncoat run --batch` without a provider:
 *
 *   node --import tsx scripts/mock-batch-server.ts [--polls N] [--fail-once]
 *   OPENAI_API_KEY=mock OPENAI_BASE_URL=<url> turncoat run --batch --poll-interval 1 ...
 *
 * `--polls N`: a batch ends after N polls (default 3). `--fail-once`: the first request the
 * server answers fails (a partial failure, retried in a later batch).
 * Ctrl-C prints what was paid for per request and stops.
 */
import { startMockBatchServer } from '../src/run/batch/test-support/mock-batch-server.js';

const args = process.argv.slice(2);
const polls = Number(args[args.indexOf('--polls') + 1] || 3);
const seen = new Set<string>();
const server = await startMockBatchServer({
  pollsToEnd: args.includes('--polls') ? polls : 3,
  ...(args.includes('--fail-once')
    ? {
        failRequest: (id: string, attempt: number) => {
          if (attempt > 1 || seen.size > 0) return false;
          seen.add(id);
          return true;
        },
      }
    : {}),
});
process.stdout.write(`${server.url}\n`);
process.once('SIGINT', () => {
  const paid = [...server.paid.values()];
  process.stdout.write(
    `batches ${server.batches.length}, requests paid ${paid.length}, paid more than once ${paid.filter((n) => n > 1).length}\n`,
  );
  void server.close().then(() => process.exit(0));
});
