import { useEffect } from 'preact/hooks';
import { query, useApi } from '../api';
import { href, navigate } from '../router';
import { Loading } from '../widgets';

/** The labelling queue: opens the run's first unlabelled trial in queue mode. */
export function LabelPage({ params }: { params: URLSearchParams }) {
  const next = useApi<{ run: string; next: number | null; remaining: number }>(
    `/api/label-queue${query({ run: params.get('run') })}`,
  );
  useEffect(() => {
    if (next.data?.next) navigate(href(`trial/${next.data.next}`, { queue: 1 }));
  }, [next.data?.next]);
  return (
    <section>
      <h1>Label</h1>
      <Loading error={next.error} loading={next.loading}>
        {next.data?.next === null && (
          <p>
            Every trial of run <code>{next.data.run}</code> has a label. See the{' '}
            <a href={href('agreement', { run: next.data.run })}>agreement table</a>.
          </p>
        )}
      </Loading>
    </section>
  );
}
