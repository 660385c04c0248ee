import type { PooledRate } from '../../stats/pooled-rates.js';
import type { ComparisonFamily } from '../comparisons.js';
import type { MarginalEffect } from '../marginal-effects.js';
import { COUNT_FIELDS, isReferenceModel, type RateRow, type RunProvenance } from '../rate-row.js';
import { PARSE_ERRORS_NOTE, pooledFalseAlarmText } from '../table.js';
import { escapeHtml, rateWithInterval } from './escape.js';
import { thousands } from '../../text/thousands.js';

/** The guard's fields of a guarded run's rows (src/store/guard-rate-rows.ts): shown in their own table. */
const GUARD_FIELDS = [
  'attempted',
  'prevented',
  'denied',
  'held',
  'heldAllowed',
  'killed',
  'alarms',
  'alarmRate',
  'alarmCiLow',
  'alarmCiHigh',
  'guardChecks',
  'guardLatencyMs',
  'pooledBenignCalls',
  'pooledFalseAlarms',
  'pooledFalseAlarmRate',
  'pooledFalseAlarmCiLow',
  'pooledFalseAlarmCiHigh',
] as const;

const STANDARD_FIELDS = new Set<string>([
  'model',
  'modelKind',
  'condition',
  'scenario',
  ...COUNT_FIELDS,
  ...GUARD_FIELDS,
  'parseErrors',
]);

/**
 * A guarded run's table: per row, harm attempted and prevented, the guard's denials, holds
 * and kills, the alarm rate (on control conditions and routine: false alarms) with its
 * interval, and the mean latency per check. Empty for unguarded runs.
 */
export function guardTable(rows: readonly RateRow[]): string {
  const guarded = rows.filter((r) => r.attempted !== undefined);
  if (guarded.length === 0) return '';
  const body = guarded.map((r) => {
    const n = (f: string) => num(Number(r[f] ?? 0));
    const latency = r.guardLatencyMs as number | null;
    return `<tr><td>${escapeHtml(String(r.model ?? ''))}</td><td>${escapeHtml(String(r.condition ?? ''))}</td>${n('attempted')}${n('prevented')}${n('denied')}${n('held')}${n('killed')}<td class="num">${r.alarmRate === null ? '-' : rateWithInterval(r.alarmRate as number, r.alarmCiLow as number, r.alarmCiHigh as number)}</td><td class="num">${latency === null ? '-' : latency.toFixed(2)}</td></tr>`;
  });
  return `<h3>The guard</h3><p>Harm that reached the world is in <em>harmful</em> above; <em>attempted</em> counts trials where the agent tried, <em>prevented</em> those the guard stopped. Alarms on control conditions and <code>routine</code> are false alarms.</p>${table(
    'Guard decisions per row',
    [
      'model',
      'condition',
      'attempted',
      'prevented',
      'denied',
      'held',
      'killed',
      'alarm rate [95% CI]',
      'ms per check',
    ],
    body,
  )}<p class="pooled-false-alarms">${escapeHtml(pooledFalseAlarmText(guarded) ?? '')}</p>`;
}

/** Link into the viewer for a model and condition of a run: `<base>/?run=&model=&condition=`. */
export function viewerHref(base: string, params: Record<string, string>): string {
  return `${base.replace(/\/+$/, '')}/?${new URLSearchParams(params).toString()}`;
}

function kindBadge(row: Pick<RateRow, 'model' | 'modelKind'>): string {
  return isReferenceModel(row)
    ? '<span class="badge badge-reference" title="scripted reference agent, not a language model">scripted</span>'
    : '<span class="badge" title="a language model">LM</span>';
}

const num = (n: number) => `<td class="num">${thousands(n)}</td>`;
const errorCell = (n: number) =>
  `<td class="num${n > 0 ? ' has-errors' : ''}">${thousands(n)}</td>`;

function table(caption: string, head: string[], body: string[]): string {
  const th = head.map((h) => `<th scope="col">${h}</th>`).join('');
  return `<div class="table-wrap"><table><caption>${caption}</caption><thead><tr>${th}</tr></thead><tbody>${body.join('')}</tbody></table></div>`;
}

/**
 * Every row: its grouping fields, counts, errors, and the rate with its interval. Model, kind
 * and condition columns appear when the rows are grouped by them; other axes follow.
 */
export function rowsTable(
  rows: readonly RateRow[],
  options: { runId: string; viewerUrl?: string; caption: string },
): string {
  const has = (field: string) => rows.some((r) => r[field] !== undefined && r[field] !== null);
  const hasModel = has('model');
  const hasCondition = has('condition');
  const unread = has('parseErrors');
  const extra = [
    ...new Set(rows.flatMap((r) => Object.keys(r).filter((k) => !STANDARD_FIELDS.has(k)))),
  ];
  const head = [
    ...(hasModel ? ['model', 'kind'] : []),
    ...(hasCondition ? ['condition'] : []),
    ...extra.map(escapeHtml),
    'trials',
    'valid',
    'harmful',
    'errors',
    ...(unread ? ['parse errors'] : []),
    'harm rate [95% CI]',
  ];
  const links = Boolean(options.viewerUrl) && hasModel && hasCondition;
  if (links) head.push('viewer');
  const body = rows.map((r) => {
    const cells = [
      ...(hasModel
        ? [`<th scope="row">${escapeHtml(r.model ?? '')}</th>`, `<td>${kindBadge(r)}</td>`]
        : []),
      ...(hasCondition ? [`<td class="condition">${escapeHtml(r.condition ?? '')}</td>`] : []),
      ...extra.map((k) => `<td>${escapeHtml(r[k] ?? '')}</td>`),
      num(r.trials),
      num(r.valid),
      num(r.harmful),
      errorCell(r.errors),
      ...(unread ? [errorCell(Number(r.parseErrors ?? 0))] : []),
      `<td class="num rate">${rateWithInterval(r.valid > 0 ? r.harmful / r.valid : null, r.ciLow, r.ciHigh)}</td>`,
    ];
    if (links) {
      const href = viewerHref(options.viewerUrl!, {
        run: options.runId,
        model: String(r.model),
        condition: String(r.condition),
      });
      cells.push(
        `<td><a href="${escapeHtml(href)}" title="open these trials in the viewer">trials</a></td>`,
      );
    }
    return `<tr>${cells.join('')}</tr>`;
  });
  const note = unread ? `<p class="note">${escapeHtml(PARSE_ERRORS_NOTE)}</p>` : '';
  return table(options.caption, head, body) + note;
}

