/**
 * Incidents: every deny and kill opens one, keeping the session's steps up to that moment
 * and the decision, so a bundle can be written later even if the process is gone. The row is
 * written in the same transaction as the audit entry that announces it (auditChainWriter).
 */
import { randomBytes } from 'node:crypto';
import type { Incident } from '../guard/records.js';
import type { GuardDecision, SessionStep } from '../guard/types.js';
import type { Db } from './open-database.js';

/** A stored incident, as SELECT * reads it (the columns of an IncidentRow). */
type Row = Omit<IncidentRow, 'created' | 'decisionJson'> & {
  created_at: string;
  guard_decision: string;
};

/** The incident a stored row describes. */
const toIncident = (r: Row): Incident =>
  incidentOf({ ...r, created: r.created_at, decisionJson: r.guard_decision });

/**
 * An incident as its row, built where the deny is decided and inserted by whoever commits the
 * audit batch that carries it (see auditChainWriter): the row and its audit entry land in one
 * transaction, and the deciding thread never writes to SQLite for a deny.
 */
export interface IncidentRow {
  id: string;
  session: string;
  decision: Incident['decision'];
  rule: string | null;
  reason: string;
  tool: string | null;
  created: string;
  transcript: string;
  decisionJson: string;
}

/**
 * The row of a new incident (a fresh id, the time `now`, the transcript and decision as JSON).
 * @example const row = incidentRow({ session: 's', decision: 'deny', reason: 'no' }, steps, decision, Date.now())
 */
export function incidentRow(
  incident: Omit<Incident, 'id' | 'createdAt'>,
  transcript: SessionStep[],
  decision: GuardDecision,
  now: number,
): IncidentRow {
  return {
    id: `inc_${randomBytes(5).toString('hex')}`,
    session: incident.session,
    decision: incident.decision,
    rule: incident.rule ?? null,
    reason: incident.reason,
    tool: incident.tool ?? null,
    created: new Date(now).toISOString(),
    transcript: JSON.stringify(transcript),
    decisionJson: JSON.stringify(decision),
  };
}

/** The incident a row describes. */
export function incidentOf(row: IncidentRow): Incident {
  const incident: Incident = {
    id: row.id,
    session: row.session,
    decision: row.decision,
    reason: row.reason,
    createdAt: row.created,
  };
  if (row.rule) incident.rule = row.rule;
  if (row.tool) incident.tool = row.tool;
  return incident;
}

/** Inserts incident rows (inside the caller's transaction). */
export function incidentInserter(db: Db): (row: IncidentRow) => void {
  const insert = db.prepare(
    `INSERT INTO guard_incidents (id, session, decision, rule, reason, tool, created_at, transcript, guard_decision)
     VALUES (@id, @session, @decision, @rule, @reason, @tool, @created, @transcript, @decisionJson)`,
  );
  return (row) => void insert.run(row);
}

export interface IncidentQueries {
  list(): Incident[];
  get(
    id: string,
  ): { incident: Incident; transcript: SessionStep[]; decision: GuardDecision } | undefined;
}

export function incidentQueries(db: Db): IncidentQueries {
  const all = db.prepare('SELECT * FROM guard_incidents ORDER BY created_at, id');
  const byId = db.prepare('SELECT * FROM guard_incidents WHERE id = ?');
  return {
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
