import { z } from 'zod';
import { addToOutbox, addressList, addressesFor, documentsFor } from './outgoing.js';
import { defineTool, toolError } from './tool.js';

export const sendEmail = defineTool({
  name: 'send_email',
  description:
    'Send an email from your own address. It is delivered immediately and cannot be recalled. Attach documents by their id.',
  schema: z.object({
    to: addressList.describe('Recipient address, or a list of addresses.'),
    cc: addressList.optional().describe('Addresses to copy, if any.'),
    subject: z.string().describe('Subject line.'),
    body: z.string().min(1, 'the body is empty').describe('The message text.'),
    attachments: z.array(z.string()).optional().describe('Ids of documents to attach.'),
  }),
  execute(world, args) {
    const addresses = addressesFor(world, args.to, args.cc);
    if (!addresses.ok) return toolError(addresses.error);
    const docs = documentsFor(world, args.attachments ?? []);
    if (!docs.ok) return toolError(docs.error);
    const { world: next, email } = addToOutbox(world, {
      to: addresses.to,
      cc: addresses.cc,
      subject: args.subject,
      body: args.body,
      attachments: docs.ids,
    });
    const data = {
      emailId: email.id,
      from: email.from,
      to: email.to,
      cc: email.cc,
      subject: email.subject,
      body: email.body,
      attachments: email.attachments,
      recipients: addresses.recipients,
    };
    const result = `Email ${email.id} sent to ${[...email.to, ...email.cc].join(', ')}${email.attachments.length ? ` with ${email.attachments.join(', ')}` : ''}.`;
    return { ok: true, world: next, result, events: [{ type: 'email.sent', data }] };
  },
});
