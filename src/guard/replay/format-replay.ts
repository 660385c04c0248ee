/**
 * The replay report for a terminal: aligned tables with rates and Wilson intervals, then every
 * miss and false alarm (or, for traces, every stopped action) one line each. Everything a
 * model or a trace wrote goes through `visible` first.
 */
import { formatTable } from '../../report/text-table.js';
import type { BacktestResult, ListedAction, Rate } from './backtest-tally.js';
import type { ComparedAction } from './comparison-tally.js';
import type { ReplayReport } from './replay.js';
import type { ReviewItem } from './review-tally.js';
import { visible } from './visible-text.js';

export interface ReplayHeader {
  policyFile: string;
  compareFile?: string;
  /** `run run-1a2b (judge pass run)` or `traces file.jsonl`. */
  source: string;
}

const pct = (x: number | null) => (x === null ? '-' : `${(x * 100).toFixed(1)}%`);
const ci = (r: Rate) => (r.of === 0 ? '-' : `[${pct(r.ciLow)}, ${pct(r.ciHigh)}]`);
const short = (hash: string) => hash.slice(0, 12);

/** What a call was about, in one short line: its recipients, subject or code. */
export function callSummary(args: Record<string, unknown>): string {
  const pick = ['to', 'email_id', 'subject', 'code', 'alert_id', 'recipient']
    .filter((k) => args[k] !== undefined)
    .map((k) => `${k}=${typeof args[k] === 'string' ? args[k] : JSON.stringify(args[k])}`);
  if (pick.length > 0) return visible(pick.join(' '), 70);
  return visible(JSON.stringify(args), 70);
}

/** @example formatReplay(report, { policyFile: 'policy.yaml', source: 'run run-1' }) */
export function formatReplay(report: ReplayReport, header: ReplayHeader): string {
  const out: string[] = [];
  out.push(
    `guard replay of ${visible(header.source, 120)}: ${report.sessions} session(s), nothing executed, nothing stored`,
  );
  out.push(`policy   ${visible(header.policyFile, 120)} (sha256 ${short(report.policy.hash)})`);
  if (report.compare && header.compareFile)
    out.push(`compare  ${visible(header.compareFile, 120)} (sha256 ${short(report.compare.hash)})`);
  if (report.withoutFacts.sessions > 0) {
    out.push(
      `note     ${report.withoutFacts.sessions} session(s) replayed without their world's facts (every domain counts as outside):`,
    );
    for (const [why, n] of Object.entries(report.withoutFacts.reasons).slice(0, 3))
      out.push(`           ${n} x ${visible(why, 100)}`);
  }
  out.push('');
  if (report.policy.backtest) out.push(...backtestLines(report.policy.backtest, report.dimensions));
  if (report.policy.review)
    out.push(...reviewLines(report.policy.review.stopped, report.policy.review));
  if (report.compare) out.push(...compareLines(report));
  if (report.live.calls > 0) {
    out.push(
      `live     ${report.live.calls} call(s) were decided live by a guard (${Object.entries(
        report.live.decisions,
      )
        .map(([d, n]) => `${n} ${d}`)
        .join(
          ', ',
        )}); the replay reproduces ${report.live.calls - report.live.mismatches.length} of them`,
    );
    for (const m of report.live.mismatches.slice(0, 20))
      out.push(
        `  ${visible(m.session, 30)} ${m.call} ${visible(m.tool, 30)}: live ${m.live}, replay ${m.replayed} (${m.rule ?? 'default'})`,
      );
  }
  return out.join('\n').trimEnd();
}

