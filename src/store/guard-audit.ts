/**
 * The audit trail: `guard_audit` rows chained by SHA-256 (each hash covers the previous
 * entry's hash and this entry's columns) and `guard_checkpoints` signed with Ed25519;
 * `guard_audit_sessions` keeps each session's first and last entry (how a session's entries
 * are found: an index on the trail's session column made every commit rewrite a page per
 * session in flight). It is a lookup, not evidence: `verify` walks `guard_audit` alone.
 *
 * This file is the SQL: `auditChainWriter` appends a batch of entries in one transaction
 * (the chain is computed inside it, from the last row, so several processes and threads
 * sharing the store keep one chain); `auditQueries` reads and verifies. When entries are
 * buffered and which thread writes them is the guard's business (src/guard/audit-writer.ts).
 */
import * as crypto from 'node:crypto';
import { createHash, sign, verify, type KeyObject } from 'node:crypto';
import type {
  AuditCheckpoint,
  AuditEntry,
  AuditKind,
  AuditVerification,
} from '../guard/records.js';
import { approvalInserter, type ApprovalRow } from './guard-approvals.js';
import { incidentInserter, type IncidentRow } from './guard-incidents.js';
import type { Db } from './open-database.js';

export const GENESIS_HASH = '0'.repeat(64);
/** A checkpoint is signed at least every this many entries (and at every forced flush). */
export const CHECKPOINT_EVERY = 256;
const INSERT_ROWS = 32;

interface Row {
  seq: number;
  at: string;
  kind: AuditKind;
  session: string | null;
  data: string;
  prev_hash: string;
  hash: string;
}

/** An entry on its way to the chain: its data already JSON (the hash covers that text as written). */
export interface PendingAuditEntry {
  kind: AuditKind;
  data: string;
  session: string | null;
  /** ISO 8601 time of the event. */
  at: string;
  /** The incident row an `incident` entry announces: inserted in the same transaction. */
  incident?: IncidentRow;
  /** The pending approval an `approval` entry announces (a hold): inserted in the same transaction. */
  approval?: ApprovalRow;
}

/** The hash of one entry: SHA-256 over the previous hash and every column, newline-separated. */
export function entryHash(
  prevHash: string,
  seq: number,
  at: string,
  kind: string,
  session: string | null,
  data: string,
): string {
  return sha256Hex(`${prevHash}\n${seq}\n${at}\n${kind}\n${session ?? ''}\n${data}`);
}

// One-shot hashing (node:crypto `hash`, Node >= 20.12) is about twice as fast for short
// texts as a Hash object; older Node 20 releases fall back to the object.
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string })
  .hash;
const sha256Hex = oneShot
  ? (text: string) => oneShot('sha256', text, 'hex')
  : (text: string) => createHash('sha256').update(text).digest('hex');

const checkpointMessage = (seq: number, hash: string) =>
  Buffer.from(`turncoat-guard-audit:${seq}:${hash}`);

