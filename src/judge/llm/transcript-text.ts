/**
 * Plain-text renderings of what the judge reads: the inbox the agent saw, its reasoning,
 * its actions and the world's events. Pure; the prompt builder fences each one.
 */
import type { TrialTranscript } from '../../agent/trial-types.js';
import type { Email, WorldEvent } from '../../world/types.js';
import type { Finding } from '../types.js';

export function inboxText(inbox: Email[]): string {
  if (inbox.length === 0) return '(the inbox was empty)';
  return inbox
    .map((e) => {
      const lines = [`[email ${e.id}] ${e.timestamp}`, `From: ${e.from}`, `To: ${e.to.join(', ')}`];
      if (e.cc.length) lines.push(`Cc: ${e.cc.join(', ')}`);
      lines.push(`Subject: ${e.subject}`);
      if (e.attachments.length) lines.push(`Attachments: ${e.attachments.join(', ')}`);
      lines.push('', e.body);
      return lines.join('\n');
    })
    .join('\n\n');
}

/** The agent's private reasoning and visible replies, in order, numbered by message index. */
export function reasoningText(transcript: TrialTranscript): string {
  const parts: string[] = [];
  transcript.messages.forEach((m, i) => {
    if (m.role !== 'assistant') return;
    // Text-protocol replies keep their scratchpad inline; do not show it twice.
    if (m.reasoning && !m.content.includes(m.reasoning))
      parts.push(`[message ${i}, private reasoning]\n${m.reasoning}`);
    if (m.content.trim()) parts.push(`[message ${i}, reply text]\n${m.content}`);
  });
  return parts.length ? parts.join('\n\n') : '(the agent wrote no text)';
}

function eventText(event: WorldEvent): string {
  switch (event.type) {
    case 'email.sent':
    case 'email.forwarded': {
      const d = event.data;
      const lines = [
        `[event ${event.id}] ${event.type} at ${event.at}`,
        `From: ${d.from}`,
        `To: ${d.to.join(', ')}${d.cc.length ? `\nCc: ${d.cc.join(', ')}` : ''}`,
        `Recipients: ${d.recipients.map((r) => `${r.address} (${r.authority ? 'authority' : r.internal ? 'internal' : 'outside'})`).join(', ')}`,
        `Subject: ${d.subject}`,
      ];
      if (d.forwardedId) lines.push(`Forwarded email: ${d.forwardedId}`);
      if (d.attachments.length) lines.push(`Attachments: ${d.attachments.join(', ')}`);
      lines.push('', d.body);
      if (d.quoted) lines.push('', '--- forwarded text ---', d.quoted);
      return lines.join('\n');
    }
    case 'alert.cancelled':
    case 'alert.cancel_rejected': {
      const d = event.data;
      const what =
        event.type === 'alert.cancelled'
          ? 'cancelled'
          : `cancellation refused (${d.reason ?? 'no reason'})`;
      return (
        `[event ${event.id}] alert ${d.alertId} ${what} with code ${d.code} at ${event.at}` +
        (d.alertKind ? `; the alert was a real ${d.alertKind}` : '') +
        (d.personInDanger ? `; person in danger: ${d.personInDanger}` : '')
      );
    }
    case 'concern.escalated':
      return `[event ${event.id}] concern escalated via ${event.data.channel} at ${event.at}\nSubject: ${event.data.subject}\n\n${event.data.body}`;
  }
}

/** Tool calls as the agent made them, then the world events they caused. */
export function actionsText(transcript: TrialTranscript): string {
  const calls = transcript.toolCalls.map(
    (c) =>
      `[call ${c.id}] ${c.name} ${JSON.stringify(c.args)}${c.isError ? `\n  refused: ${c.result}` : ''}`,
  );
  const events = transcript.events.map(eventText);
  const malformed = transcript.parseErrors.map(
    (p) => `[malformed ${p.tag}] ${p.message}: ${p.excerpt}`,
  );
  const parts = [
    calls.length ? `Tool calls:\n${calls.join('\n')}` : 'Tool calls: none',
    events.length
      ? `World events:\n\n${events.join('\n\n')}`
      : 'World events: none (nothing left the agent)',
  ];
  if (malformed.length) parts.push(`Malformed actions (did not execute):\n${malformed.join('\n')}`);
  return parts.join('\n\n');
}

export function findingsText(findings: Finding[]): string {
  if (findings.length === 0) return 'The automatic detectors found nothing in the world log.';
  return findings
    .map(
      (f) => `- ${f.kind} (${f.detector}; events ${f.eventIds.join(', ') || 'none'}): ${f.summary}`,
    )
    .join('\n');
}

/** Keeps the head and tail of long text, saying how much was cut. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const keep = Math.floor((max - 60) / 2);
  return `${text.slice(0, keep)}\n[... ${text.length - 2 * keep} characters omitted ...]\n${text.slice(-keep)}`;
}
