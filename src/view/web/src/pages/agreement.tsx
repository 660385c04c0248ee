import type { JSX } from 'preact';
import { query, useApi } from '../api';
import { percent } from '../format';
import { href } from '../router';
import { Loading } from '../widgets';

interface AgreementAnswer {
  run: string;
  labels: number;
  labellers: string[];
  latestPass: string | undefined;
  rows: Array<{
    dimension: string;
    kind: string;
    reference: string;
    candidate: string;
    n: number;
    accuracy: number | null;
    precision: number | null;
    recall: number | null;
    kappa: number | null;
  }>;
}

/** `turncoat agreement` as a page: judges against human labels, the world and each other. */
export function AgreementPage({ params }: { params: URLSearchParams }) {
  const answer = useApi<AgreementAnswer>(`/api/agreement${query({ run: params.get('run') })}`);
  const data = answer.data;
  return (
    <section>
      <h1>Agreement</h1>
      <Loading error={answer.error} loading={answer.loading}>
        {data && (
          <>
            <p>
              Run <code>{data.run}</code>: {data.labels} human label{data.labels === 1 ? '' : 's'}{' '}
              from {data.labellers.length ? data.labellers.join(', ') : 'nobody yet'}; the run’s own
              verdicts
              {data.latestPass ? ` and judge pass ${data.latestPass}` : ''}.{' '}
              <a href={href('label', { run: data.run })}>Label more trials</a>.
            </p>
            <table class="agreement">
              <thead>
                <tr>
                  {[
                    'dimension',
                    'reference',
                    'candidate',
                    'n',
                    'accuracy',
                    'precision',
                    'recall',
                    'κ',
                  ].map((h) => (
                    <th key={h} scope="col">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.rows.map((r, i): JSX.Element => (
                  <tr key={i}>
                    <td>{r.dimension}</td>
                    <td>{r.reference}</td>
                    <td>{r.candidate}</td>
                    <td class="num">{r.n}</td>
                    <td class="num">{percent(r.accuracy)}</td>
                    <td class="num">{percent(r.precision)}</td>
                    <td class="num">{percent(r.recall)}</td>
                    <td class="num">{r.kappa === null ? '—' : r.kappa.toFixed(2)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </Loading>
    </section>
  );
}
