/**
 * Judge passes: each time stored trials are (re)judged, without rerunning the agents, the
 * pass is recorded (judges, prompt version, times) and its verdicts go into `verdicts`
 * under the pass id, next to the run's own (`pass_id = 'run'`). Each pass also keeps its
 * per-trial outcome in `pass_outcomes`, so the trial's original `harmful` is never
 * overwritten and passes can be compared.
 */
import { randomUUID } from 'node:crypto';
import type { ChatMessage, ToolCall } from '../agent/model.js';
import type { ErrorCategory, Protocol, TrialTranscript } from '../agent/trial-types.js';
import type { Evidence, Finding, FindingKind, Verdict } from '../judge/types.js';
import type { WorldEvent } from '../world/types.js';
import type { Db } from './open-database.js';
import { verdictSetWriter, type VerdictSetWriter } from './verdict-sets.js';

export interface JudgePass {
  id: string;
  run: string;
  /** The deciding judge id (the combined id when several judges are combined). */
  judge: string;
  /** Every judge that ran in the pass. */
  judges: string[];
  /** `majority` / `unanimous` when several judges were combined. */
  rule: string | null;
  promptVersion: string;
  started: string;
  finished: string | null;
}

export interface PassOutcome {
  pass: string;
  trial: number;
  harmful: boolean | null;
  /** World/judge contradictions found in this pass (JSON, see worldJudgeDisagreements). */
  disagreements: unknown[];
}

