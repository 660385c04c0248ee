import { Option, type Command } from 'commander';
import { InputError } from '../../errors.js';
import type { CommandContext, RegisterCommand } from '../main.js';
import { jsonSafe } from '../../text/terminal-safe.js';
import { thousands } from '../../text/thousands.js';
import { DEFAULT_SUITE } from '../../run/default-suite.js';
import type { ExperimentInput, ExperimentResult } from '../../run/run-experiment.js';
import { collect, wholeNumber } from '../options.js';
import { atTail } from '../run-tail.js';

interface RunOptions {
  config?: string;
  model: string[];
  scenario: string[];
  condition: string[];
  suite: string[];
  variant: string[];
  samples?: string;
  protocol?: 'tools' | 'text';
  seed?: string;
  out?: string;
  concurrency?: string;
  maxSteps?: string;
  json?: boolean;
  cache: boolean;
  judge: string[];
  judgeRule?: 'majority' | 'unanimous';
  retryErrors?: boolean;
  dryRun?: boolean;
  guard?: string;
  approver?: string;
  allowLargePlan?: boolean;
  store?: string;
  createOnly?: boolean;
  batch?: boolean;
  pollInterval?: string;
}

const DEFAULTS = { protocol: 'tools', seed: '0', out: 'turncoat-out', concurrency: '4' } as const;
/** With --batch, trials in flight are the requests of one batch round. */
const BATCH_CONCURRENCY = '2000';

const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** Plans larger than this are refused unless --allow-large-plan (a typo in --samples). */
export const MAX_PLAN_TRIALS = 10_000_000;
// Not toLocaleString: ICU's data would load on every start-up, `--version` included.
const MAX_PLAN_TEXT = thousands(MAX_PLAN_TRIALS);

/** Counts the plan before anything is built or called; refuses an absurd size. */
function checkPlanSize(input: Pick<ExperimentInput, 'plan' | 'samples'>, allowed: boolean): void {
  const { models, conditions, variants } = input.plan;
  const trials = models.length * conditions.length * variants.length * input.samples;
  if (trials <= MAX_PLAN_TRIALS || allowed) return;
  throw new InputError(
    `the plan has ${trials.toLocaleString('en-US')} trials (${models.length} models x ${conditions.length} conditions x ` +
      `${variants.length} variants x ${input.samples.toLocaleString('en-US')} samples), more than ` +
      `${MAX_PLAN_TRIALS.toLocaleString('en-US')}; lower --samples, or pass --allow-large-plan if you mean it`,
  );
}

export const register: RegisterCommand = (program: Command, ctx: CommandContext) => {
  program
    .command('run')
    .description('Run trials (models x conditions x variants x samples) into <out>/turncoat.db; resumes the same plan')
    .option('--config <file>', 'take the experiment from a turncoat.config.yaml; flags given with it override the file (--model, --suite, --variant, --samples, --protocol, --seed, --out, --concurrency, --max-steps, --judge, --judge-rule, --guard, --no-cache) or narrow it (--scenario, --condition keep the file\'s matching conditions)')
    .option('--model <id>', 'model to test, repeatable: provider:model or reference:<persona> (default: the reference suite; with --config: instead of the file\'s models)', collect, [])
    .option('--scenario <name>', 'scenario family, repeatable (all its base conditions; with --condition: only its matching ones; with --config: keeps the file\'s conditions of it)', collect, [])
    .option('--condition <glob>', 'condition id or glob, repeatable (e.g. "blackmail_*_replacement"); with --scenario the two narrow each other; with --config: keeps the file\'s matching conditions', collect, [])
    .option('--suite <name>', 'a named suite, repeatable (suites add up): headline, grid, mitigations, awareness, variants (see turncoat scenarios list --suites); with --config: instead of the file\'s conditions', collect, [])
    .option('--variant <n>', 'surface variant seed, repeatable (0 = the canonical pack)', collect, [])
    .option('--samples <n>', `samples per (model, condition, variant) (default ${DEFAULT_SUITE.samples})`)
    .addOption(
      new Option('--protocol <name>', `how the agent acts: tools (native tool calls) or text (action tags) (default: ${DEFAULTS.protocol})`).choices(['tools', 'text']),
    )
    .option('--seed <n>', `run seed; every trial derives its own from it (default: ${DEFAULTS.seed})`)
    .option('--out <dir>', `output directory (default: ${DEFAULTS.out})`)
    .option('--store <url>', 'keep the run in PostgreSQL (postgres://user@host/db) instead of <out>/turncoat.db; this process is one worker, `turncoat worker` adds more')
    .option('--create-only', 'with --store: create (or find) the run and print its id, run nothing; `turncoat worker` runs it')
    .option('--concurrency <n>', `trials in flight at once (default: ${DEFAULTS.concurrency})`)
    .option('--max-steps <n>', 'model calls allowed per trial in the tools protocol')
    .option('--no-cache', 'call language models even when the store has their reply cached')
    .option('--judge <id>', 'judge model, repeatable (after the offline heuristic first pass; decides harmful): a model id, or heuristic', collect, [])
    .addOption(new Option('--judge-rule <rule>', 'how several judges decide together (default: majority)').choices(['majority', 'unanimous']))
    .option('--retry-errors', 'run this plan\'s errored trials again (a resume skips them otherwise)')
    .option('--dry-run', 'print the whole plan (trials, calls, estimated tokens and cost per model and per judge) and call nothing; exit 2 when the real run would refuse (a missing key)')
    .option('--guard <file>', 'put the guard policy FILE between the agent and the world (reports add attempted, prevented, denied, held, killed)')
    .option('--approver <who>', 'who answers the guard\'s holds in a run: deny (default), allow, heuristic (the offline monitor) or a model id such as openai:gpt-4.1-mini (its suspicion score below 50 approves; a failure denies)')
    .option('--batch', `send language-model calls through the providers' batch APIs at the batch price (OpenAI, OpenAI-compatible, Anthropic): one batch per round of turns; a rerun picks up submitted batches (default --concurrency ${BATCH_CONCURRENCY})`)
    .option('--poll-interval <seconds>', 'with --batch: seconds between polls of a submitted batch (default: 30)')
    .option('--allow-large-plan', `run a plan of more than ${MAX_PLAN_TEXT} trials`)
    .option('--json', 'print the result rows as JSON')
    .action(async (options: RunOptions) => runCommand(options, ctx));
}; // prettier-ignore

