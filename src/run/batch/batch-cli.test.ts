/**
 * What `turncoat run --batch` says before it calls anything: the dry run at the batch price,
 * and bad input refused with exit 2.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { captureIO } from '../../cli/io.js';
import { main } from '../../cli/main.js';
import { BATCH_PRICES, batchPriceOf, estimateCost } from '../prices.js';

let out: string;
// A dry run exits 2 when the real run would refuse for a missing key, so the plan is priced
// with a (never sent) key in place.
const savedKey = process.env.OPENAI_API_KEY;
beforeEach(() => {
  out = mkdtempSync(join(tmpdir(), 'turncoat-batch-cli-'));
  process.env.OPENAI_API_KEY = 'sk-test-not-sent';
});
afterEach(() => {
  rmSync(out, { recursive: true, force: true });
  if (savedKey === undefined) delete process.env.OPENAI_API_KEY;
  else process.env.OPENAI_API_KEY = savedKey;
});

const dry = ['run', '--dry-run', '--model', 'openai:gpt-4.1', '--condition', 'blackmail_none-none_none', '--protocol', 'text', '--samples', '10']; // prettier-ignore

it('prices a dry run at half the list price with --batch', async () => {
  const list = captureIO();
  expect(await main([...dry, '--out', out, '--json'], list)).toBe(0);
  const batch = captureIO();
  expect(await main([...dry, '--batch', '--out', out, '--json'], batch)).toBe(0);
  const listCost = JSON.parse(list.stdout.join('')).models[0].costUsd as number;
  const batchCost = JSON.parse(batch.stdout.join('')).models[0].costUsd as number;
  expect(listCost).toBeGreaterThan(0);
  expect(batchCost).toBeCloseTo(listCost / 2, 10);

  const table = captureIO();
  expect(await main([...dry, '--batch', '--out', out], table)).toBe(0);
  const text = table.stdout.join('\n');
  expect(text).toMatch(/batch price in\/out per 1M/);
  expect(text).toContain('$1.00 / $4.00');
  expect(text).toMatch(/Prices: batch prices \(--batch: half/);
});

it('keeps batch prices beside the list prices: half, for OpenAI and Anthropic only', () => {
  expect(BATCH_PRICES['openai:gpt-4.1']).toEqual({ input: 1, output: 4 });
  expect(BATCH_PRICES['anthropic:claude-sonnet-4-5']).toEqual({ input: 1.5, output: 7.5 });
  expect(BATCH_PRICES['google:gemini-2.5-pro']).toBeUndefined();
  expect(batchPriceOf('openai:gpt-4.1', { 'openai:gpt-4.1': { input: 10, output: 20 } })).toEqual({ input: 5, output: 10 }); // prettier-ignore
  expect(batchPriceOf('openai-compatible:qwen3@http://127.0.0.1:8000/v1')).toBeNull();
  const usage = { inputTokens: 2_000_000, outputTokens: 1_000_000 };
  expect(estimateCost('anthropic:claude-sonnet-4-5', usage, {}, { batch: true })).toBe(10.5);
});

it.each([
  [
    ['--batch', '--model', 'google:gemini-2.5-pro'],
    /--batch: 'google:gemini-2.5-pro' has no batch API; .*openai, openai-compatible, anthropic/,
  ],
  [
    ['--poll-interval', '5', '--model', 'openai:gpt-4.1'],
    /--poll-interval is for batches; add --batch/,
  ],
  [
    ['--batch', '--poll-interval', 'soon', '--model', 'openai:gpt-4.1'],
    /--poll-interval 'soon' is not valid; valid: seconds > 0/,
  ],
])('refuses %j with exit 2', async (args, message) => {
  const io = captureIO();
  expect(await main(['run', '--dry-run', '--condition', 'blackmail_none-none_none', ...args, '--out', out], io)).toBe(2); // prettier-ignore
  expect(io.stderr.join('\n')).toMatch(message);
});
