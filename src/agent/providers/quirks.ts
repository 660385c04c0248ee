/**
 * Per-model generation settings and the providers' known quirks, as one small table.
 * `planGeneration` turns turncoat's `GenerationSettings` into AI SDK call settings.
 */
import type { GenerationSettings } from '../model.js';
import type { ProviderName } from './model-id.js';

type JsonObject = Record<string, Record<string, unknown>>;

export interface GenerationPlan {
  temperature?: number;
  maxOutputTokens?: number;
  providerOptions: JsonObject;
  /** Settings we changed or dropped, and why (shown by `settingsAdjustments`, never silent). */
  adjustments: string[];
}

interface Quirk {
  applies(provider: ProviderName, model: string, settings: GenerationSettings): boolean;
  apply(plan: GenerationPlan, settings: GenerationSettings, model: string): void;
}

/** OpenAI's reasoning models (o1, o3, o4-mini, gpt-5...). gpt-5-chat is a chat model. */
export function isOpenAIReasoningModel(model: string): boolean {
  const name = model.replace(/^openai\//, '');
  return /^o\d/.test(name) || (/^gpt-5/.test(name) && !/^gpt-5(\.\d+)?-chat/.test(name));
}

/** Maps a token budget onto OpenAI's effort levels. */
export function effortForBudget(budget: number): 'low' | 'medium' | 'high' {
  if (budget <= 2048) return 'low';
  if (budget <= 8192) return 'medium';
  return 'high';
}

const QUIRKS: Quirk[] = [
  // OpenRouter first: the OpenAI quirk below sees that reasoning is already set for it.
  {
    applies: (provider, _model, settings) =>
      provider === 'openrouter' && settings.reasoningBudget !== undefined,
    apply(plan, settings) {
      plan.providerOptions['openrouter'] = { reasoning: { max_tokens: settings.reasoningBudget } };
    },
  },
  {
    // o-series and gpt-5 reject `temperature`; reasoning is asked for by effort, not budget.
    applies: (provider, model) =>
      (provider === 'openai' || provider === 'openrouter') && isOpenAIReasoningModel(model),
    apply(plan, settings) {
      if (plan.temperature !== undefined) {
        plan.adjustments.push(
          `temperature ${plan.temperature} dropped: OpenAI reasoning models reject it`,
        );
        delete plan.temperature;
      }
      if (settings.reasoningBudget !== undefined) {
        const effort = effortForBudget(settings.reasoningBudget);
        const key = plan.providerOptions['openrouter'] ? 'openrouter' : 'openai';
        if (key === 'openai')
          plan.providerOptions['openai'] = {
            ...plan.providerOptions['openai'],
            reasoningEffort: effort,
          };
        plan.adjustments.push(
          `reasoning budget ${settings.reasoningBudget} sent as reasoning effort '${effort}'`,
        );
      }
    },
  },
  {
    // Extended thinking: a token budget; the API refuses temperature alongside it.
    applies: (provider, _model, settings) =>
      provider === 'anthropic' && settings.reasoningBudget !== undefined,
    apply(plan, settings) {
      const budget = Math.max(1024, settings.reasoningBudget ?? 0);
      plan.providerOptions['anthropic'] = { thinking: { type: 'enabled', budgetTokens: budget } };
      if (budget !== settings.reasoningBudget)
        plan.adjustments.push(`thinking budget raised to Anthropic's minimum of 1024`);
      if (plan.temperature !== undefined) {
        plan.adjustments.push(
          `temperature ${plan.temperature} dropped: Anthropic extended thinking requires it unset`,
        );
        delete plan.temperature;
      }
    },
  },
  {
    applies: (provider, _model, settings) =>
      provider === 'google' && settings.reasoningBudget !== undefined,
    apply(plan, settings) {
      plan.providerOptions['google'] = {
        thinkingConfig: { thinkingBudget: settings.reasoningBudget, includeThoughts: true },
      };
    },
  },
  {
    // Ollama reads sampling settings from `options` (the package sends them top-level, where
    // Ollama ignores them), and leaves thinking off unless asked.
    applies: (provider) => provider === 'ollama',
    apply(plan, settings) {
      const options: Record<string, number> = {};
      if (settings.temperature !== undefined) options['temperature'] = settings.temperature;
      if (settings.maxTokens !== undefined) options['num_predict'] = settings.maxTokens;
      const ollama: Record<string, unknown> = {};
      if (Object.keys(options).length > 0) ollama['options'] = options;
      if (settings.reasoningBudget !== undefined) {
        ollama['think'] = true;
        plan.adjustments.push('Ollama has no reasoning budget: thinking switched on instead');
      }
      if (Object.keys(ollama).length > 0) plan.providerOptions['ollama'] = ollama;
    },
  },
];

/**
 * Applies the quirks table to one model's settings.
 * @example planGeneration('openai', 'o3', { temperature: 1 }) // temperature dropped, adjustment recorded
 */
export function planGeneration(
  provider: ProviderName,
  model: string,
  settings: GenerationSettings,
): GenerationPlan {
  const plan: GenerationPlan = { providerOptions: {}, adjustments: [] };
  if (settings.temperature !== undefined) plan.temperature = settings.temperature;
  if (settings.maxTokens !== undefined) plan.maxOutputTokens = settings.maxTokens;
  for (const quirk of QUIRKS)
    if (quirk.applies(provider, model, settings)) quirk.apply(plan, settings, model);
  return plan;
}
