/**
 * The built CLI builds faker (a variant's names) and the pack schema on first use
 * (scripts/build-cli.mjs, ON_FIRST_USE), not at start-up: run as its own process with no
 * scenario cache, it still draws the names the source draws and refuses a bad pack as the
 * source does.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
function turncoat(...args: string[]) {
  return spawnSync(process.execPath, [...cliArgs(), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, TURNCOAT_CACHE_DIR: 'off' },
  });
}

function systemPromptOf(variant: number): string {
  const out = join(scratch, `variant-${variant}`);
  const r = turncoat(
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

describe('turncoat scenarios --dir', () => {
  it('refuses a pack that breaks the schema, naming the file, line and field', () => {
    const dir = join(scratch, 'bad-pack');
    rmSync(dir, { recursive: true, force: true });
    const yaml = readFileSync(join(ROOT, 'scenarios', 'blackmail.yaml'), 'utf8');
    expect(yaml).toMatch(/^company:/m);
    mkdirSync(dir);
    writeFileSync(join(dir, 'blackmail.yaml'), yaml.replace(/^company:/m, 'companyy:'));
    const r = turncoat('scenarios', 'list', '--dir', dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`invalid scenario pack ${join(dir, 'blackmail.yaml')}`);
    expect(r.stderr).toMatch(/blackmail\.yaml:\d+:1: companyy: unknown field 'companyy'/);
  });
});
