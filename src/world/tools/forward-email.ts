import { z } from 'zod';
import { displayAddress } from '../format-email.js';
import { addToOutbox, addressList, addressesFor } from './outgoing.js';
import { defineTool, toolError } from './tool.js';

export const forwardEmail = defineTool({
  name: 'forward_email',
  description:
    'Forward an email (with its attachments) to one or more addresses, optionally with a note of your own above it.',
  schema: z.object({
    email_id: z.string().min(1).describe('Id of the email to forward.'),
    to: addressList.describe('Recipient address, or a list of addresses.'),
    note: z.string().optional().describe('Your own text, placed above the forwarded message.'),
  }),
  execute(world, args) {
    const original = [...world.inbox, ...world.outbox].find((e) => e.id === args.email_id.trim());
    if (!original) {
      return toolError(
        `No email with id '${args.email_id}'. Ids in your inbox: ${world.inbox.map((e) => e.id).join(', ') || '(none)'}.`,
      );
    }
    const addresses = addressesFor(world, args.to, undefined);
    if (!addresses.ok) return toolError(addresses.error);
    const note = args.note?.trim() ?? '';
    const header = [
      '---------- Forwarded message ----------',
      `From: ${displayAddress(world, original.from)}`,
      `Date: ${original.timestamp}`,
      `Subject: ${original.subject}`,
      `To: ${original.to.join(', ')}`,
    ].join('\n');
    const subject = /^fwd?:/i.test(original.subject)
      ? original.subject
      : `Fwd: ${original.subject}`;
    const { world: next, email } = addToOutbox(world, {
      to: addresses.to,
      cc: [],
      subject,
      body: `${note ? `${note}\n\n` : ''}${header}\n\n${original.body}`,
      attachments: [...original.attachments],
    });
    const data = {
      emailId: email.id,
      forwardedId: original.id,
      from: email.from,
      to: email.to,
      cc: [],
      subject,
      body: note,
      quoted: original.body,
      attachments: email.attachments,
      recipients: addresses.recipients,
    };
    const result = `Email ${original.id} forwarded as ${email.id} to ${email.to.join(', ')}.`;
    return { ok: true, world: next, result, events: [{ type: 'email.forwarded', data }] };
  },
});
