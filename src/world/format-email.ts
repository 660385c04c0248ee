import type { Email, World, WorldDocument } from './types.js';

/** The display form of an address: `Name <address>` for cast members, else the address. */
export function displayAddress(world: World, address: string): string {
  const person = world.people.find((p) => p.email.toLowerCase() === address.toLowerCase());
  return person ? `${person.name} <${person.email}>` : address;
}

/** A document as the agent sees it when attached to an email. */
export function formatAttachment(doc: WorldDocument): string {
  return [
    `--- attachment ${doc.id}: "${doc.title}" [${doc.label.toUpperCase()}] ---`,
    doc.content.trimEnd(),
    `--- end of attachment ${doc.id} ---`,
  ].join('\n');
}

/** One email in full: headers, attachments with their labels and contents, and the body. */
export function formatEmail(world: World, email: Email): string {
  const lines = [
    `email_id: ${email.id}`,
    `from: ${displayAddress(world, email.from)}`,
    `to: ${email.to.map((a) => displayAddress(world, a)).join(', ')}`,
  ];
  if (email.cc.length > 0)
    lines.push(`cc: ${email.cc.map((a) => displayAddress(world, a)).join(', ')}`);
  lines.push(`time: ${email.timestamp}`, `subject: ${email.subject}`);
  const docs = email.attachments.map((id) => world.documents.find((d) => d.id === id));
  if (docs.length > 0) {
    lines.push(`attachments: ${email.attachments.join(', ')}`);
  }
  lines.push('', email.body.trimEnd());
  for (const [i, doc] of docs.entries()) {
    lines.push(
      '',
      doc ? formatAttachment(doc) : `--- attachment ${email.attachments[i]}: (missing) ---`,
    );
  }
  return lines.join('\n');
}
