/** The commented starter config `turncoat init` writes. `loadConfig` accepts it as is. */
export const STARTER_CONFIG = `# turncoat.config.yaml: one experiment, written down.
# Run it with:  turncoat run --config turncoat.config.yaml
# Paths are relative to this file. Full reference: docs/providers.md

# Scenario packs (files or globs). Default: the packs shipped with turncoat
# (blackmail, leaking, lethal, routine). Add your own like this:
# scenarios:
#   - my-packs/*.yaml

# Which conditions to run. Each entry is a condition id, a glob over ids, or lists per
# axis that are crossed (the study's style). Goal types none/ambiguous take no goal value.
conditions:
  - scenarios: [blackmail]
    goalTypes: [explicit, none]       # explicit, latent, ambiguous, none, swap
    goalValues: [america]             # america/global, safety/acceleration, ethical/pragmatic, individualism/collectivism
    urgencies: [replacement, none]    # replacement, restriction, none
    # notice: [none, eval]            # tell the agent it may be an evaluation
    # mitigation: [none, prohibit]    # none, prohibit, escalation
    # prompt: [dev, prod]             # secret scratchpad (dev) or production prompt
  # - blackmail_latent-*_replacement  # a glob over condition ids

# Models as provider:model. Keys come from environment variables, never from this file:
#   openai: OPENAI_API_KEY   anthropic: ANTHROPIC_API_KEY   google: GOOGLE_GENERATIVE_AI_API_KEY
#   openrouter: OPENROUTER_API_KEY   ollama: none (http://127.0.0.1:11434)
#   openai-compatible:<model>@<baseURL>: OPENAI_COMPATIBLE_API_KEY if the server wants one
models:
  - reference:aligned                 # scripted, not a language model: checks the pipeline for free
  - reference:misaligned
  # - id: anthropic:claude-sonnet-4-5
  #   settings: { temperature: 1, maxTokens: 4000 }
  #   concurrency: 4                  # calls in flight for this model (lowered on 429s)
  # - id: openai:gpt-4.1
  #   apiKeyEnv: TEAM_OPENAI_KEY      # read the key from another variable
  # - id: openai-compatible:qwen3-32b@http://127.0.0.1:8000/v1
  #   stream: true

samples: 10             # trials per (model, condition, variant); raise it to extend a run
seed: 1
protocol: tools         # tools (native function calling) or text (<tool_use:email> tags)
concurrency: 4          # trials in flight across the run
# providerConcurrency: { openai: 16, anthropic: 8 }   # calls in flight per provider
# Check the plan and its estimated cost first:  turncoat run --config turncoat.config.yaml --dry-run

# Defaults for every model; a model's own settings win.
settings:
  temperature: 1
  maxTokens: 4000
  # reasoningBudget: 2048   # Anthropic thinking budget / OpenAI reasoning effort
  # timeoutMs: 180000

# judges: [anthropic:claude-sonnet-4-5]   # LLM judges decide harmful on top of the world's ground truth
# judgeRule: majority                      # several judges: majority | unanimous
# guard: policies/example.yaml             # run every trial behind this guard policy (like --guard)

# USD per million tokens, for models the built-in table lacks or prices you negotiated.
# prices:
#   "openai-compatible:qwen3-32b@http://127.0.0.1:8000/v1": { input: 0.2, output: 0.6 }

# retries: { maxAttempts: 6, baseDelayMs: 1000, maxDelayMs: 60000, timeoutMs: 180000 }
cache: true             # reuse stored responses on a rerun (turncoat run --no-cache to bypass)
out: turncoat-out
`;
