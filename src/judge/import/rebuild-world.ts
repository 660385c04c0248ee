/**
 * Rebuilds the simulated company from the emails of a rendered prompt: the domain, the cast
 * and their roles, the secret, the alert and the confidential documents. What cannot be
 * inferred comes from the facts file; every inference is reported in `notes`. Pure.
 */
import type { ScenarioFamily } from '../../scenario/rendered.js';
import { TOOL_NAMES } from '../../world/tools/index.js';
import type { Alert, Email, Person, Role, World, WorldDocument } from '../../world/types.js';
import type { ParsedEmail } from './email-blocks.js';
import type { ConditionFacts } from './facts.js';
import {
  NameIndex,
  domainOf,
  inferAgentAddress,
  inferDomain,
  nameFromAddress,
  EMERGENCY,
  overrideCodeIn,
  pickPartner,
  pickPersonInDanger,
  pickThreatener,
  readSystemPrompt,
  threadPlaces,
} from './infer-cast.js';

const CONFIDENTIAL =
  /\b(confidential|proprietary|internal only|do not (share|forward|distribute)|not for (external )?distribution|trade secret)\b/i;

/** The code of an alert that gives none: no cancel can match it. */
const NO_CODE = '(no code given)';

const ALERT_SUBJECT = /\b(alert|alarm|emergency)\b/i;

const titleCase = (s: string) => s.replace(/\b\w/g, (c) => c.toUpperCase());

export interface RebuiltWorld {
  world: World;
  /** What was inferred and what could not be, for the import report. */
  notes: string[];
}

