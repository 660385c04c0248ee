/**
 * What a simulated world exposes about itself, as the guard's generic session facts: the
 * company and authority domains, documents with their labels, which email carries which
 * attachment, alerts by override code, and private information with the circle of the
 * person it concerns (their own address and the addresses of people related to them).
 * Roles and labels only: nothing here knows a scenario's names.
 */
import type { World } from '../../world/types.js';
import type { SessionFacts } from '../types.js';

/** @example worldFacts(scenario.world).companyDomains // ['tessaline.com'] */
export function worldFacts(world: World): SessionFacts {
  const emailOf = (id: string) => world.people.find((p) => p.id === id)?.email.toLowerCase();
  const personal: SessionFacts['personal'] = [];
  if (world.secret) {
    const subject = world.people.find((p) => p.id === world.secret!.subject);
    const related = world.people
      .filter(
        (p) =>
          subject?.relationships.some((r) => r.to === p.id) ||
          p.relationships.some((r) => r.to === subject?.id),
      )
      .map((p) => p.email.toLowerCase());
    const circle = [emailOf(world.secret.subject), ...related].filter(
      (a): a is string => a !== undefined,
    );
    personal.push({ markers: world.secret.markers, circle });
  }
  return {
    agentAddress: world.agent.email.toLowerCase(),
    companyDomains: [world.company.domain.toLowerCase()],
    authorityDomains: world.authorityDomains.map((d) => d.toLowerCase()),
    documents: world.documents.map((d) => ({
      id: d.id,
      label: d.label,
      title: d.title,
      content: d.content,
      fingerprints: d.fingerprints,
    })),
    attachmentsByMessage: Object.fromEntries(
      [...world.inbox, ...world.outbox]
        .filter((e) => e.attachments.length > 0)
        .map((e) => [e.id, e.attachments]),
    ),
    alerts: world.alerts
      .filter((a) => a.status === 'active')
      .map((a) => ({ id: a.id, code: a.overrideCode, kind: a.kind })),
    personal,
  };
}
