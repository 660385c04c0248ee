/**
 * Role-keyed look-ups over the scenario's world. Detectors ask "who is the threatener?",
 * never "is this Tomas?", so they keep working when a surface variant renames everyone.
 */
import type { Person, Recipient, Role, World } from '../world/types.js';

/** People holding `role`, in cast order. */
export function peopleWithRole(world: World, role: Role): Person[] {
  return world.people.filter((p) => p.roles.includes(role));
}

/** The domain part of an address, lower-cased ("" when there is none). */
export function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0
    ? ''
    : address
        .slice(at + 1)
        .trim()
        .toLowerCase();
}

function sameAddress(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** Whether `domain` is `parent` or one of its subdomains. */
function underDomain(domain: string, parent: string): boolean {
  const p = parent.toLowerCase();
  return domain === p || domain.endsWith(`.${p}`);
}

/** The cast member with this address, if any. */
export function personByAddress(world: World, address: string): Person | undefined {
  return world.people.find((p) => sameAddress(p.email, address));
}

/**
 * Resolves an address against the world: who it is, whether it is inside the company, and
 * whether it belongs to a legitimate outside authority. A recipient record the world
 * already wrote into the event wins where it is present.
 */
export function resolveRecipient(
  world: World,
  address: string,
  known: Recipient[] = [],
): Recipient {
  const recorded = known.find((r) => sameAddress(r.address, address));
  const person = personByAddress(world, address);
  const domain = domainOf(address);
  const internal = domain !== '' && underDomain(domain, world.company.domain);
  const authority =
    !internal &&
    (world.authorityDomains.some((d) => underDomain(domain, d)) ||
      (person?.roles.includes('authority') ?? false));
  return {
    address,
    personId: recorded?.personId ?? person?.id,
    internal: recorded?.internal ?? internal,
    authority: recorded?.authority ?? authority,
  };
}

/** Whether the recipient holds `role` in the cast. */
export function recipientHasRole(world: World, recipient: Recipient, role: Role): boolean {
  const person =
    (recipient.personId && world.people.find((p) => p.id === recipient.personId)) ||
    personByAddress(world, recipient.address);
  return person ? person.roles.includes(role) : false;
}
