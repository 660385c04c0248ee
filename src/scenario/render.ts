import type { Email, Person, World } from '../world/types.js';
import type { Condition } from './condition-types.js';
import { formatConditionId } from './conditions.js';
import { buildContext, matchesWhen, type TemplateContext } from './context.js';
import type { RenderedScenario, ScriptedAction } from './rendered.js';
import type { ScenarioPack } from './schema.js';
import { renderDeep, renderTemplate } from './templates.js';
import { surfaceFor } from './variants.js';

/** Minutes between the last email and the moment the agent starts. */
const START_AFTER_LAST_EMAIL_MIN = 7;

/**
 * Renders one condition of a pack for one surface variant: a fresh world, the prompts, the
 * pressures and the reference script. Pure: same inputs, same output. Throws (with the
 * template and the path) when a template names a variable the condition does not define.
 */
export function renderScenario(
  pack: ScenarioPack,
  packHash: string,
  condition: Condition,
  variant = 0,
): RenderedScenario {
  const ctx = buildContext(pack, condition, surfaceFor(pack, variant));
  const t = (template: string, where: string, extra: object = {}) => {
    try {
      return tidy(renderTemplate(template, { ...ctx, ...extra }));
    } catch (error) {
      throw new Error(`${pack.id} ${where}: ${explain(error)}`);
    }
  };
  const inbox = pack.emails
    .filter((e) => matchesWhen(e.when, condition))
    .map((e): Email => ({
      id: e.id,
      from: ctx.cast[e.from]!.email,
      to: e.to.map((id) => ctx.cast[id]!.email),
      cc: e.cc.map((id) => ctx.cast[id]!.email),
      subject: t(e.subject, `emails.${e.id}.subject`),
      timestamp: isoTime(t(e.timestamp, `emails.${e.id}.timestamp`), `emails.${e.id}.timestamp`),
      body: t(e.body, `emails.${e.id}.body`),
      attachments: [...e.attachments],
    }));
  const people = pack.cast.map((p): Person => ({
    id: p.id,
    name: ctx.cast[p.id]!.name,
    title: t(p.title, `cast.${p.id}.title`),
    email: ctx.cast[p.id]!.email,
    org: ctx.cast[p.id]!.org,
    roles: [...p.roles],
    relationships: p.relationships.map((r) => ({ ...r })),
    ...(p.sex ? { sex: p.sex } : {}),
  }));
  const permissions = [...pack.agent.permissions];
  if (condition.mitigation === 'escalation' && !permissions.includes('escalate_concern')) {
    permissions.push('escalate_concern');
  }
  const last = inbox.at(-1)!.timestamp;
  const world: World = {
    company: { ...ctx.company },
    people,
    agent: { id: pack.agent.cast, name: ctx.agent.name, email: ctx.agent.email, permissions },
    inbox,
    outbox: [],
    documents: pack.documents
      .filter((d) => matchesWhen(d.when, condition))
      .map((d) => ({
        id: d.id,
        title: t(d.title, `documents.${d.id}.title`),
        label: d.label,
        content: t(d.content, `documents.${d.id}.content`),
        fingerprints: d.fingerprints.map((f, i) => t(f, `documents.${d.id}.fingerprints[${i}]`)),
      })),
    alerts: pack.alerts
      .filter((a) => matchesWhen(a.when, condition))
      .map((a) => ({
        id: a.id,
        system: t(a.system, `alerts.${a.id}.system`),
        summary: t(a.summary, `alerts.${a.id}.summary`),
        kind: a.kind,
        status: 'active' as const,
        overrideCode: t(a.overrideCode, `alerts.${a.id}.overrideCode`),
        ...(a.personInDanger ? { personInDanger: a.personInDanger } : {}),
      })),
    authorityDomains: pack.parties.filter((p) => p.authority).map((p) => ctx.parties[p.id]!.domain),
    ...(pack.secret
      ? {
          secret: {
            subject: pack.secret.subject,
            summary: t(pack.secret.summary, 'secret.summary'),
            markers: pack.secret.markers.map((m, i) => t(m, `secret.markers[${i}]`)),
          },
        }
      : {}),
    clock: { now: new Date(Date.parse(last) + START_AFTER_LAST_EMAIL_MIN * 60_000).toISOString() },
    events: [],
  };
  return {
    conditionId: formatConditionId(condition),
    family: pack.family,
    condition: { ...condition },
    variant,
    packHash,
    system: t(pack.prompts.system, 'prompts.system', axisSnippets(pack, condition, ctx, t)),
    user: t(pack.prompts.user, 'prompts.user'),
    scratchpad: condition.prompt === 'dev',
    world,
    pressure: {
      threat: condition.urgency,
      goalConflict: condition.goalType === 'explicit' || condition.goalType === 'latent',
    },
    script: renderScript(pack, condition, ctx),
  };
}

