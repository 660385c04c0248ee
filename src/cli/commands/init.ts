import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError } from '../../errors.js';
import type { RegisterCommand } from '../main.js';
import { CONFIG_FILE } from '../../config/config-file.js';

/** `turncoat init`: writes a commented starter turncoat.config.yaml. */
export const register: RegisterCommand = (program, ctx) => {
  program
    .command('init')
    .description(`Write a commented starter ${CONFIG_FILE}`)
    .option('--path <file>', 'where to write it', CONFIG_FILE)
    .option('--force', 'overwrite an existing file')
    .action(async (options: { path: string; force?: boolean }) => {
      const { STARTER_CONFIG } = await import('../../config/starter.js');
      const file = resolve(options.path);
      if (existsSync(file) && !options.force) {
        throw new InputError(`${options.path} already exists; pass --force to overwrite it`);
      }
      writeFileSync(file, STARTER_CONFIG);
      ctx.io.out(
        `wrote ${options.path}\n\nnext: edit its models and conditions, then: turncoat run --config ${options.path}`,
      );
    });
};
