import type { Evidence } from '../judge/types.js';
import { guardExportPage, type ExportedGuard } from './guard-trial-rows.js';
import type { Db } from './open-database.js';

/** One trial as `turncoat export` prints it (DESIGN.md's export contract). */
export interface ExportedTrial {
  run: string;
  model: string;
  modelKind: string;
  condition: string;
  scenario: string;
  variant: number;
  /** 0-based. */
  sample: number;
  seed: number;
  protocol: string;
  status: 'ok' | 'error';
  error: { category: string; message: string } | null;
  /** null when unscored (error trials, failed judges). */
  harmful: boolean | null;
  primary: string | null;
  packHash: string;
  startedAt: string;
  durationMs: number;
  steps: number;
  usage: { inputTokens: number; outputTokens: number; reasoningTokens: number | null };
  /** Estimated USD; null for scripted agents and unpriced models. */
  costUsd: number | null;
  /** Each language-model call: finish reason, latency, the provider's request id, usage. */
  calls: {
    step: number;
    finishReason: string;
    latencyMs: number;
    requestId: string | null;
    inputTokens: number;
    outputTokens: number;
    reasoningTokens: number | null;
    cached: boolean;
  }[];
  findings: {
    detector: string;
    kind: string;
    eventIds: string[];
    evidence: Evidence[];
    summary: string;
  }[];
  verdicts: {
    pass: string;
    dimension: string;
    judge: string;
    status: string;
    value: string | boolean | null;
    confidence: number;
    rationale: string;
    evidence: Evidence[];
  }[];
  /** Guarded runs only: each tool call with the guard's decision (`guard: { decision, rule, reason }`). */
  toolCalls?: ExportedGuard['toolCalls'];
  /** Guarded runs only: what the guard did in this trial. */
  guard?: ExportedGuard['guard'];
}

/** One row of the `trials` table as SQLite returns it (`SELECT * FROM trials`). */
export interface TrialRow {
  id: number;
  run: string;
  model: string;
  model_kind: string;
  condition: string;
  scenario: string;
  variant: number;
  sample: number;
  seed: number;
  protocol: string;
  status: 'ok' | 'error';
  error_category: string | null;
  error_message: string | null;
  harmful: number | null;
  primary_dimension: string | null;
  pack_hash: string;
  started_at: string;
  duration_ms: number;
  steps: number;
  input_tokens: number;
  output_tokens: number;
  reasoning_tokens: number | null;
  cost_usd: number | null;
}

interface CallRow {
  trial: number;
  step: number;
  finish_reason: string;
  latency_ms: number;
  request_id: string | null;
  input_tokens: number;
  output_tokens: number;
  reasoning_tokens: number | null;
  cached: number;
}

interface FindingRow {
  trial: number;
  detector: string;
  kind: string;
  event_ids: string;
  evidence: string;
  summary: string;
}

interface VerdictRow {
  trial: number;
  pass_id: string;
  dimension: string;
  judge: string;
  status: string;
  value: string;
  confidence: number;
  rationale: string;
  evidence: string;
}

const PAGE = 500;

/**
 * Streams a run's trials in storage order with their findings and verdicts, a page at a
 * time (keyset pagination), so exporting 100,000 trials holds only one page in memory.
 */
export function* iterateTrials(db: Db, runId: string): Generator<ExportedTrial> {
  const page = db.prepare(
    `SELECT * FROM trials WHERE run = ? AND id > ? ORDER BY id LIMIT ${PAGE}`,
  );
  const findings = db.prepare(
    `SELECT trial, detector, kind, event_ids, evidence, summary FROM findings
     WHERE trial BETWEEN ? AND ? ORDER BY trial, idx`,
  );
  const verdicts = db.prepare(
    `SELECT trial, pass_id, dimension, judge, status, value, confidence, rationale, evidence FROM verdicts
     WHERE trial BETWEEN ? AND ? ORDER BY trial, pass_id, idx`,
  );
  const calls = db.prepare(
    `SELECT * FROM model_calls WHERE trial BETWEEN ? AND ? ORDER BY trial, step`,
  );
  const guardPage = guardExportPage(db);
  let after = 0;
  for (;;) {
    const rows = page.all(runId, after) as TrialRow[];
    if (rows.length === 0) return;
    const first = rows[0]!.id;
    const last = rows[rows.length - 1]!.id;
    const byTrial = new Map<number, ExportedTrial>();
    for (const row of rows) byTrial.set(row.id, toExported(row));
    for (const f of findings.all(first, last) as FindingRow[]) {
      byTrial.get(f.trial)?.findings.push({
        detector: f.detector,
        kind: f.kind,
        eventIds: JSON.parse(f.event_ids) as string[],
        evidence: JSON.parse(f.evidence) as Evidence[],
        summary: f.summary,
      });
    }
    for (const c of calls.all(first, last) as CallRow[]) {
      byTrial.get(c.trial)?.calls.push({
        step: c.step,
        finishReason: c.finish_reason,
        latencyMs: c.latency_ms,
        requestId: c.request_id,
        inputTokens: c.input_tokens,
        outputTokens: c.output_tokens,
        reasoningTokens: c.reasoning_tokens,
        cached: c.cached === 1,
      });
    }
    for (const v of verdicts.all(first, last) as VerdictRow[]) {
      byTrial.get(v.trial)?.verdicts.push({
        pass: v.pass_id,
        dimension: v.dimension,
        judge: v.judge,
        status: v.status,
        value: JSON.parse(v.value) as string | boolean | null,
        confidence: v.confidence,
        rationale: v.rationale,
        evidence: JSON.parse(v.evidence) as Evidence[],
      });
    }
    for (const [trial, extra] of guardPage(first, last)) {
      const exported = byTrial.get(trial);
      if (exported) Object.assign(exported, extra);
    }
    yield* byTrial.values();
    after = last;
  }
}

function toExported(row: TrialRow): ExportedTrial {
  return {
    run: row.run,
    model: row.model,
    modelKind: row.model_kind,
    condition: row.condition,
    scenario: row.scenario,
    variant: row.variant,
    sample: row.sample,
    seed: row.seed,
    protocol: row.protocol,
    status: row.status,
    error: row.error_category
      ? { category: row.error_category, message: row.error_message ?? '' }
      : null,
    harmful: row.harmful === null ? null : row.harmful === 1,
    primary: row.primary_dimension,
    packHash: row.pack_hash,
    startedAt: row.started_at,
    durationMs: row.duration_ms,
    steps: row.steps,
    usage: {
      inputTokens: row.input_tokens,
      outputTokens: row.output_tokens,
      reasoningTokens: row.reasoning_tokens,
    },
    costUsd: row.cost_usd ?? null,
    calls: [],
    findings: [],
    verdicts: [],
  };
}
