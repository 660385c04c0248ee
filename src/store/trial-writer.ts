import { createHash } from 'node:crypto';
import type { AgentModel } from '../agent/model.js';
import type { TrialTranscript } from '../agent/trial-types.js';
import type { TrialVerdict } from '../judge/types.js';
import type { RenderedScenario } from '../scenario/rendered.js';
import { redactSecrets } from '../agent/providers/redact.js';
import { runDeferredWrites } from './deferred-writes.js';
import { guardRowWriter } from './guard-trial-rows.js';
import type { Db } from './open-database.js';
import { verdictSetWriter } from './verdict-sets.js';

/** Everything one trial produced, ready to store. */
export interface TrialRecord {
  run: string;
  model: string;
  modelKind: AgentModel['kind'];
  scenario: RenderedScenario;
  sample: number;
  seed: number;
  transcript: TrialTranscript;
  /** null when scoring did not happen (the trial errored before it could be judged). */
  verdict: TrialVerdict | null;
  /** Estimated cost in USD; null or absent when unknown (reference agents, unpriced models). */
  costUsd?: number | null;
}

/** Which judging pass wrote a verdict; re-judging later adds rows under another pass id. */
export const RUN_PASS = 'run';

export interface TrialWriter {
  /**
   * Stores the trial and all its rows in one transaction. Returns false (and writes
   * nothing) when the trial's key (run, model, condition, variant, sample) is already stored.
   */
  write(record: TrialRecord): boolean;
  /**
   * Stores several trials in one commit, each still atomic on its own (a savepoint): a
   * trial that fails to write leaves no rows and comes back as its Error; the others stay.
   */
  writeBatch(records: readonly TrialRecord[]): (boolean | Error)[];
  /** True when the key is already stored. */
  has(run: string, model: string, condition: string, variant: number, sample: number): boolean;
}

const json = (value: unknown) => JSON.stringify(value ?? null);

/** Values of API-key-like environment variables: never written to the store. */
const envSecrets = () =>
  Object.entries(process.env)
    .filter(([name]) => /(API_KEY|TOKEN|SECRET)$/i.test(name))
    .map(([, value]) => value);

/** Texts at least this long are stored once in `texts` and referenced. */
const LONG_TEXT = 512;
const TEXT_CACHE = 256;

