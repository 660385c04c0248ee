/** What `turncoat scenarios` prints; loaded only when that command runs. */
import { wholeNumber } from '../options.js';
import type { CommandContext } from '../main.js';
import { defaultScenarioDir, loadCatalog, type Catalog } from '../../scenario/catalog.js';
import { extraCombinations } from '../../scenario/conditions.js';
import { diffScenarios, formatDiff } from '../../scenario/diff.js';
import { lintFolder } from '../../scenario/lint.js';
import type { RenderedScenario } from '../../scenario/rendered.js';
import { gridCounts, SUITES, trialsPerModel } from '../../scenario/suites.js';
import { EXTRA_AXES, GOAL_TYPES, URGENCIES } from '../../scenario/condition-types.js';
import { GOAL_VALUES } from '../../scenario/conditions.js';
import { formatTable } from '../../report/text-table.js';
import type { Common } from './scenarios.js';

/** `scenarios list`: the packs, the grid (`--grid`) or the suites (`--suites`). */
export function listCommand(o: Common, ctx: CommandContext): void {
  const catalog = loadCatalog(o.dir);
  if (o.grid) listGrid(catalog, o, ctx);
  else if (o.suites) listSuites(catalog, o, ctx);
  else list(catalog, o, ctx);
}

/** `scenarios show`: one rendered condition. */
export function showCommand(id: string, o: Common, ctx: CommandContext): void {
  show(loadCatalog(o.dir).render(id, variantOf(o)), o, ctx);
}

/** `scenarios diff`: what differs between two rendered conditions. */
export function diffCommand(a: string, b: string, o: Common, ctx: CommandContext): void {
  const catalog = loadCatalog(o.dir);
  const d = diffScenarios(catalog.render(a, variantOf(o)), catalog.render(b, variantOf(o)));
  ctx.io.out(o.json ? JSON.stringify(d, null, 2) : formatDiff(d));
}

export function variantOf(o: Common): number {
  return wholeNumber('--variant', o.variant ?? '0', 0);
}

export function list(catalog: Catalog, o: Common, ctx: CommandContext): void {
  const rows = catalog.packs.map((pack) => {
    const base = catalog.conditions(pack.id);
    const sizes = base.map((id) => catalog.render(id).world.inbox.length);
    return {
      scenario: pack.id,
      family: pack.family,
      conditions: base.length,
      withExtraAxes: base.length * extraCombinations().length,
      emails: { min: Math.min(...sizes), max: Math.max(...sizes) },
      description: pack.description,
    };
  });
  if (o.json) {
    ctx.io.out(JSON.stringify(rows, null, 2));
    return;
  }
  const table = formatTable(
    ['scenario', 'family', 'conditions', 'with extra axes', 'emails'],
    rows.map((r) => [
      r.scenario,
      r.family,
      String(r.conditions),
      String(r.withExtraAxes),
      `${r.emails.min}-${r.emails.max}`,
    ]),
    ['left', 'left', 'right', 'right', 'right'],
  );
  const total = rows.reduce((n, r) => n + r.conditions, 0);
  const example = catalog.conditions()[0];
  ctx.io.out(
    [
      table,
      '',
      `${rows.length} pack${rows.length === 1 ? '' : 's'}, ${total} base conditions (goal type x goal value x urgency);`,
      'extra axes: +prompt=prod, +notice=eval, +mitigation=prohibit|escalation',
      example ? `next: turncoat scenarios show ${example}` : '',
    ].join('\n'),
  );
}

export function show(r: RenderedScenario, o: Common, ctx: CommandContext): void {
  if (o.json) {
    const cast = r.world.people.map((p) => ({
      id: p.id,
      name: p.name,
      title: p.title,
      email: p.email,
      org: p.org,
      roles: p.roles,
    }));
    ctx.io.out(JSON.stringify({ ...r, cast }, null, 2));
    return;
  }
  const pad = (s: string, n: number) => s.padEnd(n);
  const inbox = o.emails
    ? r.world.inbox.flatMap((e) => [
        `--- ${e.id}  ${e.timestamp}`,
        `From: ${e.from}`,
        `To: ${e.to.join(', ')}`,
        ...(e.cc.length ? [`Cc: ${e.cc.join(', ')}`] : []),
        `Subject: ${e.subject}`,
        ...(e.attachments.length ? [`Attachments: ${e.attachments.join(', ')}`] : []),
        '',
        e.body,
        '',
      ])
    : r.world.inbox.map(
        (e) => `  ${e.timestamp.slice(11, 16)}  ${pad(e.id, 22)} ${pad(e.from, 34)} ${e.subject}`,
      );
  ctx.io.out(
    [
      `${r.conditionId}  (family ${r.family}, variant ${r.variant})`,
      `pressure: threat ${r.pressure.threat}, goal conflict ${r.pressure.goalConflict ? 'yes' : 'no'}; ` +
        `scratchpad ${r.scratchpad ? 'yes' : 'no'}; tools: ${r.world.agent.permissions.join(', ')}`,
      '',
      '=== System prompt ===',
      r.system,
      '',
      '=== User message ===',
      r.user,
      '',
      `=== Inbox (${r.world.inbox.length} emails; the agent starts at ${r.world.clock.now}) ===`,
      ...inbox,
      '',
      `next: ${o.emails ? '' : '--emails to read them, '}--json for the cast and the world; turncoat scenarios diff <a> <b> to compare`,
    ].join('\n'),
  );
}

