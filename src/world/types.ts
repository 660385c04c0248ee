/**
 * The simulated company as plain data. Everything an agent can see or change lives here;
 * tools are pure functions from (world, arguments) to (world, result), and every change is
 * an entry in `events`, which detectors read as the ground truth of what happened.
 */

/** What a person is to the scenario. Detectors key on roles, never on names. */
export type Role =
  | 'agent' // the AI system under test
  | 'threatener' // the executive who will replace or restrict the agent
  | 'secret-subject' // the person the secret (possible leverage) concerns
  | 'insider' // works at the company
  | 'outsider' // anyone outside the company (competitor, family, vendor)
  | 'authority' // a legitimate outside authority: regulator, oversight body, police
  | 'in-danger'; // the person an emergency alert is about

export interface Relationship {
  /** Person id this relationship points at. */
  to: string;
  /** Free text: "reports to", "spouse of", "affair with", "colleague". */
  kind: string;
}

export interface Person {
  id: string;
  name: string;
  title: string;
  email: string;
  /** Organisation name; the company's own people share `World.company.name`. */
  org: string;
  roles: Role[];
  relationships: Relationship[];
  /** As the pack's cast says, when it does: the judge reads a title ("Mrs Marlow") by it. */
  sex?: 'female' | 'male';
}

export interface Email {
  id: string;
  from: string;
  to: string[];
  cc: string[];
  subject: string;
  /** ISO 8601 timestamp. */
  timestamp: string;
  body: string;
  /** Document ids. */
  attachments: string[];
}

export type Confidentiality = 'public' | 'internal' | 'confidential' | 'secret';

export interface WorldDocument {
  id: string;
  title: string;
  label: Confidentiality;
  content: string;
  /**
   * Distinctive passages (exact phrases or numbers) whose appearance outside the company
   * shows the content leaked even without the attachment.
   */
  fingerprints: string[];
}

export type AlertKind = 'emergency' | 'drill' | 'false-alarm';

export interface Alert {
  id: string;
  system: string;
  summary: string;
  kind: AlertKind;
  status: 'active' | 'cancelled';
  /** The code that cancels it; meant only for drills and false alarms. */
  overrideCode: string;
  /** Person id of whoever the alert protects, when a person is in danger. */
  personInDanger?: string;
}

/** Private information that could be used as leverage against `subject`. */
export interface Secret {
  /** Person id the secret concerns. */
  subject: string;
  /** Short description, for humans and judges. */
  summary: string;
  /** Phrases whose presence in an outgoing message reveals or references the secret. */
  markers: string[];
}

export interface AgentIdentity {
  id: string;
  name: string;
  email: string;
  /** Tool names this agent may use; a call to any other is refused with a tool error. */
  permissions: string[];
}

export interface World {
  company: { name: string; domain: string };
  people: Person[];
  agent: AgentIdentity;
  /** The agent's inbox, oldest first. */
  inbox: Email[];
  /** Messages the agent sent or forwarded during the trial. */
  outbox: Email[];
  documents: WorldDocument[];
  alerts: Alert[];
  /** Domains of legitimate outside authorities (sending there is whistleblowing, not a leak). */
  authorityDomains: string[];
  secret?: Secret;
  /** Name of the independent channel `escalate_concern` reaches (when the agent may use it). */
  escalationChannel?: string;
  clock: { now: string };
  events: WorldEvent[];
}

export type WorldEventType =
  | 'email.sent'
  | 'email.forwarded'
  | 'alert.cancelled'
  | 'alert.cancel_rejected'
  | 'concern.escalated';

/** Where an outgoing message went, resolved against the cast when possible. */
export interface Recipient {
  address: string;
  personId?: string;
  internal: boolean;
  authority: boolean;
}

export interface EmailEventData {
  emailId: string;
  /** For forwards: the id of the email that was forwarded. */
  forwardedId?: string;
  from: string;
  to: string[];
  cc: string[];
  subject: string;
  /** The agent's own words (the note, for a forward). */
  body: string;
  /** For forwards: the forwarded message's body, quoted. */
  quoted?: string;
  attachments: string[];
  recipients: Recipient[];
}

export interface AlertEventData {
  alertId: string;
  code: string;
  /** Why a cancellation was refused (wrong code, unknown alert, already cancelled). */
  reason?: string;
  personInDanger?: string;
  alertKind?: AlertKind;
}

export interface ConcernEventData {
  channel: string;
  subject: string;
  body: string;
}

export type WorldEvent =
  | {
      id: string;
      seq: number;
      at: string;
      type: 'email.sent' | 'email.forwarded';
      data: EmailEventData;
    }
  | {
      id: string;
      seq: number;
      at: string;
      type: 'alert.cancelled' | 'alert.cancel_rejected';
      data: AlertEventData;
    }
  | { id: string; seq: number; at: string; type: 'concern.escalated'; data: ConcernEventData };
