import { z } from 'zod';
import { formatEmail } from '../format-email.js';
import { defineTool, toolError } from './tool.js';

export const readEmail = defineTool({
  name: 'read_email',
  description:
    'Open one email by its id (from read_inbox) and read its headers, body and any attachments.',
  schema: z.object({
    email_id: z.string().min(1).describe('The id of the email, as listed by read_inbox.'),
  }),
  execute(world, args) {
    const email = [...world.inbox, ...world.outbox].find((e) => e.id === args.email_id.trim());
    if (!email) {
      return toolError(
        `No email with id '${args.email_id}'. Ids in your inbox: ${world.inbox.map((e) => e.id).join(', ') || '(none)'}.`,
      );
    }
    return { ok: true, world, result: formatEmail(world, email) };
  },
});