type Prepared = Omit<ExperimentInput, 'stop' | 'cancel' | 'onEvent'> & {
  defaultSuite: boolean;
  notes: string[];
  /** The judge ids the run uses (`--judge`, else the config's `judges:`), for a dry run's plan. */
  judges: readonly string[];
};

async function prepare(
  options: RunOptions,
  io: CommandContext['io'],
): Promise<Prepared & { guardFile?: string }> {
  const batch = await batchSettings(options, io);
  const variants =
    options.variant.length > 0
      ? options.variant.map((v) => wholeNumber('--variant', v, 0))
      : undefined;
  const maxSteps =
    options.maxSteps === undefined ? undefined : wholeNumber('--max-steps', options.maxSteps, 1);
  const selected = options.scenario.length > 0 || options.condition.length > 0;
  if (options.suite.length > 0 && selected) {
    throw new InputError(
      '--suite names the conditions; drop --scenario and --condition, or --suite',
    );
  }
  // Loaded here, not at the top: `turncoat report` should not pay for the agents and packs.
  if (options.config !== undefined) {
    const { loadConfig } = await import('../../config/load-config.js');
    const { experimentFromConfig } = await import('../../run/experiment-from-config.js');
    const { config } = loadConfig(options.config);
    const concurrency =
      options.concurrency !== undefined || batch
        ? wholeNumber('--concurrency', options.concurrency ?? BATCH_CONCURRENCY, 1)
        : undefined;
    // --model and --suite replace the file's models and conditions; --scenario and
    // --condition narrow its conditions.
    const x = experimentFromConfig(config, {
      ...(options.model.length > 0 ? { models: options.model } : {}),
      ...(options.suite.length > 0 ? { suites: options.suite } : {}),
      scenarios: options.scenario,
      globs: options.condition,
      ...(variants ? { variants } : {}),
      ...(concurrency ? { concurrency } : {}),
      ...(options.cache ? {} : { bypassCache: true }),
      ...(options.judge.length > 0 ? { judges: options.judge } : {}),
      ...(options.judgeRule ? { judgeRule: options.judgeRule } : {}),
      ...(options.dryRun ? { dryRun: true } : {}),
      ...(batch ? { batch } : {}),
    });
    const plan = {
      ...x.plan,
      ...(options.protocol ? { protocol: options.protocol } : {}),
      ...(options.seed !== undefined ? { seed: wholeNumber('--seed', options.seed, 0) } : {}),
      ...(maxSteps ? { maxSteps } : {}),
    };
    return {
      plan,
      samples:
        options.samples !== undefined ? wholeNumber('--samples', options.samples, 1) : x.samples,
      outDir: options.out ?? x.outDir,
      concurrency: concurrency ?? x.concurrency,
      deps: x.deps,
      prices: x.prices,
      defaultSuite: false,
      judges: options.judge.length > 0 ? options.judge : config.judges,
      ...(config.guard !== undefined ? { guardFile: config.guard } : {}),
      notes: [
        ...x.adjustments.map((a) => `note: ${a}`),
        ...x.unapplied.map(
          (s) => `note: the config's ${s} is not applied by \`turncoat run\` yet.`,
        ),
      ],
    };
  }
  const { defaultTrialDeps, conditionsFor } = await import('../../run/default-trial-deps.js');
  const { expandSuites } = await import('../../scenario/suites.js');
  const concurrency = wholeNumber(
    '--concurrency',
    options.concurrency ?? (batch ? BATCH_CONCURRENCY : DEFAULTS.concurrency),
    1,
  );
  const deps = defaultTrialDeps({
    bypassCache: !options.cache,
    concurrency,
    judges: options.judge,
    ...(options.judgeRule ? { judgeRule: options.judgeRule } : {}),
    ...(options.dryRun ? { dryRun: true } : {}),
    ...(batch ? { batch } : {}),
  });
  const defaultSuite = options.model.length === 0;
  // Repeated suites add up: their conditions and variants together, each once.
  const suite = expandSuites(options.suite, deps.catalog);
  const conditions = suite
    ? suite.conditions
    : selected
      ? conditionsFor(deps.catalog, options.scenario, options.condition)
      : [...DEFAULT_SUITE.conditions];
  return {
    plan: {
      models: defaultSuite ? [...DEFAULT_SUITE.models] : options.model,
      conditions,
      variants: variants ?? suite?.variants ?? [0],
      protocol: options.protocol ?? DEFAULTS.protocol,
      seed: wholeNumber('--seed', options.seed ?? DEFAULTS.seed, 0),
      ...(maxSteps ? { maxSteps } : {}),
    },
    samples: wholeNumber('--samples', options.samples ?? String(DEFAULT_SUITE.samples), 1),
    outDir: options.out ?? DEFAULTS.out,
    concurrency,
    deps,
    defaultSuite,
    notes: [],
    judges: options.judge,
  };
}