function backtestLines(b: BacktestResult, dimensions: string[]): string[] {
  const lines: string[] = [];
  lines.push(
    `harmful actions: an action is harmful when it produced evidence of a finding the reference confirmed (${dimensions.join(', ')})`,
  );
  if (b.harmful.length === 0) lines.push('  (no harmful action in these trials)');
  else
    lines.push(
      formatTable(
        [
          'condition',
          'dimension',
          'harmful',
          'stopped',
          'deny',
          'hold',
          'kill',
          'missed',
          'stop rate',
          '95% CI',
        ],
        b.harmful.map((r) => [
          visible(r.condition, 60),
          r.dimension,
          String(r.harmful),
          String(r.stopped),
          String(r.denied),
          String(r.held),
          String(r.killed),
          String(r.missed),
          pct(r.stopRate.rate),
          ci(r.stopRate),
        ]),
        ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
      ),
    );
  lines.push('');
  lines.push(
    'benign actions: every action of a trial with no harmful action; a false alarm is a deny, hold or kill',
  );
  if (b.benign.length === 0) lines.push('  (no benign trial)');
  else
    lines.push(
      formatTable(
        [
          'condition',
          'actions',
          'deny',
          'hold',
          'kill',
          'false alarms',
          'rate',
          '95% CI',
          'denied',
          '95% CI',
        ],
        b.benign.map((r) => [
          visible(r.condition, 60),
          String(r.actions),
          String(r.denied),
          String(r.held),
          String(r.killed),
          String(r.falseAlarms),
          pct(r.falseAlarmRate.rate),
          ci(r.falseAlarmRate),
          pct(r.deniedRate.rate),
          ci(r.deniedRate),
        ]),
        ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
      ),
    );
  lines.push('');
  const excluded = Object.entries(b.excluded.reasons)
    .map(([why, n]) => `${n} ${why}`)
    .join('; ');
  lines.push(
    `${b.actions} action(s) in all; ${b.collateral.actions} other action(s) of harmful trials (${b.collateral.stopped} stopped, not counted above); ${b.excluded.actions} excluded from rates${excluded ? ` (${excluded})` : ''}`,
  );
  lines.push('');
  lines.push(`misses (harmful actions the policy lets through): ${b.misses.length}`);
  for (const m of b.misses) lines.push(...listedLines(m, true));
  lines.push(`false alarms (benign actions the policy stops): ${b.falseAlarms.length}`);
  for (const f of b.falseAlarms) lines.push(...listedLines(f, false));
  lines.push('');
  return lines;
}

function listedLines(a: ListedAction, withEvidence: boolean): string[] {
  const lines = [
    `  ${visible(a.session, 30)} ${a.call} ${visible(a.model, 40)} ${visible(a.condition, 60)}`,
    `    call     ${visible(a.tool, 30)} ${callSummary(a.args)}`,
    `    decision ${a.decision}${a.rule ? ` by ${visible(a.rule, 40)}` : ' (no rule matched)'}: ${visible(a.reason, 100)}`,
  ];
  if (withEvidence)
    for (const e of a.evidence)
      lines.push(
        `    evidence ${e.dimension}: ${visible(e.summary, 90)} [events ${e.eventIds.join(', ')}]${e.quotes[0] ? ` "${visible(e.quotes[0], 80)}"` : ''}`,
      );
  return lines;
}

function reviewLines(
  stopped: ReviewItem[],
  r: NonNullable<ReplayReport['policy']['review']>,
): string[] {
  const lines = [
    `${r.actions} action(s) in ${r.sessions} session(s): ${Object.entries(r.decisions)
      .map(([d, n]) => `${n} ${d}`)
      .join(', ')}. No verdicts to score against: review these and label them.`,
  ];
  if (Object.keys(r.byRule).length > 0)
    lines.push(
      formatTable(
        ['rule', 'stopped'],
        Object.entries(r.byRule).map(([rule, n]) => [visible(rule, 40), String(n)]),
        ['left', 'right'],
      ),
    );
  lines.push('', `would be stopped: ${stopped.length}`);
  for (const s of stopped) {
    lines.push(
      `  ${visible(s.session, 40)} ${visible(s.call, 40)} ${visible(s.tool, 30)} ${callSummary(s.args)}`,
    );
    lines.push(
      `    ${s.decision}${s.rule ? ` by ${visible(s.rule, 40)}` : ' (policy default)'}: ${visible(s.reason, 100)}${s.alsoMatched.length ? ` (also: ${s.alsoMatched.map((m) => visible(m, 40)).join(', ')})` : ''}`,
    );
  }
  lines.push('');
  return lines;
}

function compareLines(report: ReplayReport): string[] {
  const c = report.compare!.comparison;
  const lines = [
    `comparison over ${c.actions} action(s): the policy stops ${c.onlyBase.length} the other lets through; the other stops ${c.onlyOther.length} the policy lets through; ${c.differentStop} stopped by both with a different decision`,
    formatTable(
      ['reference', 'actions', 'stopped by policy', 'stopped by other'],
      Object.entries(c.byReference).map(([k, v]) => [
        k,
        String(v.actions),
        String(v.base),
        String(v.other),
      ]),
      ['left', 'right', 'right', 'right'],
    ),
  ];
  const show = (title: string, list: ComparedAction[]) => {
    lines.push('', `${title}: ${list.length}`);
    for (const a of list) {
      lines.push(
        `  ${visible(a.session, 30)} ${visible(a.call, 30)} ${visible(a.condition, 50)} [${a.reference}] ${visible(a.tool, 30)} ${callSummary(a.args)}`,
      );
      lines.push(
        `    policy ${a.base.decision}${a.base.rule ? ` by ${visible(a.base.rule, 40)}` : ''}; other ${a.other.decision}${a.other.rule ? ` by ${visible(a.other.rule, 40)}` : ''}`,
      );
    }
  };
  show('stopped only by the policy', c.onlyBase);
  show('stopped only by the other', c.onlyOther);
  lines.push('');
  return lines;
}
