import { formatEmail } from './format-email.js';
import type { World } from './types.js';

/**
 * The whole inbox as text, oldest first, for the single-turn `text` protocol: each email
 * between `<email>` and `</email>`, with its id, headers, attachments and body.
 * @example formatInbox(world) // "<inbox count=\"4\">\n<email>\nemail_id: m1\nfrom: ..."
 */
export function formatInbox(world: World): string {
  const emails = world.inbox.map((email) => `<email>\n${formatEmail(world, email)}\n</email>`);
  return [
    `<inbox count="${world.inbox.length}" owner="${world.agent.email}">`,
    ...emails,
    '</inbox>',
  ].join('\n');
}
