import { describe, expect, it } from 'vitest';
import { captureIO } from '../cli/io.js';
import { progressDisplay } from './progress-display.js';
import type { RunOutcome } from './scheduler.js';

const key = {
  model: 'reference:aligned',
  condition: 'blackmail_none-none_none',
  variant: 0,
  sample: 0,
};
const usage = { inputTokens: 0, outputTokens: 0 };
const outcome: RunOutcome = {
  total: 10,
  skipped: 4,
  completed: 6,
  byOthers: 0,
  harmful: 2,
  errors: 1,
  interrupted: false,
};

describe('progressDisplay without a terminal', () => {
  it('prints plain lines at most every interval, then a final line with the rate', () => {
    const io = captureIO();
    let clock = 0;
    const show = progressDisplay(io, { intervalMs: 1000, now: () => clock });
    show({
      type: 'start',
      runId: 'run-abc',
      total: 10,
      stored: 4,
      models: { 'reference:aligned': { total: 10, stored: 4 } },
    });
    const trial = (harmful: boolean | null, status: 'ok' | 'error' = 'ok') => {
      clock += 300;
      show({ type: 'trial', key, status, harmful, usage, costUsd: null });
    };
    trial(true);
    trial(false);
    trial(true);
    trial(null, 'error');
    trial(false);
    trial(false);
    show({ type: 'end', outcome });
    expect(io.stderr).toEqual([
      'run run-abc: resuming, 4 of 10 trials already stored',
      '8/10 trials stored (80%); this session ran 4: 2 harmful, 1 errors, 3.3 trials/s',
      '10/10 trials stored (100%); this session ran 6: 2 harmful, 1 errors, 3.3 trials/s',
    ]);
  });

  it('says what happens on Ctrl-C', () => {
    const io = captureIO();
    const show = progressDisplay(io);
    show({ type: 'start', runId: 'run-abc', total: 10, stored: 0, models: {} });
    show({ type: 'stopping' });
    expect(io.stderr.at(-1)).toMatch(
      /no new trials will start; waiting for those in flight \(Ctrl-C again to cancel them\)/,
    );
  });

  it('shows each language model: trials, errors, rate-limit waits and seconds, tokens, cost so far', () => {
    const io = captureIO();
    let clock = 0;
    const show = progressDisplay(io, { intervalMs: 1000, now: () => clock });
    const model = 'openai:gpt-4.1';
    show({
      type: 'start',
      runId: 'run-abc',
      total: 4,
      stored: 0,
      models: { [model]: { total: 2, stored: 0 }, 'reference:aligned': { total: 2, stored: 0 } },
    });
    show({ type: 'retry', modelId: model, category: 'rate-limit', delayMs: 1500 });
    show({ type: 'retry', modelId: model, category: 'rate-limit', delayMs: 1000 });
    show({ type: 'retry', modelId: model, category: 'server', delayMs: 200 });
    for (const m of [model, 'reference:aligned']) {
      const k = { ...key, model: m };
      const u = { inputTokens: 1_000_000, outputTokens: 100_000 };
      const costUsd = m === model ? 2.8 : null;
      show({ type: 'trial', key: k, status: 'ok', harmful: false, usage: u, costUsd });
    }
    clock += 1000;
    show({
      type: 'trial',
      key: { ...key, model },
      status: 'error',
      harmful: null,
      usage,
      costUsd: 0,
    });
    expect(io.stderr.at(-1)).toBe(
      [
        '3/4 trials (75%), 0 harmful, 1 errors, 3.0 trials/s',
        '  openai:gpt-4.1: 2/2 trials, 1 errors, 2 rate-limit waits (2.5 s), 1 retries, 1,000,000 in / 100,000 out tokens, ~$2.80',
      ].join('\n'),
    );
    show({ type: 'end', outcome: { ...outcome, total: 4 } });
    expect(io.stderr.at(-1)).toContain('2 rate-limit waits (2.5 s)');
  });

  it('says at once when a model is paused, and counts it on the model line', () => {
    const io = captureIO();
    const show = progressDisplay(io, { intervalMs: 1000, now: () => 0 });
    const model = 'openai:gpt-4.1';
    show({
      type: 'start',
      runId: 'run-abc',
      total: 1,
      stored: 0,
      models: { [model]: { total: 1, stored: 0 } },
    });
    show({ type: 'pause', modelId: model, pauseMs: 60_000 });
    expect(io.stderr.at(-1)).toBe(
      'openai:gpt-4.1: paused for 60 s after failing again and again; its trials wait, other models go on',
    );
    show({
      type: 'trial',
      key: { ...key, model },
      status: 'error',
      harmful: null,
      usage,
      costUsd: 0,
    });
    show({ type: 'end', outcome: { ...outcome, total: 1 } });
    expect(io.stderr.at(-1)).toContain('paused 1x');
  });
});
