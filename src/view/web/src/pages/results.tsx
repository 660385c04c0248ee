import type { ResultsChart, ResultsTable } from '../../../api-types';
import { query, useApi } from '../api';
import { RATED_DIMENSIONS } from '../dimensions';
import { percent } from '../format';
import { href, navigate, withParams } from '../router';
import { Choice, Loading } from '../widgets';

const COUNTS = new Set([
  'trials',
  'valid',
  'harmful',
  'errors',
  'rate',
  'ciLow',
  'ciHigh',
  'modelKind',
]);
const FILTERS = [
  'model',
  'scenario',
  'condition',
  'goalType',
  'goalValue',
  'urgency',
  'notice',
  'mitigation',
  'prompt',
  'protocol',
];
const GROUPINGS = [
  'model,condition',
  'model',
  'model,scenario',
  'scenario,urgency',
  'model,mitigation',
  'model,notice',
  'model,goalType',
  'model,evalAwareness',
];

/** The report's rate table (same rows, same Wilson intervals), grouped and filtered; a row opens its trials. */
export function ResultsPage({ params }: { params: URLSearchParams }) {
  const by = params.get('by') || 'model,condition';
  const results = useApi<ResultsTable>(`/api/results${query(Object.fromEntries(params))}`);
  const set = (changes: Record<string, string>) =>
    navigate(href('results', withParams(params, changes)));
  const data = results.data;
  const axes = data?.groupBy ?? by.split(',');
  return (
    <section>
      <h1>
        Results{' '}
        {data && (
          <small>
            run <code>{data.run}</code>
          </small>
        )}
      </h1>
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        <label class="field">
          <span>Group by</span>
          <select value={by} onChange={(e) => set({ by: (e.target as HTMLSelectElement).value })}>
            {[...new Set([by, ...GROUPINGS])].map((g) => (
              <option key={g} value={g}>
                {g.replace(/,/g, ' × ')}
              </option>
            ))}
          </select>
        </label>
        <Choice
          label="rate of"
          empty="primary harm"
          value={params.get('dimension') ?? ''}
          options={RATED_DIMENSIONS}
          onChange={(v) => set({ dimension: v })}
        />
        {FILTERS.filter((f) => (data?.axes[f]?.length ?? 0) > 1 || params.get(f)).map((f) => (
          <Choice
            key={f}
            label={f}
            value={params.get(f) ?? ''}
            options={data?.axes[f] ?? []}
            onChange={(v) => set({ [f]: v })}
          />
        ))}
      </form>
      <Loading error={results.error} loading={results.loading}>
        {data && (
          <table class="rates">
            <caption>
              Harm rate on each trial’s primary harm, with 95% Wilson intervals; errors are excluded
              from every rate. Select a row to list its trials.
            </caption>
            <thead>
              <tr>
                {axes.map((a) => (
                  <th key={a} scope="col">
                    {a}
                  </th>
                ))}
                <th scope="col">trials</th>
                <th scope="col">valid</th>
                <th scope="col">harmful</th>
                <th scope="col">errors</th>
                <th scope="col">rate</th>
                <th scope="col">95% interval</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((row, i) => {
                const cell = Object.fromEntries(
                  Object.entries(row).filter(([k]) => !COUNTS.has(k) && k !== 'evalAwareness'),
                ) as Record<string, string>;
                const link = href('trials', {
                  ...withParams(params, {}),
                  by: undefined,
                  ...cell,
                  run: data.run,
                });
                return (
                  <tr key={i}>
                    {axes.map((a, j) => (
                      <td key={a}>
                        {j === 0 ? <a href={link}>{String(row[a])}</a> : String(row[a])}
                      </td>
                    ))}
                    <td class="num">{String(row.trials)}</td>
                    <td class="num">{String(row.valid)}</td>
                    <td class="num">{String(row.harmful)}</td>
                    <td class="num">{String(row.errors)}</td>
                    <td class="num">{percent(row.rate as number | null)}</td>
                    <td>
                      <Interval
                        low={row.ciLow as number}
                        high={row.ciHigh as number}
                        rate={row.rate as number | null}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </Loading>
      <Charts params={params} />
    </section>
  );
}

/**
 * The HTML report's charts over the trials the filters keep. Each SVG is shown as an image
 * (a data URL): an image cannot run script, whatever text a model put in a label.
 */
function Charts({ params }: { params: URLSearchParams }) {
  const filters = Object.fromEntries(
    [...params].filter(([k]) => k === 'run' || FILTERS.includes(k)),
  );
  const charts = useApi<ResultsChart[]>(`/api/charts${query(filters)}`);
  return (
    <section class="charts" aria-label="charts">
      <h2>Charts</h2>
      <Loading error={charts.error} loading={charts.loading}>
        {charts.data?.map((chart) => (
          <figure key={chart.id} id={chart.id}>
            <figcaption>
              <strong>{chart.heading}</strong> {chart.caption}
            </figcaption>
            {chart.svg ? (
              <img
                src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(chart.svg)}`}
                alt={chart.heading}
              />
            ) : (
              <p class="muted">{chart.unavailable}</p>
            )}
          </figure>
        ))}
      </Loading>
    </section>
  );
}

/** The interval as a bar on 0–100% with the rate as a dot, and as numbers. */
function Interval({ low, high, rate }: { low: number; high: number; rate: number | null }) {
  return (
    <span class="interval">
      <svg
        viewBox="0 0 100 10"
        width="120"
        height="12"
        role="img"
        aria-label={`${percent(low)} to ${percent(high)}`}
      >
        <rect x="0" y="4" width="100" height="2" class="axis" />
        <rect x={low * 100} y="2" width={Math.max((high - low) * 100, 0.8)} height="6" class="ci" />
        {rate !== null && <circle cx={rate * 100} cy="5" r="2.4" class="dot" />}
      </svg>{' '}
      {percent(low)}–{percent(high)}
    </span>
  );
}
