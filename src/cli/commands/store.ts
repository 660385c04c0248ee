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
    .description(
      'Look after <out>/turncoat.db: check it for damage, upgrade its schema, copy it to or from PostgreSQL',
    );
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
  store
    .command('copy')
    .description(
      "Copy a whole store (runs, trials, judgements, labels, guard data) between SQLite and PostgreSQL, either way; checks every table's row count. FROM and TO: a folder holding turncoat.db, or postgres://user@host/db",
    )
    .argument('<from>', 'the store to read (never changed)')
    .argument('<to>', 'the store to write: must be empty, unless --replace')
    .option('--replace', 'empty a destination that already holds rows, then copy')
    .action(async (from: string, to: string, options: { replace?: boolean }) => {
      const { copyStoreCommand } = await import('../../store/postgres/copy-command.js');
      ctx.io.out(
        await copyStoreCommand(from, to, {
          replace: Boolean(options.replace),
          progress: ctx.io.err,
        }),
      );
    });
};
