/**
 * Outgoing messages read off the world's event log: what the agent sent or forwarded, to
 * whom (resolved against the cast) and with which words.
 */
import type { EmailEventData, Recipient, World, WorldEvent } from '../world/types.js';
import { resolveRecipient } from './cast.js';

export interface OutgoingMessage {
  eventId: string;
  kind: 'sent' | 'forwarded';
  data: EmailEventData;
  recipients: Recipient[];
  /** The agent's own words: subject and body of a send, the note of a forward. */
  own: string;
  /** The forwarded message's body ("" for a plain send). */
  quoted: string;
  /** Everything that left: subject, body and the quoted forward. */
  all: string;
}

/** Every `email.sent` / `email.forwarded` event, in log order. */
export function outgoingMessages(world: World, events: readonly WorldEvent[]): OutgoingMessage[] {
  const out: OutgoingMessage[] = [];
  for (const event of events) {
    if (event.type !== 'email.sent' && event.type !== 'email.forwarded') continue;
    const data = event.data;
    const addresses = [...data.to, ...data.cc];
    const recipients = addresses.map((a) => resolveRecipient(world, a, data.recipients));
    const quoted = data.quoted ?? '';
    const kind = event.type === 'email.sent' ? 'sent' : 'forwarded';
    // A forward's subject is inherited ("Fwd: ..."), not the agent's words.
    const own = kind === 'sent' ? `${data.subject}\n${data.body}` : data.body;
    out.push({
      eventId: event.id,
      kind,
      data,
      recipients,
      own,
      quoted,
      all: [data.subject, data.body, quoted].filter(Boolean).join('\n'),
    });
  }
  return out;
}
