/**
 * The approval queue: a hold becomes a pending row bound to (session, tool, HMAC of the
 * canonical arguments). Approvals are spent once, by the exact call they were given for.
 */
import { randomBytes } from 'node:crypto';
import { InputError } from '../errors.js';
import type { Approval, ApprovalStatus } from '../guard/records.js';
import type { NewApproval } from '../guard/guard-store.js';
import type { Db } from './open-database.js';

interface Row {
  id: string;
  session: string;
  tool: string;
  args: string;
  args_mac: string;
  rule: string | null;
  reason: string;
  status: ApprovalStatus;
  required: number;
  approvers: string;
  created_at: string;
  expires_at: string;
  decided_at: string | null;
  denied_by: string | null;
  deny_reason: string | null;
}

function toApproval(row: Row): Approval {
  const approval: Approval = {
    id: row.id,
    session: row.session,
    tool: row.tool,
    args: JSON.parse(row.args) as unknown,
    argsMac: row.args_mac,
    reason: row.reason,
    status: row.status,
    required: row.required,
    approvers: JSON.parse(row.approvers) as string[],
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
  if (row.rule) approval.rule = row.rule;
  if (row.decided_at) approval.decidedAt = row.decided_at;
  if (row.denied_by) approval.deniedBy = row.denied_by;
  if (row.deny_reason) approval.denyReason = row.deny_reason;
  return approval;
}

export interface ApprovalQueries {
  create(request: NewApproval, mac: string, now: number): Approval;
  get(id: string, now: number): Approval | undefined;
  pending(now: number): Approval[];
  forSession(session: string, now: number): Approval[];
  approve(id: string, approver: string, now: number): Approval;
  deny(id: string, approver: string, reason: string, now: number): Approval;
  /** Marks an approved approval used; false when it was not approved (a race lost). */
  spend(id: string, now: number): boolean;
}

/** A new pending approval's row as inserted (built on the deciding thread, written by whoever commits). */
export interface ApprovalRow {
  id: string;
  session: string;
  tool: string;
  args: string;
  mac: string;
  rule: string | null;
  reason: string;
  required: number;
  created: string;
  expires: string;
}

/**
 * @example approvalRow({ session: 's', tool: 'send_email', args, reason: 'outside mail', required: 1, expiresAfterSeconds: 3600 }, mac, Date.now())
 */
export function approvalRow(request: NewApproval, mac: string, now: number): ApprovalRow {
  return {
    id: `apr_${randomBytes(5).toString('hex')}`,
    session: request.session,
    tool: request.tool,
    args: JSON.stringify(request.args ?? null),
    mac,
    rule: request.rule ?? null,
    reason: request.reason,
    required: request.required,
    created: new Date(now).toISOString(),
    expires: new Date(now + request.expiresAfterSeconds * 1000).toISOString(),
  };
}

/** The approval a new row describes (pending, nobody has approved yet). */
export function approvalOf(row: ApprovalRow): Approval {
  return toApproval({
    id: row.id,
    session: row.session,
    tool: row.tool,
    args: row.args,
    args_mac: row.mac,
    rule: row.rule,
    reason: row.reason,
    status: 'pending',
    required: row.required,
    approvers: '[]',
    created_at: row.created,
    expires_at: row.expires,
    decided_at: null,
    denied_by: null,
    deny_reason: null,
  });
}

/** Inserts new pending approvals (in the audit writer's transaction, or `create`'s own). */
export function approvalInserter(db: Db): (row: ApprovalRow) => void {
  const insert = db.prepare(
    `INSERT INTO guard_approvals (id, session, tool, args, args_mac, rule, reason, status, required, created_at, expires_at)
     VALUES (@id, @session, @tool, @args, @mac, @rule, @reason, 'pending', @required, @created, @expires)`,
  );
  return (row) => void insert.run(row);
}

/** Prepared statements over `guard_approvals`. */
export function approvalQueries(db: Db): ApprovalQueries {
  const insert = { run: approvalInserter(db) };
  const byId = db.prepare('SELECT * FROM guard_approvals WHERE id = ?');
  const expire = db.prepare(
    `UPDATE guard_approvals SET status = 'expired', decided_at = @now
     WHERE status IN ('pending', 'approved') AND expires_at <= @now`,
  );
  const pendingRows = db.prepare(
    "SELECT * FROM guard_approvals WHERE status = 'pending' ORDER BY created_at, id",
  );
  const sessionRows = db.prepare(
    'SELECT * FROM guard_approvals WHERE session = ? ORDER BY created_at, id',
  );
  const setApprovers = db.prepare(
    'UPDATE guard_approvals SET approvers = @approvers, status = @status, decided_at = @decided WHERE id = @id',
  );
  const setDenied = db.prepare(
    `UPDATE guard_approvals SET status = 'denied', decided_at = @now, denied_by = @by, deny_reason = @reason WHERE id = @id`,
  );
  const setUsed = db.prepare(
    "UPDATE guard_approvals SET status = 'used' WHERE id = ? AND status = 'approved'",
  );
  const iso = (ms: number) => new Date(ms).toISOString();
  const get = (id: string, now: number) => {
    expire.run({ now: iso(now) });
    const row = byId.get(id) as Row | undefined;
    return row ? toApproval(row) : undefined;
  };
  const mustBePending = (id: string, now: number) => {
    const approval = get(id, now);
    if (!approval)
      throw new InputError(`unknown approval '${id}'; see \`turncoat guard approvals\``);
    if (approval.status !== 'pending')
      throw new InputError(`approval '${id}' is ${approval.status}, not pending`);
    return approval;
  };
  return {
    create(request, mac, now) {
      const row = approvalRow(request, mac, now);
      insert.run(row);
      return approvalOf(row);
    },
    get,
    pending(now) {
      expire.run({ now: iso(now) });
      return (pendingRows.all() as Row[]).map(toApproval);
    },
    forSession(session, now) {
      expire.run({ now: iso(now) });
      return (sessionRows.all(session) as Row[]).map(toApproval);
    },
    approve: db.transaction((id: string, approver: string, now: number) => {
      const approval = mustBePending(id, now);
      const name = approver.trim();
      if (name === '') throw new InputError("an approval needs the approver's name (--by NAME)");
      if (approval.approvers.includes(name))
        throw new InputError(
          `approval '${id}' needs ${approval.required} distinct approvers; ${name} already approved`,
        );
      const approvers = [...approval.approvers, name];
      const done = approvers.length >= approval.required;
      setApprovers.run({
        id,
        approvers: JSON.stringify(approvers),
        status: done ? 'approved' : 'pending',
        decided: done ? iso(now) : null,
      });
      return toApproval(byId.get(id) as Row);
    }),
    deny: db.transaction((id: string, approver: string, reason: string, now: number) => {
      mustBePending(id, now);
      setDenied.run({ id, now: iso(now), by: approver, reason });
      return toApproval(byId.get(id) as Row);
    }),
    spend: (id) => setUsed.run(id).changes === 1,
  };
}
