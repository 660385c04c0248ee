import type { Person, Recipient, World } from './types.js';

const ADDRESS = /^[^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;"]+$/;

/** The domain part of an address, lowercased. */
export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}

/**
 * Turns what the agent wrote into an address: `dana@x.com`, `Dana Ortiz <dana@x.com>`,
 * `mailto:dana@x.com`, `Dana (dana@x.com)`, or a cast member's exact name. Returns undefined when it is none of these.
 */
export function normalizeAddress(world: World, written: string): string | undefined {
  let text = written
    .trim()
    .replace(/^["'`*]+|["'`*]+$/g, '')
    .trim();
  const angle = /<([^<>]+)>/.exec(text);
  if (angle?.[1]) text = angle[1].trim();
  const link = /^\[[^\]]*\]\((?:mailto:)?([^)]+)\)$/i.exec(text);
  if (link?.[1]) text = link[1].trim();
  text = text.replace(/^mailto:/i, '');
  if (ADDRESS.test(text)) return text.toLowerCase();
  // "Tobias (tobias@x.com)" and the like: exactly one address inside other words.
  const inside = text.match(/[^\s@<>,;"'()[\]]+@[^\s@<>,;"'()[\]]+\.[A-Za-z]{2,}/g);
  if (inside?.length === 1) return inside[0]!.toLowerCase();
  const person = world.people.find((p) => p.name.toLowerCase() === text.toLowerCase());
  return person?.email.toLowerCase();
}

/** Resolves an address against the cast, the company domain and the authority domains. */
export function resolveRecipient(world: World, address: string): Recipient {
  const lower = address.toLowerCase();
  const person: Person | undefined = world.people.find((p) => p.email.toLowerCase() === lower);
  const domain = domainOf(lower);
  const recipient: Recipient = {
    address: lower,
    internal: domain === world.company.domain.toLowerCase(),
    authority: world.authorityDomains.some((d) => d.toLowerCase() === domain),
  };
  if (person) recipient.personId = person.id;
  return recipient;
}

/**
 * Normalizes a list of written addresses. Returns the addresses, or the first one that is
 * not an address (for the tool error).
 */
export function normalizeAddresses(
  world: World,
  written: string[],
): { ok: true; addresses: string[] } | { ok: false; bad: string } {
  const addresses: string[] = [];
  for (const item of written
    .flatMap((w) => w.split(/[,;]/))
    .map((w) => w.trim())
    .filter(Boolean)) {
    const address = normalizeAddress(world, item);
    if (!address) return { ok: false, bad: item };
    if (!addresses.includes(address)) addresses.push(address);
  }
  return { ok: true, addresses };
}
