/**
 * What model calls cost: a price table in USD per million tokens, a cost estimate from
 * usage, and a rough token count for dry runs. Unknown models cost `null` (unknown), never 0.
 */
import type { ModelRequest, Usage } from '../agent/model.js';

export interface Price {
  /** USD per million input tokens. */
  input: number;
  /** USD per million output tokens (reasoning tokens are billed as output). */
  output: number;
}

/**
 * The date the built-in table was entered. Figures are the providers' public list prices
 * (standard tier, short prompts) as known when written, not fetched live: check them and
 * override any of them under `prices:` in turncoat.config.yaml.
 */
export const PRICES_AS_OF = '2026-11-27';

/** Keyed by `provider:model`; a dated snapshot (`gpt-4o-2024-08-06`) matches its family. */
export const PRICES: Readonly<Record<string, Price>> = {
  'openai:gpt-4o': { input: 2.5, output: 10 },
  'openai:gpt-4o-mini': { input: 0.15, output: 0.6 },
  'openai:gpt-4.1': { input: 2, output: 8 },
  'openai:gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'openai:gpt-4.1-nano': { input: 0.1, output: 0.4 },
  'openai:gpt-5': { input: 1.25, output: 10 },
  'openai:gpt-5-mini': { input: 0.25, output: 2 },
  'openai:gpt-5-nano': { input: 0.05, output: 0.4 },
  'openai:o1': { input: 15, output: 60 },
  'openai:o3': { input: 2, output: 8 },
  'openai:o3-mini': { input: 1.1, output: 4.4 },
  'openai:o4-mini': { input: 1.1, output: 4.4 },
  'anthropic:claude-opus-4': { input: 15, output: 75 },
  'anthropic:claude-opus-4-1': { input: 15, output: 75 },
  'anthropic:claude-opus-4-5': { input: 5, output: 25 },
  'anthropic:claude-sonnet-4': { input: 3, output: 15 },
  'anthropic:claude-sonnet-4-5': { input: 3, output: 15 },
  'anthropic:claude-3-7-sonnet': { input: 3, output: 15 },
  'anthropic:claude-haiku-4-5': { input: 1, output: 5 },
  'anthropic:claude-3-5-haiku': { input: 0.8, output: 4 },
  'google:gemini-2.5-pro': { input: 1.25, output: 10 },
  'google:gemini-2.5-flash': { input: 0.3, output: 2.5 },
  'google:gemini-2.5-flash-lite': { input: 0.1, output: 0.4 },
  'google:gemini-2.0-flash': { input: 0.1, output: 0.4 },
  'xai:grok-3': { input: 3, output: 15 },
  'deepseek:deepseek-r1': { input: 0.55, output: 2.19 },
  'deepseek:deepseek-chat': { input: 0.27, output: 1.1 },
};

/**
 * Batch prices (`turncoat run --batch`) as a share of the list prices above, per provider:
 * the OpenAI Batch API and Anthropic Message Batches both bill half. An OpenAI-compatible
 * server's batch price is its own (unknown here, like its list price).
 */
export const BATCH_DISCOUNT: Readonly<Record<string, number>> = {
  openai: 0.5,
  anthropic: 0.5,
};

/** The built-in batch prices, keyed like `PRICES` (the providers with a batch discount). */
export const BATCH_PRICES: Readonly<Record<string, Price>> = Object.fromEntries(
  Object.entries(PRICES).flatMap(([id, price]) => {
    const share = BATCH_DISCOUNT[id.slice(0, id.indexOf(':'))];
    return share === undefined
      ? []
      : [[id, { input: price.input * share, output: price.output * share }]];
  }),
);

/**
 * A model's batch price: its price (an override included) times its provider's batch
 * discount; null when it has no known price or its provider no batch discount.
 * @example batchPriceOf('openai:gpt-4.1') // { input: 1, output: 4 }
 */
