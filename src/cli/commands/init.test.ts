import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../main.js';
import { captureIO } from '../io.js';
import { loadConfig } from '../../config/load-config.js';

describe('turncoat init', () => {
  it('writes a starter config that loadConfig accepts', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'turncoat-init-')), 'turncoat.config.yaml');
    const io = captureIO();
    expect(await main(['init', '--path', file], io)).toBe(0);
    expect(io.stdout.join('')).toContain(`wrote ${file}`);
    expect(readFileSync(file, 'utf8')).toMatch(/^# turncoat\.config\.yaml/);
    expect(loadConfig(file).config.protocol).toBe('tools');
  });

  it('writes a config that runs from any folder: its dry run plans the shipped packs', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'turncoat-init-')), 'turncoat.config.yaml');
    await main(['init', '--path', file], captureIO());
    const io = captureIO();
    expect(await main(['run', '--config', file, '--dry-run'], io)).toBe(0);
    const out = io.stdout.join('\n');
    expect(out).toMatch(/dry run: nothing was called/);
    expect(out).toMatch(/reference:misaligned\*\s+40\s+40\s/);
  });

  it('refuses to overwrite without --force', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'turncoat-init-')), 'turncoat.config.yaml');
    writeFileSync(file, 'mine\n');
    const io = captureIO();
    expect(await main(['init', '--path', file], io)).toBe(2);
    expect(io.stderr.join('')).toMatch(/already exists; pass --force/);
    expect(readFileSync(file, 'utf8')).toBe('mine\n');
    expect(await main(['init', '--path', file, '--force'], captureIO())).toBe(0);
    expect(readFileSync(file, 'utf8')).not.toBe('mine\n');
  });
});
