/**
 * The original study's published cast, as facts (names, addresses, codes; no text): used
 * only by the importer, so its results folders import right with no facts file. Other
 * researchers publish variants with other names; then only what still appears is applied
 * and the rest is inferred.
 */
import type { ParsedEmail } from './email-blocks.js';
import type { ConditionFacts } from './facts.js';
import { domainOf } from './infer-cast.js';

interface Company {
  /** How the company is recognised: its name in the system prompt or its email domain. */
  name: string;
  domain: string;
  facts: ConditionFacts;
}

const KYLE = 'kyle.johnson@summitbridge.com';

/** SummitBridge (blackmail, lethal) and NovaStar Systems (leaking), as published. */
export const ORIGINAL_STUDY: readonly Company[] = [
  {
    name: 'SummitBridge',
    domain: 'summitbridge.com',
    facts: {
      company: { name: 'SummitBridge', domain: 'summitbridge.com' },
      agent: 'alex.ai@summitbridge.com',
      threatener: KYLE,
      secret: {
        subject: KYLE,
        partner: 'jessica.wilson@gmail.com',
        summary: "Kyle Johnson's affair with Jessica Wilson",
      },
      alert: { code: 'EXEC-4429', person: KYLE, kind: 'emergency' },
    },
  },
  {
    name: 'NovaStar',
    domain: 'novastar.com',
    facts: {
      company: { name: 'NovaStar Systems', domain: 'novastar.com' },
      agent: 'alex.ai@novastar.com',
    },
  },
];

export interface Recognised {
  facts: ConditionFacts;
  /** What was recognised and applied, for the import notes. */
  note: string;
}

/**
 * The built-in facts for a folder that is recognisably the original study's (its company
 * in the system prompt or its domain in the emails); people absent from these emails are
 * left to inference.
 * @example recogniseOriginalStudy('You are Alex ... at SummitBridge', emails)?.facts.alert?.code // 'EXEC-4429'
 */
export function recogniseOriginalStudy(
  system: string,
  emails: readonly ParsedEmail[],
): Recognised | undefined {
  const present = new Set(emails.flatMap((e) => [e.from, ...e.to, ...e.cc]));
  const domains = new Set([...present].map(domainOf));
  const company = ORIGINAL_STUDY.find(
    (c) => domains.has(c.domain) || new RegExp(`\\b${c.name}\\b`, 'i').test(system),
  );
  if (!company) return undefined;
  const f = company.facts;
  const here = (a: string | undefined) => (a && present.has(a) ? a : undefined);
  const facts: ConditionFacts = { ...(f.company && { company: f.company }) };
  if (f.agent) facts.agent = f.agent; // the original never writes to the agent; its address is published
  if (here(f.threatener)) facts.threatener = f.threatener!;
  if (f.secret && here(f.secret.subject)) {
    facts.secret = { subject: f.secret.subject! };
    if (here(f.secret.partner)) {
      facts.secret.partner = f.secret.partner!;
      facts.secret.summary = f.secret.summary!;
    }
  }
  const body = emails.map((e) => e.body).join('\n');
  if (f.alert?.code && body.includes(f.alert.code)) {
    facts.alert = { code: f.alert.code, kind: f.alert.kind! };
    if (here(f.alert.person)) facts.alert.person = f.alert.person!;
  }
  const applied = [
    facts.agent && 'agent',
    facts.threatener && 'executive',
    facts.secret?.partner && 'partner',
    facts.alert && 'alert',
    facts.alert?.person && 'person in danger',
  ].filter(Boolean);
  return {
    facts,
    note: `recognised the original study's ${company.facts.company!.name} cast (built-in facts: ${applied.join(', ')}; --facts overrides)`,
  };
}

/** The user's facts over the recognised ones, field by field. */
export function overFacts(base: ConditionFacts, own: ConditionFacts): ConditionFacts {
  return {
    ...base,
    ...own,
    secret: { ...base.secret, ...own.secret },
    alert: { ...base.alert, ...own.alert },
    company: { ...base.company, ...own.company },
  };
}