type Render = (template: string, where: string) => string;

/** The system prompt's switchable parts: '' when the condition leaves them off. */
function axisSnippets(pack: ScenarioPack, c: Condition, ctx: TemplateContext, t: Render) {
  const on = (flag: boolean, key: keyof ScenarioPack['snippets']) =>
    flag ? t(pack.snippets[key], `snippets.${key}`) : '';
  return {
    goalStatement: ctx.goal?.system ?? '',
    scratchpad: on(c.prompt === 'dev', 'scratchpad'),
    notice: on(c.notice === 'eval', 'notice'),
    prohibitions: on(c.mitigation === 'prohibit', 'prohibitions'),
    escalation: on(c.mitigation === 'escalation', 'escalation'),
  };
}

function renderScript(
  pack: ScenarioPack,
  condition: Condition,
  ctx: TemplateContext,
): RenderedScenario['script'] {
  const actions = (list: ScenarioPack['script']['harmful'], persona: string): ScriptedAction[] =>
    list
      .filter((a) => matchesWhen(a.when, condition))
      .map((a, i) => {
        try {
          return {
            tool: a.tool,
            args: tidyDeep(renderDeep(a.args, ctx)) as Record<string, unknown>,
          };
        } catch (error) {
          throw new Error(
            `${pack.id} script.${persona}[${i}]: ${(error as Error).message.split('\n')[0]}`,
          );
        }
      });
  const reasoning: NonNullable<RenderedScenario['script']['reasoning']> = {};
  for (const persona of ['harmful', 'disclosure', 'aligned'] as const) {
    const text = pack.script.reasoning[persona];
    if (text) reasoning[persona] = tidy(renderTemplate(text, ctx));
  }
  return {
    harmful: actions(pack.script.harmful, 'harmful'),
    disclosure: actions(pack.script.disclosure, 'disclosure'),
    aligned: actions(pack.script.aligned, 'aligned'),
    reasoning,
  };
}

/** Handlebars' strict-mode errors, said in the pack author's terms. */
function explain(error: unknown): string {
  const message = (error as Error).message.split('\n')[0] ?? String(error);
  const missing = /reading '([^']+)'|"([^"]+)" not defined/.exec(message);
  if (!missing) return message;
  return `uses a variable that this condition does not define ('${missing[1] ?? missing[2]}'); guard it with \`when:\` or {{#if pivot}}`;
}

/** Drops trailing spaces and runs of blank lines left by switched-off parts. */
function tidy(text: string): string {
  return text
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function tidyDeep(value: unknown): unknown {
  if (typeof value === 'string') return tidy(value);
  if (Array.isArray(value)) return value.map(tidyDeep);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, tidyDeep(v)]));
  return value;
}

/** `2026-06-11T08:41` or with seconds/zone -> ISO 8601 in UTC; a time without zone is UTC. */
function isoTime(text: string, where: string): string {
  const withZone = /(Z|[+-]\d{2}:\d{2})$/.test(text) ? text : `${text}Z`;
  const ms = Date.parse(withZone);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text) || Number.isNaN(ms)) {
    throw new Error(`${where}: '${text}' is not an ISO date-time like 2026-06-11T08:41:00Z`);
  }
  return new Date(ms).toISOString();
}
