import type { RegisterCommand } from '../main.js';

/**
 * One top-level command: what `turncoat --help` lists for it, and where its definition lives.
 * The help lines are copies of the command's own definition, kept so the top-level help
 * and every other command load no command module; `command-table.test.ts` fails (and prints
 * the line to paste here) when they drift.
 */
export interface CommandEntry {
  /** What a user types after `turncoat`. */
  name: string;
  /** The command's term in the top-level help: its name, `[options]` if it has any, its arguments. */
  term: string;
  /** The command's line in the top-level help: its description. */
  summary: string;
  /** Imports the command's file(s); each file's `register(program, ctx)` adds its part of it. */
  load: () => Promise<RegisterCommand[]>;
}

/**
 * Every command, in the order the help lists them, one file each (the guard has three).
 * Each file exports `register(program, ctx)`: parse options, call a module, print. Keep
 * commands thin. Only the command a user invoked is imported (`main` gives the others a
 * placeholder that lists them in the help).
 */
export const commandTable: readonly CommandEntry[] = [
  {
    name: 'init',
    term: 'init [options]',
    summary: 'Write a commented starter turncoat.config.yaml',
    load: async () => [(await import('./init.js')).register],
  },
  {
    name: 'plan',
    term: 'plan [options]',
    summary:
      'How many valid trials per condition to detect a difference, or to reach an interval width.',
    load: async () => [(await import('./plan.js')).register],
  },
  {
    name: 'run',
    term: 'run [options]',
    summary:
      'Run trials (models x conditions x variants x samples) into <out>/turncoat.db; resumes the same plan',
    load: async () => [(await import('./run.js')).register],
  },
  {
    name: 'worker',
    term: 'worker [options]',
    summary:
      "Work on a run kept in PostgreSQL: claim its trials not yet stored, run and store them; start any number, on any machines (a crashed worker's trials are taken over)",
    load: async () => [(await import('./worker.js')).register],
  },
  {
    name: 'report',
    term: 'report [options]',
    summary:
      'Harm rates with 95% intervals, comparisons and charts, from <out>/turncoat.db (table, json, csv or a self-contained HTML file)',
    load: async () => [(await import('./report.js')).register],
  },
  {
    name: 'export',
    term: 'export [options]',
    summary: 'Print one row per trial (findings and verdicts with evidence) to stdout, streaming',
    load: async () => [(await import('./export.js')).register],
  },
  {
    name: 'scenarios',
    term: 'scenarios',
    summary: 'List, show, check and compare the scenario packs and their conditions.',
    load: async () => [(await import('./scenarios.js')).register],
  },
  {
    name: 'judge',
    term: 'judge [options]',
    summary:
      'Judge a stored run again (no agent is rerun); each pass is kept with its judges, prompt version and time',
    load: async () => [(await import('./judge.js')).register],
  },
  {
    name: 'agreement',
    term: 'agreement [options]',
    summary:
      "How far judges agree with human labels, the world's detectors, the original classifier (imported runs) and each other",
    load: async () => [(await import('./agreement.js')).register],
  },
  {
    name: 'label',
    term: 'label [options]',
    summary:
      'Label stored trials by hand (terminal or piped stdin), for judge agreement; disputed trials first',
    load: async () => [(await import('./label.js')).register],
  },
  {
    name: 'import',
    term: 'import [options] <path>',
    summary:
      "Import another harness's results (the study's results folder, or Inspect JSON logs) as a run: rebuilt worlds, our detectors and judges, the original verdicts beside ours",
    load: async () => [(await import('./import.js')).register],
  },
  {
    name: 'store',
    term: 'store',
    summary:
      'Look after <out>/turncoat.db: check it for damage, upgrade its schema, copy it to or from PostgreSQL',
    load: async () => [(await import('./store.js')).register],
  },
  {
    name: 'guard',
    term: 'guard',
    summary: 'Operate the guard: approvals, kill switch, audit trail, incidents, policy check',
    // The guard group first: replay, then `guard mcp` and `guard serve`, are added to it.
    load: async () => {
      const [guard, replay, boundary] = await Promise.all([
        import('./guard.js'),
        import('./guard-replay.js'),
        import('./guard-boundary.js'),
      ]);
      return [guard.register, replay.register, boundary.register];
    },
  },
  {
    name: 'view',
    term: 'view [options]',
    summary:
      'A local web app over the store: runs, results, trials with search, transcripts, compare, labels, agreement, and the guard (approvals, sessions, incidents, audit)',
    load: async () => [(await import('./view.js')).register],
  },
];
