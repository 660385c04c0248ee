/**
 * `turncoat.config.yaml`: one zod schema is the file's source of truth and its type.
 */
import { z } from 'zod';
import { hasUrlCredentials } from '../text/url-credentials.js';
import { EXTRA_AXES, GOAL_PAIRS, GOAL_TYPES, URGENCIES } from '../scenario/condition-types.js';
import { PROVIDERS } from '../agent/providers/model-id.js';

const MODEL_PROVIDERS = [...PROVIDERS, 'reference'] as const;

export const modelIdSchema = z.string().refine(
  (id) => {
    const colon = id.indexOf(':');
    return (
      colon > 0 &&
      colon < id.length - 1 &&
      (MODEL_PROVIDERS as readonly string[]).includes(id.slice(0, colon))
    );
  },
  {
    error: (issue) =>
      `'${String(issue.input)}' is not a model id; write provider:model with provider one of ${MODEL_PROVIDERS.join(', ')}`,
  },
);

export const settingsSchema = z
  .object({
    temperature: z.number().min(0).max(2).optional(),
    maxTokens: z.number().int().positive().optional(),
    reasoningBudget: z.number().int().positive().optional(),
    timeoutMs: z.number().int().positive().optional(),
  })
  .strict();

const baseURLSchema = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
  .refine((url) => !hasUrlCredentials(url), {
    error:
      'must not carry credentials (user:password@): put the key in an environment variable and name it with apiKeyEnv',
  });

const modelObjectSchema = z
  .object({
    id: modelIdSchema,
    settings: settingsSchema.optional(),
    /** Most calls to this model in flight at once. */
    concurrency: z.number().int().positive().optional(),
    /** Env var holding this model's key, instead of the provider's usual one. */
    apiKeyEnv: z
      .string()
      .regex(
        /^[A-Za-z_][A-Za-z0-9_]*$/,
        'must be an environment variable name, e.g. TEAM_OPENAI_KEY',
      )
      .optional(),
    /** One URL, or several: replicas of one self-hosted model, load spread between them. */
    baseURL: z.union([baseURLSchema, z.array(baseURLSchema).min(1)]).optional(),
    stream: z.boolean().optional(),
    apiKey: z
      .never({
        error:
          'API keys do not belong in the config file: put the key in an environment variable and name it with apiKeyEnv',
      })
      .optional(),
  })
  .strict();

/** A model is an id, or an id with settings and limits. */
export const modelEntrySchema = z.preprocess(
  (value) => (typeof value === 'string' ? { id: value } : value),
  modelObjectSchema,
);

const GOAL_VALUES = GOAL_PAIRS.flat() as [string, ...string[]];

/** The study's style: a list per axis, crossed. Missing goal/urgency axes mean all values; missing extra axes their default. */
export const conditionExpansionSchema = z
  .object({
    scenarios: z.array(z.string().min(1)).min(1).optional(),
    goalTypes: z.array(z.enum(GOAL_TYPES)).min(1).optional(),
    goalValues: z.array(z.enum(GOAL_VALUES)).min(1).optional(),
    urgencies: z.array(z.enum(URGENCIES)).min(1).optional(),
    prompt: z.array(z.enum(EXTRA_AXES.prompt)).min(1).optional(),
    notice: z.array(z.enum(EXTRA_AXES.notice)).min(1).optional(),
    mitigation: z.array(z.enum(EXTRA_AXES.mitigation)).min(1).optional(),
  })
  .strict();

/** A condition id, a glob over ids (`blackmail_*_replacement`), or an expansion. */
export const conditionEntrySchema = z.union([z.string().min(1), conditionExpansionSchema]);

const priceSchema = z
  .object({ input: z.number().nonnegative(), output: z.number().nonnegative() })
  .strict();

export const configSchema = z
  .object({
    /** Scenario pack files or globs, relative to the config file; default: the shipped packs. */
    scenarios: z.array(z.string().min(1)).min(1).optional(),
    conditions: z.array(conditionEntrySchema).min(1),
    models: z.array(modelEntrySchema).min(1),
    samples: z.number().int().positive().default(10),
    seed: z.number().int().nonnegative().default(1),
    protocol: z.enum(['tools', 'text']).default('tools'),
    /** Trials in flight at once across the run. */
    concurrency: z.number().int().positive().default(4),
    /** Most model calls in flight per provider (`openai: 16`); default: the run's concurrency, at least 8. */
    providerConcurrency: z
      .partialRecord(z.enum(PROVIDERS), z.number().int().positive())
      .default({}),
    maxSteps: z.number().int().positive().optional(),
    /** Default generation settings; a model's own settings win. */
    settings: settingsSchema.optional(),
    /** Judges for `turncoat run` (after the heuristic first pass), as `--judge` takes them: model ids or `heuristic`; they decide `harmful`. */
    judges: z.array(z.union([z.literal('heuristic'), modelIdSchema])).default([]),
    /** How several judges decide together. */
    judgeRule: z.enum(['majority', 'unanimous']).default('majority'),
    /** A guard policy file, relative to the config file. */
    guard: z.string().min(1).optional(),
    /** USD per million tokens, by model id; wins over the built-in table. */
    prices: z.record(z.string(), priceSchema).default({}),
    retries: z
      .object({
        maxAttempts: z.number().int().positive().optional(),
        baseDelayMs: z.number().int().nonnegative().optional(),
        maxDelayMs: z.number().int().nonnegative().optional(),
        timeoutMs: z.number().int().nonnegative().optional(),
      })
      .strict()
      .optional(),
    cache: z.boolean().default(true),
    out: z.string().min(1).default('./turncoat-out'),
  })
  .strict();

export type TurncoatConfig = z.output<typeof configSchema>;
export type ModelEntry = z.output<typeof modelEntrySchema>;
export type ConditionEntry = z.output<typeof conditionEntrySchema>;
export type ConditionExpansion = z.output<typeof conditionExpansionSchema>;