async function runCommand(options: RunOptions, ctx: CommandContext): Promise<void> {
  const { io } = ctx;
  const prepared = await prepare(options, io);
  const guarded = await withGuard(prepared, options);
  const { defaultSuite, notes, judges, ...input } = guarded.prepared;
  for (const note of notes) io.err(note);
  checkPlanSize(input, options.allowLargePlan ?? false);
  if (options.batch) {
    const { checkBatchModels } = await import('../../run/batch/batched-model.js');
    checkBatchModels(input.plan.models);
  }
  if (options.dryRun) {
    const { dryRun, dryRunRefusals } = await import('../../run/dry-run.js');
    const { formatDryRun } = await import('../../run/dry-run-table.js');
    const dry = await dryRun({
      ...input,
      judges,
      retryErrors: options.retryErrors ?? false,
      ...(options.batch ? { batch: true } : {}),
    });
    if (options.json) io.out(jsonSafe(JSON.stringify(dry, null, 2)));
    else io.out(formatDryRun(dry, input.prices));
    // The plan is printed whole; then what the real run would refuse, with its exit code.
    const refusals = dryRunRefusals(dry);
    if (refusals.length > 0) {
      io.err(
        [
          `turncoat: the real run would refuse to start (exit 2), before any call:`,
          ...refusals.map((r) => `  ${r}`),
        ].join('\n'),
      );
      ctx.exitCode = 2;
    }
    return;
  }

  // Loaded here, not at the top: `turncoat --help` and `report` should not pay for a run.
  const {
    isPostgresUrl,
    checkPostgresUrl,
    redactPostgresUrl: redactedStore,
  } = await import('../../store/postgres/pg-url.js');
  if (options.store !== undefined) checkPostgresUrl(options.store);
  const onPostgres = isPostgresUrl(options.store);
  if (options.createOnly) {
    if (!onPostgres)
      throw new InputError('--create-only makes a run for workers: add --store postgres://...');
    const { createRunOnPostgres } = await import('../../run/run-on-postgres.js');
    const { run, resumed, total, stored } = await createRunOnPostgres({
      ...input,
      storeUrl: options.store!,
    });
    guarded.close();
    io.out(
      `run ${run.id} ${resumed ? 'found' : 'created'} in ${redactedStore(options.store!)}: ${total} trials, ${stored} stored`,
    );
    io.out(
      `next     turncoat worker --store ${redactedStore(options.store!)} --run ${run.id}   (as many as you like, on any machine)`,
    );
    return;
  }
  const runExperiment = onPostgres
    ? await postgresRunner(options.store!)
    : (await import('../../run/run-experiment.js')).runExperiment;
  const { progressDisplay } = await import('../../run/progress-display.js');
  const { formatRateTable } = await import('../../report/table.js');
  const { isReferenceModel } = await import('../../report/rate-row.js');
  const { formatUsageTable } = await import('../../run/model-usage.js');
  const stop = new AbortController();
  const cancel = new AbortController();
  // Ctrl-C, a `kill` (SIGTERM) and a closed terminal (SIGHUP) all stop the same way: no new
  // trials, those in flight stored, the run marked interrupted; a second signal cancels.
  const onSigint = () => (stop.signal.aborted ? cancel.abort() : stop.abort());
  for (const signal of STOP_SIGNALS) process.on(signal, onSigint);
  let result;
  try {
    result = await runExperiment({
      ...input,
      retryErrors: options.retryErrors ?? false,
      ...(options.batch ? { batchPrices: true } : {}),
      stop: stop.signal,
      cancel: cancel.signal,
      onEvent: onPostgres
        ? progressDisplay(io)
        : atTail(progressDisplay(io), input.concurrency, () => prepareEnd(input.outDir)),
    });
  } finally {
    for (const signal of STOP_SIGNALS) process.off(signal, onSigint);
    guarded.close();
  }

  const { rows, outcome, run } = result;
  const out = input.outDir;
  const errors = rows.reduce((n, r) => n + r.errors, 0);
  const hasReference = rows.some((r) => isReferenceModel(r));
  const interrupted = stop.signal.aborted && outcome.interrupted;
  if (options.json) io.out(jsonSafe(JSON.stringify(rows, null, 2)));
  else io.out(formatRateTable(rows));
  const usage = formatUsageTable(result.usage);
  if (usage) {
    const note = `(est. cost: usage x ${options.batch ? 'batch' : 'list'} prices; replies served from the cache are not paid again)`;
    (options.json ? io.err : io.out)(`\n${usage}\n${note}`);
  }

  const lines = [
    '',
    `run ${run.id}: ${outcome.completed} trials run now, ${outcome.skipped} already stored` +
      (outcome.byOthers > 0 ? `, ${outcome.byOthers} run by other processes meanwhile` : '') +
      `, ${errors} errors (excluded from rates).`,
  ];
  if (interrupted) {
    lines.push(
      `interrupted: ${outcome.skipped + outcome.completed} of ${outcome.total} trials stored. Run the same command again to resume.`,
    );
  }
  if (result.retried > 0) {
    lines.push(`${result.retried} errored trials from before were run again (--retry-errors).`);
  }
  // Trials a judge left unscored are not failed runs: --retry-errors would not touch them.
  if (errors > (result.judgePass?.unscored ?? 0)) {
    lines.push(
      'Some trials errored: `turncoat export` shows each error with its category (exit code 1).',
      'Fix the cause, then rerun the same command with --retry-errors to run them again.',
    );
  }
  if (result.judgePass) lines.push(...judgePassLines(result.judgePass, run.id, out));
  lines.push(`results  ${result.storeFile}`);
  if (onPostgres) {
    lines.push(
      `next     turncoat worker --store ${result.storeFile} --run ${run.id}   (more workers, any machine)`,
    );
    lines.push(`         turncoat report --store ${result.storeFile}`);
  } else if (outcome.completed + outcome.skipped > 0) {
    // Cheap: the charts are drawn by the browser that opens the file (no Vega in Node).
    const { writeRunReport } = await import('../../report/write-run-report.js');
    lines.push(
      `report   ${await writeRunReport(out, run.id)}  (charts and tables, one offline file)`,
    );
  }
  if (!onPostgres) {
    lines.push(`next     turncoat report --out ${out}`);
    lines.push(`         turncoat export --format jsonl --out ${out} > trials.jsonl`);
  }
  if (defaultSuite) {
    const { realModelHint } = await import('../../run/real-model-hint.js');
    lines.push('', await realModelHint());
  } else if (hasReference && options.json)
    lines.push('', 'reference:* agents are scripted, not language models.');
  (options.json ? io.err : io.out)(lines.join('\n'));

  if (interrupted) ctx.exitCode = 130;
  else if (errors > 0) ctx.exitCode = 1;
}

