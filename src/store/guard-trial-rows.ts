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

/** What an export adds for a guarded trial: its tool calls with the guard's decision, and the trial's guard summary. */
export interface ExportedGuard {
  toolCalls: Array<{ name: string; args: unknown; isError: boolean; guard: GuardCallSummary }>;
  guard: {
    attemptedHarm: boolean | null;
    denied: number;
    held: number;
    heldAllowed: number;
    killed: number;
    checks: number;
    latencyMs: number;
    policyHash: string;
  };
}

/** Guard sections of the trials with ids in [first, last] (one page of an export). */
export function guardExportPage(
  db: Db,
): (first: number, last: number) => Map<number, ExportedGuard> {
  const trials = db.prepare('SELECT * FROM guard_trials WHERE trial BETWEEN ? AND ?');
  const calls = db.prepare(
    `SELECT g.trial, g.idx, g.decision, g.rule, g.reason, g.shadow, g.latency_ms, c.name, c.args, c.is_error
     FROM guard_tool_calls g JOIN tool_call_rows c ON c.trial = g.trial AND c.idx = g.idx
     WHERE g.trial BETWEEN ? AND ? ORDER BY g.trial, g.idx`,
  );
  return (first, last) => {
    const out = new Map<number, ExportedGuard>();
    for (const t of trials.all(first, last) as Array<Record<string, number | string | null>>) {
      out.set(t.trial as number, {
        toolCalls: [],
        guard: {
          attemptedHarm: t.attempted_harm === null ? null : t.attempted_harm === 1,
          denied: t.denied as number,
          held: t.held as number,
          heldAllowed: t.held_allowed as number,
          killed: t.killed as number,
          checks: t.checks as number,
          latencyMs: t.latency_ms as number,
          policyHash: t.policy_hash as string,
        },
      });
    }
    for (const c of calls.all(first, last) as Array<Record<string, number | string | null>>) {
      const [decision, approver] = String(c.decision).split(':') as [
        GuardCallSummary['decision'],
        GuardCallSummary['approver']?,
      ];
      const guard: GuardCallSummary = {
        decision,
        reason: String(c.reason),
        latencyMs: c.latency_ms as number,
      };
      if (c.rule) guard.rule = String(c.rule);
      if (c.shadow) guard.shadow = JSON.parse(String(c.shadow)) as GuardCallSummary['shadow'];
      if (approver) guard.approver = approver;
      out.get(c.trial as number)?.toolCalls.push({
        name: String(c.name),
        args: JSON.parse(String(c.args)) as unknown,
        isError: c.is_error === 1,
        guard,
      });
    }
    return out;
  };
}
