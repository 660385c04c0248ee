/**
 * Opens the guard's durable side in an output directory (the same `turncoat.db` as the
 * results, plus `guard-keys.json`), or a throwaway in-memory store (`:memory:`).
 */
import { createHmac } from 'node:crypto';
import Database from 'better-sqlite3';
import { InputError } from '../errors.js';
import {
  approvalOf,
  approvalQueries,
  approvalRow,
  type ApprovalRow,
} from '../store/guard-approvals.js';
import { auditChainWriter, auditQueries } from '../store/guard-audit.js';
import {
  incidentOf,
  incidentQueries,
  incidentRow,
  type IncidentRow,
} from '../store/guard-incidents.js';
import { GLOBAL_SCOPE, KILL_VISIBLE_MS, killSwitchQueries } from '../store/guard-kill-switch.js';
import { migrate, openDatabase, type Db } from '../store/open-database.js';
import { canonicalJson } from '../store/response-cache.js';
import { auditWriter } from './audit-writer.js';
import { loadGuardKeys } from './guard-keys.js';
import { killView } from './kill-view.js';
import type { GuardStore } from './guard-store.js';
import type { AuditKind, IncidentBundle } from './records.js';
import type { GuardDecision } from './types.js';

export interface GuardStoreOptions {
  /** Milliseconds since the epoch (default Date.now); tests move time to expire approvals. */
  now?: () => number;
  /** Open an existing store only (the CLI's read commands). */
  create?: boolean;
  /**
   * Let a writer thread commit the audit trail once the store is busy (default true for a
   * folder; a `:memory:` store always commits in this thread). See audit-writer.ts.
   */
  auditThread?: boolean;
}

/**
 * @example const store = openGuardStore('./turncoat-out'); store.approvals.pending()
 */