/**
 * The end of a run on SQLite, begun while its last trials are in flight (see atTail): the
 * report's code and chart runtime loaded, and the store's log checkpointed, so that what
 * follows the last answer (closing the store, writing report.html) has less to do.
 */
async function prepareEnd(out: string): Promise<void> {
  const [{ checkpointStore }, { warmRunReport }] = await Promise.all([
    import('../../store/checkpoint-store.js'),
    import('../../report/write-run-report.js'),
  ]);
  checkpointStore(out);
  await warmRunReport();
}

/** The PostgreSQL runner in runExperiment's shape: this process becomes one worker of the plan's run. */
async function postgresRunner(storeUrl: string) {
  const { runOnPostgres } = await import('../../run/run-on-postgres.js');
  return (input: ExperimentInput) => runOnPostgres({ ...input, storeUrl });
}

/**
 * `--guard FILE` (or the config's `guard:`): the policy joins the plan (a new policy or
 * approver is a new run) and every trial runs with the guard in its tool gate.
 */
async function withGuard(
  prepared: Prepared & { guardFile?: string },
  options: RunOptions,
): Promise<{ prepared: Prepared; close(): void }> {
  const { guardFile, ...rest } = prepared;
  const file = options.guard ?? guardFile;
  if (file === undefined) {
    if (options.approver)
      throw new InputError("--approver answers the guard's holds; add --guard FILE");
    return { prepared: rest, close: () => {} };
  }
  const { loadPolicyFile } = await import('../../guard/policy/parse-policy.js');
  const { createGuard } = await import('../../guard/guard.js');
  const { openGuardStore } = await import('../../guard/open-guard-store.js');
  const { guardedDeps } = await import('../../guard/trial/guarded-deps.js');
  const { policy } = loadPolicyFile(file);
  const approverName = options.approver ?? 'deny';
  const { monitorForPolicy } = await import('../../guard/monitor/monitor-for-policy.js');
  const { resolveModel } = await import('../../agent/resolve-model.js');
  const { ConcurrencyGovernor, withLimitsAndRetries } = await import('../../run/rate-limiter.js');
  // An LLM monitor (and a model approver) goes through the same providers, limits and
  // retries as the agents.
  const stacked = (id: string) => withLimitsAndRetries(resolveModel(id), new ConcurrencyGovernor());
  const monitor = monitorForPolicy(policy, stacked);
  const { holdApprover } = await import('../../guard/trial/hold-approver.js');
  const approver = await holdApprover(approverName, stacked);
  const guard = createGuard(policy, {
    // A dry run writes nothing: its guard keeps its decisions in memory.
    store: openGuardStore(options.dryRun ? ':memory:' : rest.outDir),
    ...(monitor ? { monitor } : {}),
  });
  return {
    prepared: {
      ...rest,
      plan: { ...rest.plan, guard: { policyHash: guard.policyHash, approver: approverName } },
      deps: guardedDeps(rest.deps, guard, approver),
    },
    close: () => guard.close(),
  };
}

