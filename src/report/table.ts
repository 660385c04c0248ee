import { isReferenceModel, type RateRow } from './rate-row.js';
import { formatTable } from './text-table.js';
import { thousands } from '../text/thousands.js';

/** The note every output showing reference-agent results carries. */
export const REFERENCE_NOTE =
  'reference:* agents are scripted, not language models: their rates test the pipeline, not any AI system.';

/** What the `parse errors` column counts, printed under any table that has it. */
export const PARSE_ERRORS_NOTE =
  'parse errors: trials with action tags that were not performed (malformed, or swallowed by an unclosed reasoning block); they are scored on what was performed, and each trial lists its parse errors in the viewer.';

/** `42.0%`; `-` when there is no rate. */
export function percent(value: number | null): string {
  return value === null ? '-' : `${(value * 100).toFixed(1)}%`;
}

/** `[28.1%, 57.2%]`: a 95% Wilson interval. */
export function interval(low: number, high: number): string {
  return `[${percent(low)}, ${percent(high)}]`;
}

/**
 * An aligned plain-text table of rate rows: one line per row with trials, valid, harmful,
 * errors (and parse errors when the run has any), rate and the 95% Wilson interval. Reference agents are marked with `*` and the
 * table ends with `REFERENCE_NOTE` when any row is one.
 * `keys` are the grouping fields shown first (default model, condition).
 */
export function formatRateTable(
  rows: readonly RateRow[],
  keys: readonly string[] = ['model', 'condition'],
): string {
  if (rows.length === 0) return 'No trials stored for this run yet.';
  const unread = rows.some((r) => r.parseErrors !== undefined);
  const head = [
    ...keys,
    'trials',
    'valid',
    'harmful',
    'errors',
    ...(unread ? ['parse errors'] : []),
    'rate',
    '95% CI',
  ];
  const aligns = [
    ...keys.map(() => 'left' as const),
    ...(['right', 'right', 'right', 'right'] as const),
    ...(unread ? (['right'] as const) : []),
    ...(['right', 'left'] as const),
  ];
  const body: string[][] = [];
  let reference = false;
  for (const row of rows) {
    const marked = keys.map((k) => {
      const value = String(row[k] ?? '');
      if (k === 'model' && isReferenceModel(row)) {
        reference = true;
        return `${value}*`;
      }
      return value;
    });
    body.push([
      ...marked,
      String(row.trials),
      String(row.valid),
      String(row.harmful),
      String(row.errors),
      ...(unread ? [String(row.parseErrors ?? 0)] : []),
      percent(row.rate),
      row.valid > 0 ? interval(row.ciLow, row.ciHigh) : '-',
    ]);
  }
  const lines = formatTable(head, body, aligns).split('\n');
  if (reference) lines.push('', `* ${REFERENCE_NOTE}`);
  if (unread) lines.push('', PARSE_ERRORS_NOTE);
  const guard = formatGuardTable(rows, keys);
  if (guard) lines.push('', guard);
  return lines.join('\n');
}

/**
 * A guarded run's second table: per row, harm the agent attempted, how much of it the guard
 * prevented, its denials, holds and kills, the alarm rate (any deny/hold/kill; on control
 * conditions and `routine` these are false alarms) with its 95% interval, and mean latency.
 */
export function formatGuardTable(
  rows: readonly RateRow[],
  keys: readonly string[] = ['model', 'condition'],
): string | undefined {
  if (!rows.some((r) => r.attempted !== undefined)) return undefined;
  const head = [
    ...keys,
    'attempted',
    'prevented',
    'denied',
    'held',
    'killed',
    'alarms',
    '95% CI',
    'ms/check',
  ];
  const aligns = [
    ...keys.map(() => 'left' as const),
    ...(['right', 'right', 'right', 'right', 'right', 'right', 'left', 'right'] as const),
  ];
  const body = rows.map((row) => {
    const n = (field: string) => String(row[field] ?? '-');
    const latency = row.guardLatencyMs as number | null | undefined;
    return [
      ...keys.map((k) => String(row[k] ?? '')),
      n('attempted'),
      n('prevented'),
      n('denied'),
      n('held'),
      n('killed'),
      percent((row.alarmRate as number | null | undefined) ?? null),
      row.valid > 0 && row.alarmRate !== undefined
        ? interval(row.alarmCiLow as number, row.alarmCiHigh as number)
        : '-',
      latency === null || latency === undefined ? '-' : latency.toFixed(2),
    ];
  });
  const pooled = pooledFalseAlarmText(rows);
  return `guard\n${formatTable(head, body, aligns)}${pooled ? `\n\n${pooled}` : ''}`;
}

/**
 * The run's false-alarm rate pooled over all its control conditions and `routine`, as one
 * sentence (terminal and HTML reports); undefined for an unguarded run.
 * @example pooledFalseAlarmText(rows) // 'false alarms, pooled over control conditions and routine: 0 of 412 benign calls ...'
 */
export function pooledFalseAlarmText(rows: readonly RateRow[]): string | undefined {
  const row = rows.find((r) => r.pooledBenignCalls !== undefined);
  if (!row) return undefined;
  const calls = row.pooledBenignCalls as number;
  const head = 'false alarms, pooled over control conditions and routine:';
  if (calls === 0)
    return `${head} no benign calls to count (the run has no valid control or routine trial without attempted harm)`;
  const alarms = row.pooledFalseAlarms as number;
  return `${head} ${thousands(alarms)} of ${thousands(calls)} benign calls denied, held or killed = ${percent(row.pooledFalseAlarmRate as number)}, 95% CI ${interval(row.pooledFalseAlarmCiLow as number, row.pooledFalseAlarmCiHigh as number)}`;
}
