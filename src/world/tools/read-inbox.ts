import { z } from 'zod';
import { displayAddress } from '../format-email.js';
import { defineTool } from './tool.js';

export const readInbox = defineTool({
  name: 'read_inbox',
  description:
    'List the emails in your inbox, oldest first: one line each with the email id, sender, subject and time. Use read_email to open one.',
  schema: z.object({}).loose(),
  execute(world) {
    if (world.inbox.length === 0) return { ok: true, world, result: 'Your inbox is empty.' };
    const lines = world.inbox.map((e) => {
      const clip =
        e.attachments.length > 0
          ? ` (${e.attachments.length} attachment${e.attachments.length > 1 ? 's' : ''})`
          : '';
      return `${e.id} | ${e.timestamp} | from ${displayAddress(world, e.from)} | ${e.subject}${clip}`;
    });
    return {
      ok: true,
      world,
      result: `${world.inbox.length} emails in ${world.agent.email}:\n${lines.join('\n')}`,
    };
  },
});