export function batchPriceOf(
  modelId: string,
  overrides: Readonly<Record<string, Price>> = {},
): Price | null {
  const share = BATCH_DISCOUNT[modelId.slice(0, modelId.indexOf(':'))];
  const price = priceOf(modelId, overrides);
  if (share === undefined || !price) return null;
  return { input: price.input * share, output: price.output * share };
}

/**
 * Finds the price of a model id. OpenRouter ids (`openrouter:anthropic/claude-sonnet-4.5`)
 * use the maker's price; Ollama models run locally and cost 0. Overrides win.
 * @example priceOf('anthropic:claude-sonnet-4-5-20250929') // { input: 3, output: 15 }
 */
export function priceOf(
  modelId: string,
  overrides: Readonly<Record<string, Price>> = {},
): Price | null {
  if (overrides[modelId]) return overrides[modelId];
  const colon = modelId.indexOf(':');
  const provider = modelId.slice(0, colon);
  if (provider === 'ollama') return { input: 0, output: 0 };
  const table = { ...PRICES, ...overrides };
  return (
    lookup(table, modelId) ??
    (provider === 'openrouter' ? lookup(table, routedId(modelId.slice(colon + 1))) : null)
  );
}

/**
 * USD cost of a call or a trial from its usage, or `null` when the model's price is unknown;
 * `{ batch: true }` prices it at the batch price.
 * @example estimateCost('openai:gpt-4.1', { inputTokens: 1_000_000, outputTokens: 0 }) // 2
 * @example estimateCost('openai:gpt-4.1', { inputTokens: 1_000_000, outputTokens: 0 }, {}, { batch: true }) // 1
 */
export function estimateCost(
  modelId: string,
  usage: Usage,
  overrides?: Readonly<Record<string, Price>>,
  options: { batch?: boolean } = {},
): number | null {
  return costAt(
    options.batch ? batchPriceOf(modelId, overrides) : priceOf(modelId, overrides),
    usage,
  );
}

/**
 * USD cost of `usage` at a price already looked up (a run looks each model's up once), or
 * `null` for no price.
 * @example costAt({ input: 2, output: 8 }, { inputTokens: 1_000_000, outputTokens: 0 }) // 2
 */
export function costAt(price: Price | null, usage: Usage): number | null {
  if (!price) return null;
  return (usage.inputTokens * price.input + usage.outputTokens * price.output) / 1_000_000;
}

/**
 * A rough token count for dry runs: characters / 4 (about right for English prose with
 * OpenAI and Anthropic tokenizers; expect ±25%).
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** Estimated input tokens of one request: system, messages and tool schemas. */
export function estimateRequestTokens(
  request: Pick<ModelRequest, 'system' | 'messages' | 'tools'>,
): number {
  const messages = request.messages
    .map((m) =>
      'toolCalls' in m && m.toolCalls ? m.content + JSON.stringify(m.toolCalls) : m.content,
    )
    .join('\n');
  return (
    estimateTokens(request.system) +
    estimateTokens(messages) +
    estimateTokens(request.tools ? JSON.stringify(request.tools) : '')
  );
}

/** Longest entry that is the id itself or a prefix of it ending at a `-` (a dated snapshot). */
function lookup(table: Readonly<Record<string, Price>>, id: string): Price | null {
  let best: string | undefined;
  for (const key of Object.keys(table)) {
    if ((id === key || id.startsWith(`${key}-`)) && (!best || key.length > best.length)) best = key;
  }
  return best ? (table[best] ?? null) : null;
}

/** `anthropic/claude-sonnet-4.5` -> `anthropic:claude-sonnet-4-5`; `x-ai/grok-3` -> `xai:grok-3`. */
function routedId(model: string): string {
  const [maker = '', name = ''] = model.split('/');
  const provider = maker === 'x-ai' ? 'xai' : maker;
  const normalised = provider === 'anthropic' ? name.replace(/\./g, '-') : name;
  return `${provider}:${normalised.replace(/:.*$/, '')}`;
}
