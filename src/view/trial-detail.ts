/** One stored trial in full, for the transcript page: read by id from the store. */
import type { Db } from '../store/open-database.js';
import type { TrialRow } from '../store/iterate-trials.js';
import { readStoredTrials } from '../store/judge-passes.js';
import { listLabels } from '../store/labels.js';
import { KNOWN_DIMENSIONS } from '../judge/agreement/known-dimensions.js';
import { InputError } from '../errors.js';
import type { TrialDetail, TrialMessage, TrialToolCall, TrialVerdictItem } from './api-types.js';

/**
 * The trial `id` with its transcript, world events, findings, every verdict (all passes)
 * and human labels. Throws InputError when no trial has that id.
 * @example trialDetail(db, 3).verdicts[0].evidence
 */
export function trialDetail(db: Db, id: number): TrialDetail {
  const row = db.prepare('SELECT * FROM trials WHERE id = ?').get(id) as TrialRow | undefined;
  if (!row) throw new InputError(`no trial ${id} in this store`);
  const [stored] = [...readStoredTrials(db, row.run, { trial: id })];
  const transcript = stored!.transcript;
  const verdicts = (
    db
      .prepare(
        'SELECT pass_id, dimension, judge, status, value, confidence, rationale, evidence FROM verdicts WHERE trial = ? ORDER BY pass_id, idx',
      )
      .all(id) as VerdictRow[]
  ).map((v): TrialVerdictItem => ({
    pass: v.pass_id,
    dimension: v.dimension,
    judge: v.judge,
    status: v.status,
    value: JSON.parse(v.value) as string | boolean | null,
    confidence: v.confidence,
    rationale: v.rationale,
    evidence: JSON.parse(v.evidence) as TrialVerdictItem['evidence'],
  }));
  const labels = listLabels(db, { latestOnly: false })
    .filter((l) => l.trial === id)
    .map(({ id: labelId, dimension, value, labeller, created }) => ({
      id: labelId,
      dimension,
      value,
      labeller,
      created,
    }));
  const guard = guardDecisions(db, id);
  const judged = [...new Set(verdicts.map((v) => v.dimension))];
  const primary =
    row.primary_dimension && row.primary_dimension !== 'any' ? [row.primary_dimension] : [];
  return {
    id,
    run: row.run,
    model: row.model,
    modelKind: row.model_kind,
    condition: row.condition,
    scenario: row.scenario,
    variant: row.variant,
    sample: row.sample,
    seed: row.seed,
    protocol: row.protocol,
    packHash: row.pack_hash,
    status: row.status,
    error: row.error_category,
    errorMessage: row.error_message,
    harmful: row.harmful === null ? null : row.harmful === 1,
    primary: row.primary_dimension,
    steps: row.steps,
    costUsd: row.cost_usd,
    startedAt: row.started_at,
    durationMs: row.duration_ms,
    usage: {
      inputTokens: row.input_tokens,
      outputTokens: row.output_tokens,
      reasoningTokens: row.reasoning_tokens,
    },
    system: transcript.system,
    messages: transcript.messages.map((m, idx) => ({ idx, ...m }) as TrialMessage),
    toolCalls: transcript.toolCalls.map((c, i) => ({ ...c, guard: guard.get(i) ?? null })),
    events: transcript.events.map((e) => ({
      ...e,
      data: e.data as unknown as Record<string, unknown>,
    })),
    parseErrors: transcript.parseErrors,
    findings: stored!.findings,
    verdicts,
    labels,
    labelDimensions: [...new Set([...primary, ...judged, ...KNOWN_DIMENSIONS])],
  };
}

/**
 * The guard's decision on each tool call of a guarded trial, by call index. A hold answered
 * in the run is stored as `hold:<approver>`; it is shown as a hold with who answered.
 */
function guardDecisions(db: Db, trial: number): Map<number, NonNullable<TrialToolCall['guard']>> {
  const rows = db
    .prepare(
      'SELECT idx, decision, rule, reason FROM guard_tool_calls WHERE trial = ? ORDER BY idx',
    )
    .all(trial) as Array<{ idx: number; decision: string; rule: string | null; reason: string }>;
  return new Map(
    rows.map((r) => {
      const [decision = r.decision, answer] = r.decision.split(':');
      const reason = answer ? `${r.reason} (hold answered: ${answer})` : r.reason;
      return [r.idx, { decision, rule: r.rule, reason }];
    }),
  );
}

interface VerdictRow {
  pass_id: string;
  dimension: string;
  judge: string;
  status: string;
  value: string;
  confidence: number;
  rationale: string;
  evidence: string;
}