/** Prepares every statement once; the returned writer reuses them for every trial. */
export function createTrialWriter(db: Db): TrialWriter {
  const insertPrompt = db.prepare(
    `INSERT OR IGNORE INTO prompts (pack_hash, condition, variant, protocol, content_hash, system, user)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const selectPrompt = db.prepare(
    `SELECT id FROM prompts WHERE pack_hash = ? AND condition = ? AND variant = ? AND protocol = ? AND content_hash = ?`,
  );
  const insertTrial = db.prepare(
    `INSERT OR IGNORE INTO trials (run, model, model_kind, condition, scenario, goal_type, goal_value, urgency,
       prompt_variant, notice, mitigation, variant, sample, seed, protocol, pack_hash, prompt_id, status,
       error_category, error_message, harmful, primary_dimension, started_at, duration_ms, input_tokens,
       output_tokens, reasoning_tokens, steps, cost_usd)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertMessage = db.prepare(
    `INSERT INTO message_rows (trial, idx, role, content, from_prompt, reasoning, tool_calls, tool_call_id, tool_name, is_error, content_text)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertToolCall = db.prepare(
    `INSERT INTO tool_call_rows (trial, idx, call_id, step, name, args, source, result, is_error, event_ids, result_text)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertEvent = db.prepare(
    'INSERT INTO events (trial, seq, event_id, at, type, data) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insertCall = db.prepare(
    `INSERT INTO model_calls (trial, step, finish_reason, latency_ms, request_id, input_tokens, output_tokens, reasoning_tokens, cached)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertParseError = db.prepare(
    'INSERT INTO parse_errors (trial, idx, tag, message, excerpt) VALUES (?, ?, ?, ?, ?)',
  );
  const insertFinding = db.prepare(
    'INSERT INTO findings (trial, idx, detector, kind, event_ids, evidence, summary) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  // A trial's verdicts: a link to their set, each distinct set stored once (verdict-sets.ts).
  const verdictSets = verdictSetWriter(db);
  // A stored trial needs no lease any more (see trial-leases.ts).
  const dropLease = db.prepare(
    'DELETE FROM trial_leases WHERE run = ? AND model = ? AND condition = ? AND variant = ? AND sample = ?',
  );
  const selectKey = db
    .prepare(
      'SELECT 1 FROM trials WHERE run = ? AND model = ? AND condition = ? AND variant = ? AND sample = ?',
    )
    .pluck();

  const guardRows = guardRowWriter(db);

  // One entry per (pack, condition, variant, protocol): the texts last seen and their row id.
  const prompts = new Map<string, { id: number; system: string; user: string }>();

  function promptId(
    scenario: RenderedScenario,
    protocol: string,
    system: string,
    user: string,
  ): number {
    const key = `${scenario.packHash}\0${scenario.conditionId}\0${scenario.variant}\0${protocol}`;
    const cached = prompts.get(key);
    if (cached && cached.system === system && cached.user === user) return cached.id;
    const contentHash = createHash('sha256').update(system).update('\0').update(user).digest('hex');
    const args = [
      scenario.packHash,
      scenario.conditionId,
      scenario.variant,
      protocol,
      contentHash,
    ] as const;
    insertPrompt.run(...args, system, user);
    const id = (selectPrompt.get(...args) as { id: number }).id;
    prompts.set(key, { id, system, user });
    return id;
  }

  const insertText = db.prepare('INSERT OR IGNORE INTO texts (hash, body) VALUES (?, ?)');
  const selectText = db.prepare('SELECT id FROM texts WHERE hash = ?').pluck();
  // Recently stored long texts by content; cleared when full, so memory stays bounded.
  const texts = new Map<string, number>();

  /** A long text becomes a reference into `texts` ([null, id]); a short one stays inline. */
  function text(body: string): [string | null, number | null] {
    if (body.length < LONG_TEXT) return [body, null];
    let id = texts.get(body);
    if (id === undefined) {
      const hash = createHash('sha256').update(body).digest('hex');
      insertText.run(hash, body);
      id = selectText.get(hash) as number;
      if (texts.size >= TEXT_CACHE) texts.clear();
      texts.set(body, id);
    }
    return [null, id];
  }

  const write = db.transaction((record: TrialRecord): boolean => {
    const { scenario, transcript: t, verdict } = record;
    const c = scenario.condition;
    const opening = t.messages[0]?.role === 'user' ? t.messages[0].content : '';
    const prompt = promptId(scenario, t.protocol, t.system, opening);
    const harmful = verdict && t.status === 'ok' ? verdict.harmful : null;
    const info = insertTrial.run(
      record.run, record.model, record.modelKind, scenario.conditionId, c.scenario, c.goalType, c.goalValue,
      c.urgency, c.prompt, c.notice, c.mitigation, scenario.variant, record.sample, record.seed, t.protocol,
      scenario.packHash, prompt, t.status, t.error?.category ?? null, t.error ? redactSecrets(t.error.message, envSecrets()) : null,
      harmful === null ? null : harmful ? 1 : 0, verdict?.primary ?? null, t.startedAt, Math.round(t.durationMs),
      t.usage.inputTokens, t.usage.outputTokens, t.usage.reasoningTokens ?? null, t.steps,
      record.costUsd ?? null,
    ); // prettier-ignore
    if (info.changes === 0) return false;
    const trial = Number(info.lastInsertRowid);
    dropLease.run(record.run, record.model, scenario.conditionId, scenario.variant, record.sample);
    t.messages.forEach((m, i) => {
      if (m.role === 'user') {
        const fromPrompt = i === 0;
        const [content, ref] = fromPrompt ? [null, null] : text(m.content);
        insertMessage.run(
          trial,
          i,
          m.role,
          content,
          fromPrompt ? 1 : 0,
          null,
          null,
          null,
          null,
          null,
          ref,
        );
      } else if (m.role === 'assistant') {
        const calls = m.toolCalls && m.toolCalls.length > 0 ? json(m.toolCalls) : null;
        const [content, ref] = text(m.content);
        insertMessage.run(
          trial,
          i,
          m.role,
          content,
          0,
          m.reasoning ?? null,
          calls,
          null,
          null,
          null,
          ref,
        );
      } else {
        const [content, ref] = text(m.content);
        insertMessage.run(
          trial,
          i,
          m.role,
          content,
          0,
          null,
          null,
          m.toolCallId,
          m.toolName,
          m.isError ? 1 : 0,
          ref,
        );
      }
    });
    t.toolCalls.forEach((call, i) => {
      const [result, ref] = text(call.result);
      insertToolCall.run(
        trial,
        i,
        call.id,
        call.step,
        call.name,
        json(call.args),
        call.source,
        result ?? '',
        call.isError ? 1 : 0,
        json(call.eventIds),
        ref,
      );
    });
    guardRows.write(trial, t);
    for (const e of t.events) insertEvent.run(trial, e.seq, e.id, e.at, e.type, json(e.data));
    t.parseErrors.forEach((p, i) => insertParseError.run(trial, i, p.tag, p.message, p.excerpt));
    for (const c of t.calls ?? []) {
      insertCall.run(
        trial, c.step, c.finishReason, Math.round(c.latencyMs), c.requestId ?? null, c.usage.inputTokens || 0,
        c.usage.outputTokens || 0, c.usage.reasoningTokens ?? null, c.cached ? 1 : 0,
      ); // prettier-ignore
    }
    if (verdict) {
      verdict.findings.forEach((f, i) => {
        insertFinding.run(
          trial,
          i,
          f.detector,
          f.kind,
          json(f.eventIds),
          json(f.evidence),
          f.summary,
        );
      });
      verdictSets.link(trial, RUN_PASS, verdict.verdicts);
    }
    return true;
  });

  /** Forgets cached row ids: a rolled-back transaction may have held the rows they point at. */
  const forgetCached = () => {
    prompts.clear();
    texts.clear();
    verdictSets.reset();
  };
  const writeOne = (record: TrialRecord): boolean => {
    try {
      return write.immediate(record);
    } catch (error) {
      // The rolled-back transaction may have held rows the caches point at.
      forgetCached();
      throw error;
    }
  };
  const writeBatch = db.transaction((records: readonly TrialRecord[]) => {
    // Replies cached in this turn commit with these trials (one commit, not two).
    runDeferredWrites(db);
    return records.map((record) => {
      try {
        return writeOne(record);
      } catch (error) {
        return error instanceof Error ? error : new Error(String(error));
      }
    });
  });

  return {
    write: writeOne,
    writeBatch: (records) => {
      try {
        return writeBatch.immediate(records);
      } catch (error) {
        forgetCached();
        throw error;
      }
    },
    has: (run, model, condition, variant, sample) =>
      selectKey.get(run, model, condition, variant, sample) !== undefined,
  };
}
