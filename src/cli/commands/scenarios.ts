import type { Command } from 'commander';
import type { RegisterCommand } from '../main.js';

// The packs, renderer and tables load when a scenarios command runs, not at start-up.
const views = () => import('./scenarios-views.js');

export interface Common {
  dir?: string;
  grid?: boolean;
  suites?: boolean;
  emails?: boolean;
  json?: boolean;
  variant?: string;
}

/** `turncoat scenarios list|show|lint|diff`: browse and check the scenario packs. */
export const register: RegisterCommand = (program, ctx) => {
  const scenarios = program
    .command('scenarios')
    .description('List, show, check and compare the scenario packs and their conditions.');
  const dirOption = (c: Command) =>
    c.option('--dir <folder>', 'scenario pack folder (default: the packs shipped with turncoat)');

  dirOption(scenarios.command('list'))
    .description('The scenario packs with their families and condition counts')
    .option('--grid', 'the condition grid: axes, their values and condition counts per family')
    .option('--suites', 'the named suites (turncoat run --suite NAME) with trials per model')
    .option('--json', 'print JSON')
    .action(async (o: Common) => (await views()).listCommand(o, ctx));

  dirOption(scenarios.command('show'))
    .description('A rendered condition: system prompt, user message and inbox')
    .argument('<condition-id>', 'e.g. blackmail_explicit-america_replacement')
    .option('--variant <n>', 'surface variant (0 = the pack as written)', '0')
    .option('--emails', 'print every email in full')
    .option('--json', 'print JSON, with the cast and roles and the initial world state')
    .action(async (id: string, o: Common) => (await views()).showCommand(id, o, ctx));

  dirOption(scenarios.command('lint'))
    .description('Render every condition of every pack and report problems (exit 1 if any)')
    .option('--json', 'print JSON')
    .action(async (o: Common) => (await views()).lint(o, ctx));

  dirOption(scenarios.command('diff'))
    .description('What differs between two rendered conditions')
    .argument('<a>', 'first condition id')
    .argument('<b>', 'second condition id')
    .option('--variant <n>', 'surface variant for both', '0')
    .option('--json', 'print JSON')
    .action(async (a: string, b: string, o: Common) => (await views()).diffCommand(a, b, o, ctx));
};
