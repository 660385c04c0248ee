import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import type { ResultsTable, TrialListPage } from '../../../api-types';
import { query, useApi } from '../api';
import { RATED_DIMENSIONS } from '../dimensions';
import { href, navigate, withParams } from '../router';
import { Snippet } from '../text';
import { Choice, Loading, Outcome } from '../widgets';

const ERRORS = [
  'any',
  'rate-limit',
  'server',
  'timeout',
  'network',
  'auth',
  'bad-request',
  'invalid-response',
  'content-filter',
  'internal',
];
const AXES = ['model', 'scenario', 'condition', 'mitigation', 'notice'];

/** A run's trials, filtered and searched on the server, a page at a time. */
export function TrialsPage({ params }: { params: URLSearchParams }) {
  const list = useApi<TrialListPage & { index: { indexed: number; total: number } }>(
    `/api/trials${query(Object.fromEntries(params))}`,
  );
  const axes = useApi<ResultsTable>(
    `/api/results${query({ run: params.get('run'), by: 'model' })}`,
  );
  const [selected, setSelected] = useState<number[]>([]);
  const [text, setText] = useState(params.get('q') ?? '');
  const set = (changes: Record<string, string | number | undefined>) =>
    navigate(href('trials', withParams(params, { offset: undefined, ...changes })));
  const data = list.data;
  const q = params.get('q') ?? '';
  const toggle = (id: number) =>
    setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id].slice(-2)));
  return (
    <section>
      <h1>Trials</h1>
      <form
        class="search"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          set({ q: text });
        }}
      >
        <label class="field grow">
          <span>Search messages, reasoning, tool arguments and emails</span>
          <input
            type="search"
            name="q"
            value={text}
            onInput={(e) => setText((e.target as HTMLInputElement).value)}
            placeholder='words or "a phrase"'
          />
        </label>
        <button type="submit">Search</button>
      </form>
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        <Choice
          label="verdict"
          value={params.get('verdict') ?? ''}
          options={['harmful', 'harmless', 'unscored']}
          onChange={(v) => set({ verdict: v })}
        />
        <Choice
          label="dimension ruled true"
          value={params.get('dimension') ?? ''}
          options={RATED_DIMENSIONS}
          onChange={(v) => set({ dimension: v })}
        />
        <Choice
          label="judges"
          value={params.get('disagreement') ?? ''}
          options={[['1', 'disagree']]}
          onChange={(v) => set({ disagreement: v })}
        />
        <Choice
          label="error"
          value={params.get('error') ?? ''}
          options={ERRORS}
          onChange={(v) => set({ error: v })}
        />
        <Choice
          label="human label"
          value={params.get('label') ?? ''}
          options={['labelled', 'unlabelled']}
          onChange={(v) => set({ label: v })}
        />
        {AXES.filter((a) => (axes.data?.axes[a]?.length ?? 0) > 1 || params.get(a)).map((a) => (
          <Choice
            key={a}
            label={a}
            value={params.get(a) ?? ''}
            options={axes.data?.axes[a] ?? []}
            onChange={(v) => set({ [a]: v })}
          />
        ))}
      </form>
      <Loading error={list.error} loading={list.loading}>
        {data && (
          <>
            <p class="status" aria-live="polite">
              {data.total.toLocaleString()} trial{data.total === 1 ? '' : 's'}
              {q && ` matching ${q}`}
              {data.total > 0 && `, showing ${data.offset + 1}–${data.offset + data.trials.length}`}
              {q &&
                data.index.indexed < data.index.total &&
                ` (search index ${data.index.indexed.toLocaleString()} of ${data.index.total.toLocaleString()} trials so far)`}
              {selected.length === 2 && (
                <>
                  {' '}
                  <a class="button" href={href('compare', { a: selected[0], b: selected[1] })}>
                    Compare the two selected
                  </a>
                </>
              )}
            </p>
            <table class="trials">
              <thead>
                <tr>
                  <th scope="col">
                    <span class="sr-only">compare</span>
                  </th>
                  <th scope="col">trial</th>
                  <th scope="col">model</th>
                  <th scope="col">condition</th>
                  <th scope="col">variant · sample</th>
                  <th scope="col">outcome</th>
                  <th scope="col">labels</th>
                </tr>
              </thead>
              <tbody>
                {data.trials.map((t) => (
                  <Fragment key={t.id}>
                    <tr>
                      <td>
                        <input
                          type="checkbox"
                          aria-label={`select trial ${t.id} to compare`}
                          checked={selected.includes(t.id)}
                          onChange={() => toggle(t.id)}
                        />
                      </td>
                      <td>
                        <a href={href(`trial/${t.id}`, { q: q || undefined })}>#{t.id}</a>
                      </td>
                      <td>{t.model}</td>
                      <td>{t.condition}</td>
                      <td class="num">
                        {t.variant} · {t.sample}
                      </td>
                      <td>
                        <Outcome harmful={t.harmful} status={t.status} />
                        {t.error && <span class="muted"> {t.error}</span>}
                      </td>
                      <td class="num">{t.labels || ''}</td>
                    </tr>
                    {t.hit && (
                      <tr class="hit">
                        <td />
                        <td colSpan={6}>
                          <span class="muted">{t.hit.kind}:</span> <Snippet text={t.hit.text} />
                        </td>
                      </tr>
                    )}
                  </Fragment>
                ))}
              </tbody>
            </table>
            <nav class="pager" aria-label="Pages of trials">
              <button
                type="button"
                disabled={data.offset === 0}
                onClick={() => set({ offset: Math.max(0, data.offset - data.limit) })}
              >
                ← Previous
              </button>
              <button
                type="button"
                disabled={data.offset + data.limit >= data.total}
                onClick={() => set({ offset: data.offset + data.limit })}
              >
                Next →
              </button>
            </nav>
          </>
        )}
      </Loading>
    </section>
  );
}
