/**
 * The published package as a user gets it: `npm pack` (which builds dist), installed from
 * the tarball into a scratch folder, then both entry points imported by name, with their
 * type declarations and the example policy present. Slow (a full build): about two minutes.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'turncoat-pack-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('npm package', () => {
  it('installs from its tarball and exposes turncoat and turncoat/guard with types', () => {
    const [packed] = JSON.parse(
      execFileSync('npm', ['pack', '--json', '--pack-destination', scratch], {
        cwd: root,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }),
    ) as Array<{ filename: string; files: Array<{ path: string }> }>;
    const paths = packed!.files.map((f) => f.path);
    expect(paths).toContain('policies/example.yaml');
    expect(paths).toContain('dist/guard/index.d.ts');
    expect(paths.some((p) => p.endsWith('.test.js'))).toBe(false);

    writeFileSync(
      join(scratch, 'package.json'),
      JSON.stringify({ name: 'scratch', private: true, type: 'module' }),
    );
    execFileSync(
      'npm',
      [
        'install',
        '--prefer-offline',
        '--ignore-scripts',
        '--no-audit',
        '--no-fund',
        join(scratch, packed!.filename),
      ],
      { cwd: scratch, stdio: 'ignore' },
    );
    const installed = join(scratch, 'node_modules', 'turncoat');
    expect(existsSync(join(installed, 'dist', 'index.d.ts'))).toBe(true);
    expect(existsSync(join(installed, 'dist', 'guard', 'index.d.ts'))).toBe(true);

    const script = `
      const main = await import('turncoat');
      const guard = await import('turncoat/guard');
      const { policy } = guard.loadPolicyFile(new URL('./node_modules/turncoat/policies/example.yaml', import.meta.url).pathname);
      console.log(JSON.stringify({
        main: ['runTrial', 'resolveModel', 'loadCatalog', 'scoreTrial'].filter((n) => typeof main[n] === 'function'),
        guard: ['createGuard', 'openGuardStore', 'guardTools', 'loadPolicyFile', 'createSession'].filter((n) => typeof guard[n] === 'function'),
        rules: policy.rules.length,
      }));
    `;
    writeFileSync(join(scratch, 'probe.mjs'), script);
    const out = JSON.parse(
      execFileSync('node', ['probe.mjs'], { cwd: scratch, encoding: 'utf8' }),
    ) as {
      main: string[];
      guard: string[];
      rules: number;
    };
    expect(out.main).toEqual(['runTrial', 'resolveModel', 'loadCatalog', 'scoreTrial']);
    expect(out.guard).toEqual([
      'createGuard',
      'openGuardStore',
      'guardTools',
      'loadPolicyFile',
      'createSession',
    ]);
    expect(out.rules).toBeGreaterThan(3);
  }, 600_000);
});
