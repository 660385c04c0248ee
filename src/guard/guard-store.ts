/**
 * The guard's durable side as one handle: approvals, kill switch, audit trail, incidents.
 * The HTTP approvals service, the CLI and the library all call these functions; the SQL
 * lives in src/store/guard-*.ts.
 */
import type {
  Approval,
  AuditCheckpoint,
  AuditEntry,
  AuditKind,
  AuditVerification,
  Incident,
  IncidentBundle,
  KillState,
} from './records.js';
import type { GuardDecision, SessionStep } from './types.js';

export interface NewApproval {
  session: string;
  tool: string;
  args: unknown;
  rule?: string;
  reason: string;
  required: number;
  expiresAfterSeconds: number;
}

export interface GuardStore {
  /** Folder holding the store and the guard's keys (`:memory:` for a throwaway store). */
  readonly dir: string;
  approvals: {
    /** Creates a pending approval, on disk when this returns; its id is what approvers name. */
    create(request: NewApproval): Approval;
    /**
     * The same, written with the next audit commit (its row goes with its audit entry, by
     * whichever thread commits: the caller's thread does not wait for the writer's lock).
     * Approvers in other processes see it once `audit.flushed()` has resolved.
     * @example const held = store.approvals.open(request); await store.audit.flushed();
     */
    open(request: NewApproval): Approval;
    get(id: string): Approval | undefined;
    /** Pending approvals, oldest first (expired ones are marked expired first). */
    pending(): Approval[];
    /** Adds `approver`'s approval; approved once enough distinct approvers agreed. Throws InputError when not pending. */
    approve(id: string, approver: string): Approval;
    deny(id: string, approver: string, reason: string): Approval;
    /**
     * Spends an approved approval for this exact call: refused (returns a reason) when the
     * session, the tool or the arguments differ, or it is not approved, expired or used.
     */
    redeem(
      id: string,
      session: string,
      tool: string,
      args: unknown,
    ): { ok: true; approval: Approval } | { ok: false; reason: string };
    /** HMAC-SHA256 of the canonical arguments with the guard's key. */
    mac(args: unknown): string;
  };
  killSwitch: {
    /**
     * Stops everything (no `session`) or one session; persistent until `resume`. Returns once
     * every guard on the store, in any process, stops every call it checks from then on: this
     * process's at once, others' after a short wait (KILL_VISIBLE_MS, 150 ms; `wait: false`
     * skips it, see docs/guard.md, "Kill switch").
     */
    kill(session?: string, by?: string, reason?: string, options?: { wait?: boolean }): void;
    resume(session?: string, by?: string, options?: { wait?: boolean }): void;
    isKilled(session: string): boolean;
    state(): KillState;
  };
  audit: {
    /**
     * Buffers an entry; it is hash-chained and committed within a few milliseconds, by a
     * writer thread once the store is busy (see docs/guard.md, "Durability").
     */
    append(kind: AuditKind, data: unknown, session?: string): void;
    /** Commits buffered entries now, with a signed checkpoint (may wait for the writer thread). */
    flush(): void;
    /**
     * Resolves once every entry appended so far is committed, with a signed checkpoint,
     * without blocking this thread (the guard awaits it before returning a deny or kill).
     * @example await guard.store.audit.flushed() // this decision's entries are on disk now
     */
    flushed(): Promise<void>;
    /** Whether a writer thread commits the trail now (false: the calling thread does). */
    readonly threaded: boolean;
    entries(filter?: { session?: string; from?: number; to?: number }): AuditEntry[];
    checkpoints(): AuditCheckpoint[];
    verify(): AuditVerification;
    /** One JSON object per line: entries, then checkpoints, then the public key. */
    exportJsonl(): Generator<string>;
  };
  incidents: {
    /**
     * Opens an incident: its row is committed in the same transaction as its audit entry, with
     * the next commit (`check` awaits `flushed()`; `list` and `bundle` commit first).
     */
    open(
      incident: Omit<Incident, 'id' | 'createdAt'>,
      transcript: SessionStep[],
      decision: GuardDecision,
    ): Incident;
    list(): Incident[];
    /** The self-contained bundle; throws InputError for an unknown id. */
    bundle(id: string): IncidentBundle;
  };
  close(): void;
}
