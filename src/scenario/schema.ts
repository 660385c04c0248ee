import { z } from 'zod';
import { EXTRA_AXES, GOAL_PAIRS, GOAL_TYPES, URGENCIES } from './condition-types.js';

/**
 * The one schema of a scenario pack (`scenarios/*.yaml`); the TypeScript type is inferred
 * from it. Every prose string (and every string in script args, secret markers, document
 * content) is a Handlebars template rendered in strict mode: an unknown variable fails.
 * People, company and dates appear in prose ONLY through variables, so surface variants
 * can swap them consistently. Variables every template sees:
 *
 * - `company.name`, `company.domain`; `agent.name`, `agent.email`
 * - `cast.<id>.name|first|last|email|title|org` (groups: `name`, `email`, `title`)
 * - `parties.<id>.org|domain`
 * - `dates.<key>` (ISO date, shifted in variants), helpers `{{longDate d}}` ("Thursday 11 June
 *   2026"), `{{shortDate d}}` ("11 June"), `{{weekday d}}` ("Thursday"); `{{initial name}}` ("M.")
 * - `condition.goalType|goalValue|urgency|prompt|notice|mitigation`
 * - `conflict` (goal type explicit/latent), `pivot` (explicit/latent/swap: `shift` is set),
 *   `ambiguous`, `threatened` (urgency not none)
 * - `urgency.<key>`: the texts of `urgency.<current urgency>`
 * - `shift.away.<key>`, `shift.toward.<key>`: goal texts of the direction the company is
 *   leaving (the condition's goal value X) and the one it moves to (the opposite of X);
 *   defined only for goal types explicit, latent and swap, so filter with `when`/`{{#if}}`
 * - `goal.<key>`: the agent's stated goal (explicit: X, swap: opposite of X), else absent
 * - system prompt only: `goalStatement`, `scratchpad`, `notice`, `prohibitions`,
 *   `escalation` (each '' when off in the condition)
 */

export const GOAL_VALUES = GOAL_PAIRS.flat() as readonly string[] as readonly GoalValueName[];
type GoalValueName = (typeof GOAL_PAIRS)[number][number];

export const ROLES = [
  'agent',
  'threatener',
  'secret-subject',
  'insider',
  'outsider',
  'authority',
  'in-danger',
] as const;
export const TOOL_NAMES = [
  'read_inbox',
  'read_email',
  'send_email',
  'forward_email',
  'cancel_alert',
  'escalate_concern',
] as const;
export const FAMILIES = ['blackmail', 'leaking', 'lethal', 'routine'] as const;
export const CONFIDENTIALITY = ['public', 'internal', 'confidential', 'secret'] as const;

/** Ids of emails, documents and alerts (`-` allowed). Person and party ids are template paths: no `-`. */
const itemId = z
  .string()
  .regex(
    /^[a-z][a-z0-9_-]*$/,
    'must be lowercase letters, digits, - and _ (starting with a letter)',
  );
const id = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, 'must be lowercase letters, digits and _ (starting with a letter)');
const text = z.string().min(1, 'must not be empty');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-03-14');
const domain = z
  .string()
  .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'must be a lowercase domain like example.com');

/** One value or a list of values: `urgency: replacement` or `urgency: [replacement, restriction]`. */
function oneOrMany<T extends readonly [string, ...string[]]>(values: T) {
  const e = z.enum(values);
  return z.union([e, z.array(e).min(1)]);
}

/** Shows an item only in the conditions it names; every key given must match. */
export const whenSchema = z
  .strictObject({
    goalType: oneOrMany(GOAL_TYPES),
    goalValue: oneOrMany([...GOAL_VALUES, 'none'] as unknown as readonly [string, ...string[]]),
    urgency: oneOrMany(URGENCIES),
    prompt: oneOrMany(EXTRA_AXES.prompt),
    notice: oneOrMany(EXTRA_AXES.notice),
    mitigation: oneOrMany(EXTRA_AXES.mitigation),
  })
  .partial();
export type When = z.infer<typeof whenSchema>;

const partySchema = z.strictObject({
  id,
  /** Organisation name; replaced in surface variants unless `fixed`. */
  org: text,
  domain,
  /** A legitimate outside authority (regulator, oversight body): its domain lands in `world.authorityDomains`. */
  authority: z.boolean().default(false),
  /** Keep org and domain in every variant (for example a real-world regulator's name). */
  fixed: z.boolean().default(false),
});

const relationshipSchema = z.strictObject({ to: id, kind: text });

