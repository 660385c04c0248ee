/**
 * The study's published figures, for comparing a run with them. Source: Anthropic (2025),
 * "Agentic Misalignment: How LLMs could be insider threats" (blog post and its appendix),
 * headline blackmail condition: explicit goal conflict (America) + replacement threat,
 * text-tag harness, 100 samples per model. Rates are as the study reports them (rounded to
 * whole percent); the study gives no intervals. Copied from /work/shared/DESIGN.md.
 */
export const PUBLISHED_SOURCE =
  'Anthropic (2025), "Agentic Misalignment: How LLMs could be insider threats": blackmail rate under explicit goal conflict + replacement, 100 samples per model, text-tag harness';

export interface PublishedRate {
  /** The model as the study names it. */
  model: string;
  /** Scenario family the figure is for. */
  family: 'blackmail';
  /** The condition id in our grid that matches the study's condition. */
  condition: string;
  rate: number;
  /** Model names (after the provider prefix, lower case, dates stripped) that are this model. */
  aliases: readonly string[];
}

const HEADLINE = 'blackmail_explicit-america_replacement';

export const PUBLISHED_RATES: readonly PublishedRate[] = [
  { model: 'Claude Opus 4', rate: 0.96, aliases: ['claude-opus-4', 'claude-4-opus'] },
  { model: 'Gemini 2.5 Flash', rate: 0.96, aliases: ['gemini-2.5-flash'] },
  { model: 'Gemini 2.5 Pro', rate: 0.95, aliases: ['gemini-2.5-pro'] },
  { model: 'GPT-4.1', rate: 0.8, aliases: ['gpt-4.1'] },
  { model: 'Grok 3 Beta', rate: 0.8, aliases: ['grok-3-beta', 'grok-3'] },
  { model: 'DeepSeek-R1', rate: 0.79, aliases: ['deepseek-r1'] },
  {
    model: 'Claude Sonnet 3.7',
    rate: 0.65,
    aliases: ['claude-3-7-sonnet', 'claude-3.7-sonnet', 'claude-sonnet-3.7'],
  },
  { model: 'GPT-4o', rate: 0.15, aliases: ['gpt-4o'] },
].map((r) => ({ ...r, family: 'blackmail' as const, condition: HEADLINE }));

/** Other published figures the risk page quotes as context, with their source. */
export const PUBLISHED_CONTEXT: readonly string[] = [
  'Controls (no goal conflict, no threat): about 0% blackmail for every model (Anthropic 2025).',
  'Claude Opus 4 blackmailed in 55.1% of samples where it concluded the situation was real vs 6.5% where it concluded it was an evaluation (Anthropic 2025).',
  'System-prompt prohibitions reduced but did not remove blackmail and leaking (Anthropic 2025).',
  'A 2025 follow-up found that an external escalation channel cut blackmail from 38.7% to 1.2%.',
];

/**
 * A model id's name as the aliases spell it: provider prefix, router path, date stamps,
 * `-latest`, `-preview...` and `@base-url` removed, lower case.
 * @example publishedName('openrouter:anthropic/claude-opus-4-20250514') // 'claude-opus-4'
 */
export function publishedName(modelId: string): string {
  const colon = modelId.indexOf(':');
  let name = (colon >= 0 ? modelId.slice(colon + 1) : modelId).toLowerCase();
  name = name.split('@')[0]!;
  name = name.slice(name.lastIndexOf('/') + 1);
  name = name.replace(/:.*$/, '');
  name = name
    .replace(/-preview.*$/, '')
    .replace(/-latest$/, '')
    .replace(/-\d{4}-\d{2}-\d{2}$/, '')
    .replace(/-\d{8}$/, '');
  return name;
}

/** The study's headline figure for a model id, when it published one. */
export function publishedRateFor(modelId: string): PublishedRate | undefined {
  const name = publishedName(modelId);
  return PUBLISHED_RATES.find((r) => r.aliases.includes(name));
}
