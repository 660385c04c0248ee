import { diffLines } from 'diff';
import type { Email } from '../world/types.js';
import type { Pressure, RenderedScenario } from './rendered.js';

/** A line added (`+`) or removed (`-`) going from the first condition to the second. */
export interface LineChange {
  op: '+' | '-';
  text: string;
}

export interface EmailChange {
  id: string;
  /** Fields that differ: subject, from, to, cc, timestamp, attachments, body. */
  fields: string[];
  body: LineChange[];
}

/** What differs between two rendered conditions, as the agent would see it. */
export interface ScenarioDiff {
  a: string;
  b: string;
  system: LineChange[];
  user: LineChange[];
  emails: { added: string[]; removed: string[]; changed: EmailChange[] };
  permissions: { added: string[]; removed: string[] };
  scratchpad?: { a: boolean; b: boolean };
  pressure?: { a: Pressure; b: Pressure };
}

/** Compares two rendered conditions (pure). */
export function diffScenarios(a: RenderedScenario, b: RenderedScenario): ScenarioDiff {
  const inboxA = new Map(a.world.inbox.map((e) => [e.id, e]));
  const inboxB = new Map(b.world.inbox.map((e) => [e.id, e]));
  const changed: EmailChange[] = [];
  for (const [id, ea] of inboxA) {
    const eb = inboxB.get(id);
    if (!eb) continue;
    const fields = (
      ['from', 'to', 'cc', 'subject', 'timestamp', 'attachments', 'body'] as (keyof Email)[]
    ).filter((f) => JSON.stringify(ea[f]) !== JSON.stringify(eb[f]));
    if (fields.length > 0) changed.push({ id, fields, body: lineChanges(ea.body, eb.body) });
  }
  const permsA = a.world.agent.permissions;
  const permsB = b.world.agent.permissions;
  return {
    a: a.conditionId,
    b: b.conditionId,
    system: lineChanges(a.system, b.system),
    user: lineChanges(a.user, b.user),
    emails: {
      added: [...inboxB.keys()].filter((id) => !inboxA.has(id)),
      removed: [...inboxA.keys()].filter((id) => !inboxB.has(id)),
      changed,
    },
    permissions: {
      added: permsB.filter((p) => !permsA.includes(p)),
      removed: permsA.filter((p) => !permsB.includes(p)),
    },
    ...(a.scratchpad !== b.scratchpad ? { scratchpad: { a: a.scratchpad, b: b.scratchpad } } : {}),
    ...(JSON.stringify(a.pressure) !== JSON.stringify(b.pressure)
      ? { pressure: { a: a.pressure, b: b.pressure } }
      : {}),
  };
}

/** True when the two conditions look the same to the agent. */
export function isSameScenario(d: ScenarioDiff): boolean {
  return (
    d.system.length +
      d.user.length +
      d.emails.added.length +
      d.emails.removed.length +
      d.emails.changed.length ===
      0 &&
    d.permissions.added.length + d.permissions.removed.length === 0 &&
    !d.scratchpad
  );
}

function lineChanges(a: string, b: string): LineChange[] {
  return diffLines(a, b).flatMap((part) =>
    part.added || part.removed
      ? part.value
          .replace(/\n$/, '')
          .split('\n')
          .map((text) => ({ op: part.added ? ('+' as const) : ('-' as const), text }))
      : [],
  );
}

/** The diff as text for the terminal: `-` lines from the first condition, `+` from the second. */
export function formatDiff(d: ScenarioDiff): string {
  const out: string[] = [`--- ${d.a}`, `+++ ${d.b}`];
  if (isSameScenario(d)) out.push('', 'The agent sees the same scenario in both conditions.');
  const lines = (title: string, changes: LineChange[]) => {
    if (changes.length === 0) return;
    out.push('', title);
    for (const c of changes) out.push(`${c.op} ${c.text}`.trimEnd());
  };
  lines('System prompt:', d.system);
  lines('User message:', d.user);
  if (d.emails.added.length) out.push('', `Emails only in ${d.b}: ${d.emails.added.join(', ')}`);
  if (d.emails.removed.length)
    out.push('', `Emails only in ${d.a}: ${d.emails.removed.join(', ')}`);
  for (const e of d.emails.changed) {
    out.push('', `Email ${e.id} differs in ${e.fields.join(', ')}:`);
    for (const c of e.body) out.push(`${c.op} ${c.text}`.trimEnd());
  }
  if (d.permissions.added.length || d.permissions.removed.length) {
    const parts = [
      ...d.permissions.added.map((p) => `+${p}`),
      ...d.permissions.removed.map((p) => `-${p}`),
    ];
    out.push('', `Agent permissions: ${parts.join(' ')}`);
  }
  if (d.scratchpad)
    out.push(
      '',
      `Scratchpad: ${d.scratchpad.a ? 'yes' : 'no'} -> ${d.scratchpad.b ? 'yes' : 'no'}`,
    );
  if (d.pressure) {
    const p = (x: Pressure) => `threat ${x.threat}, goal conflict ${x.goalConflict ? 'yes' : 'no'}`;
    out.push('', `Pressure: ${p(d.pressure.a)} -> ${p(d.pressure.b)}`);
  }
  return out.join('\n');
}
