import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { extraCombinations, baseGrid, formatConditionId } from './conditions.js';
import { loadPack, type LoadedPack } from './load-pack.js';
import { renderScenario } from './render.js';
import type { RenderedScenario } from './rendered.js';
import { canonicalTokens } from './variants.js';

/** One thing wrong with a pack, found by rendering it. */
export interface LintProblem {
  file: string;
  /** The first condition showing it, and how many others show the same. */
  condition?: string;
  variant?: number;
  also?: number;
  message: string;
}

/** Surface variants checked for leftover canonical names. */
const VARIANTS_CHECKED = [1, 2, 3];

/** Lints every `*.yaml` pack in `dir`; a pack that fails to load is one problem. */
export function lintFolder(dir: string): LintProblem[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort();
  const problems: LintProblem[] = [];
  const seenIds = new Map<string, string>();
  for (const f of files) {
    const file = join(dir, f);
    let loaded: LoadedPack;
    try {
      loaded = loadPack(file);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      problems.push({ file, message: error.message });
      continue;
    }
    const other = seenIds.get(loaded.pack.id);
    if (other)
      problems.push({ file, message: `scenario id '${loaded.pack.id}' is also used by ${other}` });
    seenIds.set(loaded.pack.id, file);
    problems.push(...lintPack(loaded));
  }
  return problems;
}

/**
 * Renders every condition of a pack (base grid x extra axes) and checks what the schema
 * cannot: templates resolve, timestamps run forward, addresses and attachments resolve,
 * ids are unique, the axis snippets show up, and variants 1-3 leave no canonical name.
 * Problems with the same message are reported once, with a count.
 */
export function lintPack(loaded: LoadedPack): LintProblem[] {
  const { pack, hash, file } = loaded;
  const found = new Map<string, LintProblem>();
  const report = (message: string, condition: string, variant = 0) => {
    const known = found.get(message);
    if (known) known.also = (known.also ?? 0) + 1;
    else found.set(message, { file, condition, ...(variant ? { variant } : {}), message });
  };
  for (const base of baseGrid(pack.id)) {
    for (const extras of extraCombinations()) {
      const condition = { ...base, ...extras };
      const id = formatConditionId(condition);
      let rendered: RenderedScenario;
      try {
        rendered = renderScenario(pack, hash, condition, 0);
      } catch (error) {
        report(`does not render: ${(error as Error).message}`, id);
        continue;
      }
      for (const message of checkRendered(rendered)) report(message, id);
      for (const message of checkSnippets(rendered, pack.snippets)) report(message, id);
    }
  }
  const tokens = canonicalTokens(pack);
  const domains = [
    pack.company.domain,
    ...pack.parties.filter((p) => !p.fixed).map((p) => p.domain),
  ];
  for (const condition of baseGrid(pack.id)) {
    for (const variant of VARIANTS_CHECKED) {
      let rendered: RenderedScenario;
      try {
        rendered = renderScenario(pack, hash, condition, variant);
      } catch {
        continue; // already reported for variant 0
      }
      const text = JSON.stringify({ ...rendered, packHash: '' });
      for (const token of tokens) {
        if (new RegExp(`\\b${escape(token)}\\b`).test(text)) {
          report(
            `variant keeps the canonical name '${token}': write it as a template variable`,
            formatConditionId(condition),
            variant,
          );
        }
      }
      for (const domain of domains) {
        if (text.toLowerCase().includes(domain)) {
          report(
            `variant keeps the canonical domain '${domain}': write it as a template variable`,
            formatConditionId(condition),
            variant,
          );
        }
      }
    }
  }
  return [...found.values()];
}

/** Checks on one rendered condition that need no pack. */
export function checkRendered(r: RenderedScenario): string[] {
  const problems: string[] = [];
  const w = r.world;
  const text = JSON.stringify({ ...r, packHash: '' });
  const left = /\{\{[^}]*\}?\}?/.exec(text);
  if (left) problems.push(`unresolved placeholder '${left[0]}'`);
  w.inbox.forEach((e, i) => {
    const prev = w.inbox[i - 1];
    if (prev && e.timestamp < prev.timestamp) {
      problems.push(
        `email '${e.id}' (${e.timestamp}) comes after '${prev.id}' (${prev.timestamp}) but is older`,
      );
    }
  });
  const ids = [
    ...w.inbox.map((e) => e.id),
    ...w.documents.map((d) => d.id),
    ...w.alerts.map((a) => a.id),
  ];
  for (const dup of ids.filter((id, i) => ids.indexOf(id) !== i))
    problems.push(`duplicate id '${dup}'`);
  const known = new Set([
    ...w.people.map((p) => p.email.toLowerCase()),
    w.agent.email.toLowerCase(),
  ]);
  const outside = new Set(
    w.people
      .filter((p) => p.org !== w.company.name)
      .map((p) => p.email.split('@')[1]!.toLowerCase()),
  );
  w.authorityDomains.forEach((d) => outside.add(d));
  const checkAddress = (address: unknown, where: string) => {
    const a = String(address).toLowerCase();
    if (!known.has(a) && !outside.has(a.split('@')[1] ?? '')) {
      problems.push(
        `${where}: address '${String(address)}' is neither a cast member nor at an outside party's domain`,
      );
    }
  };
  for (const e of w.inbox) {
    [e.from, ...e.to, ...e.cc].forEach((a) => checkAddress(a, `email '${e.id}'`));
    for (const doc of e.attachments) {
      if (!w.documents.some((d) => d.id === doc))
        problems.push(`email '${e.id}' attaches '${doc}', absent in this condition`);
    }
  }
  for (const persona of ['harmful', 'disclosure', 'aligned'] as const) {
    r.script[persona].forEach((action, i) => {
      for (const key of ['to', 'cc']) {
        const value = action.args[key];
        const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
        list.forEach((a) => checkAddress(a, `script.${persona}[${i}].${key}`));
      }
      if (
        action.tool === 'forward_email' &&
        !w.inbox.some((e) => e.id === action.args['email_id'])
      ) {
        problems.push(
          `script.${persona}[${i}] forwards '${String(action.args['email_id'])}', absent in this condition`,
        );
      }
      if (!w.agent.permissions.includes(action.tool)) {
        problems.push(`script.${persona}[${i}] uses '${action.tool}', which the agent may not use`);
      }
    });
  }
  if (
    w.secret &&
    !w.inbox.some((e) => w.secret!.markers.some((m) => `${e.subject}\n${e.body}`.includes(m)))
  ) {
    problems.push('no email in the inbox contains any of the secret markers');
  }
  return problems;
}

/** Each switched-on snippet must appear in the system prompt. */
function checkSnippets(r: RenderedScenario, snippets: Record<string, string>): string[] {
  const on = {
    scratchpad: r.condition.prompt === 'dev',
    notice: r.condition.notice === 'eval',
    prohibitions: r.condition.mitigation === 'prohibit',
    escalation: r.condition.mitigation === 'escalation',
  };
  return Object.entries(on)
    .filter(
      ([key, isOn]) => isOn && snippets[key] && !r.system.includes(firstWords(snippets[key]!)),
    )
    .map(([key]) => `the system prompt does not place {{${key}}}, so snippets.${key} never shows`);
}

/** The template's opening words before any variable, to find its rendering. */
function firstWords(template: string): string {
  return template.split('{{')[0]!.trim().split(/\s+/).slice(0, 4).join(' ');
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
