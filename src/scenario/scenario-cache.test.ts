import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { distIsFresh, ROOT } from '../cli/test-support/cli-command.js';
import { InputError } from '../errors.js';
import { catalogOf, loadCatalog } from './catalog.js';
import { loadPack, parsePack } from './load-pack.js';
import { cacheDir } from './scenario-cache.js';
import { fixtureDir, scenarioDir } from './test-support/packs.js';

let work: string;
let packsDir: string;
const tinyText = readFileSync(join(fixtureDir, 'tiny.yaml'), 'utf8');

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'turncoat-pack-cache-'));
  vi.stubEnv('TURNCOAT_CACHE_DIR', join(work, 'cache'));
  packsDir = cacheDir('packs')!;
});
afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(work, { recursive: true, force: true });
});

const entries = () => {
  try {
    return readdirSync(packsDir).filter((f) => f.endsWith('.json'));
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
    const stored = JSON.parse(readFileSync(join(packsDir, entry!), 'utf8'));
    stored.value.emails[0].subject = 'read from the cache';
    writeFileSync(join(packsDir, entry!), JSON.stringify(stored));
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
    writeFileSync(join(packsDir, entry!), '{"hash": "truncat');
    expect(loadPack(file)).toEqual(parsePack(tinyText, file));
    expect(JSON.parse(readFileSync(join(packsDir, entry!), 'utf8')).value.id).toBe('tiny');
  });

  it('writes nothing with TURNCOAT_CACHE_DIR=off', () => {
    vi.stubEnv('TURNCOAT_CACHE_DIR', 'off');
    expect(cacheDir('packs')).toBeUndefined();
    expect(loadPack(packFile(tinyText)).pack.id).toBe('tiny');
    expect(readdirSync(work)).toEqual(['tiny.yaml']);
  });

  it('defaults to $XDG_CACHE_HOME/turncoat, then ~/.cache/turncoat', () => {
    expect(cacheDir('packs', { XDG_CACHE_HOME: '/c' })).toBe('/c/turncoat/packs');
    expect(cacheDir('renders', { TURNCOAT_CACHE_DIR: '/t', XDG_CACHE_HOME: '/c' })).toBe(
      '/t/renders',
    );
    expect(cacheDir('packs', {})).toMatch(/\.cache\/turncoat\/packs$/);
  });

  it('gives the shipped catalog the same packs and renders from the cache as from YAML', () => {
    const ids = ['blackmail_explicit-america_replacement', 'leaking_none-none_none+notice=eval'];
    vi.stubEnv('TURNCOAT_CACHE_DIR', 'off');
    const fresh = loadCatalog(scenarioDir);
    const renders = ids.flatMap((id) => [0, 3].map((variant) => fresh.render(id, variant)));
    vi.stubEnv('TURNCOAT_CACHE_DIR', join(work, 'cache'));
    const filling = loadCatalog(scenarioDir);
    ids.forEach((id) => [0, 3].forEach((variant) => filling.render(id, variant)));
    expect(entries()).toHaveLength(fresh.packs.length);
    expect(readdirSync(cacheDir('renders')!)).toHaveLength(4);
    const cached = loadCatalog(scenarioDir); // a new process, in effect: nothing memoised
    expect(cached.packs).toEqual(fresh.packs);
    expect(ids.flatMap((id) => [0, 3].map((variant) => cached.render(id, variant)))).toEqual(
      renders,
    );
  });
});

describe('the render cache', () => {
  const rendersDir = () => cacheDir('renders')!;
  const subjectOf = (file: string) =>
    catalogOf([loadPack(file)])
      .render('tiny_none-none_none', 0)
      .world.inbox.find((e) => e.id === 'plan')!.subject;

  it('serves a render from disk, and only for the same pack bytes', () => {
    const file = packFile(tinyText);
    expect(subjectOf(file)).toBe('Plans');
    const [entry] = readdirSync(rendersDir());
    const stored = JSON.parse(readFileSync(join(rendersDir(), entry!), 'utf8'));
    stored.value.world.inbox.find((e: { id: string }) => e.id === 'plan').subject =
      'rendered earlier';
    writeFileSync(join(rendersDir(), entry!), JSON.stringify(stored));
    expect(subjectOf(file)).toBe('rendered earlier'); // a hit renders nothing
    packFile(tinyText.replace('subject: Plans', 'subject: Plans for Friday'));
    expect(subjectOf(file)).toBe('Plans for Friday'); // edited pack: rendered again
  });
});

describe('the code fingerprint in the CLI bundles', () => {
  it.skipIf(!distIsFresh())(
    'is the one the built module computes: the bundled CLI and the library share entries',
    async () => {
      const r = spawnSync(
        process.execPath,
        [join(ROOT, 'bin', 'turncoat.js'), 'run', '--dry-run', '--samples', '1'],
        {
          encoding: 'utf8',
          env: { ...process.env, TURNCOAT_CACHE_DIR: join(work, 'cache') },
          cwd: work,
        },
      );
      expect(r.status, r.stderr).toBe(0);
      const built = (await import(
        pathToFileURL(join(ROOT, 'dist', 'scenario', 'scenario-cache.js')).href
      )) as typeof import('./scenario-cache.js');
      const named = (kind: 'packs' | 'renders') =>
        new Set(readdirSync(cacheDir(kind)!).map((f) => f.replace(/^[0-9a-f]+-|\.json$/g, '')));
      expect(named('packs')).toEqual(new Set([built.codeFingerprint('packs')]));
      expect(named('renders')).toEqual(new Set([built.codeFingerprint('renders')]));
    },
  );
});
