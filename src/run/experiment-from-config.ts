import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import picomatch from 'picomatch';
import type { AgentModel } from '../agent/model.js';
import { resolveModel } from '../agent/resolve-model.js';
import { InputError } from '../errors.js';
import { expandConditions } from '../config/expand-conditions.js';
import { narrowConditions } from '../config/narrow-conditions.js';
import { modelConcurrency, providerOptionsFor, settingsNotes } from '../config/model-options.js';
import type { TurncoatConfig } from '../config/schema.js';
import type { CombineRule } from '../judge/llm/combine-verdicts.js';
import { catalogOf, loadCatalog, type Catalog } from '../scenario/catalog.js';
import { loadPack } from '../scenario/load-pack.js';
import { expandSuites } from '../scenario/suites.js';
import { defaultTrialDeps, governorDefaults } from './default-trial-deps.js';
import type { BatchSettings } from './batch/batched-model.js';
import type { Price } from './prices.js';
import type { RunPlan } from './plan.js';
import { ConcurrencyGovernor } from './rate-limiter.js';
import type { TrialDeps } from './trial-deps.js';

export interface ConfiguredExperiment {
  plan: RunPlan;
  samples: number;
  concurrency: number;
  outDir: string;
  deps: TrialDeps & { catalog: Catalog };
  /** Config sections `turncoat run` does not apply yet, to say so instead of ignoring them. */
  unapplied: string[];
  /** The config's price overrides (USD per million tokens). */
  prices: Record<string, Price>;
  /** What the quirks table changes in each model's settings, one line per change. */
  adjustments: string[];
}

/**
 * Turns a validated `turncoat.config.yaml` into a run: its packs, expanded conditions, models
 * with their provider options and concurrency caps, retries, cache, samples, seed, protocol.
 * Per-model settings and base URLs are part of the plan, so changing them starts a new run.
 *
 * Command-line flags come in as `overrides`: `models` and `suites` replace the config's
 * models and conditions; `scenarios` and `globs` narrow the config's conditions.
 */
export function experimentFromConfig(
  file: TurncoatConfig,
  overrides: {
    /** `--model`: these models instead of the config's; one the config lists keeps its entry. */
    models?: string[];
    /** `--suite`: the suites' conditions (and variants) instead of the config's conditions. */
    suites?: string[];
    /** `--scenario`: keep only the config's conditions of these scenarios. */
    scenarios?: string[];
    /** `--condition`: keep only the config's conditions matching one of these ids or globs. */
    globs?: string[];
    variants?: number[];
    bypassCache?: boolean;
    /** `--concurrency`: trials in flight, which also sets the default call caps. */
    concurrency?: number;
    /** `--judge` ids, replacing the config's `judges`. */
    judges?: string[];
    judgeRule?: CombineRule;
    dryRun?: boolean;
    /** `--batch`: each model's key env var and the retry budget come from the config. */
    batch?: BatchSettings;
  } = {},
): ConfiguredExperiment {
  const config = withModels(file, overrides.models);
  const catalog = config.scenarios
    ? catalogOf(packFiles(config.scenarios).map((pack) => loadPack(pack)))
    : loadCatalog();
  const suite = expandSuites(overrides.suites ?? [], catalog);
  const filter = { scenarios: overrides.scenarios ?? [], globs: overrides.globs ?? [] };
  const configured = suite
    ? suite.conditions
    : expandConditions(config.conditions, catalog.scenarios());
  const conditions =
    filter.scenarios.length + filter.globs.length > 0
      ? narrowConditions(configured, filter, catalog.scenarios())
      : configured;
  const entries = new Map(config.models.map((entry) => [entry.id, entry]));
  const resolve = (id: string): AgentModel => {
    const entry = entries.get(id);
    return resolveModel(id, entry ? providerOptionsFor(config, entry) : {});
  };
  const modelOptions: Record<string, unknown> = {};
  for (const entry of config.models) {
    const { settings, stream } = entry as { settings?: unknown; stream?: boolean };
    // Replicas serve the same model: the first names it, so adding one resumes the run.
    const urls = (entry as { baseURL?: string | string[] }).baseURL;
    const baseURL = Array.isArray(urls) ? urls[0] : urls;
    const options = { settings, baseURL, stream };
    if (Object.values(options).some((v) => v !== undefined)) modelOptions[entry.id] = options;
  }
  const plan: RunPlan = {
    models: [...entries.keys()],
    conditions,
    variants: overrides.variants ?? suite?.variants ?? [0],
    protocol: config.protocol,
    seed: config.seed,
    ...(config.maxSteps !== undefined ? { maxSteps: config.maxSteps } : {}),
    ...(config.settings ? { settings: config.settings } : {}),
    ...(Object.keys(modelOptions).length > 0 ? { modelOptions } : {}),
  };
  const deps = defaultTrialDeps({
    catalog,
    resolve,
    governor: new ConcurrencyGovernor({
      ...governorDefaults(overrides.concurrency ?? config.concurrency),
      models: modelConcurrency(config),
      providers: config.providerConcurrency,
    }),
    ...(config.retries ? { retry: config.retries } : {}),
    bypassCache: overrides.bypassCache ?? !config.cache,
    judges: overrides.judges ?? config.judges,
    judgeRule: overrides.judgeRule ?? config.judgeRule,
    ...(overrides.dryRun ? { dryRun: true } : {}),
    ...(overrides.batch
      ? {
          batch: {
            ...(config.retries?.maxAttempts ? { attempts: config.retries.maxAttempts } : {}),
            apiKeyEnv: (id: string) => (entries.get(id) as { apiKeyEnv?: string } | undefined)?.apiKeyEnv, // prettier-ignore
            ...overrides.batch,
          },
        }
      : {}),
  });
  // Every section is applied (`guard` by `turncoat run`, which wraps the deps).
  const unapplied: string[] = [];
  return {
    plan,
    samples: config.samples,
    concurrency: config.concurrency,
    outDir: config.out,
    deps,
    prices: config.prices,
    adjustments: settingsNotes(config),
    unapplied,
  };
}

/** The config with `--model` ids instead of its models; a model it lists keeps its entry. */
function withModels(config: TurncoatConfig, ids: readonly string[] | undefined): TurncoatConfig {
  if (!ids || ids.length === 0) return config;
  const entries = new Map(config.models.map((entry) => [entry.id, entry]));
  return { ...config, models: [...new Set(ids)].map((id) => entries.get(id) ?? { id }) };
}

/** Pack files named by paths or globs (already absolute); a glob matching nothing is bad input. */
export function packFiles(patterns: readonly string[]): string[] {
  const files = new Set<string>();
  for (const pattern of patterns) {
    const scan = picomatch.scan(pattern);
    if (!scan.isGlob) {
      files.add(resolve(pattern));
      continue;
    }
    const base = resolve(scan.base || dirname(pattern));
    if (!existsSync(base))
      throw new InputError(`no scenario pack matches '${pattern}': ${base} does not exist`);
    const isMatch = picomatch(resolve(pattern));
    let found = 0;
    for (const name of readdirSync(base, { recursive: true }) as string[]) {
      const file = join(base, name);
      if (isMatch(file) && statSync(file).isFile()) {
        files.add(file);
        found++;
      }
    }
    if (found === 0) throw new InputError(`no scenario pack matches '${pattern}'`);
  }
  return [...files].sort();
}
