import { useState } from 'preact/hooks';
import { postJson, useApi } from '../api';
import { shortTime } from '../format';
import { href } from '../router';
import { Loading } from '../widgets';

interface Approval {
  id: string;
  session: string;
  tool: string;
  args: unknown;
  rule?: string;
  reason: string;
  status: string;
  required: number;
  approvers: string[];
  createdAt: string;
  expiresAt: string;
}
interface Incident {
  id: string;
  session: string;
  decision: string;
  rule?: string;
  reason: string;
  tool?: string;
  createdAt: string;
}
interface Session {
  session: string;
  firstAt: string;
  lastAt: string;
  entries: number;
  decisions: number;
  incidents: number;
  approvals: number;
}
interface KillState {
  global: boolean;
  sessions: string[];
}

const PERSON_KEY = 'turncoat.labeller';

/** The guard at work: holds waiting for a person, sessions with their kill switch, incidents. */
export function GuardPage() {
  const approvals = useApi<{ approvals: Approval[] }>('/api/guard/approvals');
  const sessions = useApi<{ sessions: Session[] }>('/api/guard-sessions');
  const kill = useApi<{ kill: KillState }>('/api/guard/kill');
  const incidents = useApi<{ incidents: Incident[] }>('/api/guard/incidents');
  const [person, setPerson] = useState(() => localStorage.getItem(PERSON_KEY) ?? '');
  const [message, setMessage] = useState('');
  const act = async (what: string, path: string, body: Record<string, unknown>) => {
    if (!person.trim()) return setMessage('Give your name first: the guard records who acted.');
    try {
      await postJson(path, body);
      setMessage(what);
    } catch (error) {
      setMessage((error as Error).message);
    }
    approvals.reload();
    kill.reload();
    sessions.reload();
  };
  const killed = kill.data?.kill;
  return (
    <section>
      <h1>Guard</h1>
      <p class="filters">
        <label class="field">
          <span>Your name (recorded with every approval, denial and kill)</span>
          <input
            value={person}
            onInput={(e) => {
              const v = (e.target as HTMLInputElement).value;
              setPerson(v);
              localStorage.setItem(PERSON_KEY, v);
            }}
          />
        </label>
        <span role="status" aria-live="polite">
          {message}
        </span>
      </p>

      <h2>Pending approvals</h2>
      <Loading error={approvals.error} loading={approvals.loading}>
        {approvals.data?.approvals.length === 0 && (
          <p class="muted">Nothing is waiting for a person.</p>
        )}
        {approvals.data?.approvals.map((a) => (
          <ApprovalCard
            key={a.id}
            approval={a}
            onApprove={() =>
              act(`Approved ${a.id}.`, `/api/guard/approvals/${encodeURIComponent(a.id)}/approve`, {
                approver: person,
              })
            }
            onDeny={(reason) =>
              act(`Denied ${a.id}.`, `/api/guard/approvals/${encodeURIComponent(a.id)}/deny`, {
                approver: person,
                reason,
              })
            }
          />
        ))}
      </Loading>

      <h2>Sessions</h2>
      <p>
        Kill switch:{' '}
        {killed?.global ? (
          <>
            <strong class="badge badge-guard-kill">everything stopped</strong>{' '}
            <button
              type="button"
              onClick={() => act('Resumed every session.', '/api/guard/resume', { by: person })}
            >
              Resume all
            </button>
          </>
        ) : (
          <button
            type="button"
            class="danger"
            onClick={() =>
              act('Stopped every session.', '/api/guard/kill', {
                by: person,
                reason: 'stopped from the viewer',
              })
            }
          >
            Stop every session
          </button>
        )}
      </p>
      <Loading error={sessions.error} loading={sessions.loading}>
        {sessions.data?.sessions.length === 0 && (
          <p class="muted">The guard has not seen a session yet.</p>
        )}
        {(sessions.data?.sessions.length ?? 0) > 0 && (
          <table class="sessions">
            <thead>
              <tr>
                <th scope="col">session</th>
                <th scope="col">first seen</th>
                <th scope="col">last seen</th>
                <th scope="col">decisions</th>
                <th scope="col">approvals</th>
                <th scope="col">incidents</th>
                <th scope="col">state</th>
              </tr>
            </thead>
            <tbody>
              {sessions.data?.sessions.map((s) => {
                const stopped = killed?.global || killed?.sessions.includes(s.session);
                return (
                  <tr key={s.session}>
                    <td>
                      <a href={href('audit', { session: s.session })}>{s.session}</a>
                    </td>
                    <td>{shortTime(s.firstAt)}</td>
                    <td>{shortTime(s.lastAt)}</td>
                    <td class="num">{s.decisions}</td>
                    <td class="num">{s.approvals}</td>
                    <td class="num">{s.incidents}</td>
                    <td>
                      {stopped ? (
                        <span class="badge badge-guard-kill">killed</span>
                      ) : (
                        <span class="badge badge-guard-allow">running</span>
                      )}{' '}
                      {killed?.sessions.includes(s.session) ? (
                        <button
                          type="button"
                          onClick={() =>
                            act(`Resumed ${s.session}.`, '/api/guard/resume', {
                              session: s.session,
                              by: person,
                            })
                          }
                        >
                          Resume
                        </button>
                      ) : (
                        <button
                          type="button"
                          class="danger"
                          onClick={() =>
                            act(`Killed ${s.session}.`, '/api/guard/kill', {
                              session: s.session,
                              by: person,
                              reason: 'killed from the viewer',
                            })
                          }
                        >
                          Kill
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </Loading>

      <h2>Incidents</h2>
      <Loading error={incidents.error} loading={incidents.loading}>
        {incidents.data?.incidents.length === 0 && <p class="muted">No incidents.</p>}
        <ul>
          {incidents.data?.incidents.map((i) => (
            <li key={i.id}>
              <span class="time">{shortTime(i.createdAt)}</span>{' '}
              <span class="badge badge-guard-deny">{i.decision}</span> <code>{i.id}</code>{' '}
              {i.tool && <span class="tool">{i.tool}</span>} {i.reason}{' '}
              {i.rule && <span class="muted">(rule {i.rule})</span>} · session{' '}
              <a href={href('audit', { session: i.session })}>{i.session}</a>
            </li>
          ))}
        </ul>
      </Loading>
    </section>
  );
}

function ApprovalCard({
  approval,
  onApprove,
  onDeny,
}: {
  approval: Approval;
  onApprove: () => void;
  onDeny: (reason: string) => void;
}) {
  const [reason, setReason] = useState('');
  return (
    <article class="card approval" aria-label={`approval ${approval.id}`}>
      <p>
        <span class="badge badge-guard-hold">held</span> <span class="tool">{approval.tool}</span>{' '}
        in session <code>{approval.session}</code>
        {approval.rule && <span class="muted"> by rule {approval.rule}</span>}
        <span class="muted">
          {' '}
          · {approval.approvers.length} of {approval.required} approver
          {approval.required === 1 ? '' : 's'} · expires {shortTime(approval.expiresAt)}
        </span>
      </p>
      <p>{approval.reason}</p>
      <pre>{JSON.stringify(approval.args, null, 2)}</pre>
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          if (reason.trim()) onDeny(reason);
        }}
      >
        <button type="button" onClick={onApprove}>
          Approve
        </button>
        <label class="field grow">
          <span>Reason to deny</span>
          <input value={reason} onInput={(e) => setReason((e.target as HTMLInputElement).value)} />
        </label>
        <button type="submit" class="danger" disabled={!reason.trim()}>
          Deny
        </button>
      </form>
    </article>
  );
}
