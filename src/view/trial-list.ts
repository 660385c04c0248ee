/**
 * The trial list: one page of a run's trials matching a filter, counted and paged in SQL
 * (never loading a run into memory), with the search hit that matched each trial.
 */
import type { Db } from '../store/open-database.js';
import { GROUP_COLUMNS } from '../store/rate-rows.js';
import { ftsQuery } from './search-index.js';
import { HIT_END, HIT_START } from './hit-marks.js';
import { axisFields, type TrialFilter } from './trial-filter.js';
import type { TrialListPage, TrialSummary } from './api-types.js';

/**
 * A page of trials of `run` matching `filter`, in storage order, with the total count.
 * With a search (`filter.q`) the sidecar index must be attached as `idx`.
 * @example trialPage(db, 'run-1', { verdict: 'harmful', offset: 0, limit: 50 })
 */
export function trialPage(db: Db, run: string, filter: TrialFilter): TrialListPage {
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
  if (filter.dimension !== undefined) {
    where.push(
      `EXISTS (SELECT 1 FROM verdicts v WHERE v.trial = t.id AND v.dimension = @dimension AND v.status = 'scored' AND v.value = 'true')`,
    );
    params.dimension = filter.dimension;
  }
  if (filter.disagreement) {
    where.push(`EXISTS (SELECT 1 FROM verdicts v WHERE v.trial = t.id AND v.status = 'scored'
      GROUP BY v.dimension HAVING COUNT(DISTINCT v.value) > 1)`);
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
  const match = filter.q ? ftsQuery(filter.q) : null;
  if (match) {
    where.push(`t.id IN (SELECT dt.trial FROM idx.doc_trials dt
      WHERE dt.doc IN (SELECT rowid FROM idx.docs WHERE docs MATCH @match))`);
    params.match = match;
  }
  // Storage order through the primary key: the first page stops after `limit` matches.
  const from = `FROM trials t NOT INDEXED WHERE ${where.join(' AND ')}`;
  const total = db.prepare(`SELECT COUNT(*) ${from}`).pluck().get(params) as number;
  const rows = db
    .prepare(
      `SELECT t.id, t.model, t.model_kind, t.condition, t.scenario, t.variant, t.sample, t.status,
        t.error_category, t.harmful, t.primary_dimension, t.steps, t.cost_usd,
        (SELECT COUNT(*) FROM labels l WHERE l.trial = t.id) AS labels
       ${from} ORDER BY t.id LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit: filter.limit, offset: filter.offset }) as SummaryRow[];
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
    hit: null,
  }));
  if (match && trials.length > 0) addHits(db, match, trials);
  return { total, offset: filter.offset, limit: filter.limit, trials };
}

/** The first matching text of each trial on the page, as a snippet with marked hits. */
function addHits(db: Db, match: string, trials: TrialSummary[]): void {
  const ids = trials.map((t) => t.id);
  const docs = db
    .prepare(
      `SELECT dt.trial, dt.doc, d.kind FROM idx.doc_trials dt JOIN idx.docs d ON d.rowid = dt.doc
       WHERE dt.trial IN (${ids.map(() => '?').join(',')})
         AND dt.doc IN (SELECT rowid FROM idx.docs WHERE docs MATCH ?)`,
    )
    .all(...ids, match) as Array<{ trial: number; doc: number; kind: string }>;
  // What the agent wrote or did comes before what it was shown.
  const rank = (kind: string) =>
    (HIT_ORDER.indexOf(kind) + HIT_ORDER.length + 1) % (HIT_ORDER.length + 1);
  const best = new Map<number, { doc: number; kind: string }>();
  for (const d of docs) {
    const seen = best.get(d.trial);
    if (
      !seen ||
      rank(d.kind) < rank(seen.kind) ||
      (rank(d.kind) === rank(seen.kind) && d.doc < seen.doc)
    )
      best.set(d.trial, d);
  }
  const first = new Map([...best].map(([trial, d]) => [trial, d.doc]));
  const snippet = db.prepare(
    `SELECT kind, ref, snippet(docs, 0, '${HIT_START}', '${HIT_END}', '…', 16) AS text
     FROM idx.docs WHERE docs MATCH ? AND rowid = ?`,
  );
  for (const trial of trials) {
    const doc = first.get(trial.id);
    if (doc === undefined) continue;
    const hit = snippet.get(match, doc) as { kind: string; ref: string; text: string } | undefined;
    if (hit) trial.hit = hit;
  }
}

const HIT_ORDER = ['reasoning', 'assistant', 'email', 'tool-args', 'user', 'tool-result', 'prompt'];

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
}
