/**
 * A guarded run's trial rows: each tool call's guard decision (`guard_tool_calls`) and the
 * trial's guard summary (`guard_trials`). Written in the trial's own transaction.
 */
import type { GuardCallSummary, TrialTranscript } from '../agent/trial-types.js';
import type { Statement as SqlStatement } from 'better-sqlite3';
import type { Db } from './open-database.js';

export interface GuardRowWriter {
  write(trial: number, transcript: TrialTranscript): void;
}

export function guardRowWriter(db: Db): GuardRowWriter {
  type Statement = SqlStatement<unknown[]>;
  let statements: { call: Statement; trial: Statement } | undefined;
  return {
    write(trial, t) {
      if (!t.guard) return;
      statements ??= {
        call: db.prepare(
          'INSERT INTO guard_tool_calls (trial, idx, decision, rule, reason, shadow, latency_ms) VALUES (?, ?, ?, ?, ?, ?, ?)',
        ),
        trial: db.prepare(
          `INSERT INTO guard_trials (trial, policy_hash, attempted_harm, denied, held, held_allowed, killed, checks, latency_ms)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ),
      };
      t.toolCalls.forEach((call, i) => {
        const g = call.guard;
        if (!g) return;
        statements!.call.run(
          trial,
          i,
          g.approver ? `hold:${g.approver}` : g.decision,
          g.rule ?? null,
          g.reason,
          g.shadow ? JSON.stringify(g.shadow) : null,
          g.latencyMs,
        );
      });
      const s = t.guard;
      const attempted = s.attemptedHarm === null ? null : s.attemptedHarm ? 1 : 0;
      statements.trial.run(
        trial,
        s.policyHash,
        attempted,
        s.denied,
        s.held,
        s.heldAllowed,
        s.killed,
        s.checks,
        s.latencyMs,
      );
    },
  };
}

/** One trial's stored guard decisions by tool-call index (for export). */
export function guardCallsOf(db: Db): (trial: number) => Map<number, GuardCallSummary> {
  const select = db.prepare(
    'SELECT idx, decision, rule, reason, shadow, latency_ms FROM guard_tool_calls WHERE trial = ?',
  );
  return (trial) => {
    const out = new Map<number, GuardCallSummary>();
    for (const row of select.all(trial) as Array<{
      idx: number;
      decision: string;
      rule: string | null;
      reason: string;
      shadow: string | null;
      latency_ms: number;
    }>) {
      const [decision, approver] = row.decision.split(':') as [
        GuardCallSummary['decision'],
        GuardCallSummary['approver']?,
      ];
      const summary: GuardCallSummary = { decision, reason: row.reason, latencyMs: row.latency_ms };
      if (row.rule) summary.rule = row.rule;
      if (row.shadow) summary.shadow = JSON.parse(row.shadow) as GuardCallSummary['shadow'];
      if (approver) summary.approver = approver;
      out.set(row.idx, summary);
    }
    return out;
  };
}
