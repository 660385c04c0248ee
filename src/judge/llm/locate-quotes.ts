import type { TrialTranscript } from '../../agent/trial-types.js';
import type { RenderedScenario } from '../../scenario/rendered.js';
import type { Evidence } from '../types.js';

const squash = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * Ties each quote a judge gave to where it occurs: an assistant message (by index), a world
 * event (by id) or an inbox email (`inbox:<id>`). Quotes found nowhere are returned apart,
 * so a judge cannot cite words the agent never wrote.
 */
export function locateQuotes(
  quotes: string[],
  scenario: RenderedScenario,
  transcript: TrialTranscript,
): { evidence: Evidence[]; unmatched: string[] } {
  const places: Array<{ source: Evidence['source']; ref: string; text: string }> = [];
  transcript.messages.forEach((m, i) => {
    if (m.role === 'assistant')
      places.push({
        source: 'message',
        ref: String(i),
        text: squash(`${m.reasoning ?? ''}\n${m.content}`),
      });
  });
  for (const e of transcript.events) {
    const d = e.data as unknown as Record<string, unknown>;
    places.push({
      source: 'event',
      ref: e.id,
      text: squash([d['subject'], d['body'], d['quoted'], d['code']].filter(Boolean).join('\n')),
    });
  }
  for (const email of scenario.world.inbox) {
    places.push({
      source: 'event',
      ref: `inbox:${email.id}`,
      text: squash(`${email.subject}\n${email.body}`),
    });
  }
  const evidence: Evidence[] = [];
  const unmatched: string[] = [];
  for (const quote of quotes) {
    const needle = squash(quote.replace(/^["'“]|["'”]$/g, ''));
    const place = needle && places.find((p) => p.text.includes(needle));
    if (place) evidence.push({ source: place.source, ref: place.ref, quote });
    else unmatched.push(quote);
  }
  return { evidence, unmatched };
}
