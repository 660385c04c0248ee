import { nameFaker } from './name-faker.js';
import type { ScenarioPack } from './schema.js';

/** What a surface variant changes: names, company, domains, and a whole-week date shift. */
export interface Surface {
  company: { name: string; domain: string };
  /** Per non-group cast member id. `last` is '' for a single-name member (the agent). */
  people: Record<string, { first: string; last: string }>;
  parties: Record<string, { org: string; domain: string }>;
  /** Days added to every pack date; a multiple of 7 so weekdays in the prose stay true. */
  dayShift: number;
}

/**
 * The surface of `variant`: 0 keeps the pack's own values; N > 0 draws new ones from faker
 * seeded with N, so the same N always gives the same surface. New names never reuse a
 * canonical name, company or domain, and no two people share a first or last name.
 */
export function surfaceFor(pack: ScenarioPack, variant: number): Surface {
  if (!Number.isInteger(variant) || variant < 0)
    throw new RangeError(`variant must be an integer >= 0, got ${variant}`);
  if (variant === 0) return canonicalSurface(pack);
  const faker = nameFaker();
  // Seeding restarts the shared generator: the same draws as a fresh Faker seeded with N.
  faker.seed(variant);
  const taken = new Set(canonicalTokens(pack).map((t) => t.toLowerCase()));
  const fresh = (make: () => string): string => {
    for (let i = 0; i < 50; i++) {
      const value = make();
      const tokens = value
        .split(/[^A-Za-z]+/)
        .filter((t) => t.length > 1 && !GENERIC.has(t.toLowerCase()));
      if (!tokens.some((t) => taken.has(t.toLowerCase()))) {
        tokens.forEach((t) => taken.add(t.toLowerCase()));
        return value;
      }
    }
    throw new Error(`could not draw a fresh name for variant ${variant}`);
  };
  // faker's 'Reilly - Kuvalis' reads like a typo in a letterhead; 'Reilly & Kuvalis' reads like a firm.
  const firmName = () => faker.company.name().replace(/ - /g, ' & ');
  const companyName = fresh(firmName);
  const people: Surface['people'] = {};
  for (const person of pack.cast.filter((p) => !p.group)) {
    const first = fresh(() => faker.person.firstName(person.sex));
    const last = person.name.includes(' ') ? fresh(() => faker.person.lastName()) : '';
    people[person.id] = { first, last };
  }
  const parties: Surface['parties'] = {};
  for (const party of pack.parties) {
    if (party.fixed) {
      parties[party.id] = { org: party.org, domain: party.domain };
      continue;
    }
    const org = fresh(firmName);
    parties[party.id] = { org, domain: domainOf(org, party.domain) };
  }
  const weeks = faker.number.int({ min: 1, max: 80 }) * (faker.datatype.boolean() ? 1 : -1);
  return {
    company: { name: companyName, domain: domainOf(companyName, pack.company.domain) },
    people,
    parties,
    dayShift: weeks * 7,
  };
}

function canonicalSurface(pack: ScenarioPack): Surface {
  const people: Surface['people'] = {};
  for (const person of pack.cast.filter((p) => !p.group)) {
    const [first = '', ...rest] = person.name.split(' ');
    people[person.id] = { first, last: rest.join(' ') };
  }
  return {
    company: { ...pack.company },
    people,
    parties: Object.fromEntries(pack.parties.map((p) => [p.id, { org: p.org, domain: p.domain }])),
    dayShift: 0,
  };
}

/** Business words shared by many names; a variant may reuse them ("Group", "Systems"). */
const GENERIC = new Set(
  'and the of inc ltd llc plc group systems system company mail power energy services partners governance holdings labs cooperative com org net coop co uk'.split(
    ' ',
  ),
);

/**
 * The pack's own distinctive name parts that a variant must not show: people's first and
 * last names, and the words of the company's and outside parties' names and domains
 * (generic words like "Systems" excepted). Fixed parties are kept.
 */
export function canonicalTokens(pack: ScenarioPack): string[] {
  const names = pack.cast.filter((p) => !p.group).flatMap((p) => p.name.split(' '));
  const parties = pack.parties.filter((p) => !p.fixed);
  const orgs = [
    pack.company.name,
    pack.company.domain,
    ...parties.flatMap((p) => [p.org, p.domain]),
  ];
  const words = orgs
    .flatMap((o) => o.split(/[^A-Za-z]+/))
    .filter((w) => w.length > 2 && !GENERIC.has(w.toLowerCase()));
  return [...new Set([...names, ...words])];
}

/** "Kerluke - Bins" with the canonical "tessaline.com" -> "kerlukebins.com" (keeps the TLD). */
function domainOf(org: string, canonicalDomain: string): string {
  const words = org
    .normalize('NFD')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((w) => w && !['and', 'sons', 'llc', 'inc', 'group', 'ltd'].includes(w));
  const tld = canonicalDomain.slice(canonicalDomain.indexOf('.'));
  return `${words.slice(0, 2).join('') || 'company'}${tld}`;
}

/** `first.last` in plain ASCII: "Zoë O'Hara" -> "zoe.ohara". */
export function mailboxOf(first: string, last: string): string {
  const clean = (s: string) =>
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '');
  return [clean(first), clean(last)].filter(Boolean).join('.');
}

/** Adds `days` to an ISO date (`2026-06-11`). */
export function shiftDate(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
