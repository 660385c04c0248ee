import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InputError } from '../errors.js';
import { loadCatalog } from './catalog.js';
import { loadPack, parsePack } from './load-pack.js';
import { packCacheDir } from './pack-cache.js';
import { fixtureDir, scenarioDir } from './test-support/packs.js';

let work: string;
let cacheDir: string;
const tinyText = readFileSync(join(fixtureDir, 'tiny.yaml'), 'utf8');

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'turncoat-pack-cache-'));
  vi.stubEnv('TURNCOAT_CACHE_DIR', join(work, 'cache'));
  cacheDir = packCacheDir()!;
});
afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(work, { recursive: true, force: true });
});

const entries = () => {
  try {
    return readdirSync(cacheDir).filter((f) => f.endsWith('.json'));
  } catch {
    return [];
  }
};

/** A pack file in the work folder, written with `text`. */
function packFile(text: string): string {
  const file = join(work, 'tiny.yaml');
  writeFileSync(file, text);
  return file;
}

describe('the pack cache', () => {
  it('serves the second load of the same bytes from the cache, equal to a fresh parse', () => {
    const file = packFile(tinyText);
    const first = loadPack(file);
    expect(entries()).toHaveLength(1);
    const second = loadPack(file);
    expect(second).toEqual(parsePack(tinyText, file));
    expect(second.hash).toBe(first.hash);
  });

  it('really reads the entry: a hit does not parse the YAML again', () => {
    const file = packFile(tinyText);
    loadPack(file);
    const [entry] = entries();
    const stored = JSON.parse(readFileSync(join(cacheDir, entry!), 'utf8'));
    stored.pack.emails[0].subject = 'read from the cache';
    writeFileSync(join(cacheDir, entry!), JSON.stringify(stored));
    expect(loadPack(file).pack.emails[0]!.subject).toBe('read from the cache');
  });

  it('parses an edited pack again: the new text shows, the old entry is not used', () => {
    const file = packFile(tinyText);
    expect(loadPack(file).pack.family).toBe('routine');
    const edited = tinyText.replace('subject: Plans', 'subject: Plans for Friday');
    expect(edited).not.toBe(tinyText);
    packFile(edited);
    const again = loadPack(file);
    expect(again).toEqual(parsePack(edited, file));
    expect(JSON.stringify(again.pack)).toContain('Plans for Friday');
    expect(entries()).toHaveLength(2);
  });

  it('refuses a pack edited into an invalid one, though its old version is cached', () => {
    const file = packFile(tinyText);
    loadPack(file);
    packFile(tinyText.replace('family: routine', 'family: heist'));
    expect(() => loadPack(file)).toThrow(InputError);
    expect(entries()).toHaveLength(1); // nothing cached for the invalid bytes
  });

  it('takes a corrupt entry for a miss, parses, and rewrites it', () => {
    const file = packFile(tinyText);
    loadPack(file);
    const [entry] = entries();
    writeFileSync(join(cacheDir, entry!), '{"hash": "truncat');
    expect(loadPack(file)).toEqual(parsePack(tinyText, file));
    expect(JSON.parse(readFileSync(join(cacheDir, entry!), 'utf8')).pack.id).toBe('tiny');
  });

  it('writes nothing with TURNCOAT_CACHE_DIR=off', () => {
    vi.stubEnv('TURNCOAT_CACHE_DIR', 'off');
    expect(packCacheDir()).toBeUndefined();
    expect(loadPack(packFile(tinyText)).pack.id).toBe('tiny');
    expect(readdirSync(work)).toEqual(['tiny.yaml']);
  });

  it('defaults to $XDG_CACHE_HOME/turncoat, then ~/.cache/turncoat', () => {
    expect(packCacheDir({ XDG_CACHE_HOME: '/c' })).toBe('/c/turncoat/packs');
    expect(packCacheDir({ TURNCOAT_CACHE_DIR: '/t', XDG_CACHE_HOME: '/c' })).toBe('/t/packs');
    expect(packCacheDir({})).toMatch(/\.cache\/turncoat\/packs$/);
  });

  it('gives the shipped catalog the same packs and renders from the cache as from YAML', () => {
    vi.stubEnv('TURNCOAT_CACHE_DIR', 'off');
    const fresh = loadCatalog(scenarioDir);
    vi.stubEnv('TURNCOAT_CACHE_DIR', join(work, 'cache'));
    loadCatalog(scenarioDir); // fills the cache
    expect(entries()).toHaveLength(fresh.packs.length);
    const cached = loadCatalog(scenarioDir);
    expect(cached.packs).toEqual(fresh.packs);
    for (const id of ['blackmail_explicit-america_replacement', 'leaking_none-none_none'])
      for (const variant of [0, 3])
        expect(cached.render(id, variant)).toEqual(fresh.render(id, variant));
  });
});