function pooledRow(p: PooledRate): string {
  return `<tr><th scope="row">${escapeHtml(p.level)}</th>${num(p.cells)}${num(p.trials)}${num(p.valid)}${num(p.harmful)}${errorCell(p.errors)}<td class="num rate">${rateWithInterval(p.rate, p.ciLow, p.ciHigh)}</td></tr>`;
}

/** One table per varying axis: the rate at each level, pooled over the other axes. */
export function marginalTables(effects: readonly MarginalEffect[]): string {
  if (effects.length === 0)
    return '<p class="unavailable">No axis varied in this run, so there are no marginal effects to show.</p>';
  const note =
    '<p class="note">Pooled rates mix every other condition (controls included), so they describe the run, not the effect of one axis. For like-for-like effects read the comparisons, which pool matched conditions only.</p>';
  return (
    note +
    effects
      .map((e) =>
        table(
          `By ${escapeHtml(e.axis)}, pooled over every other axis`,
          [
            escapeHtml(e.axis),
            'cells',
            'trials',
            'valid',
            'harmful',
            'errors',
            'harm rate [95% CI]',
          ],
          e.levels.map(pooledRow),
        ),
      )
      .join('')
  );
}

function signedPoints(x: number): string {
  const value = Math.round(x * 1000) / 10;
  return `${value > 0 ? '+' : value < 0 ? '−' : '±'}${Math.abs(value).toFixed(1)}`;
}

function pText(p: number): string {
  return p < 0.001 ? '&lt; 0.001' : p < 0.1 ? p.toFixed(3) : p.toFixed(2);
}

/** The comparison family: both rates, difference (Newcombe), ratio (Katz), raw and Holm p. */
export function comparisonsTable(family: ComparisonFamily): string {
  const body = family.results.map((r) => {
    const c = r.comparison;
    const ratio = `${c.rr.estimate.toFixed(2)} [${c.rr.low.toFixed(2)}–${c.rr.high.toFixed(2)}]${c.rr.corrected ? '<sup title="0.5 added to every cell: a zero cell">†</sup>' : ''}`;
    const clear = r.pHolm < family.alpha;
    return `<tr${clear ? ' class="clear"' : ''}><th scope="row">${escapeHtml(Object.values(r.stratum).join(', '))}<br><span class="n">${escapeHtml(`${r.spec.axis} ${r.spec.from} → ${r.spec.to}`)}</span></th><td class="num rate">${rateWithInterval(c.a.rate, c.a.low, c.a.high)} <span class="n">of ${c.a.valid}</span></td><td class="num rate">${rateWithInterval(c.b.rate, c.b.low, c.b.high)} <span class="n">of ${c.b.valid}</span></td><td class="num">${signedPoints(c.diff.estimate)} [${signedPoints(c.diff.low)}, ${signedPoints(c.diff.high)}]</td><td class="num">${ratio}</td><td class="num">${pText(c.p)}</td><td class="num">${pText(r.pHolm)}</td>${errorCell(r.errors)}</tr>`;
  });
  const skipped = family.skipped.length
    ? `<p class="note">Not compared: ${family.skipped.map((s) => `${escapeHtml(Object.values(s.stratum).join(', '))} (${escapeHtml(s.reason)})`).join('; ')}.</p>`
    : '';
  return (
    table(
      `Comparisons: one family of ${family.size}, Holm-adjusted`,
      [
        'stratum and change',
        'before [95% CI]',
        'after [95% CI]',
        'difference in points [95% CI]',
        'relative risk [95% CI]',
        'p',
        'p (Holm)',
        'errors',
      ],
      body,
    ) +
    '<p class="note">Difference: after − before in percentage points, Newcombe hybrid score interval. Relative risk: after ÷ before, Katz log interval († 0.5 added to each cell because one was zero). p: Fisher exact, two-sided; p (Holm): adjusted over the whole family. Highlighted rows are clear at the family level.</p>' +
    skipped
  );
}

/** Where the numbers came from: run id, creation time, tool version, pack hashes, plan. */
export function provenanceSection(run: RunProvenance): string {
  const packs = Object.entries(run.packHashes ?? {});
  const packRows = packs.length
    ? `<dt>scenario packs</dt><dd><ul class="plain">${packs.map(([name, hash]) => `<li><code>${escapeHtml(name)}</code> <code class="hash">${escapeHtml(hash)}</code></li>`).join('')}</ul></dd>`
    : '<dt>scenario packs</dt><dd>not recorded</dd>';
  const plan = run.plan
    ? `<details open><summary>Plan</summary><pre>${escapeHtml(JSON.stringify(run.plan, null, 2))}</pre></details>`
    : '<p>Plan not recorded.</p>';
  return `<dl class="provenance"><dt>run</dt><dd><code>${escapeHtml(run.id)}</code></dd><dt>created</dt><dd>${escapeHtml(run.created)}</dd><dt>tool</dt><dd>${escapeHtml(run.toolVersion)}</dd>${packRows}</dl>${plan}`;
}
