import { describe, expect, it } from 'vitest';
import { isOpenAIReasoningModel, planGeneration } from './quirks.js';
import { settingsAdjustments } from './index.js';
import { APICallError } from 'ai';
import { classifyProviderError, parseRetryAfter } from './classify-error.js';
import { redactSecrets } from './redact.js';
import { parseModelId } from './model-id.js';

describe('planGeneration', () => {
  it('drops temperature for OpenAI reasoning models and says so', () => {
    const plan = planGeneration('openai', 'o4-mini', { temperature: 0.5, reasoningBudget: 20000 });
    expect(plan.temperature).toBeUndefined();
    expect(plan.providerOptions).toEqual({ openai: { reasoningEffort: 'high' } });
    expect(plan.adjustments.join('\n')).toMatch(/temperature 0.5 dropped/);
  });

  it('says what it will change, for the run to show up front', () => {
    expect(
      settingsAdjustments('anthropic:claude-opus-4-1', { temperature: 1, reasoningBudget: 4096 }),
    ).toEqual(['temperature 1 dropped: Anthropic extended thinking requires it unset']);
  });

  it('leaves chat models alone', () => {
    expect(planGeneration('openai', 'gpt-4.1', { temperature: 0.5, maxTokens: 900 })).toEqual({
      temperature: 0.5,
      maxOutputTokens: 900,
      providerOptions: {},
      adjustments: [],
    });
    expect(isOpenAIReasoningModel('gpt-5-chat-latest')).toBe(false);
    expect(isOpenAIReasoningModel('gpt-5-mini')).toBe(true);
  });

  it('raises an Anthropic thinking budget to the 1024 minimum', () => {
    const plan = planGeneration('anthropic', 'claude-opus-4-1', { reasoningBudget: 500 });
    expect(plan.providerOptions).toEqual({
      anthropic: { thinking: { type: 'enabled', budgetTokens: 1024 } },
    });
  });

  it('sends OpenRouter reasoning as max_tokens, not as an OpenAI effort', () => {
    const plan = planGeneration('openrouter', 'openai/o3', {
      reasoningBudget: 3000,
      temperature: 1,
    });
    expect(plan.providerOptions).toEqual({ openrouter: { reasoning: { max_tokens: 3000 } } });
    expect(plan.temperature).toBeUndefined();
  });

  it('asks Gemini for its thoughts', () => {
    expect(
      planGeneration('google', 'gemini-2.5-pro', { reasoningBudget: 1000 }).providerOptions,
    ).toEqual({
      google: { thinkingConfig: { thinkingBudget: 1000, includeThoughts: true } },
    });
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds, milliseconds and HTTP dates', () => {
    expect(parseRetryAfter({ 'Retry-After': '7' })).toBe(7000);
    expect(parseRetryAfter({ 'retry-after-ms': '250', 'retry-after': '7' })).toBe(250);
    const now = Date.parse('2026-11-27T08:00:00Z');
    expect(parseRetryAfter({ 'retry-after': 'Fri, 27 Nov 2026 08:00:30 GMT' }, now)).toBe(30_000);
    expect(parseRetryAfter({ 'retry-after': 'soon' })).toBeUndefined();
    expect(parseRetryAfter({})).toBeUndefined();
  });
});

describe('classifyProviderError', () => {
  it('reads the upstream status OpenRouter puts inside a 200 body', () => {
    const error = new APICallError({
      message: 'Provider returned error',
      url: 'https://openrouter.ai/api/v1/chat/completions',
      requestBodyValues: {},
      statusCode: 200,
      data: { code: 429, message: 'upstream rate limited' },
    });
    expect(classifyProviderError(error)).toMatchObject({ category: 'rate-limit', retryable: true });
  });

  it('reads a reset connection as a retryable network error', () => {
    const reset = new TypeError('fetch failed', {
      cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
    });
    expect(classifyProviderError(reset)).toMatchObject({ category: 'network', retryable: true });
  });
});

describe('redactSecrets', () => {
  it('removes known keys and key-shaped strings', () => {
    expect(redactSecrets('key=abcd1234efgh failed', ['abcd1234efgh'])).toBe(
      'key=[redacted] failed',
    );
    expect(redactSecrets('Incorrect API key provided: sk-proj-AbCdEf123456789')).toBe(
      'Incorrect API key provided: [redacted]',
    );
    expect(redactSecrets('Authorization: Bearer abc.def.ghi123')).toBe(
      'Authorization: Bearer [redacted]',
    );
  });
});

describe('parseModelId', () => {
  it('splits provider, model and an openai-compatible base URL', () => {
    expect(parseModelId('ollama:llama3.1:8b')).toEqual({
      provider: 'ollama',
      model: 'llama3.1:8b',
    });
    expect(parseModelId('openai-compatible:qwen3@http://127.0.0.1:8000/v1')).toEqual({
      provider: 'openai-compatible',
      model: 'qwen3',
      baseURL: 'http://127.0.0.1:8000/v1',
    });
    expect(() => parseModelId('gpt-4o')).toThrow(/provider:model/);
    expect(() => parseModelId('openai-compatible:qwen3@localhost')).toThrow(/http\(s\) base URL/);
  });
});
