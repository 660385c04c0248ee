import { formatTable } from '../report/text-table.js';
import {
  ASSUMED_OUTPUT_TOKENS_PER_CALL,
  PRICES_AS_OF,
  priceLabel,
  type DryRunPlan,
} from './dry-run.js';
import {
  ASSUMED_JUDGE_OUTPUT_TOKENS_PER_DIMENSION,
  JUDGE_CALLS_PER_TRIAL,
  type DryRunJudge,
} from './dry-run-judges.js';
import { count, usd } from './model-usage.js';
import type { Price } from './prices.js';

/** What `turncoat run --dry-run` prints: the plan per model, every figure marked as an estimate. */
export function formatDryRun(dry: DryRunPlan, prices?: Readonly<Record<string, Price>>): string {
  const toRun = dry.total - dry.stored;
  const head = ['model', 'trials', 'to run', 'calls', '~input tokens', '~output tokens', dry.batch ? 'batch price in/out per 1M' : 'price in/out per 1M', '~cost']; // prettier-ignore
  const body = dry.models.map((m) => {
    const scripted = m.kind === 'reference';
    return [
      scripted ? `${m.model}*` : m.model,
      count(m.trials),
      count(m.trials - m.stored),
      scripted ? '-' : count(m.calls),
      scripted ? '-' : count(m.inputTokens),
      scripted ? '-' : count(m.outputTokens),
      priceLabel(m.model, prices, dry.batch),
      scripted ? '-' : m.costUsd === null ? 'unknown' : usd(m.costUsd),
    ];
  });
  const language = dry.models.filter((m) => m.kind === 'language-model');
  if (language.length > 1) {
    const known = language.filter((m) => m.costUsd !== null);
    body.push([
      'total',
      count(dry.total),
      count(toRun),
      count(language.reduce((n, m) => n + m.calls, 0)),
      count(language.reduce((n, m) => n + m.inputTokens, 0)),
      count(language.reduce((n, m) => n + m.outputTokens, 0)),
      '',
      known.length === 0 ? 'unknown' : usd(known.reduce((n, m) => n + (m.costUsd ?? 0), 0)) + (known.length < language.length ? ' + unknown' : ''), // prettier-ignore
    ]);
  }
  const lines = [
    `dry run: nothing was called. run ${dry.runId}: ${count(dry.total)} trials, ${count(dry.stored)} already stored, ${count(toRun)} to run`,
    '',
    formatTable(head, body, ['left', 'right', 'right', 'right', 'right', 'right', 'left', 'right']),
    '',
    ...judgeLines(dry, prices),
    'All figures after "trials" are estimates. calls and ~input tokens: each condition walked once by a',
    'scripted agent (characters / 4, expect +-25%; a model that takes more steps sends more);',
    `~output tokens: ${ASSUMED_OUTPUT_TOKENS_PER_CALL} per call assumed (capped by maxTokens); reasoning models write more.`,
    dry.batch
      ? `Prices: batch prices (--batch: half the built-in list prices as of ${PRICES_AS_OF}, or of prices: in the config).`
      : `Prices: built-in list prices as of ${PRICES_AS_OF} unless overridden under prices: in the config.`,
    'Replies already in the response cache cost nothing again; this estimate does not subtract them.',
  ];
  if (dry.models.some((m) => m.kind === 'reference')) {
    lines.push('* scripted reference agents: no model calls, no cost.');
  }
  return lines.join('\n');
}

/** The judges' table, the cost of agents and judges together, and how judge figures are made. */
function judgeLines(dry: DryRunPlan, prices?: Readonly<Record<string, Price>>): string[] {
  if (dry.judges.length === 0) return [];
  const head = ['judge', 'trials to judge', 'calls', '~input tokens', '~output tokens', 'price in/out per 1M', '~cost']; // prettier-ignore
  const offline = (j: DryRunJudge) => j.kind === 'heuristic';
  const body = dry.judges.map((j) => [
    j.judge,
    count(j.trials),
    offline(j) ? '-' : count(j.calls),
    offline(j) ? '-' : count(j.inputTokens),
    offline(j) ? '-' : count(j.outputTokens),
    offline(j) ? 'offline, no calls' : priceLabel(j.judge, prices),
    offline(j) ? 'free' : j.costUsd === null ? 'unknown' : usd(j.costUsd),
  ]);
  const costs = [
    ...dry.models.filter((m) => m.kind === 'language-model').map((m) => m.costUsd),
    ...dry.judges.map((j) => j.costUsd),
  ];
  const known = costs.filter((c): c is number => c !== null);
  const total =
    known.length === 0 && costs.length > 0
      ? 'unknown'
      : usd(known.reduce((n, c) => n + c, 0)) + (known.length < costs.length ? ' + unknown' : '');
  return [
    formatTable(head, body, ['left', 'right', 'right', 'right', 'right', 'left', 'right']),
    '',
    `~cost of agents and judges together: ${total}`,
    `Judges: the offline heuristic first pass judges every trial for free; each model judge makes ${JUDGE_CALLS_PER_TRIAL} calls`,
    'per trial still to run (one per rubric family, retries not counted); ~input tokens: its prompts built on',
    `the walked transcripts plus the agents' estimated output; ~output tokens: ${ASSUMED_JUDGE_OUTPUT_TOKENS_PER_DIMENSION} per rated dimension assumed.`,
    '',
  ];
}
