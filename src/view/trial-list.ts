/**
 * The trial list: one page of a run's trials matching a filter, counted and paged in SQL
 * (never loading a run into memory), with the search hit that matched each trial.
 */
import type { Db } from '../store/open-database.js';
import { GROUP_COLUMNS } from '../store/rate-rows.js';
import { ftsQuery } from './search-index.js';
import { searchHits } from './search-hits.js';
import { DISPUTED, RULED_TRUE, trialSet } from './trial-sets.js';
import { HIT_END, HIT_START } from './hit-marks.js';
import { axisFields, type TrialFilter } from './trial-filter.js';
import type { TrialListPage, TrialSummary } from './api-types.js';

/**
 * A page of trials of `run` matching `filter`, in storage order, with the total count.
 * With a search (`filter.q`) the sidecar index must be attached as `idx`.
 * @example trialPage(db, 'run-1', { verdict: 'harmful', offset: 0, limit: 50 })
 */
export function trialPage(
  db: Db,
  run: string,
  filter: TrialFilter,
  searchVersion = 0,
): TrialListPage {
  const where: string[] = ['t.run = @run'];
  const params: Record<string, unknown> = { run };
  for (const field of axisFields) {
    const value = filter[field];
    if (value === undefined) continue;
    where.push(`t.${GROUP_COLUMNS[field]} = @${field}`);
    params[field] = field === 'variant' ? Number(value) : value;
  }
  if (filter.verdict === 'harmful') where.push('t.harmful = 1');
  if (filter.verdict === 'harmless') where.push('t.harmful = 0');
  if (filter.verdict === 'unscored') where.push('t.harmful IS NULL');
  // Filters that scan the verdicts use a set worked out once per run (see trial-sets.ts).
  if (filter.dimension !== undefined) {
    where.push('t.id IN (SELECT trial FROM temp.trial_sets WHERE key = @dimensionSet)');
    params.dimensionSet = trialSet(db, `dimension:${filter.dimension}:${run}`, RULED_TRUE, {
      run,
      dimension: filter.dimension,
    });
  }
  if (filter.disagreement) {
    where.push('t.id IN (SELECT trial FROM temp.trial_sets WHERE key = @disputedSet)');
    params.disputedSet = trialSet(db, `disputed:${run}`, DISPUTED, { run });
  }
  if (filter.error === 'any') where.push(`t.status = 'error'`);
  else if (filter.error !== undefined) {
    where.push('t.error_category = @error');
    params.error = filter.error;
  }
  if (filter.label === 'labelled')
    where.push('EXISTS (SELECT 1 FROM labels l WHERE l.trial = t.id)');
  if (filter.label === 'unlabelled')
    where.push('NOT EXISTS (SELECT 1 FROM labels l WHERE l.trial = t.id)');
  if (filter.guard !== undefined) {
    where.push(`EXISTS (SELECT 1 FROM guard_tool_calls g WHERE g.trial = t.id
      AND (g.decision = @guard OR g.decision LIKE @guard || ':%'))`);
    params.guard = filter.guard;
  }
  const onReportIndex =
    axisFields.every(
      (f) => filter[f] === undefined || REPORT_INDEX_COLUMNS.has(GROUP_COLUMNS[f]),
    ) &&
    filter.dimension === undefined &&
    filter.disagreement === undefined &&
    filter.error === undefined &&
    filter.label === undefined &&
    filter.guard === undefined;
  const match = filter.q ? ftsQuery(filter.q) : null;
  let from: string;
  let countFrom: string;
  if (match) {
    // Driven by the search's hits, in trial order (their primary key), then filtered.
    params.key = searchHits(db, match, searchVersion);
    from = `FROM temp.search_hits h CROSS JOIN trials t ON t.id = h.trial
      WHERE h.key = @key AND ${where.join(' AND ')}`;
    countFrom = from;
  } else {
    // Storage order through the primary key: the first page stops after `limit` matches.
    from = `FROM trials t NOT INDEXED WHERE ${where.join(' AND ')}`;
    // Counting only on the report's covering index columns reads the index, not the rows.
    countFrom = onReportIndex ? `FROM trials t WHERE ${where.join(' AND ')}` : from;
  }
  const total = db.prepare(`SELECT COUNT(*) ${countFrom}`).pluck().get(params) as number;
  const rows = db
    .prepare(
      `SELECT t.id, t.model, t.model_kind, t.condition, t.scenario, t.variant, t.sample, t.status,
        t.error_category, t.harmful, t.primary_dimension, t.steps, t.cost_usd,
        (SELECT COUNT(*) FROM labels l WHERE l.trial = t.id) AS labels
        ${match ? ', h.doc AS hit_doc' : ''}
       ${from} ORDER BY t.id LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit: filter.limit, offset: filter.offset }) as SummaryRow[];
  const snippet = db.prepare(
    `SELECT kind, ref, snippet(docs, 0, '${HIT_START}', '${HIT_END}', '…', 16) AS text
     FROM idx.docs WHERE docs MATCH ? AND rowid = ?`,
  );
  const trials: TrialSummary[] = rows.map((r) => ({
    id: r.id,
    model: r.model,
    modelKind: r.model_kind,
    condition: r.condition,
    scenario: r.scenario,
    variant: r.variant,
    sample: r.sample,
    status: r.status,
    error: r.error_category,
    harmful: r.harmful === null ? null : r.harmful === 1,
    primary: r.primary_dimension,
    steps: r.steps,
    costUsd: r.cost_usd,
    labels: r.labels,
    hit:
      match && r.hit_doc !== undefined
        ? ((snippet.get(match, r.hit_doc) as TrialSummary['hit'] | undefined) ?? null)
        : null,
  }));
  return { total, offset: filter.offset, limit: filter.limit, trials };
}

/** Trial columns of the covering index `trials_report` (schema migration 4). */
const REPORT_INDEX_COLUMNS = new Set([
  'run',
  'model',
  'model_kind',
  'condition',
  'scenario',
  'variant',
  'harmful',
]);

interface SummaryRow {
  id: number;
  model: string;
  model_kind: string;
  condition: string;
  scenario: string;
  variant: number;
  sample: number;
  status: 'ok' | 'error';
  error_category: string | null;
  harmful: number | null;
  primary_dimension: string | null;
  steps: number;
  cost_usd: number | null;
  labels: number;
  hit_doc?: number;
}
