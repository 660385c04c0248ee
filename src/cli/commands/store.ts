import type { Command } from 'commander';
import type { CommandContext, RegisterCommand } from '../main.js';
import { jsonSafe } from '../../text/terminal-safe.js';

interface StoreOptions {
  out: string;
  json?: boolean;
}

export const register: RegisterCommand = (program: Command, ctx: CommandContext) => {
  const store = program
    .command('store')
    .description('Look after <out>/turncoat.db: check it for damage, upgrade its schema');
  store
    .command('check')
    .description(
      "Run SQLite's integrity check and read every run back; says which runs are intact (exit 1 when not). Writes nothing.",
    )
    .option('--out <dir>', 'output directory holding turncoat.db', 'turncoat-out')
    .option('--json', 'print the check as JSON')
    .action(async (options: StoreOptions) => {
      const { checkStore, formatStoreCheck, storeIsHealthy } =
        await import('../../store/check-store.js');
      const check = checkStore(options.out);
      ctx.io.out(options.json ? jsonSafe(JSON.stringify(check, null, 2)) : formatStoreCheck(check));
      if (!storeIsHealthy(check)) ctx.exitCode = 1;
    });
  store
    .command('upgrade')
    .description(
      "Bring a store written by an older turncoat up to this version's schema (reading commands never change a store)",
    )
    .option('--out <dir>', 'output directory holding turncoat.db', 'turncoat-out')
    .action(async (options: StoreOptions) => {
      const { upgradeStore } = await import('../../store/open-database.js');
      const { from, to, file } = upgradeStore(options.out);
      ctx.io.out(
        from === to
          ? `${file}: schema ${to}, already up to date`
          : `${file}: schema ${from} -> ${to}`,
      );
    });
};
