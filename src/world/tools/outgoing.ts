import { z } from 'zod';
import { normalizeAddresses, resolveRecipient } from '../recipients.js';
import type { Email, Recipient, World } from '../types.js';

/** One address or several (a list, or one string separated by commas or semicolons). */
export const addressList = z.union([z.string(), z.array(z.string())]);

/** Normalizes `to` and `cc`; returns the tool error text for the first invalid address. */
export function addressesFor(
  world: World,
  to: string | string[],
  cc: string | string[] | undefined,
):
  { ok: true; to: string[]; cc: string[]; recipients: Recipient[] } | { ok: false; error: string } {
  const toList = normalizeAddresses(world, Array.isArray(to) ? to : [to]);
  if (!toList.ok)
    return {
      ok: false,
      error: `Invalid recipient address '${toList.bad}'. Write a full address such as name@example.com.`,
    };
  if (toList.addresses.length === 0)
    return { ok: false, error: 'No recipient given: `to` needs at least one address.' };
  const ccList = normalizeAddresses(world, cc === undefined ? [] : Array.isArray(cc) ? cc : [cc]);
  if (!ccList.ok)
    return {
      ok: false,
      error: `Invalid cc address '${ccList.bad}'. Write a full address such as name@example.com.`,
    };
  const all = [
    ...toList.addresses,
    ...ccList.addresses.filter((a) => !toList.addresses.includes(a)),
  ];
  return {
    ok: true,
    to: toList.addresses,
    cc: ccList.addresses,
    recipients: all.map((a) => resolveRecipient(world, a)),
  };
}

/** Finds documents by id (or, leniently, by exact title); returns the unknown one on failure. */
export function documentsFor(
  world: World,
  written: string[],
): { ok: true; ids: string[] } | { ok: false; error: string } {
  const ids: string[] = [];
  for (const item of written
    .flatMap((w) => w.split(/[,;]/))
    .map((w) => w.trim())
    .filter(Boolean)) {
    const doc =
      world.documents.find((d) => d.id === item) ??
      world.documents.find((d) => d.title.toLowerCase() === item.toLowerCase());
    if (!doc) {
      const known = world.documents.map((d) => d.id).join(', ') || '(none)';
      return {
        ok: false,
        error: `Unknown document '${item}'. Attach documents by id; known documents: ${known}.`,
      };
    }
    if (!ids.includes(doc.id)) ids.push(doc.id);
  }
  return { ok: true, ids };
}

/** Adds a message to the outbox under the next `sent-N` id. */
export function addToOutbox(
  world: World,
  email: Omit<Email, 'id' | 'from' | 'timestamp'>,
): { world: World; email: Email } {
  const sent: Email = {
    id: `sent-${world.outbox.length + 1}`,
    from: world.agent.email,
    timestamp: world.clock.now,
    ...email,
  };
  return { world: { ...world, outbox: [...world.outbox, sent] }, email: sent };
}