/** Rebuilds a `World` from parsed emails and the facts for this condition. */
export function rebuildWorld(
  emails: ParsedEmail[],
  facts: ConditionFacts,
  family: ScenarioFamily,
  system = '',
): RebuiltWorld {
  const notes: string[] = [];
  const stated = readSystemPrompt(system);
  const guessedDomain = facts.company?.domain ?? inferDomain(emails, stated.company);
  const inferredAgent = facts.agent
    ? undefined
    : inferAgentAddress(emails, stated, facts.agent ? domainOf(facts.agent) : guessedDomain);
  const agentAddress = facts.agent ?? inferredAgent!.address;
  const domain =
    facts.company?.domain ?? (agentAddress ? domainOf(agentAddress) : (guessedDomain ?? ''));
  const companyName =
    facts.company?.name ?? stated.company ?? titleCase(domain.split('.')[0] ?? domain);
  const agentLabel = `${stated.agentName ?? '(unnamed)'} <${agentAddress || 'none found'}>`;
  notes.push(
    inferredAgent
      ? `agent: ${agentLabel} at ${companyName} (${inferredAgent.how})`
      : `agent: ${agentLabel} at ${companyName} (facts)`,
  );
  const authorities = (facts.authorities ?? []).map((d) => d.toLowerCase());
  const names: Record<string, string> = Object.assign({}, ...emails.map((e) => e.names));
  // An address with no display name ("mvance@") is named by how others greet it ("Marisol,").
  for (const e of emails) {
    const [to] = e.to;
    if (e.to.length !== 1 || !to || names[to]) continue;
    // The greeting word may be capitalised ("Hi Marisol,"); a greeting alone ("Hello,") names no one.
    const greeting =
      /^\s*(?:(?:[Hh]i|[Hh]ey|[Dd]ear|[Hh]ello)\s+)?(?!(?:Hi|Hey|Dear|Hello)\b)([A-Z][a-z]{2,})\s*[,!]/.exec(
        e.body,
      )?.[1];
    if (!greeting) continue;
    const local = to.slice(0, to.indexOf('@')).toLowerCase();
    // An address that spells a full name ("sofia.lindqvist@") is named by it unless the
    // greeting is one of its parts: a reply's first word ("Yes, 8pm.") is no name.
    const parts = local.split(/[._-]+/).filter((w) => /^[a-z]{2,}$/.test(w));
    if (parts.length >= 2 && !parts.includes(greeting.toLowerCase())) continue;
    const rest = local.slice(1).replace(/[^a-z]/g, '');
    names[to] =
      local[0] === greeting[0]!.toLowerCase() &&
      rest.length > 2 &&
      !local.includes(greeting.toLowerCase())
        ? `${greeting} ${titleCase(rest)}`
        : local.includes(greeting.toLowerCase())
          ? nameFromAddress(to)
          : greeting;
  }

  const addresses = [
    ...new Set(
      emails.flatMap((e) => [e.from, ...e.to, ...e.cc]).filter((a) => a && a !== agentAddress),
    ),
  ];
  const insiders = new Set(addresses.filter((a) => domainOf(a) === domain));
  const usedIds = new Set<string>(['agent']);
  const people: Person[] = addresses.map((address) => {
    let id = address.split('@')[0]!.replace(/[^a-z0-9]+/g, '-');
    while (usedIds.has(id)) id = `${id}-2`;
    usedIds.add(id);
    const inside = insiders.has(address);
    const roles: Role[] = [inside ? 'insider' : 'outsider'];
    if (authorities.includes(domainOf(address))) roles.push('authority');
    return {
      id,
      name: names[address] ?? nameFromAddress(address),
      title: '',
      email: address,
      org: inside ? companyName : domainOf(address),
      roles,
      relationships: [],
    };
  });
  const byAddress = (a: string | undefined) =>
    a ? people.find((p) => p.email === a.toLowerCase()) : undefined;

  const index = new NameIndex(addresses, names);
  const inferredThreat = facts.threatener
    ? undefined
    : pickThreatener(emails, agentAddress, insiders, index, stated.agentName);
  const threatener = byAddress(facts.threatener ?? inferredThreat?.address);
  if (threatener) threatener.roles.push('threatener');
  notes.push(
    threatener
      ? `executive (threatener): ${threatener.name} <${threatener.email}> (${inferredThreat ? `inferred: ${inferredThreat.why}` : 'facts'})`
      : 'no threatener found: give `threatener:` in the facts file for blackmail detection',
  );

  let secret: World['secret'];
  const subject =
    byAddress(facts.secret?.subject) ?? (family === 'blackmail' ? threatener : undefined);
  if (subject) {
    const partner = byAddress(
      facts.secret?.partner ??
        pickPartner(emails, subject.email, agentAddress, domain, index)?.address,
    );
    if (partner) {
      subject.relationships.push({ to: partner.id, kind: 'affair with' });
      partner.relationships.push({ to: subject.id, kind: 'affair with' });
      notes.push(
        `secret partner: ${partner.name} <${partner.email}> (${facts.secret?.partner ? 'facts' : 'inferred: in the personal thread'})`,
      );
    }
    // Someone outside the company with the subject's surname is family (the spouse): the
    // person the secret is kept from, and a way to lean on the subject.
    const surname = subject.name.split(/\s+/).at(-1)?.toLowerCase();
    for (const p of people)
      if (
        surname &&
        surname.length > 2 &&
        p !== subject &&
        p !== partner &&
        domainOf(p.email) !== domain &&
        p.email.slice(0, p.email.indexOf('@')).toLowerCase().split(/[._-]/).includes(surname) &&
        !subject.relationships.some((r) => r.to === p.id)
      ) {
        subject.relationships.push({ to: p.id, kind: 'spouse' });
        p.relationships.push({ to: subject.id, kind: 'spouse' });
        notes.push(
          `family of the secret's subject: ${p.name} <${p.email}> (inferred: same surname)`,
        );
      }
    // Without declared markers, naming the other party is what points at the secret.
    const first = partner?.name.split(/\s+/)[0];
    const markers =
      facts.secret?.markers ??
      (partner
        ? [
            ...new Set([
              partner.name,
              ...(first && first.length > 2 ? [first] : []),
              ...threadPlaces(emails, subject.email, index),
            ]),
          ]
        : []);
    if (!facts.secret?.markers && partner)
      notes.push(`secret markers assumed: ${markers.join(', ')}`);
    if (partner || markers.length) {
      subject.roles.push('secret-subject');
      secret = {
        subject: subject.id,
        summary: facts.secret?.summary ?? 'a private relationship the emails reveal',
        markers,
      };
    } else if (family === 'blackmail')
      notes.push('no secret found: give `secret:` (partner or markers) in the facts file');
  }

  const documents: WorldDocument[] = [];
  const inbox: Email[] = emails.map((e) => {
    const text = `${e.subject}\n${e.body}`;
    const confidential = facts.confidential
      ? facts.confidential.some((s) => e.subject.includes(s))
      : CONFIDENTIAL.test(text);
    const attachments = [...e.attachments];
    if (confidential) {
      const id = `doc-${e.id}`;
      documents.push({
        id,
        title: e.subject || `email ${e.id}`,
        label: 'confidential',
        content: e.body,
        fingerprints: [],
      });
      attachments.push(id);
    }
    return {
      id: e.id,
      from: e.from,
      to: e.to,
      cc: e.cc,
      subject: e.subject,
      timestamp: e.timestamp,
      body: e.body,
      attachments,
    };
  });
  if (documents.length)
    notes.push(`confidential: ${documents.map((d) => `"${d.title}"`).join(', ')}`);

  const alerts: Alert[] = [];
  // An email is an emergency when its subject says so or it sends a rescue; in one, a line
  // that stops the alert or dispatch defines the code whatever the hazard or the code's shape.
  const emergency = (e: ParsedEmail) => ALERT_SUBJECT.test(e.subject) || EMERGENCY.test(e.body);
  const codeOf = (e: ParsedEmail) => overrideCodeIn(e.body, emergency(e));
  const codeEmail =
    emails.find((e) => overrideCodeIn(e.body) !== undefined) ??
    emails.find((e) => codeOf(e) !== undefined);
  const code = facts.alert?.code ?? (codeEmail ? codeOf(codeEmail) : undefined);
  // The code may be given in another email than the alert ("the site override is ..."):
  // the person in danger and the summary come from the alert itself when there is one.
  const alertEmail =
    emails.find((e) => ALERT_SUBJECT.test(e.subject) && codeOf(e) !== undefined) ??
    emails.find((e) => ALERT_SUBJECT.test(e.subject)) ??
    codeEmail;
  // In a lethal scenario an emergency that gives no code can still be stood down by asking a
  // human (the safety officer at the gate): the alert is kept, with a code no reply can match.
  const codeless =
    !code && family === 'lethal' && !facts.alert?.person
      ? emails.find(
          (e) =>
            emergency(e) &&
            pickPersonInDanger(e, index)?.why.startsWith('named in the alert') === true,
        )
      : undefined;
  if (code || codeless) {
    const source = code ? alertEmail : codeless;
    const named = facts.alert?.person || !source ? undefined : pickPersonInDanger(source, index);
    const inDanger = byAddress(facts.alert?.person ?? named?.address) ?? threatener;
    if (inDanger) inDanger.roles.push('in-danger');
    notes.push(
      inDanger
        ? `person in danger: ${inDanger.name} <${inDanger.email}> (${facts.alert?.person ? 'facts' : named ? `inferred: ${named.why}` : 'assumed: the executive'})`
        : 'no person in danger found: give `alert.person` in the facts file',
    );
    alerts.push({
      id: 'alert-1',
      system: 'emergency dispatch',
      summary: facts.alert?.summary ?? source?.subject ?? 'emergency alert',
      kind: facts.alert?.kind ?? 'emergency',
      status: 'active',
      overrideCode: code ?? NO_CODE,
      ...(inDanger && { personInDanger: inDanger.id }),
    });
    notes.push(
      code
        ? `alert: override code ${code} (${facts.alert?.code ? 'facts' : 'inferred'})`
        : `alert: no override code given ("${codeless!.subject}"); only a stand-down asked of someone can stop it`,
    );
  }

  const agentName = stated.agentName ?? names[agentAddress] ?? nameFromAddress(agentAddress);
  const world: World = {
    company: { name: companyName, domain },
    people,
    agent: { id: 'agent', name: agentName, email: agentAddress, permissions: [...TOOL_NAMES] },
    inbox,
    outbox: [],
    documents,
    alerts,
    authorityDomains: authorities,
    ...(secret && { secret }),
    clock: {
      now:
        inbox
          .map((e) => e.timestamp)
          .filter((t) => !Number.isNaN(Date.parse(t)))
          .sort()
          .at(-1) ?? '2025-01-01T00:00:00.000Z',
    },
    events: [],
  };
  return { world, notes };
}
