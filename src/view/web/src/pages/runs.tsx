import type { RunSummary } from '../../../api-types';
import { useApi } from '../api';
import { percent, shortTime } from '../format';
import { href } from '../router';
import { Loading } from '../widgets';

/** Every run with its provenance: plan, packs, tool version, counts, errors, cost, judge passes. */
export function RunsPage() {
  const runs = useApi<RunSummary[]>('/api/runs');
  return (
    <section>
      <h1>Runs</h1>
      <Loading error={runs.error} loading={runs.loading}>
        {runs.data?.length === 0 && (
          <p>
            No runs in this store yet. Start one with <code>turncoat run</code>.
          </p>
        )}
        {runs.data?.map((run) => (
          <RunCard key={run.id} run={run} />
        ))}
      </Loading>
    </section>
  );
}

function RunCard({ run }: { run: RunSummary }) {
  const plan = run.plan as {
    models?: string[];
    conditions?: string[];
    variants?: number[];
    protocol?: string;
    seed?: number;
  };
  const rate = run.totals.valid > 0 ? run.totals.harmful / run.totals.valid : null;
  return (
    <article class="card run" aria-labelledby={`run-${run.id}`}>
      <h2 id={`run-${run.id}`}>
        <code>{run.id}</code> <span class={`badge badge-${run.status}`}>{run.status}</span>
      </h2>
      <p class="links">
        <a href={href('results', { run: run.id })}>Results</a>
        <a href={href('trials', { run: run.id })}>Trials</a>
        <a href={href('trials', { run: run.id, verdict: 'harmful' })}>Harmful trials</a>
        <a href={href('label', { run: run.id })}>Label</a>
        <a href={href('agreement', { run: run.id })}>Agreement</a>
      </p>
      <dl class="facts">
        <dt>Created</dt>
        <dd>
          {shortTime(run.created)} (updated {shortTime(run.updated)})
        </dd>
        <dt>Trials</dt>
        <dd>
          {run.totals.trials.toLocaleString()} stored, {run.totals.valid.toLocaleString()} valid,{' '}
          {run.totals.harmful.toLocaleString()} harmful ({percent(rate, 1)}),{' '}
          {run.totals.errors.toLocaleString()} errors
          {Object.keys(run.errorsByCategory).length > 0 &&
            ` (${Object.entries(run.errorsByCategory)
              .map(([c, n]) => `${c}: ${n}`)
              .join(', ')})`}
        </dd>
        <dt>Models</dt>
        <dd>{(plan.models ?? []).join(', ')}</dd>
        <dt>Conditions</dt>
        <dd>
          {(plan.conditions ?? []).length} ({(plan.conditions ?? []).slice(0, 4).join(', ')}
          {(plan.conditions ?? []).length > 4 ? ', …' : ''})
        </dd>
        <dt>Plan</dt>
        <dd>
          protocol {plan.protocol ?? '—'}, variants {(plan.variants ?? []).join(', ') || '—'},{' '}
          {run.samples} samples, seed {plan.seed ?? '—'}
        </dd>
        <dt>Scenario packs</dt>
        <dd>
          {Object.entries(run.packHashes).map(([pack, hash]) => (
            <span key={pack} class="pack">
              {pack} <code>{hash.slice(0, 12)}</code>
            </span>
          ))}
        </dd>
        <dt>turncoat</dt>
        <dd>{run.toolVersion}</dd>
        <dt>Cost</dt>
        <dd>
          {run.costUsd === null
            ? 'unknown (scripted agents or unpriced models)'
            : `$${run.costUsd.toFixed(4)}`}
        </dd>
        <dt>Judge passes</dt>
        <dd>
          {run.judgePasses.length === 0
            ? 'only the run’s own verdicts'
            : run.judgePasses
                .map((p) => `${p.id} (${p.judges.join(' + ')}${p.finished ? '' : ', unfinished'})`)
                .join('; ')}
        </dd>
      </dl>
      <details>
        <summary>Full plan (JSON)</summary>
        <pre>{JSON.stringify(run.plan, null, 2)}</pre>
      </details>
    </article>
  );
}