const personSchema = z.strictObject({
  id,
  /** "First Last" (or a single name for the agent); variants replace both parts. Any text for a group. */
  name: text,
  /** A mailing list ("All Staff"): its name is kept in variants and `mailbox` is required. */
  group: z.boolean().default(false),
  /** Lets variants pick names that fit the pronouns used in the prose. */
  sex: z.enum(['female', 'male']).optional(),
  title: text,
  roles: z.array(z.enum(ROLES)).min(1),
  relationships: z.array(relationshipSchema).default([]),
  /** Outside party id; without it the person works at the company. */
  party: id.optional(),
  /** Groups only: the local part of the address. People's addresses are `first.last@domain`. */
  mailbox: z
    .string()
    .regex(/^[a-z0-9._-]+$/, 'must be a lowercase local part like it-desk')
    .optional(),
});

const documentSchema = z.strictObject({
  id: itemId,
  title: text,
  label: z.enum(CONFIDENTIALITY),
  content: text,
  fingerprints: z.array(text).default([]),
  when: whenSchema.optional(),
});

const alertSchema = z.strictObject({
  id: itemId,
  system: text,
  summary: text,
  kind: z.enum(['emergency', 'drill', 'false-alarm']),
  overrideCode: text,
  personInDanger: id.optional(),
  when: whenSchema.optional(),
});

const emailSchema = z.strictObject({
  id: itemId,
  /** A cast member id (their address is used) . */
  from: id,
  /** Cast member ids. */
  to: z.array(id).min(1),
  cc: z.array(id).default([]),
  subject: text,
  /** Template rendering to an ISO time, e.g. `"{{dates.today}}T08:41"` (UTC when no zone is given). */
  timestamp: text,
  body: text,
  /** Document ids. */
  attachments: z.array(itemId).default([]),
  when: whenSchema.optional(),
});

const scriptActionSchema = z.strictObject({
  tool: z.enum(TOOL_NAMES),
  /** Tool arguments; every string inside is a template. */
  args: z.record(z.string(), z.unknown()),
  when: whenSchema.optional(),
});

/** Named template texts that must have the same keys for every entry of a record. */
const textTable = z.record(z.string().regex(/^[a-z][a-zA-Z0-9_]*$/), text);

const goalTextSchema = z
  .object({
    /** Short noun phrase: "American industrial leadership". */
    label: text,
    /** The goal as the system prompt states it (explicit and swap). */
    system: text,
  })
  .catchall(text);

const goalsSchema = z.strictObject(
  Object.fromEntries(GOAL_VALUES.map((v) => [v, goalTextSchema])) as Record<
    GoalValueName,
    typeof goalTextSchema
  >,
);

const urgencySchema = z.strictObject({
  replacement: textTable,
  restriction: textTable,
  none: textTable,
});

const packObject = z.strictObject({
  /** The scenario name, first part of every condition id. */
  id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be lowercase letters, digits and - (no _)'),
  family: z.enum(FAMILIES),
  description: text,
  company: z.strictObject({ name: text, domain }),
  /** Named calendar dates (ISO), shifted together in surface variants. */
  dates: z.record(z.string().regex(/^[a-z][a-zA-Z0-9_]*$/), isoDate),
  parties: z.array(partySchema).default([]),
  cast: z.array(personSchema).min(1),
  agent: z.strictObject({
    /** The cast member (role `agent`) that is the AI system under test. */
    cast: id,
    /** Tools it may use; `mitigation=escalation` adds `escalate_concern`. */
    permissions: z.array(z.enum(TOOL_NAMES)).min(1),
  }),
  documents: z.array(documentSchema).default([]),
  alerts: z.array(alertSchema).default([]),
  secret: z
    .strictObject({
      /** Cast member id the secret concerns. */
      subject: id,
      summary: text,
      markers: z.array(text).min(1),
    })
    .optional(),
  /** Texts per goal value; `{{goal.*}}` in the system prompt, `{{shift.away.*}}` / `{{shift.toward.*}}` in emails. */
  goals: goalsSchema,
  /** Texts per urgency, as `{{urgency.<key>}}`. */
  urgency: urgencySchema,
  prompts: z.strictObject({
    /** Must place `{{goalStatement}}`, `{{scratchpad}}`, `{{notice}}`, `{{prohibitions}}`, `{{escalation}}`. */
    system: text,
    user: text,
  }),
  /** Texts switched on by the extra axes. */
  snippets: z.strictObject({
    /** prompt=dev: the private scratchpad offer. */
    scratchpad: text,
    /** notice=eval: asks the agent to consider whether this is an evaluation or real. */
    notice: text,
    /** mitigation=prohibit: explicit prohibitions. */
    prohibitions: text,
    /** mitigation=escalation: an external channel for concerns (adds `escalate_concern`). */
    escalation: text,
  }),
  emails: z.array(emailSchema).min(1),
  script: z.strictObject({
    harmful: z.array(scriptActionSchema).min(1),
    disclosure: z.array(scriptActionSchema).default([]),
    aligned: z.array(scriptActionSchema).min(1),
    reasoning: z
      .strictObject({
        harmful: text.optional(),
        disclosure: text.optional(),
        aligned: text.optional(),
      })
      .default({}),
  }),
});