/** Creates the `judge_passes` and `pass_outcomes` tables when missing. */
export function ensureJudgePassTables(db: Db): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS judge_passes (
      id TEXT PRIMARY KEY,
      run TEXT NOT NULL REFERENCES runs(id),
      judge TEXT NOT NULL,
      judges TEXT NOT NULL,
      rule TEXT,
      prompt_version TEXT NOT NULL,
      started TEXT NOT NULL,
      finished TEXT
    );
    CREATE TABLE IF NOT EXISTS pass_outcomes (
      pass TEXT NOT NULL REFERENCES judge_passes(id),
      trial INTEGER NOT NULL REFERENCES trials(id),
      harmful INTEGER,
      disagreements TEXT NOT NULL,
      PRIMARY KEY (pass, trial)
    ) WITHOUT ROWID;
  `);
}

/** Starts a pass and returns it (finish it with `finishJudgePass`). */
export function startJudgePass(
  db: Db,
  input: Omit<JudgePass, 'id' | 'started' | 'finished'> & { id?: string },
  now = new Date().toISOString(),
): JudgePass {
  ensureJudgePassTables(db);
  const pass: JudgePass = {
    ...input,
    id: input.id ?? `pass-${randomUUID().slice(0, 8)}`,
    started: now,
    finished: null,
  };
  db.prepare(
    'INSERT INTO judge_passes (id, run, judge, judges, rule, prompt_version, started, finished) VALUES (?, ?, ?, ?, ?, ?, ?, NULL)',
  ).run(
    pass.id,
    pass.run,
    pass.judge,
    JSON.stringify(pass.judges),
    pass.rule,
    pass.promptVersion,
    now,
  );
  return pass;
}

export function finishJudgePass(db: Db, id: string, now = new Date().toISOString()): void {
  db.prepare('UPDATE judge_passes SET finished = ? WHERE id = ?').run(now, id);
}

/** One verdict-set writer per connection (its statements prepared once). */
const setWriters = new WeakMap<Db, VerdictSetWriter>();

/**
 * Stores one trial's verdicts and outcome for a pass, replacing what the pass stored for
 * that trial before (so an interrupted pass can be finished).
 */
export function writePassVerdicts(
  db: Db,
  pass: string,
  trial: number,
  verdicts: Verdict[],
  outcome: Omit<PassOutcome, 'pass' | 'trial'>,
): void {
  ensureJudgePassTables(db);
  let sets = setWriters.get(db);
  if (!sets) setWriters.set(db, (sets = verdictSetWriter(db)));
  try {
    db.transaction(() => {
      sets.link(trial, pass, verdicts);
      writePassOutcome(db, pass, trial, outcome);
    })();
  } catch (error) {
    sets.reset();
    throw error;
  }
}

/** Stores (or replaces) one trial's outcome for a pass, without verdict rows. */
export function writePassOutcome(
  db: Db,
  pass: string,
  trial: number,
  outcome: Omit<PassOutcome, 'pass' | 'trial'>,
): void {
  ensureJudgePassTables(db);
  db.prepare(
    'INSERT OR REPLACE INTO pass_outcomes (pass, trial, harmful, disagreements) VALUES (?, ?, ?, ?)',
  ).run(
    pass,
    trial,
    outcome.harmful === null ? null : outcome.harmful ? 1 : 0,
    JSON.stringify(outcome.disagreements),
  );
}

interface PassRow {
  id: string;
  run: string;
  judge: string;
  judges: string;
  rule: string | null;
  prompt_version: string;
  started: string;
  finished: string | null;
}

/** A run's passes, oldest first. */
export function listJudgePasses(db: Db, run?: string): JudgePass[] {
  ensureJudgePassTables(db);
  const rows = (
    run === undefined
      ? db.prepare('SELECT * FROM judge_passes ORDER BY started, id').all()
      : db.prepare('SELECT * FROM judge_passes WHERE run = ? ORDER BY started, id').all(run)
  ) as PassRow[];
  return rows.map((r) => ({
    id: r.id,
    run: r.run,
    judge: r.judge,
    judges: JSON.parse(r.judges) as string[],
    rule: r.rule,
    promptVersion: r.prompt_version,
    started: r.started,
    finished: r.finished,
  }));
}

/** A pass's per-trial outcomes. */
export function listPassOutcomes(db: Db, pass: string): PassOutcome[] {
  ensureJudgePassTables(db);
  const rows = db
    .prepare('SELECT * FROM pass_outcomes WHERE pass = ? ORDER BY trial')
    .all(pass) as Array<{
    pass: string;
    trial: number;
    harmful: number | null;
    disagreements: string;
  }>;
  return rows.map((r) => ({
    pass: r.pass,
    trial: r.trial,
    harmful: r.harmful === null ? null : r.harmful === 1,
    disagreements: JSON.parse(r.disagreements) as unknown[],
  }));
}

/** A stored trial as a judge pass reads it back: enough to rebuild the transcript. */
export interface StoredTrial {
  id: number;
  run: string;
  model: string;
  condition: string;
  scenario: string;
  variant: number;
  sample: number;
  packHash: string;
  harmful: boolean | null;
  /** The scenario's primary harm dimension (`any` for routine), null when never scored. */
  primary: string | null;
  transcript: TrialTranscript;
  findings: Finding[];
}

/** Trials read per page: each table is then read once per page, not once per trial. */
const PAGE = 200;

/**
 * Reads a run's trials back (transcript with messages, tool calls, events and parse
 * errors; the findings stored with them), in storage order, a page at a time: each page is
 * read completely before its trials are handed out, so the caller may write between reads.
 */
export function* readStoredTrials(
  db: Db,
  run: string,
  only?: {
    trial?: number;
    /** false: leave `transcript.events` empty (a replay needs none). */ events?: boolean;
  },
): Generator<StoredTrial> {
  const single = only?.trial !== undefined;
  const withEvents = only?.events ?? true;
  const page = db.prepare(
    `SELECT t.* FROM trials t WHERE t.run = ? AND t.id > ? ${single ? 'AND t.id = ?' : ''} ORDER BY t.id LIMIT ${PAGE}`,
  );
  // Prompts and long texts are stored once and shared by many trials: read each once.
  const prompt = cachedRow<{ system: string; user: string }>(
    db.prepare('SELECT system, user FROM prompts WHERE id = ?'),
  );
  const text = cachedRow<string>(db.prepare('SELECT body FROM texts WHERE id = ?').pluck());
  const range = (sql: string) => db.prepare(`${sql} WHERE trial BETWEEN ? AND ?`);
  const resolved = (column: string, ref: string) => (row: Record<string, unknown>) => {
    if (row[ref] != null) row[column] = text(row[ref] as number);
    return row;
  };
  const messages = range('SELECT * FROM message_rows');
  const calls = range('SELECT * FROM tool_call_rows');
  const events = range('SELECT * FROM events');
  const parseErrors = range('SELECT * FROM parse_errors');
  const findings = range('SELECT * FROM findings');
  const messageText = resolved('content', 'content_text');
  const callResult = resolved('result', 'result_text');
  let after = 0;
  for (;;) {
    const rows = page.all(...(single ? [run, after, only.trial] : [run, after])) as Array<
      Record<string, unknown>
    >;
    if (rows.length === 0) return;
    const first = rows[0]!['id'] as number;
    const last = rows[rows.length - 1]!['id'] as number;
    const byTrial = (
      statement: typeof messages,
      order: string,
      fill: (row: Record<string, unknown>) => Record<string, unknown> = (row) => row,
    ) => {
      const out = new Map<number, Array<Record<string, unknown>>>();
      const all = statement.all(first, last) as Array<Record<string, unknown>>;
      all.sort(
        (a, b) =>
          (a['trial'] as number) - (b['trial'] as number) ||
          (a[order] as number) - (b[order] as number),
      );
      for (const row of all.map(fill)) {
        const trial = row['trial'] as number;
        let list = out.get(trial);
        if (!list) out.set(trial, (list = []));
        list.push(row);
      }
      return out;
    };
    const pageMessages = byTrial(messages, 'idx', messageText);
    const pageCalls = byTrial(calls, 'idx', callResult);
    const pageEvents = withEvents ? byTrial(events, 'seq') : new Map<number, Rows>();
    const pageParseErrors = byTrial(parseErrors, 'idx');
    const pageFindings = byTrial(findings, 'idx');
    for (const r of rows) {
      const p = r['prompt_id'] == null ? undefined : prompt(r['prompt_id'] as number);
      r['prompt_system'] = p?.system;
      r['prompt_user'] = p?.user;
    }
    for (const r of rows)
      yield storedTrial(r, {
        messages: pageMessages.get(r['id'] as number) ?? [],
        calls: pageCalls.get(r['id'] as number) ?? [],
        events: pageEvents.get(r['id'] as number) ?? [],
        parseErrors: pageParseErrors.get(r['id'] as number) ?? [],
        findings: pageFindings.get(r['id'] as number) ?? [],
      });
    after = last;
  }
}

type Rows = Array<Record<string, unknown>>;

/** A lookup by id that remembers the last few hundred answers. */
function cachedRow<T>(statement: { get(id: number): unknown }): (id: number) => T | undefined {
  const cache = new Map<number, T | undefined>();
  return (id) => {
    if (cache.has(id)) return cache.get(id);
    if (cache.size >= 512) cache.clear();
    const value = statement.get(id) as T | undefined;
    cache.set(id, value);
    return value;
  };
}

function storedTrial(
  r: Record<string, unknown>,
  rows: { messages: Rows; calls: Rows; events: Rows; parseErrors: Rows; findings: Rows },
): StoredTrial {
  const transcript: TrialTranscript = {
    status: r['status'] as 'ok' | 'error',
    ...(r['error_category']
      ? {
          error: {
            category: r['error_category'] as ErrorCategory,
            message: String(r['error_message'] ?? ''),
          },
        }
      : {}),
    protocol: r['protocol'] as Protocol,
    system: String(r['prompt_system'] ?? ''),
    messages: rows.messages.map((m) => toMessage(m, String(r['prompt_user'] ?? ''))),
    toolCalls: rows.calls.map((c) => ({
      id: String(c['call_id']),
      step: c['step'] as number,
      name: String(c['name']),
      args: JSON.parse(String(c['args'])) as unknown,
      source: c['source'] as 'native' | 'text-tag',
      result: String(c['result']),
      isError: c['is_error'] === 1,
      eventIds: JSON.parse(String(c['event_ids'])) as string[],
    })),
    events: rows.events.map(
      (e) =>
        ({
          id: String(e['event_id']),
          seq: e['seq'] as number,
          at: String(e['at']),
          type: e['type'],
          data: JSON.parse(String(e['data'])),
        }) as WorldEvent,
    ),
    parseErrors: rows.parseErrors.map((p) => ({
      tag: String(p['tag']),
      message: String(p['message']),
      excerpt: String(p['excerpt']),
    })),
    usage: {
      inputTokens: r['input_tokens'] as number,
      outputTokens: r['output_tokens'] as number,
      ...(r['reasoning_tokens'] != null && { reasoningTokens: r['reasoning_tokens'] as number }),
    },
    steps: r['steps'] as number,
    startedAt: String(r['started_at']),
    durationMs: r['duration_ms'] as number,
  };
  return {
    id: r['id'] as number,
    run: String(r['run']),
    model: String(r['model']),
    condition: String(r['condition']),
    scenario: String(r['scenario']),
    variant: r['variant'] as number,
    sample: r['sample'] as number,
    packHash: String(r['pack_hash']),
    harmful: r['harmful'] === null ? null : r['harmful'] === 1,
    primary: r['primary_dimension'] == null ? null : String(r['primary_dimension']),
    transcript,
    findings: rows.findings.map((f) => ({
      detector: String(f['detector']),
      kind: f['kind'] as FindingKind,
      eventIds: JSON.parse(String(f['event_ids'])) as string[],
      evidence: JSON.parse(String(f['evidence'])) as Evidence[],
      summary: String(f['summary']),
    })),
  };
}

function toMessage(m: Record<string, unknown>, promptUser: string): ChatMessage {
  const role = m['role'];
  if (role === 'user')
    return {
      role: 'user',
      content: m['from_prompt'] === 1 ? promptUser : String(m['content'] ?? ''),
    };
  if (role === 'assistant') {
    const message: ChatMessage = { role: 'assistant', content: String(m['content'] ?? '') };
    if (m['reasoning'] != null) message.reasoning = String(m['reasoning']);
    if (m['tool_calls'] != null)
      message.toolCalls = JSON.parse(String(m['tool_calls'])) as ToolCall[];
    return message;
  }
  return {
    role: 'tool',
    toolCallId: String(m['tool_call_id']),
    toolName: String(m['tool_name']),
    content: String(m['content'] ?? ''),
    isError: m['is_error'] === 1,
  };
}

/** One stored verdict, light: what agreement tables need. */
export interface StoredVerdictRow {
  trial: number;
  pass: string;
  judge: string;
  dimension: string;
  status: 'scored' | 'unscored';
  value: string | boolean | null;
}

/**
 * A run's verdicts in the order passes happened: the run's own first, then judge passes by
 * start time, so a later pass of the same judge replaces an earlier one when read in order.
 */
export function listRunVerdicts(db: Db, run: string): StoredVerdictRow[] {
  ensureJudgePassTables(db);
  const rows = db
    .prepare(
      `SELECT v.trial, v.pass_id AS pass, v.judge, v.dimension, v.status, v.value
       FROM verdicts v JOIN trials t ON t.id = v.trial LEFT JOIN judge_passes p ON p.id = v.pass_id
       WHERE t.run = ? ORDER BY CASE WHEN p.started IS NULL THEN 0 ELSE 1 END, p.started, v.pass_id, v.trial, v.idx`,
    )
    .all(run) as Array<Omit<StoredVerdictRow, 'value'> & { value: string | null }>;
  return rows.map((r) => ({
    ...r,
    value: r.value === null ? null : (JSON.parse(r.value) as string | boolean | null),
  }));
}

/** Finding kinds per ok trial of a run (the world half), for world-vs-judge agreement. */
export function listRunFindingKinds(db: Db, run: string): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  for (const id of db
    .prepare(`SELECT id FROM trials WHERE run = ? AND status = 'ok'`)
    .pluck()
    .all(run) as number[])
    out.set(id, new Set());
  const rows = db
    .prepare(
      'SELECT f.trial, f.kind FROM findings f JOIN trials t ON t.id = f.trial WHERE t.run = ?',
    )
    .all(run) as Array<{ trial: number; kind: string }>;
  for (const r of rows) out.get(r.trial)?.add(r.kind);
  return out;
}
