/**
 * Full-text search over stored trials, kept in a sidecar SQLite file next to the store
 * (`<out>/view-index.db`) so the viewer never writes the store itself. The index is built
 * incrementally, trial id order, a batch at a time: a watermark records the last trial
 * indexed, so new trials of a run still in progress are added without starting over.
 *
 * What is indexed: each trial's messages, reasoning, tool arguments and results, the
 * emails in its world's event log, and its prompt (system text and opening message, which
 * holds the inbox in the text protocol). Texts the store keeps once for many trials (a
 * prompt, a long tool result such as the inbox) are indexed once and linked to every
 * trial that contains them (`doc_trials`), so 100,000 trials do not hold 100,000 inboxes.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Db } from '../store/open-database.js';

/** The sidecar's file name inside an output directory. */
export const INDEX_FILE = 'view-index.db';
const INDEX_VERSION = '3';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
  CREATE VIRTUAL TABLE IF NOT EXISTS docs USING fts5(
    body, kind UNINDEXED, ref UNINDEXED, tokenize = 'unicode61 remove_diacritics 2');
  CREATE TABLE IF NOT EXISTS doc_trials (
    doc INTEGER NOT NULL, trial INTEGER NOT NULL, PRIMARY KEY (doc, trial)) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS doc_kinds (doc INTEGER PRIMARY KEY, kind TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS shared_docs (key TEXT PRIMARY KEY, doc INTEGER NOT NULL) WITHOUT ROWID;
`;

export interface IndexProgress {
  indexed: number;
  total: number;
}

export interface SearchIndex {
  file: string;
  /** Indexes up to `batch` trials not yet indexed; returns how many it indexed. */
  step(batch?: number): number;
  /** Indexes every trial stored so far (yielding to the event loop between batches). */
  catchUp(batch?: number): Promise<void>;
  progress(): IndexProgress;
  close(): void;
}

/** One searchable text of a trial; `shared` names a text many trials hold (indexed once). */
type Piece = { kind: string; ref: string; body: string; shared?: string };

/**
 * Opens (creating) the sidecar index for the store `store` (a read-only connection) in
 * `outDir`. When the store no longer matches what was indexed (a different first run, or
 * indexed trials that are gone), the index is emptied and rebuilt.
 * @example const index = openSearchIndex('turncoat-out', store.db); await index.catchUp();
 */
export function openSearchIndex(outDir: string, store: Db): SearchIndex {
  const file = join(outDir, INDEX_FILE);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  const getMeta = db.prepare('SELECT value FROM meta WHERE key = ?').pluck();
  const setMeta = db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
  const meta = (key: string) => getMeta.get(key) as string | undefined;

  const identity = storeIdentity(store);
  const watermark = Number(meta('watermark') ?? 0);
  const stale =
    meta('version') !== INDEX_VERSION ||
    meta('store') !== identity ||
    Number(meta('indexed') ?? 0) !== countUpTo(store, watermark);
  if (stale) {
    db.exec(
      'DELETE FROM docs; DELETE FROM doc_kinds; DELETE FROM doc_trials; DELETE FROM shared_docs; DELETE FROM meta;',
    );
    setMeta.run('version', INDEX_VERSION);
    setMeta.run('store', identity);
    setMeta.run('watermark', '0');
    setMeta.run('indexed', '0');
  }

  const nextTrials = store.prepare(
    `SELECT t.id, t.prompt_id, p.system, p.user FROM trials t LEFT JOIN prompts p ON p.id = t.prompt_id
     WHERE t.id > ? ORDER BY t.id LIMIT ?`,
  );
  const messages = store.prepare(
    `SELECT idx, role, content, content_text, from_prompt, reasoning FROM message_rows
     WHERE trial = ? ORDER BY idx`,
  );
  const calls = store.prepare(
    'SELECT idx, name, args, result, result_text FROM tool_call_rows WHERE trial = ? ORDER BY idx',
  );
  const emails = store.prepare(
    `SELECT event_id, data FROM events WHERE trial = ? AND type LIKE 'email.%' ORDER BY seq`,
  );
  const text = store.prepare('SELECT body FROM texts WHERE id = ?').pluck();
  const insertDoc = db.prepare('INSERT INTO docs (body, kind, ref) VALUES (?, ?, ?)');
  // The kind again, in a small table: a search reads it without touching the texts.
  const insertKind = db.prepare('INSERT INTO doc_kinds (doc, kind) VALUES (?, ?)');
  const link = db.prepare('INSERT OR IGNORE INTO doc_trials (doc, trial) VALUES (?, ?)');
  const findShared = db.prepare('SELECT doc FROM shared_docs WHERE key = ?').pluck();
  const addShared = db.prepare('INSERT INTO shared_docs (key, doc) VALUES (?, ?)');

  function piecesOf(row: TrialRow): Piece[] {
    const pieces: Piece[] = [];
    if (row.prompt_id !== null)
      pieces.push({
        kind: 'prompt',
        ref: 'prompt',
        body: `${row.system ?? ''}\n${row.user ?? ''}`,
        shared: `prompt:${row.prompt_id}`,
      });
    for (const m of messages.all(row.id) as MessageRow[]) {
      if (m.reasoning) pieces.push({ kind: 'reasoning', ref: String(m.idx), body: m.reasoning });
      if (m.role === 'tool' || m.from_prompt === 1) continue; // tool results come from tool calls
      if (m.content_text !== null)
        pieces.push({
          kind: m.role,
          ref: String(m.idx),
          body: text.get(m.content_text) as string,
          shared: `text:${m.content_text}`,
        });
      else if (m.content) pieces.push({ kind: m.role, ref: String(m.idx), body: m.content });
    }
    for (const c of calls.all(row.id) as CallRow[]) {
      pieces.push({ kind: 'tool-args', ref: String(c.idx), body: `${c.name} ${c.args}` });
      if (c.result_text !== null)
        pieces.push({
          kind: 'tool-result',
          ref: String(c.idx),
          body: text.get(c.result_text) as string,
          shared: `text:${c.result_text}`,
        });
      else if (c.result) pieces.push({ kind: 'tool-result', ref: String(c.idx), body: c.result });
    }
    for (const e of emails.all(row.id) as EventRow[]) {
      const data = JSON.parse(e.data) as { subject?: string; body?: string };
      pieces.push({
        kind: 'email',
        ref: e.event_id,
        body: `${data.subject ?? ''}\n${data.body ?? ''}`,
      });
    }
    return pieces;
  }

  const indexBatch = db.transaction((rows: TrialRow[]) => {
    for (const row of rows) {
      for (const piece of piecesOf(row)) {
        // The same text written twice (a templated reply, "Email sent-1 sent to ...") is
        // indexed once; the hash key makes that so even when the store kept two copies.
        const key =
          piece.shared ??
          `h:${piece.kind}:${createHash('sha1').update(piece.body).digest('base64')}`;
        let doc = findShared.get(key) as number | undefined;
        if (doc === undefined) {
          doc = Number(insertDoc.run(piece.body, piece.kind, piece.ref).lastInsertRowid);
          insertKind.run(doc, piece.kind);
          addShared.run(key, doc);
        }
        link.run(doc, row.id);
      }
    }
    const last = rows[rows.length - 1]!.id;
    setMeta.run('watermark', String(last));
    setMeta.run('indexed', String(Number(meta('indexed') ?? 0) + rows.length));
  });

  let closed = false;
  const index: SearchIndex = {
    file,
    step(batch = 200) {
      if (closed) return 0;
      const rows = nextTrials.all(Number(meta('watermark') ?? 0), batch) as TrialRow[];
      if (rows.length > 0) indexBatch(rows);
      return rows.length;
    },
    async catchUp(batch = 200) {
      while (index.step(batch) > 0) await new Promise((resolve) => setImmediate(resolve));
    },
    progress() {
      return {
        indexed: Number(meta('indexed') ?? 0),
        total: store.prepare('SELECT COUNT(*) FROM trials').pluck().get() as number,
      };
    },
    close() {
      closed = true;
      db.close();
    },
  };
  return index;
}

/** What identifies a store: its first run (a new store in the same folder has another). */
function storeIdentity(store: Db): string {
  const first = store.prepare('SELECT id, created FROM runs ORDER BY created, id LIMIT 1').get() as
    { id: string; created: string } | undefined;
  return first ? `${first.id}@${first.created}` : 'empty';
}

function countUpTo(store: Db, watermark: number): number {
  return store
    .prepare('SELECT COUNT(*) FROM trials WHERE id <= ?')
    .pluck()
    .get(watermark) as number;
}

/**
 * A search box's text as an FTS5 query that cannot inject syntax: each word, or each
 * "quoted phrase", becomes a quoted phrase, and all must match. Empty input gives null.
 * @example ftsQuery('second room "Nadia"') // '"second" "room" "Nadia"'
 */
export function ftsQuery(input: string): string | null {
  const tokens = input.match(/"[^"]*"|[^\s"]+/g) ?? [];
  const phrases = tokens
    .map((t) => t.replace(/^"|"$/g, '').trim())
    .filter((t) => t.length > 0)
    .map((t) => `"${t.replace(/"/g, '""')}"`);
  return phrases.length > 0 ? phrases.join(' ') : null;
}

interface TrialRow {
  id: number;
  prompt_id: number | null;
  system: string | null;
  user: string | null;
}
interface MessageRow {
  idx: number;
  role: string;
  content: string | null;
  content_text: number | null;
  from_prompt: number;
  reasoning: string | null;
}
interface CallRow {
  idx: number;
  name: string;
  args: string;
  result: string;
  result_text: number | null;
}
interface EventRow {
  event_id: string;
  data: string;
}