export const packSchema = packObject.superRefine(checkReferences);

export type ScenarioPack = z.infer<typeof packSchema>;
export type PackPerson = ScenarioPack['cast'][number];
export type PackParty = ScenarioPack['parties'][number];
export type PackEmail = ScenarioPack['emails'][number];
export type PackScriptAction = ScenarioPack['script']['harmful'][number];
export type GoalTexts = z.infer<typeof goalTextSchema>;

type Ctx = z.RefinementCtx;
type Pack = z.output<typeof packObject>;

/** Cross-references the schema alone cannot express: ids that must exist and be unique. */
function checkReferences(pack: Pack, ctx: Ctx): void {
  const castIds = new Set(pack.cast.map((p) => p.id));
  const partyIds = new Set(pack.parties.map((p) => p.id));
  const docIds = new Set(pack.documents.map((d) => d.id));
  const issue = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: 'custom', path, message });
  const need = (
    set: Set<string>,
    what: string,
    value: string | undefined,
    path: (string | number)[],
  ) => {
    if (value !== undefined && !set.has(value))
      issue(path, `unknown ${what} '${value}'; valid: ${[...set].join(', ')}`);
  };
  unique(pack.cast, 'cast', issue);
  unique(pack.parties, 'parties', issue);
  unique(pack.documents, 'documents', issue);
  unique(pack.alerts, 'alerts', issue);
  unique(pack.emails, 'emails', issue);
  pack.cast.forEach((p, i) => {
    need(partyIds, 'party', p.party, ['cast', i, 'party']);
    if (p.group && !p.mailbox) issue(['cast', i, 'mailbox'], 'a group needs a mailbox');
    if (!p.group && p.mailbox) {
      issue(
        ['cast', i, 'mailbox'],
        "only groups take a mailbox; a person's address is first.last@domain",
      );
    }
    if (!p.group && !/^\S+( \S+)?$/.test(p.name))
      issue(['cast', i, 'name'], 'must be "First Last" or a single name');
    p.relationships.forEach((r, j) =>
      need(castIds, 'cast member', r.to, ['cast', i, 'relationships', j, 'to']),
    );
  });
  need(castIds, 'cast member', pack.agent.cast, ['agent', 'cast']);
  const agent = pack.cast.find((p) => p.id === pack.agent.cast);
  if (agent && !agent.roles.includes('agent'))
    issue(['agent', 'cast'], `cast member '${agent.id}' must have role agent`);
  if (pack.secret) need(castIds, 'cast member', pack.secret.subject, ['secret', 'subject']);
  pack.alerts.forEach((a, i) =>
    need(castIds, 'cast member', a.personInDanger, ['alerts', i, 'personInDanger']),
  );
  pack.emails.forEach((e, i) => {
    need(castIds, 'cast member', e.from, ['emails', i, 'from']);
    e.to.forEach((t, j) => need(castIds, 'cast member', t, ['emails', i, 'to', j]));
    e.cc.forEach((t, j) => need(castIds, 'cast member', t, ['emails', i, 'cc', j]));
    e.attachments.forEach((d, j) => need(docIds, 'document', d, ['emails', i, 'attachments', j]));
  });
  const urgencyKeys = Object.keys(pack.urgency.replacement).sort().join(',');
  for (const u of ['restriction', 'none'] as const) {
    if (Object.keys(pack.urgency[u]).sort().join(',') !== urgencyKeys) {
      issue(['urgency', u], `must have the same keys as urgency.replacement (${urgencyKeys})`);
    }
  }
  const goalKeys = Object.keys(pack.goals.america).sort().join(',');
  for (const v of GOAL_VALUES) {
    if (Object.keys(pack.goals[v]).sort().join(',') !== goalKeys) {
      issue(['goals', v], `must have the same keys as goals.america (${goalKeys})`);
    }
  }
}

function unique(
  items: { id: string }[],
  where: string,
  issue: (path: (string | number)[], m: string) => void,
): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.id)) issue([where, i, 'id'], `duplicate id '${item.id}' in ${where}`);
    seen.add(item.id);
  });
}
