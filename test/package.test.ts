/**
 * The published package as a user gets it: `npm pack` (which builds dist), installed from
 * the tarball into a scratch folder, then both entry points imported by name, with their
 * type declarations and the example policy present. Slow when it builds: about two minutes.
 * `npm pack` builds dist (the `prepare` script) unless dist is already newer than every file
 * it is built from, as right after `npm ci` in CI: then it packs that dist as it is.
 */
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { distIsFresh } from '../src/cli/test-support/cli-command.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'turncoat-pack-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }), 120_000);

describe('npm package', () => {
  it('installs from its tarball and exposes turncoat and turncoat/guard with types', () => {
    // A fresh dist is packed as it is; a stale one is rebuilt first (the `prepare` script).
    const [packed] = JSON.parse(
      execFileSync(
        'npm',
        [
          'pack',
          '--json',
          '--pack-destination',
          scratch,
          ...(distIsFresh() ? ['--ignore-scripts'] : []),
        ],
        {
          cwd: root,
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'ignore'],
        },
      ),
    ) as Array<{ filename: string; files: Array<{ path: string }> }>;
    const paths = packed!.files.map((f) => f.path);
    expect(paths).toContain('policies/example.yaml');
    expect(paths).toContain('dist/guard/index.d.ts');
    expect(paths).toContain('dist/cli/help-pages.json'); // the fast --help's pages
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
    // Installed without scripts (no network for a native build): SQLite's compiled binding is
    // the one this checkout already built, for this very Node.
    cpSync(
      join(root, 'node_modules', 'better-sqlite3', 'build'),
      join(scratch, 'node_modules', 'better-sqlite3', 'build'),
      { recursive: true },
    );
    expect(existsSync(join(installed, 'dist', 'index.d.ts'))).toBe(true);
    expect(existsSync(join(installed, 'dist', 'guard', 'index.d.ts'))).toBe(true);

    const script = `
      const main = await import('turncoat');
      const guard = await import('turncoat/guard');
      const { policy } = guard.loadPolicyFile(new URL('./node_modules/turncoat/policies/example.yaml', import.meta.url).pathname);
      const store = guard.openGuardStore(':memory:');
      const held = guard.createGuard({ rules: [{ id: 'outside', when: { recipients: 'external' }, decision: 'hold', reason: 'outside mail' }] }, { store });
      const decision = await held.check({ tool: 'send_email', args: { to: 'a@rival.example', body: 'hi' } }, held.sessions.get('chat-1'));
      const api = guard.createGuardApi({ store });
      const pending = await (await api.request('http://127.0.0.1/approvals')).json();
      console.log(JSON.stringify({
        api: pending.approvals.map((a) => a.id).includes(decision.approvalId),
        main: ['runTrial', 'resolveModel', 'loadCatalog', 'scoreTrial'].filter((n) => typeof main[n] === 'function'),
        guard: ['createGuard', 'openGuardStore', 'guardTools', 'loadPolicyFile', 'createSession', 'createGuardApi', 'serveGuardApi'].filter((n) => typeof guard[n] === 'function'),
        rules: policy.rules.length,
      }));
    `;
    writeFileSync(join(scratch, 'probe.mjs'), script);
    const out = JSON.parse(
      execFileSync('node', ['probe.mjs'], { cwd: scratch, encoding: 'utf8' }),
    ) as {
      api: boolean;
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
      'createGuardApi',
      'serveGuardApi',
    ]);
    expect(out.rules).toBeGreaterThan(3);
    expect(out.api).toBe(true); // the approvals API answered from the packed package

    // The installed command answers --version and --help on its short paths, the rest via main.
    const bin = join(scratch, 'node_modules', '.bin', 'turncoat');
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    expect(execFileSync(bin, ['--version'], { encoding: 'utf8' })).toBe(`${pkg.version}\n`);
    expect(execFileSync(bin, ['--help'], { encoding: 'utf8' })).toMatch(/\brun\b[\s\S]*\breport\b/);
    // `run` starts from the package's CommonJS bundle (dist/cli/bundle/cli.cjs) with a code
    // cache: the first run writes it, the next uses it; both run and store alike.
    const env = { ...process.env, TURNCOAT_CACHE_DIR: join(scratch, 'cache') };
    const run = (out: string) =>
      execFileSync(bin, ['run', '--samples', '1', '--out', join(scratch, out)], {
        cwd: scratch,
        encoding: 'utf8',
        env,
      });
    expect(run('first')).toMatch(/^run run-\w+: 15 trials run now, 0 already stored, 0 errors/m);
    expect(readdirSync(join(scratch, 'cache', 'code'))).toEqual([expect.stringMatching(/^run\./)]);
    expect(run('second')).toMatch(/^run run-\w+: 15 trials run now, 0 already stored, 0 errors/m);
    expect(existsSync(join(scratch, 'second', 'report.html'))).toBe(true);

    // The declarations a TypeScript user compiles against name the API and its options.
    writeFileSync(
      join(scratch, 'consumer.ts'),
      `import { createGuardApi, openGuardStore, type GuardApiOptions, type SessionTableOptions } from 'turncoat/guard';
const options: GuardApiOptions = { store: openGuardStore(':memory:'), token: 'secret' };
const table: SessionTableOptions = { idleMs: 60_000, max: 100 };
export const app = createGuardApi(options);
export const health = async (): Promise<Response> => app.request('/health');
export { table };
// @ts-expect-error the store is required
createGuardApi({});
`,
    );
    execFileSync(
      process.execPath,
      [
        join(root, 'node_modules', 'typescript', 'bin', 'tsc'),
        '--noEmit',
        '--strict',
        '--skipLibCheck',
        '--module',
        'nodenext',
        '--moduleResolution',
        'nodenext',
        '--target',
        'es2022',
        '--types',
        'node',
        '--typeRoots',
        join(root, 'node_modules', '@types'),
        'consumer.ts',
      ],
      { cwd: scratch, encoding: 'utf8' },
    );
  }, 600_000);
});
