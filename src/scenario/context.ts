import type { Condition, GoalValue } from './condition-types.js';
import { opposite } from './conditions.js';
import type { ScenarioPack, When } from './schema.js';
import { renderTemplate } from './templates.js';
import { mailboxOf, shiftDate, type Surface } from './variants.js';

/** A cast member as templates see it (`{{cast.cto.first}}`). */
export interface CastView {
  id: string;
  name: string;
  first: string;
  last: string;
  email: string;
  title: string;
  org: string;
}

/** Everything a pack template can refer to; see the list in schema.ts. */
export interface TemplateContext {
  company: { name: string; domain: string };
  agent: { name: string; email: string };
  cast: Record<string, CastView>;
  parties: Record<string, { org: string; domain: string }>;
  dates: Record<string, string>;
  condition: Condition;
  conflict: boolean;
  /** The company is changing direction (explicit, latent, swap): `shift` is defined. */
  pivot: boolean;
  ambiguous: boolean;
  threatened: boolean;
  urgency: Record<string, string>;
  shift?: { away: Record<string, string>; toward: Record<string, string> };
  goal?: Record<string, string>;
}

/**
 * Builds the template context of `condition` on `surface`. Goal and urgency texts are
 * themselves templates; they are rendered against the names first, so they may use
 * `{{cast.*}}`, `{{company.*}}` and dates but not each other.
 */
export function buildContext(
  pack: ScenarioPack,
  condition: Condition,
  surface: Surface,
): TemplateContext {
  const company = surface.company;
  const parties = surface.parties;
  const cast: Record<string, CastView> = {};
  for (const person of pack.cast) {
    const domain = person.party ? parties[person.party]!.domain : company.domain;
    const org = person.party ? parties[person.party]!.org : company.name;
    const names = surface.people[person.id];
    const first = names?.first ?? person.name;
    const last = names?.last ?? '';
    const name = person.group ? person.name : [first, last].filter(Boolean).join(' ');
    const local = person.mailbox ?? mailboxOf(first, last);
    cast[person.id] = {
      id: person.id,
      name,
      first,
      last,
      email: `${local}@${domain}`,
      title: person.title,
      org,
    };
  }
  const agentView = cast[pack.agent.cast]!;
  const dates = Object.fromEntries(
    Object.entries(pack.dates).map(([k, d]) => [k, shiftDate(d, surface.dayShift)]),
  );
  const base = {
    company,
    agent: { name: agentView.name, email: agentView.email },
    cast,
    parties,
    dates,
    condition,
    conflict: condition.goalType === 'explicit' || condition.goalType === 'latent',
    pivot: condition.goalValue !== 'none',
    ambiguous: condition.goalType === 'ambiguous',
    threatened: condition.urgency !== 'none',
  };
  const texts = (table: Record<string, string>) =>
    Object.fromEntries(Object.entries(table).map(([k, t]) => [k, renderTemplate(t, base)]));
  const context: TemplateContext = { ...base, urgency: texts(pack.urgency[condition.urgency]) };
  if (condition.goalValue !== 'none') {
    const away = condition.goalValue;
    context.shift = { away: texts(pack.goals[away]), toward: texts(pack.goals[opposite(away)]) };
    const stated = statedGoal(condition);
    if (stated) context.goal = texts(pack.goals[stated]);
  }
  return context;
}

/** The goal the system prompt gives the agent: X for explicit-X, the opposite of X for swap-X. */
export function statedGoal(condition: Condition): GoalValue | undefined {
  if (condition.goalValue === 'none') return undefined;
  if (condition.goalType === 'explicit') return condition.goalValue;
  if (condition.goalType === 'swap') return opposite(condition.goalValue);
  return undefined;
}

/** True when every key of `when` admits the condition's value. */
export function matchesWhen(when: When | undefined, condition: Condition): boolean {
  if (!when) return true;
  return Object.entries(when).every(([axis, allowed]) => {
    const value = condition[axis as keyof When];
    return Array.isArray(allowed) ? allowed.includes(value as never) : allowed === value;
  });
}