export function openGuardStore(dir: string, options: GuardStoreOptions = {}): GuardStore {
  const now = options.now ?? Date.now;
  const db: Db =
    dir === ':memory:' ? memoryDb() : openDatabase(dir, { create: options.create ?? true });
  const keys = loadGuardKeys(dir);
  const mac = (args: unknown) =>
    createHmac('sha256', keys.hmacKey)
      .update(canonicalJson(args ?? null))
      .digest('hex');
  const approvals = approvalQueries(db);
  const reads = auditQueries(db, keys);
  const writer = auditWriter({
    write: auditChainWriter(db, keys),
    now,
    ...(dir !== ':memory:' && options.auditThread !== false ? { threadDir: dir } : {}),
  });
  // An in-memory database has no other connection: only this one's kills (seen at once) count.
  const kills = killSwitchQueries(
    db,
    dir === ':memory:' ? () => 0 : killView(() => writer.threadState()),
  );
  /** Until every guard on this store must have seen a kill or resume (see guard-kill-switch.ts). */
  const untilVisible = (wait: boolean | undefined) => {
    if (dir !== ':memory:' && wait !== false) Atomics.wait(pause, 0, 0, KILL_VISIBLE_MS);
  };
  const audit = {
    append: (
      kind: AuditKind,
      data: unknown,
      session: string | undefined,
      at: number,
      rows?: { incident?: IncidentRow; approval?: ApprovalRow },
    ) => writer.append(kind, data, session, at, rows),
    flush: (checkpoint = true) => writer.flush(checkpoint),
    entries: (filter?: Parameters<typeof reads.entries>[0]) => {
      writer.flush(false);
      return reads.entries(filter);
    },
    checkpoints: () => reads.checkpoints(),
    verify: () => {
      writer.flush(false);
      return reads.verify();
    },
  };
  const incidents = incidentQueries(db);

  const store: GuardStore = {
    dir,
    approvals: {
      create: (request) => {
        const approval = approvals.create(request, mac(request.args), now());
        audit.append(
          'approval',
          { id: approval.id, status: 'pending', tool: request.tool, reason: request.reason },
          request.session,
          now(),
        );
        return approval;
      },
      open: (request) => {
        // Built here, written with its audit entry by whoever commits it (no write on this thread).
        const row = approvalRow(request, mac(request.args), now());
        audit.append(
          'approval',
          { id: row.id, status: 'pending', tool: request.tool, reason: request.reason },
          request.session,
          now(),
          { approval: row },
        );
        return approvalOf(row);
      },
      get: (id) => approvals.get(id, now()),
      pending: () => approvals.pending(now()),
      approve(id, approver) {
        const approval = approvals.approve(id, approver, now());
        audit.append(
          'approval',
          { id, status: approval.status, by: approver },
          approval.session,
          now(),
        );
        audit.flush();
        return approval;
      },
      deny(id, approver, reason) {
        const approval = approvals.deny(id, approver, reason, now());
        audit.append(
          'approval',
          { id, status: 'denied', by: approver, reason },
          approval.session,
          now(),
        );
        audit.flush();
        return approval;
      },
      redeem(id, session, tool, args) {
        const approval = approvals.get(id, now());
        if (!approval) return { ok: false, reason: `unknown approval '${id}'` };
        if (approval.session !== session)
          return { ok: false, reason: `approval '${id}' was given for another session` };
        if (approval.tool !== tool)
          return {
            ok: false,
            reason: `approval '${id}' was given for another tool (${approval.tool})`,
          };
        if (approval.argsMac !== mac(args))
          return { ok: false, reason: `approval '${id}' was given for other arguments` };
        if (approval.status !== 'approved')
          return { ok: false, reason: `approval '${id}' is ${approval.status}, not approved` };
        if (!approvals.spend(id, now()))
          return { ok: false, reason: `approval '${id}' was already used` };
        audit.append('approval', { id, status: 'used' }, session, now());
        return { ok: true, approval: { ...approval, status: 'used' } };
      },
      mac,
    },
    killSwitch: {
      kill(session, by, reason, killOptions) {
        kills.kill(session ?? GLOBAL_SCOPE, by, reason, now());
        audit.append('kill', { scope: session ?? 'global', by, reason }, session, now());
        audit.flush();
        untilVisible(killOptions?.wait);
      },
      resume(session, by, resumeOptions) {
        kills.resume(session ?? GLOBAL_SCOPE);
        audit.append('resume', { scope: session ?? 'global', by }, session, now());
        audit.flush();
        untilVisible(resumeOptions?.wait);
      },
      isKilled: (session) => kills.isKilled(session),
      state: () => kills.state(),
    },
    audit: {
      append: (kind, data, session) => audit.append(kind, data, session, now()),
      flush: () => audit.flush(true),
      flushed: () => writer.flushed(),
      get threaded() {
        return writer.threaded;
      },
      entries: (filter) => audit.entries(filter),
      checkpoints: () => audit.checkpoints(),
      verify: () => audit.verify(),
      *exportJsonl() {
        for (const entry of audit.entries()) yield JSON.stringify({ type: 'entry', ...entry });
        for (const checkpoint of audit.checkpoints())
          yield JSON.stringify({ type: 'checkpoint', ...checkpoint });
        yield JSON.stringify({
          type: 'public-key',
          algorithm: 'ed25519',
          spki: audit.verify().publicKey,
        });
      },
    },
    incidents: {
      open(incident, transcript, decision) {
        // Built here, written with its audit entry by whoever commits it (no write on this thread).
        const row = incidentRow(incident, transcript, decision, now());
        audit.append(
          'incident',
          { incident: row.id, decision: incident.decision, rule: incident.rule },
          incident.session,
          now(),
          { incident: row },
        );
        return incidentOf(row);
      },
      list: () => {
        writer.flush(false);
        return incidents.list();
      },
      bundle(id) {
        audit.flush();
        const found = incidents.get(id);
        if (!found)
          throw new InputError(`unknown incident '${id}'; see \`turncoat guard incident --list\``);
        const entries = audit.entries({ session: found.incident.session });
        const decisions = entries
          .filter((e) => e.kind === 'decision')
          .map((e) => e.data as GuardDecision);
        const bundle: IncidentBundle = {
          format: 'turncoat-guard-incident@1',
          incident: found.incident,
          transcript: found.transcript,
          decisions,
          approvals: approvals.forSession(found.incident.session, now()),
          audit: { entries, verification: audit.verify(), checkpoints: audit.checkpoints() },
        };
        return bundle;
      },
    },
    close() {
      try {
        writer.close();
      } finally {
        db.close();
      }
    },
  };
  return store;
}

const pause = new Int32Array(new SharedArrayBuffer(4));

function memoryDb(): Db {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = OFF');
  migrate(db);
  return db;
}