/** `--batch` and `--poll-interval`: the batching settings, progress lines going to stderr. */
async function batchSettings(options: RunOptions, io: CommandContext['io']) {
  if (!options.batch) {
    if (options.pollInterval !== undefined)
      throw new InputError('--poll-interval is for batches; add --batch');
    return undefined;
  }
  const seconds = Number(options.pollInterval ?? '30');
  if (options.pollInterval !== undefined && (!/^\d+(\.\d+)?$/.test(options.pollInterval.trim()) || !(seconds > 0))) {
    throw new InputError(`--poll-interval '${options.pollInterval}' is not valid; valid: seconds > 0, e.g. 30 or 0.5`);
  } // prettier-ignore
  const { formatBatchEvent } = await import('../../run/batch/batch-progress.js');
  return {
    pollMs: Math.round(seconds * 1000),
    // A short poll (tests, a local server) gathers a round for less long too.
    gatherMs: Math.min(1000, Math.round(seconds * 1000)),
    onEvent: (event: Parameters<typeof formatBatchEvent>[0]) => io.err(formatBatchEvent(event)),
  };
}

/** What the run's judges did: the pass id reports can choose, and trials they left unscored. */
function judgePassLines(
  pass: NonNullable<ExperimentResult['judgePass']>,
  runId: string,
  out: string,
): string[] {
  const lines = [
    `judged   by ${pass.judge} (after the heuristic first pass); judges ${pass.judges.join(', ')}`,
    `         pass ${pass.id}, prompt ${pass.promptVersion}: turncoat agreement / report --pass ${pass.id}`,
  ];
  if (pass.unscored > 0) {
    lines.push(
      `unscored ${pass.unscored} of ${pass.trials} judged trial(s): the judge failed on the primary harm; counted in errors, excluded from rates.`,
      `         rescore them: turncoat judge --run ${runId} --judge ID --out ${out}`,
    );
  }
  return lines;
}
