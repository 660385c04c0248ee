/**
 * Incidents: every deny and kill opens one, keeping the session's steps up to that moment
 * and the decision, so a bundle can be written later even if the process is gone.
 */
import { randomBytes } from 'node:crypto';
import type { Incident } from '../guard/records.js';
import type { GuardDecision, SessionStep } from '../guard/types.js';
import type { Db } from './open-database.js';

interface Row {
  id: string;
  session: string;
  decision: Incident['decision'];
  rule: string | null;
  reason: string;
  tool: string | null;
  created_at: string;
  transcript: string;
  guard_decision: string;
}

function toIncident(r: Row): Incident {
  const incident: Incident = {
    id: r.id,
    session: r.session,
    decision: r.decision,
    reason: r.reason,
    createdAt: r.created_at,
  };
  if (r.rule) incident.rule = r.rule;
  if (r.tool) incident.tool = r.tool;
  return incident;
}

export interface IncidentQueries {
  open(
    incident: Omit<Incident, 'id' | 'createdAt'>,
    transcript: SessionStep[],
    decision: GuardDecision,
    now: number,
  ): Incident;
  list(): Incident[];
  get(
    id: string,
  ): { incident: Incident; transcript: SessionStep[]; decision: GuardDecision } | undefined;
}

export function incidentQueries(db: Db): IncidentQueries {
  const insert = db.prepare(
    `INSERT INTO guard_incidents (id, session, decision, rule, reason, tool, created_at, transcript, guard_decision)
     VALUES (@id, @session, @decision, @rule, @reason, @tool, @created, @transcript, @decisionJson)`,
  );
  const all = db.prepare('SELECT * FROM guard_incidents ORDER BY created_at, id');
  const byId = db.prepare('SELECT * FROM guard_incidents WHERE id = ?');
  return {
    open(incident, transcript, decision, now) {
      const id = `inc_${randomBytes(5).toString('hex')}`;
      const created = new Date(now).toISOString();
      insert.run({
        id,
        session: incident.session,
        decision: incident.decision,
        rule: incident.rule ?? null,
        reason: incident.reason,
        tool: incident.tool ?? null,
        created,
        transcript: JSON.stringify(transcript),
        decisionJson: JSON.stringify(decision),
      });
      return { ...incident, id, createdAt: created };
    },
    list: () => (all.all() as Row[]).map(toIncident),
    get(id) {
      const row = byId.get(id) as Row | undefined;
      if (!row) return undefined;
      return {
        incident: toIncident(row),
        transcript: JSON.parse(row.transcript) as SessionStep[],
        decision: JSON.parse(row.guard_decision) as GuardDecision,
      };
    },
  };
}
