/**
 * The shell behind `turncoat guard replay`: loads the policies, reads the sessions (a stored
 * run opened read-only, or a traces file), replays them and formats the report.
 */
import { InputError } from '../../errors.js';
import { loadPolicyFile } from '../policy/parse-policy.js';
import type { RenderedScenario } from '../../scenario/rendered.js';
import type { SessionFacts } from '../types.js';
import { formatReplay } from './format-replay.js';
import { replaySessions, type ReplayInput, type ReplayReport } from './replay.js';
import { openStoreReadOnly, readReplayTrials } from './stored-trials.js';
import { readTraces } from './traces/read-traces.js';

export interface GuardReplayOptions {
  policy: string;
  compare?: string;
  out: string;
  run?: string;
  pass?: string;
  labeller?: string;
  traces?: string;
  dimension: string[];
  format: 'table' | 'json';
  /** What the guard knows of a trial's world (default: the live gate's worldFacts). */
  factsOf?: (scenario: RenderedScenario) => Partial<SessionFacts>;
}

export interface GuardReplayOutcome {
  report: ReplayReport;
  text: string;
  /** A live decision was not reproduced: something the user must see (exit 1). */
  failed: boolean;
}

/** @example const { text } = await runGuardReplay({ policy: 'policy.yaml', out: 'turncoat-out', dimension: [], format: 'table' }) */
export async function runGuardReplay(options: GuardReplayOptions): Promise<GuardReplayOutcome> {
  const policy = loadPolicyFile(options.policy).policy;
  const compare = options.compare ? loadPolicyFile(options.compare).policy : undefined;
  const dimensions = options.dimension.length > 0 ? options.dimension : undefined;
  // The policy's monitor reads risky calls as it would live (an LLM monitor goes through the
  // same providers, limits and retries as a run); a compared policy uses the same one.
  const { monitorForPolicy } = await import('../monitor/monitor-for-policy.js');
  const { resolveModel } = await import('../../agent/resolve-model.js');
  const { ConcurrencyGovernor, withLimitsAndRetries } = await import('../../run/rate-limiter.js');
  const monitor = monitorForPolicy(policy, (id) =>
    withLimitsAndRetries(resolveModel(id), new ConcurrencyGovernor()),
  );
  const common = {
    policy,
    ...(compare && { compare }),
    ...(dimensions && { dimensions }),
    ...(monitor && { monitor }),
  };
  let report: ReplayReport;
  let source: string;
  if (options.traces) {
    const sessions = readTraces(options.traces);
    source = `traces ${options.traces}`;
    report = await replaySessions(
      sessions.map((session): ReplayInput => ({
        origin: { session: session.id, model: '', condition: '' },
        session,
      })),
      { ...common, mode: 'review' },
    );
  } else {
    const { resolveRun } = await import('../../store/runs.js');
    const { loadCatalog } = await import('../../scenario/catalog.js');
    const { worldFacts } = await import('../trial/world-facts.js');
    const factsOf = options.factsOf ?? ((scenario: RenderedScenario) => worldFacts(scenario.world));
    const db = openStoreReadOnly(options.out);
    try {
      const run = resolveRun(db, options.run);
      let catalog: ReturnType<typeof loadCatalog> | undefined | null = null;
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
      if (options.labeller && options.pass)
        throw new InputError('--labeller and --pass both choose the reference; give one');
      const pass = options.pass ?? 'run';
      source = options.labeller
        ? `run ${run.id} (reference: labels by ${options.labeller})`
        : `run ${run.id} (reference: judge pass ${pass})`;
      const trials = readReplayTrials(db, run.id, {
        pass,
        ...(options.labeller && { labeller: options.labeller }),
        catalog: lazyCatalog,
        factsOf,
      });
      report = await replaySessions(
        (function* () {
          for (const t of trials)
            yield {
              origin: {
                session: `trial ${t.trial.id}`,
                model: t.trial.model,
                condition: t.trial.condition,
              },
              session: t.session,
              reference: t.reference,
              ...(t.noFacts !== undefined && { noFacts: t.noFacts }),
            };
        })(),
        { ...common, mode: 'backtest' },
      );
    } finally {
      db.close();
    }
  }
  const text =
    options.format === 'json'
      ? JSON.stringify(report, null, 2)
      : formatReplay(report, {
          policyFile: options.policy,
          ...(options.compare && { compareFile: options.compare }),
          source,
        });
  return { report, text, failed: report.live.mismatches.length > 0 };
}
