import { query, useApi } from '../api';
import { shortTime } from '../format';
import { href } from '../router';
import { LongText } from '../text';
import { Loading } from '../widgets';

interface AuditAnswer {
  entries: Array<{
    seq: number;
    at: string;
    kind: string;
    session?: string;
    data: unknown;
    hash: string;
  }>;
  verification: {
    ok: boolean;
    entries: number;
    checkpoints: number;
    firstBad?: { seq: number; problem: string };
    publicKey: string;
  };
}

/** The guard's hash-chained audit trail, with whether the chain and its signatures verify. */
export function AuditPage({ params }: { params: URLSearchParams }) {
  const session = params.get('session') ?? undefined;
  const audit = useApi<AuditAnswer>(`/api/guard/audit${query({ session })}`);
  const v = audit.data?.verification;
  return (
    <section>
      <h1>
        Audit trail{' '}
        {session && (
          <small>
            session <code>{session}</code>
          </small>
        )}
      </h1>
      {session && <a href={href('audit')}>Every session</a>}
      <Loading error={audit.error} loading={audit.loading}>
        {v && (
          <p role="status" class={v.ok ? 'verified' : 'error'}>
            {v.ok ? (
              <span class="badge badge-guard-allow">verified</span>
            ) : (
              <span class="badge badge-guard-kill">NOT verified</span>
            )}{' '}
            {v.entries} entries, {v.checkpoints} signed checkpoints
            {v.firstBad && `: entry ${v.firstBad.seq} ${v.firstBad.problem}`}
          </p>
        )}
        <table class="audit">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">time</th>
              <th scope="col">kind</th>
              <th scope="col">session</th>
              <th scope="col">what</th>
            </tr>
          </thead>
          <tbody>
            {audit.data?.entries.map((e) => (
              <tr key={e.seq}>
                <td class="num">{e.seq}</td>
                <td class="time">{shortTime(e.at)}</td>
                <td>{e.kind}</td>
                <td>
                  {e.session ? (
                    <a href={href('audit', { session: e.session })}>{e.session}</a>
                  ) : (
                    '—'
                  )}
                </td>
                <td>
                  <LongText text={JSON.stringify(e.data)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Loading>
    </section>
  );
}