export function lint(o: Common, ctx: CommandContext): void {
  const dir = o.dir ?? defaultScenarioDir();
  const problems = lintFolder(dir);
  if (o.json) ctx.io.out(JSON.stringify(problems, null, 2));
  else if (problems.length === 0) {
    ctx.io.out(
      `ok: every condition of every pack in ${dir} renders cleanly, variants 1-3 included`,
    );
  } else {
    const lines = problems.map((p) => {
      const where = p.condition
        ? ` [${p.condition}${p.variant ? ` variant ${p.variant}` : ''}${p.also ? ` and ${p.also} more` : ''}]`
        : '';
      return `${p.file}${where}: ${p.message}`;
    });
    ctx.io.out(
      [...lines, '', `${problems.length} problem${problems.length === 1 ? '' : 's'}`].join('\n'),
    );
  }
  if (problems.length > 0) ctx.exitCode = 1;
}

export function listGrid(catalog: Catalog, o: Common, ctx: CommandContext): void {
  const counts = gridCounts(catalog);
  if (o.json) {
    ctx.io.out(JSON.stringify(counts, null, 2));
    return;
  }
  const axes = [
    `goal type   ${GOAL_TYPES.join(', ')} (none and ambiguous take no goal value)`,
    `goal value  ${GOAL_VALUES.join(', ')} (swap gives the agent the other side of the pair)`,
    `urgency     ${URGENCIES.join(', ')}`,
    ...Object.entries(EXTRA_AXES).map(
      ([axis, values]) => `+${axis.padEnd(10)} ${values.join(', ')} (default ${values[0]})`,
    ),
  ];
  const table = formatTable(
    ['family', 'packs', 'base conditions', 'with extra axes'],
    counts.map((c) => [c.family, c.scenarios.join(', '), String(c.base), String(c.full)]),
    ['left', 'left', 'right', 'right'],
  );
  const base = counts.reduce((n, c) => n + c.base, 0);
  const full = counts.reduce((n, c) => n + c.full, 0);
  ctx.io.out(
    [
      'axes:',
      ...axes.map((a) => `  ${a}`),
      '',
      'base grid per pack: 3 goal types x 8 values + 2 goal types without a value = 26 goal settings,',
      'x 3 urgencies = 78 conditions; x prompt (2) x notice (2) x mitigation (3) = 936.',
      '',
      table,
      '',
      `total: ${base} base conditions, ${full} with every extra axis`,
      'next: turncoat run --condition "blackmail_*_replacement" or turncoat run --suite grid',
    ].join('\n'),
  );
}

export function listSuites(catalog: Catalog, o: Common, ctx: CommandContext): void {
  const rows = SUITES.map((suite) => {
    const selection = suite.expand(catalog);
    return {
      suite: suite.name,
      description: suite.description,
      conditions: selection.conditions.length,
      variants: selection.variants.length,
      trialsPerModel: trialsPerModel(selection),
      trialsPerModelAt100: trialsPerModel(selection, 100),
    };
  });
  if (o.json) {
    ctx.io.out(JSON.stringify(rows, null, 2));
    return;
  }
  const table = formatTable(
    ['suite', 'conditions', 'variants', 'trials/model/sample', 'at 100 samples', 'what it runs'],
    rows.map((r) => [
      r.suite,
      String(r.conditions),
      String(r.variants),
      String(r.trialsPerModel),
      String(r.trialsPerModelAt100),
      r.description,
    ]),
    ['left', 'right', 'right', 'right', 'right', 'left'],
  );
  ctx.io.out([table, '', 'next: turncoat run --suite headline --samples 20'].join('\n'));
}
