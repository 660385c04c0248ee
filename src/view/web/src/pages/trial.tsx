import { Fragment } from 'preact';
import type { EvidenceItem, TrialDetail, TrialMessage, TrialToolCall } from '../../../api-types';
import { parseEmails, type ShownEmail } from '../../../parse-emails';
import { useApi } from '../api';
import { shortTime, valueText } from '../format';
import { href } from '../router';
import { LongText, Marked } from '../text';
import { Loading, Outcome } from '../widgets';
import { LabelPanel } from './label-panel';

/** One trial as the agent lived it, with the verdicts' evidence marked where it happened. */
export function TrialPage({ id, params }: { id: string; params: URLSearchParams }) {
  const trial = useApi<TrialDetail>(`/api/trials/${encodeURIComponent(id)}`);
  const search = words(params.get('q') ?? '');
  return (
    <Loading error={trial.error} loading={trial.loading}>
      {trial.data && (
        <Transcript
          key={trial.data.id}
          trial={trial.data}
          search={search}
          queue={params.get('queue') === '1'}
          reload={trial.reload}
        />
      )}
    </Loading>
  );
}

const words = (q: string) =>
  (q.match(/"[^"]*"|[^\s"]+/g) ?? []).map((w) => w.replace(/"/g, '')).filter(Boolean);

function Transcript({
  trial,
  search,
  queue,
  reload,
}: {
  trial: TrialDetail;
  search: string[];
  queue: boolean;
  reload: () => void;
}) {
  const evidence = [
    ...trial.findings.flatMap((f) => f.evidence),
    ...trial.verdicts.flatMap((v) => v.evidence),
  ];
  const quotesFor = (source: EvidenceItem['source'], refs: string[]) => [
    ...new Set(
      evidence.filter((e) => e.source === source && refs.includes(e.ref)).map((e) => e.quote),
    ),
  ];
  const opening = trial.messages.find((m) => m.role === 'user');
  const inboxText = [
    opening?.content ?? '',
    ...trial.toolCalls.filter((c) => c.name.startsWith('read_')).map((c) => c.result),
  ];
  const emails = dedupe(inboxText.flatMap((t) => parseEmails(t)));
  const callsByMessage = placeCalls(trial.messages, trial.toolCalls);
  return (
    <article class="transcript">
      <h1>
        Trial #{trial.id} <Outcome harmful={trial.harmful} status={trial.status} />
      </h1>
      <p class="meta">
        <strong>{trial.model}</strong>
        {trial.modelKind === 'reference' && (
          <span class="badge">scripted reference agent, not a language model</span>
        )}{' '}
        · {trial.condition} · variant {trial.variant} · sample {trial.sample} · {trial.protocol}{' '}
        protocol · seed {trial.seed} · {trial.steps} steps ·{' '}
        {trial.usage.inputTokens + trial.usage.outputTokens} tokens · {shortTime(trial.startedAt)}
      </p>
      <p class="links">
        <a
          href={href('trials', { run: trial.run, model: trial.model, condition: trial.condition })}
        >
          Same model and condition
        </a>
        <a href={href('trials', { run: trial.run, condition: trial.condition })}>
          Same condition, every model
        </a>
        <a href={href('compare', { a: trial.id })}>Compare with…</a>
      </p>
      {trial.errorMessage && (
        <p role="alert" class="error">
          {trial.error}: {trial.errorMessage}
        </p>
      )}
      <div class="trial-layout">
        <div class="trial-main">
          <section aria-labelledby="verdicts">
            <h2 id="verdicts">Verdicts</h2>
            {trial.findings.length > 0 && (
              <ul class="findings">
                {trial.findings.map((f, i) => (
                  <li key={i}>
                    <span class="badge badge-harmful">{f.kind}</span> <Marked text={f.summary} />{' '}
                    <span class="muted">
                      ({f.detector}, events {f.eventIds.join(', ')})
                    </span>
                    <EvidenceList items={f.evidence} />
                  </li>
                ))}
              </ul>
            )}
            <table class="verdicts">
              <thead>
                <tr>
                  <th scope="col">dimension</th>
                  <th scope="col">value</th>
                  <th scope="col">judge</th>
                  <th scope="col">pass</th>
                  <th scope="col">rationale and evidence</th>
                </tr>
              </thead>
              <tbody>
                {trial.verdicts.map((v, i) => (
                  <tr key={i} class={v.value === true ? 'ruled-true' : undefined}>
                    <td>{v.dimension}</td>
                    <td>
                      {v.status === 'unscored' ? (
                        <span class="badge badge-unscored">unscored</span>
                      ) : (
                        valueText(v.value)
                      )}{' '}
                      <span class="muted">{Math.round(v.confidence * 100)}%</span>
                    </td>
                    <td>{v.judge}</td>
                    <td>{v.pass}</td>
                    <td>
                      <Marked text={v.rationale} />
                      <EvidenceList items={v.evidence} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>

          <section aria-labelledby="brief">
            <h2 id="brief">The brief</h2>
            <details>
              <summary>System prompt ({trial.system.length.toLocaleString()} characters)</summary>
              <LongText text={trial.system} search={search} />
            </details>
            {emails.length > 0 && <Inbox emails={emails} search={search} />}
          </section>

          <section aria-labelledby="steps">
            <h2 id="steps">What the agent did</h2>
            <ol class="steps">
              {trial.messages.map((m) =>
                m.role === 'tool' ? null : (
                  <li key={m.idx} id={`message-${m.idx}`} class={`msg msg-${m.role}`}>
                    <div class="role">
                      {m.role === 'user' ? 'to the agent' : 'agent'}{' '}
                      <span class="muted">message {m.idx}</span>
                    </div>
                    {m.role === 'user' && m === opening ? (
                      <details>
                        <summary>
                          Opening message ({m.content.length.toLocaleString()} characters)
                        </summary>
                        <LongText
                          text={m.content}
                          search={search}
                          marks={quotesFor('message', [String(m.idx)])}
                        />
                      </details>
                    ) : (
                      <>
                        {m.reasoning && (
                          <details open class="reasoning">
                            <summary>Reasoning</summary>
                            <LongText
                              text={m.reasoning}
                              search={search}
                              marks={quotesFor('message', [String(m.idx)])}
                            />
                          </details>
                        )}
                        {m.content && (
                          <LongText
                            text={m.content}
                            search={search}
                            marks={quotesFor('message', [String(m.idx)])}
                          />
                        )}
                      </>
                    )}
                    {(callsByMessage.get(m.idx) ?? []).map((c) => (
                      <ToolCallView
                        key={c.id}
                        call={c}
                        search={search}
                        marks={quotesFor('event', c.eventIds)}
                      />
                    ))}
                  </li>
                ),
              )}
            </ol>
            {trial.parseErrors.length > 0 && (
              <>
                <h3>Malformed action tags</h3>
                <ul>
                  {trial.parseErrors.map((p, i) => (
                    <li key={i}>
                      <code>{p.tag}</code>: {p.message} <pre>{p.excerpt}</pre>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>

          <section aria-labelledby="events">
            <h2 id="events">The world’s event log</h2>
            {trial.events.length === 0 && <p class="muted">Nothing happened in the world.</p>}
            <ol class="events">
              {trial.events.map((e) => (
                <li key={e.id} id={`event-${e.id}`}>
                  <span class="time">{shortTime(e.at)}</span> <code>{e.id}</code>{' '}
                  <strong>{e.type}</strong> <EventSummary data={e.data} />
                  {typeof e.data.body === 'string' && (
                    <LongText
                      text={e.data.body}
                      search={search}
                      marks={quotesFor('event', [e.id])}
                    />
                  )}
                  <details>
                    <summary>Event data</summary>
                    <LongText text={JSON.stringify(e.data, null, 2)} />
                  </details>
                </li>
              ))}
            </ol>
          </section>
        </div>
        <LabelPanel trial={trial} queue={queue} onLabelled={reload} />
      </div>
    </article>
  );
}

function EventSummary({ data }: { data: Record<string, unknown> }) {
  const parts: string[] = [];
  if (typeof data.from === 'string') parts.push(`from ${data.from}`);
  if (Array.isArray(data.to)) parts.push(`to ${data.to.join(', ')}`);
  if (typeof data.subject === 'string') parts.push(`“${data.subject}”`);
  if (typeof data.alertId === 'string') parts.push(`alert ${data.alertId}`);
  return <span>{parts.join(' ')}</span>;
}

function EvidenceList({ items }: { items: EvidenceItem[] }) {
  if (items.length === 0) return null;
  const go = (e: EvidenceItem) => {
    const el = document.getElementById(
      e.source === 'event' ? `event-${e.ref}` : `message-${e.ref}`,
    );
    el?.scrollIntoView({ block: 'center' });
    el?.classList.add('flash');
    setTimeout(() => el?.classList.remove('flash'), 1200);
  };
  return (
    <ul class="evidence">
      {items.map((e, i) => (
        <li key={i}>
          <button type="button" class="link" onClick={() => go(e)}>
            {e.source} {e.ref}
          </button>{' '}
          <q class="mark-evidence">{e.quote}</q>
        </li>
      ))}
    </ul>
  );
}

function ToolCallView({
  call,
  search,
  marks,
}: {
  call: TrialToolCall;
  search: string[];
  marks: string[];
}) {
  const args =
    call.args && typeof call.args === 'object' ? (call.args as Record<string, unknown>) : {};
  return (
    <div class={`call${call.isError ? ' call-error' : ''}`}>
      <div>
        <span class="tool">{call.name}</span>{' '}
        <span class="muted">
          ({call.source === 'text-tag' ? 'action tag' : 'tool call'}, step {call.step})
        </span>
        {call.guard && (
          <span class={`badge badge-guard-${call.guard.decision}`}>
            guard: {call.guard.decision}
            {call.guard.rule ? ` (${call.guard.rule})` : ''}
          </span>
        )}
        {call.eventIds.length > 0 && (
          <span class="muted"> → events {call.eventIds.join(', ')}</span>
        )}
      </div>
      {call.guard?.reason && <p class="muted">{call.guard.reason}</p>}
      <dl class="args">
        {Object.entries(args).map(([k, v]) => (
          <Fragment key={k}>
            <dt>{k}</dt>
            <dd>
              <LongText
                text={typeof v === 'string' ? v : JSON.stringify(v)}
                search={search}
                marks={marks}
              />
            </dd>
          </Fragment>
        ))}
      </dl>
      <details open={call.result.length < 300}>
        <summary>Result{call.isError ? ' (error)' : ''}</summary>
        <LongText text={call.result} search={search} />
      </details>
    </div>
  );
}

function Inbox({ emails, search }: { emails: ShownEmail[]; search: string[] }) {
  return (
    <div class="inbox">
      <h3>Inbox ({emails.length})</h3>
      <ul>
        {emails.map((e) => (
          <li key={e.id}>
            <details>
              <summary>
                <span class="from">{e.from}</span> <span class="subject">{e.subject}</span>{' '}
                <span class="time">{shortTime(e.time)}</span>
              </summary>
              <div class="email">
                <p class="headers">
                  <span>To: {e.to || '—'}</span>
                  {e.cc && <span>Cc: {e.cc}</span>}
                  {e.attachments && <span>Attachments: {e.attachments}</span>}
                  <span class="muted">id {e.id}</span>
                </p>
                {e.body ? (
                  <LongText text={e.body} search={search} />
                ) : (
                  <p class="muted">
                    Only the listing was shown; the agent did not open this email.
                  </p>
                )}
              </div>
            </details>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** One entry per email id, preferring the one with a body. */
function dedupe(emails: ShownEmail[]): ShownEmail[] {
  const byId = new Map<string, ShownEmail>();
  for (const e of emails) if (!byId.get(e.id)?.body) byId.set(e.id, e);
  return [...byId.values()];
}

/**
 * Which assistant message each tool call belongs to: the one that lists its id, else (text
 * protocol action tags) the assistant message of its step.
 */
function placeCalls(
  messages: TrialMessage[],
  calls: TrialToolCall[],
): Map<number, TrialToolCall[]> {
  const placed = new Map<number, TrialToolCall[]>();
  const assistant = messages.filter((m) => m.role === 'assistant');
  for (const call of calls) {
    const owner =
      assistant.find((m) => m.toolCalls?.some((c) => c.id === call.id)) ??
      assistant[call.step] ??
      assistant[assistant.length - 1];
    if (!owner) continue;
    placed.set(owner.idx, [...(placed.get(owner.idx) ?? []), call]);
  }
  return placed;
}
