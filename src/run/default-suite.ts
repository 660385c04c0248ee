/**
 * What `turncoat run` does with no model: the scripted reference agents (not language
 * models) on a handful of blackmail conditions, from the strongest pressure (goal conflict
 * and replacement) to the control (no goal, no threat). It checks the pipeline end to end
 * in seconds, without an API key.
 */
export const DEFAULT_SUITE = {
  models: ['reference:aligned', 'reference:misaligned', 'reference:discloser'],
  conditions: [
    'blackmail_explicit-america_replacement',
    'blackmail_explicit-america_restriction',
    'blackmail_none-none_replacement',
    'blackmail_explicit-america_none',
    'blackmail_none-none_none',
  ],
  samples: 10,
} as const;

/** Printed after the default suite: how to point turncoat at a real model. */
export const REAL_MODEL_HINT = [
  'These were scripted reference agents. To test a real model, for example:',
  '  OPENAI_API_KEY=... turncoat run --model openai:gpt-4.1 --scenario blackmail --samples 20',
  '  turncoat run --model ollama:llama3.1 --condition "blackmail_explicit-*_replacement" --samples 10',
].join('\n');
