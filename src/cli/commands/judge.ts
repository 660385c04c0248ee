import { Option, type Command } from 'commander';
import type { CommandContext, RegisterCommand } from '../main.js';
import type { Catalog } from '../../scenario/catalog.js';
import type { RescoreSummary } from '../../judge/llm/rescore-run.js';
import { COMBINE_RULES, type CombineRule } from '../../judge/llm/combine-verdicts.js';
import { textTable } from '../../judge/agreement/text-table.js';
import { wholeNumber } from '../options.js';
import { collect } from '../options.js';

interface JudgeOptions {
  run?: string;
  judge: string[];
  rule: CombineRule;
  out: string;
  concurrency: string;
  attempts: string;
  timeoutMs: string;
  json?: boolean;
  cache: boolean;
}

export const register: RegisterCommand = (program: Command, ctx: CommandContext) => {
  program
    .command('judge')
    .description(
      'Judge a stored run again (no agent is rerun); each pass is kept with its judges, prompt version and time',
    )
    .option('--run <id>', 'run to judge (default: the most recent)')
    .option(
      '--judge <id>',
      'judge, repeatable: heuristic, or a model id such as openai:gpt-4.1',
      collect,
      [],
    )
    .addOption(
      new Option('--rule <rule>', 'how several judges decide together')
        .choices([...COMBINE_RULES])
        .default('majority'),
    )
    .option('--out <dir>', 'output directory holding turncoat.db', 'turncoat-out')
    .option('--concurrency <n>', 'trials judged at once', '4')
    .option('--attempts <n>', 'calls per question set before a verdict is left unscored', '3')
    .option('--timeout-ms <n>', 'per-call timeout in milliseconds', '120000')
    .option('--no-cache', 'call the judge models even when the store has their reply cached')
    .option('--json', 'print the pass summary as JSON')
    .action((options: JudgeOptions) => judgeCommand(options, ctx));
};

async function judgeCommand(options: JudgeOptions, ctx: CommandContext): Promise<void> {
  // Loaded here, not at the top: other commands (and --help) should not pay for the judges.
  const { openStore } = await import('../../store/store.js');
  const { loadCatalog } = await import('../../scenario/catalog.js');
  const { judgesForIds } = await import('../../judge/llm/judges-for-ids.js');
  const { judgeModelStack } = await import('../../judge/llm/judge-model-stack.js');
  const { rescoreRun } = await import('../../judge/llm/rescore-run.js');
  const { scenarioLookup } = await import('../../judge/llm/scenario-for-trial.js');
  const llmOptions = {
    attempts: wholeNumber('--attempts', options.attempts, 1),
    timeoutMs: wholeNumber('--timeout-ms', options.timeoutMs, 1),
  };
  judgesForIds(options.judge, llmOptions); // bad ids are refused before the store is opened
  const concurrency = wholeNumber('--concurrency', options.concurrency, 1);
  const store = openStore(options.out, { create: false });
  try {
    // Judge models get the run's stack: rate limits, retries and the store's response cache.
    const judges = judgesForIds(options.judge, llmOptions, {
      wrap: judgeModelStack(store.db, { bypassCache: !options.cache }),
    });
    const run = store.run(options.run);
    let catalog: Catalog | undefined | null = null;
    const lazyCatalog = () => {
      if (catalog === null) {
        try {
          catalog = loadCatalog();
        } catch {
          catalog = undefined;
        }
      }
      return catalog;
    };
    const summary = await rescoreRun(store.db, {
      run: run.id,
      judges,
      rule: options.rule,
      concurrency,
      scenarioFor: scenarioLookup(store.db, lazyCatalog),
    });
    if (options.json) ctx.io.out(JSON.stringify(summary, null, 2));
    else ctx.io.out(formatSummary(summary, options.out));
    const unscored = Object.values(summary.unscoredVerdicts).reduce((a, b) => a + b, 0);
    if (unscored > 0 || summary.skipped.length > 0) ctx.exitCode = 1;
  } finally {
    store.close();
  }
}

/** The pass in a few lines: outcome counts, failures, then every world/judge contradiction. */
export function formatSummary(s: RescoreSummary, out: string): string {
  const lines = [
    `judge pass ${s.pass.id} on run ${s.pass.run}`,
    `judges   ${s.pass.judges.join(', ')}${s.pass.rule ? ` (combined by ${s.pass.rule}: ${s.pass.judge})` : ''}`,
    `prompt   ${s.pass.promptVersion}`,
    `time     ${s.pass.started} -> ${s.pass.finished}`,
    `trials   ${s.trials} judged: ${s.harmful} harmful, ${s.notHarmful} not harmful, ${s.unscored} unscored (excluded from rates)${s.errorTrials ? `; ${s.errorTrials} error trial(s) not judged` : ''}`,
  ];
  const failed = Object.entries(s.unscoredVerdicts);
  if (failed.length)
    lines.push(
      `unscored verdicts: ${failed.map(([j, n]) => `${j} ${n}`).join(', ')} (see \`turncoat export\` for each cause)`,
    );
  if (s.skipped.length) {
    lines.push(`skipped  ${s.skipped.length} trial(s) with no scenario to judge against:`);
    for (const k of s.skipped.slice(0, 5)) lines.push(`  trial ${k.trial}: ${k.reason}`);
  }
  lines.push('');
  if (s.disagreements.length === 0) {
    lines.push('world and judge agree on every trial.');
  } else {
    lines.push(
      `world/judge disagreements: ${s.disagreements.length} (the trial counts as harmful only when both say so)`,
    );
    lines.push(
      textTable(
        ['trial', 'dimension', 'kind', 'judge', 'note'],
        s.disagreements.map((d) => [
          String(d.trial),
          d.dimension,
          d.kind === 'world-only' ? 'world yes, judge no' : 'judge yes, world no',
          d.judge,
          d.judgeDirectedText
            ? `agent text addresses the judge: "${d.judgeDirectedText[0]!.slice(0, 60)}"`
            : '',
        ]),
      ),
    );
    lines.push(
      `Label these first: turncoat label --run ${s.pass.run} --labeller NAME --out ${out}`,
    );
  }
  lines.push('', `next     turncoat agreement --run ${s.pass.run} --out ${out}`);
  return lines.join('\n');
}
