import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { ROOT } from './test-support/cli-command.js';

const scratch = mkdtempSync(join(tmpdir(), 'turncoat-code-cache-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const bundle = join(scratch, 'bundle.cjs');
const cacheRoot = join(scratch, 'cache');
const codeDir = join(cacheRoot, 'code');

/** A small CommonJS bundle like cli.cjs: exports, a require, a lazy dynamic import. */
const source = (answer: string) => `
const { basename } = require('node:path');
exports.answer = ${JSON.stringify(answer)} + ' from ' + basename(__filename);
exports.later = () => __import('node:os').then((os) => typeof os.cpus);
`;

/**
 * Starts a fresh node that loads `bundle` as bin/turncoat.js loads cli.cjs, awaits its lazy
 * import, saves the cache, and prints what it saw.
 */
function start(env: Record<string, string> = { TURNCOAT_CACHE_DIR: cacheRoot }) {
  const script = `
    const { loadWithCodeCache } = require(${JSON.stringify(join(ROOT, 'bin', 'code-cache.js'))});
    const { exports, cache, saveCache } = loadWithCodeCache(${JSON.stringify(bundle)}, { label: 'run' });
    exports.later().then((later) => {
      saveCache();
      console.log(JSON.stringify({ answer: exports.answer, later, cache }));
    });`;
  const r = spawnSync(process.execPath, ['-e', script], {
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '', HOME: scratch, ...env },
  });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as { answer: string; later: string; cache: string };
}

beforeEach(() => {
  rmSync(cacheRoot, { recursive: true, force: true });
  writeFileSync(bundle, source('forty-two'));
});

describe('starting the CLI bundle with a code cache (bin/code-cache.js)', () => {
  it('compiles on the first start and writes the cache; the next start uses it and runs the same', () => {
    expect(start()).toEqual({
      answer: 'forty-two from bundle.cjs',
      later: 'function',
      cache: 'none',
    });
    expect(readdirSync(codeDir)).toEqual([expect.stringMatching(/^run\.[0-9a-f]{24}\.bin$/)]);
    expect(start()).toEqual({
      answer: 'forty-two from bundle.cjs',
      later: 'function',
      cache: 'used',
    });
  });

  it('never runs the code of an older bundle: an edit of the same length gets a cache of its own', () => {
    start();
    writeFileSync(bundle, source('forty-one'));
    expect(start()).toMatchObject({ answer: 'forty-one from bundle.cjs', cache: 'none' });
    expect(readdirSync(codeDir)).toHaveLength(2);
    expect(start()).toMatchObject({ answer: 'forty-one from bundle.cjs', cache: 'used' });
  });

  it('a damaged cache file is refused: the bundle compiles from its source and the file is rewritten', () => {
    start();
    const [file] = readdirSync(codeDir);
    writeFileSync(join(codeDir, file!), 'not a code cache');
    expect(start()).toMatchObject({ answer: 'forty-two from bundle.cjs', cache: 'refused' });
    expect(start()).toMatchObject({ answer: 'forty-two from bundle.cjs', cache: 'used' });
  });

  it('a cache folder that cannot be written is only a slower start: no error, same answer, nothing written', () => {
    // A folder below a plain file cannot be made, even by root (a read-only home does the same).
    const blocked = join(scratch, 'a-file');
    writeFileSync(blocked, '');
    const env = { TURNCOAT_CACHE_DIR: join(blocked, 'cache') };
    expect(start(env)).toEqual({
      answer: 'forty-two from bundle.cjs',
      later: 'function',
      cache: 'none',
    });
    expect(start(env)).toMatchObject({ answer: 'forty-two from bundle.cjs', cache: 'none' });
    expect(readdirSync(scratch).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('TURNCOAT_CACHE_DIR=off writes nothing; XDG_CACHE_HOME moves the folder', () => {
    expect(start({ TURNCOAT_CACHE_DIR: 'off' })).toMatchObject({ cache: 'off' });
    expect(readdirSync(scratch)).not.toContain('cache');
    const xdg = join(scratch, 'xdg');
    expect(start({ XDG_CACHE_HOME: xdg })).toMatchObject({ cache: 'none' });
    expect(readdirSync(join(xdg, 'turncoat', 'code'))).toHaveLength(1);
    rmSync(xdg, { recursive: true, force: true });
  });
});