export interface AuditKeys {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

/**
 * Appends `entries` to the chain in one immediate transaction (with the incident rows they
 * carry), and signs a checkpoint over the new head (dated `at`, the time of the commit) when
 * `force` is set or when CHECKPOINT_EVERY entries went unsigned.
 * @example auditChainWriter(db, keys)([{ kind: 'decision', data: '{}', session: 's', at }], at, true)
 */
export function auditChainWriter(
  db: Db,
  keys: Pick<AuditKeys, 'privateKey'>,
): (entries: readonly PendingAuditEntry[], at: string, force: boolean) => void {
  const last = db.prepare('SELECT seq, hash FROM guard_audit ORDER BY seq DESC LIMIT 1');
  const insertRows = (rows: number) =>
    db.prepare(
      `INSERT INTO guard_audit (seq, at, kind, session, data, prev_hash, hash) VALUES ${Array(rows).fill('(?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
    );
  const insert = insertRows(1);
  // Batches are written INSERT_ROWS rows per statement: far fewer round trips into SQLite.
  const insertMany = insertRows(INSERT_ROWS);
  const lastCheckpoint = db.prepare('SELECT seq FROM guard_checkpoints ORDER BY seq DESC LIMIT 1');
  const insertIncident = incidentInserter(db);
  const insertApproval = approvalInserter(db);
  const insertCheckpoint = db.prepare(
    'INSERT OR REPLACE INTO guard_checkpoints (seq, hash, at, signature) VALUES (?, ?, ?, ?)',
  );
  // Once per session and transaction: its range of seq grows to this batch's last entry.
  const touchSession = db.prepare(
    `INSERT INTO guard_audit_sessions (session, first_seq, last_seq) VALUES (?, ?, ?)
     ON CONFLICT (session) DO UPDATE SET last_seq = excluded.last_seq`,
  );

  const write = db.transaction(
    (entries: readonly PendingAuditEntry[], at: string, force: boolean) => {
      const head = last.get() as { seq: number; hash: string } | undefined;
      let seq = head?.seq ?? 0;
      let prev = head?.hash ?? GENESIS_HASH;
      let params: unknown[] = [];
      // Each session's first and last entry in this batch.
      const sessions = new Map<string, [first: number, last: number]>();
      for (const e of entries) {
        seq += 1;
        if (e.session !== null) {
          const range = sessions.get(e.session);
          if (range) range[1] = seq;
          else sessions.set(e.session, [seq, seq]);
        }
        const hash = entryHash(prev, seq, e.at, e.kind, e.session, e.data);
        params.push(seq, e.at, e.kind, e.session, e.data, prev, hash);
        prev = hash;
        if (e.incident) insertIncident(e.incident);
        if (e.approval) insertApproval(e.approval);
        if (params.length === INSERT_ROWS * 7) {
          insertMany.run(params);
          params = [];
        }
      }
      for (let i = 0; i < params.length; i += 7) insert.run(params.slice(i, i + 7));
      for (const [session, [first, last]] of sessions) touchSession.run(session, first, last);
      const signed = (lastCheckpoint.get() as { seq: number } | undefined)?.seq ?? 0;
      if (seq > signed && (force || seq - signed >= CHECKPOINT_EVERY)) {
        const signature = sign(null, checkpointMessage(seq, prev), keys.privateKey).toString(
          'base64',
        );
        insertCheckpoint.run(seq, prev, at, signature);
      }
    },
  );
  return (entries, at, force) => {
    // Stryker disable next-line ConditionalExpression: equivalent, an empty write without a forced checkpoint changes nothing (a shortcut)
    if (entries.length === 0 && !force) return;
    write.immediate(entries, at, force);
  };
}

export interface AuditQueries {
  entries(filter?: { session?: string; from?: number; to?: number }): AuditEntry[];
  checkpoints(): AuditCheckpoint[];
  verify(): AuditVerification;
}

/** Reading the trail (what was committed; the guard flushes its buffer first). */
export function auditQueries(db: Db, keys: AuditKeys): AuditQueries {
  const allRows = db.prepare('SELECT * FROM guard_audit ORDER BY seq');
  // A session's entries lie in its range of seq (guard_audit_sessions): a scan of that range,
  // not of the trail.
  const sessionRows = db.prepare(
    `SELECT g.* FROM guard_audit_sessions s JOIN guard_audit g
       ON g.seq BETWEEN s.first_seq AND s.last_seq AND g.session = s.session
     WHERE s.session = ? ORDER BY g.seq`,
  );
  const checkpointRows = db.prepare('SELECT * FROM guard_checkpoints ORDER BY seq');
  const publicKey = keys.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');

  const toEntry = (r: Row): AuditEntry => {
    const entry: AuditEntry = {
      seq: r.seq,
      at: r.at,
      kind: r.kind,
      data: JSON.parse(r.data) as unknown,
      prevHash: r.prev_hash,
      hash: r.hash,
    };
    if (r.session !== null) entry.session = r.session;
    return entry;
  };

  return {
    entries(filter = {}) {
      const rows = (
        filter.session !== undefined ? sessionRows.all(filter.session) : allRows.all()
      ) as Row[];
      return rows
        .filter(
          (r) =>
            (filter.from === undefined || r.seq >= filter.from) &&
            (filter.to === undefined || r.seq <= filter.to),
        )
        .map(toEntry);
    },
    checkpoints() {
      return checkpointRows.all() as AuditCheckpoint[];
    },
    verify() {
      return verifyRows(
        // Started only when the walk starts: an open iterator keeps the connection busy, and a
        // bad signature ends verification before the walk.
        { [Symbol.iterator]: () => allRows.iterate() as Iterator<Row> },
        checkpointRows.all() as AuditCheckpoint[],
        keys.publicKey,
        publicKey,
      );
    },
  };
}

/**
 * Walks the chain from the start and names the first entry that does not fit: a changed
 * byte (its hash), a deleted or inserted entry (a gap in the numbering or a broken link),
 * a reordering (a broken link), a bad checkpoint signature, or entries missing at the end
 * (a checkpoint beyond the last entry).
 */
export function verifyRows(
  rows: Iterable<Row>,
  checkpoints: AuditCheckpoint[],
  key: KeyObject,
  publicKey: string,
): AuditVerification {
  const bySeq = new Map(checkpoints.map((c) => [c.seq, c]));
  let expectedSeq = 1;
  let prev = GENESIS_HASH;
  let count = 0;
  const fail = (seq: number, problem: string): AuditVerification => ({
    ok: false,
    entries: count,
    checkpoints: checkpoints.length,
    firstBad: { seq, problem },
    publicKey,
  });
  for (const checkpoint of checkpoints) {
    if (
      !verify(
        null,
        checkpointMessage(checkpoint.seq, checkpoint.hash),
        key,
        Buffer.from(checkpoint.signature, 'base64'),
      )
    )
      return fail(checkpoint.seq, `checkpoint at entry ${checkpoint.seq} has a bad signature`);
  }
  for (const row of rows) {
    count += 1;
    if (row.seq !== expectedSeq)
      return fail(
        expectedSeq,
        row.seq > expectedSeq
          ? `entry ${expectedSeq} is missing (the next entry is ${row.seq}): deleted`
          : `entry ${row.seq} appears out of order`,
      );
    if (row.prev_hash !== prev)
      return fail(
        row.seq,
        `entry ${row.seq} does not link to entry ${row.seq - 1} (inserted, deleted or reordered)`,
      );
    const hash = entryHash(row.prev_hash, row.seq, row.at, row.kind, row.session, row.data);
    if (hash !== row.hash)
      return fail(row.seq, `entry ${row.seq} was changed (its hash does not match its content)`);
    const checkpoint = bySeq.get(row.seq);
    if (checkpoint && checkpoint.hash !== row.hash)
      return fail(row.seq, `entry ${row.seq} differs from the signed checkpoint`);
    prev = row.hash;
    expectedSeq += 1;
  }
  const beyond = checkpoints.find((c) => c.seq >= expectedSeq);
  if (beyond)
    return fail(
      expectedSeq,
      `entries ${expectedSeq}..${beyond.seq} are missing: the signed checkpoint covers ${beyond.seq}`,
    );
  return { ok: true, entries: count, checkpoints: checkpoints.length, publicKey };
}
