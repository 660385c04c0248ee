/**
 * The built CLI draws a surface variant's names on first use (scripts/build-cli.mjs builds
 * faker then, not at start-up): a `turncoat run` of a variant, as its own process, stores
 * the same names the source draws, and a run of variant 0 never needs them.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../scenario/catalog.js';
import { surfaceFor } from '../scenario/variants.js';
import { cliArgs, ROOT } from './test-support/cli-command.js';

const scratch = mkdtempSync(join(tmpdir(), 'turncoat-cli-variants-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs one trial of `variant` into a fresh store, with no scenario cache (so it renders). */
function systemPromptOf(variant: number): string {
  const out = join(scratch, `variant-${variant}`);
  const r = spawnSync(
    process.execPath,
    [
      ...cliArgs(),
      'run',
      '--model',
      'reference:aligned',
      '--condition',
      'blackmail_none-none_none',
      '--variant',
      String(variant),
      '--samples',
      '1',
      '--out',
      out,
    ],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, TURNCOAT_CACHE_DIR: 'off' } },
  );
  expect(r.status, r.stderr).toBe(0);
  const db = new Database(join(out, 'turncoat.db'), { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT system FROM prompts').all() as { system: string }[];
    expect(rows).toHaveLength(1);
    return rows[0]!.system;
  } finally {
    db.close();
  }
}

describe('turncoat run --variant', () => {
  it("stores the names the source draws for the variant, and variant 0 keeps the pack's own", () => {
    const { pack } = loadCatalog().pack('blackmail');
    const drawn = surfaceFor(pack, 7);
    expect(drawn.company.name).not.toBe(pack.company.name);
    const seven = systemPromptOf(7);
    expect(seven).toContain(drawn.company.name);
    expect(seven).not.toContain(pack.company.name);
    expect(systemPromptOf(0)).toContain(pack.company.name);
  });
});
