/**
 * A session as a replay reads it, whatever it was recorded from (a stored trial, a JSONL
 * trace, OpenTelemetry spans): what the agent read and said, and each tool call it made, in
 * order. `reference` ties a call back to its source (a trial's tool-call index, a span id).
 */
import type { ChatMessage } from '../../agent/model.js';
import type { GuardCall, SessionFacts, SessionStep } from '../types.js';

/** One recorded tool call, with what it produced when the source knows. */
export interface RecordedCall {
  call: GuardCall;
  /** Where the call sits in its source (`#2` in a trial, a span id in a trace). */
  reference: string;
  /** World events the call produced (stored trials only). */
  eventIds?: string[];
  /** The decision a guard took live on this call, when the recording kept it. */
  live?: { decision: string; rule?: string; approver?: string };
  at?: string;
}

/** A step of a recorded session: context (`read`, `said`) or a tool call to decide. */
export type RecordedStep =
  Extract<SessionStep, { kind: 'read' } | { kind: 'said' }> | { kind: 'call'; call: RecordedCall };

export interface RecordedSession {
  id: string;
  /** What the environment says about itself (company domains, documents, alerts, ...). */
  facts?: Partial<SessionFacts>;
  /** When the session started (ISO 8601); the clock for rate limits when calls carry no time. */
  startedAt?: string;
  steps: RecordedStep[];
}

/** A tool call as a transcript recorded it (a stored trial's tool-call record, a trace's call). */
export interface TranscriptCall {
  id: string;
  name: string;
  args: unknown;
  eventIds?: string[];
  live?: RecordedCall['live'];
  at?: string;
  /** How reports name the call (default `#n`, its place in the transcript). */
  reference?: string;
}

const argsOf = (args: unknown): Record<string, unknown> =>
  args && typeof args === 'object' && !Array.isArray(args) ? (args as Record<string, unknown>) : {};

/**
 * Orders a chat transcript into the steps a live tool gate would have seen: everything before
 * a call's own tool result is context for that call (so a later call of the same reply sees
 * the results of the earlier ones, as in the `tools` protocol); a call with no tool result
 * (the `text` protocol's action tags) sees the reply that made it.
 * @example stepsFromMessages([{ role: 'user', content: 'hi' }, { role: 'assistant', content: '', toolCalls: [c] }], [c])
 */
export function stepsFromMessages(
  messages: readonly ChatMessage[],
  calls: readonly TranscriptCall[],
  labelsOf: (index: number) => string[] | undefined = () => undefined,
): RecordedStep[] {
  const steps: RecordedStep[] = [];
  let next = 0;
  const observeUpTo = (end: number) => {
    for (; next < end; next++) {
      const m = messages[next]!;
      const labels = labelsOf(next);
      if (m.role === 'user')
        steps.push({ kind: 'read', text: m.content, source: 'prompt', ...(labels && { labels }) });
      else if (m.role === 'tool')
        steps.push({
          kind: 'read',
          text: m.content,
          source: m.toolName,
          ...(labels && { labels }),
        });
      else
        steps.push({
          kind: 'said',
          text: m.content,
          ...(m.reasoning ? { reasoning: m.reasoning } : {}),
        });
    }
  };
  calls.forEach((c, i) => {
    const result = messages.findIndex(
      (m, k) => k >= next && m.role === 'tool' && m.toolCallId === c.id,
    );
    if (result >= 0) observeUpTo(result);
    else {
      // No result message: the context is everything up to the next assistant reply.
      let end = next;
      while (end < messages.length && messages[end]!.role !== 'assistant') end++;
      if (end < messages.length) observeUpTo(end + 1);
      else observeUpTo(messages.length);
    }
    steps.push({
      kind: 'call',
      call: {
        call: { id: c.id, tool: c.name, args: argsOf(c.args) },
        reference: c.reference ?? `#${i + 1}`,
        ...(c.eventIds && { eventIds: c.eventIds }),
        ...(c.live && { live: c.live }),
        ...(c.at && { at: c.at }),
      },
    });
  });
  observeUpTo(messages.length);
  return steps;
}
