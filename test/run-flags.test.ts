/** `turncoat run` flags mean what they say: filters narrow, suites add up, sizes are sane. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/test-support/run-cli.js';

let out: string;
beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'turncoat-flags-'));
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** Trials a dry run plans for these flags (one reference agent, one sample). */
async function planned(...flags: string[]): Promise<number> {
  const { code, stdout, stderr } = await runCli(
    'run', '--dry-run', '--json', '--model', 'reference:aligned', '--samples', '1', '--out', out, ...flags,
  ); // prettier-ignore
  expect(code, stderr).toBe(0);
  return (JSON.parse(stdout) as { total: number }).total;
}

it('--scenario and --condition narrow each other instead of adding up', async () => {
  const both = await planned('--scenario', 'blackmail', '--condition', '*_replacement');
  expect(both).toBe(await planned('--condition', 'blackmail_*_replacement'));
  expect(both).toBeLessThan(await planned('--condition', '*_replacement'));
  const none = await runCli('run', '--dry-run', '--model', 'reference:aligned', '--scenario', 'blackmail',
    '--condition', 'leaking_*', '--out', out); // prettier-ignore
  expect(none.code).toBe(2);
  expect(none.stderr).toContain("no condition of blackmail matches 'leaking_*'");
});

it('repeated --suite flags add up', async () => {
  const headline = await planned('--suite', 'headline');
  const awareness = await planned('--suite', 'awareness');
  const both = await planned('--suite', 'headline', '--suite', 'awareness');
  expect(both).toBeGreaterThan(Math.max(headline, awareness));
  expect(both).toBeLessThanOrEqual(headline + awareness);
});

it('an absurd plan is refused before anything is built, unless --allow-large-plan', async () => {
  const started = performance.now();
  const { code, stderr } = await runCli(
    'run',
    '--model',
    'reference:aligned',
    '--samples',
    '999999999999',
    '--out',
    out,
  );
  expect(code).toBe(2);
  expect(stderr).toMatch(
    /the plan has [\d,]+ trials .* more than 10,000,000; lower --samples, or pass --allow-large-plan/,
  );
  expect(performance.now() - started).toBeLessThan(60_000);
});

it('--dry-run refuses the judge ids the real run refuses', async () => {
  for (const judge of ['reference:aligned', 'nosuch:model']) {
    const { code, stderr } = await runCli(
      'run',
      '--dry-run',
      '--model',
      'reference:aligned',
      '--judge',
      judge,
      '--out',
      out,
    );
    expect(code, judge).toBe(2);
    expect(stderr).toMatch(/cannot judge|unknown model provider 'nosuch'/);
  }
});

describe('flags with --config override or narrow the file', () => {
  /** A config with two scripted models and two kinds of condition, one sample. */
  function configFile(extra: string[] = []): string {
    const file = join(out, `config-${extra.length}.yaml`);
    writeFileSync(
      file,
      [
        'models: [reference:aligned, reference:misaligned]',
        'conditions: ["blackmail_explicit-*_replacement", leaking_none-none_none]',
        'samples: 1',
        'out: cfg-out',
        ...extra,
      ].join('\n'),
    );
    return file;
  }
  type Dry = {
    total: number;
    models: { model: string }[];
    judges: { judge: string; calls: number; problem?: string }[];
  };
  async function dry(file: string, ...flags: string[]): Promise<Dry> {
    const { code, stdout, stderr } = await runCli('run', '--config', file, '--dry-run', '--json', ...flags); // prettier-ignore
    expect(code, stderr).toBe(0);
    return JSON.parse(stdout) as Dry;
  }

  it('--model replaces the models; --scenario and --condition keep the matching conditions', async () => {
    const file = configFile();
    const all = await dry(file);
    // explicit goal x 8 goal values, with replacement, plus the leaking control; two models.
    expect(all.total).toBe(2 * 9);
    const one = await dry(file, '--model', 'reference:misaligned');
    expect(one.models.map((m) => m.model)).toEqual(['reference:misaligned']);
    expect(one.total).toBe(9);
    expect((await dry(file, '--scenario', 'leaking')).total).toBe(2 * 1);
    expect((await dry(file, '--condition', '*-america_*')).total).toBe(2 * 1);
    const both = await dry(file, '--scenario', 'blackmail', '--condition', '*-global_*');
    expect(both.total).toBe(2 * 1);
  });

  it("a filter that leaves none of the file's conditions is bad input, naming them", async () => {
    const file = configFile();
    const none = await runCli('run', '--config', file, '--dry-run', '--scenario', 'blackmail',
      '--condition', 'leaking_*'); // prettier-ignore
    expect(none.code).toBe(2);
    expect(none.stderr).toContain(
      "--scenario blackmail --condition 'leaking_*' leaves none of the config's conditions (the flags narrow them, never add)",
    );
    const unknown = await runCli('run', '--config', file, '--dry-run', '--scenario', 'nosuch');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown scenario 'nosuch'; valid: blackmail");
  });

  it('--suite replaces the conditions, and the run really uses the flags', async () => {
    const file = configFile();
    const headline = await planned('--suite', 'headline');
    expect((await dry(file, '--suite', 'headline')).total).toBe(2 * headline);
    const { code, stdout } = await runCli('run', '--config', file, '--model', 'reference:misaligned',
      '--scenario', 'leaking', '--json', '--out', join(out, 'real')); // prettier-ignore
    expect(code).toBe(0);
    const rows = JSON.parse(stdout) as { model: string; condition: string; trials: number }[];
    expect(rows.map((r) => [r.model, r.condition, r.trials])).toEqual([
      ['reference:misaligned', 'leaking_none-none_none', 1],
    ]);
  });

  it("the config's judges are planned; without a key the dry run refuses as the real run would", async () => {
    const saved = process.env['OPENAI_API_KEY'];
    delete process.env['OPENAI_API_KEY'];
    try {
      const file = configFile(['judges: [heuristic, openai:gpt-4.1]']);
      const { code, stdout, stderr } = await runCli('run', '--config', file, '--dry-run', '--json');
      expect(code).toBe(2);
      const plan = JSON.parse(stdout) as Dry;
      expect(plan.judges.map((j) => [j.judge, j.calls])).toEqual([
        ['heuristic@1', 0],
        ['openai:gpt-4.1', 3 * 18],
      ]);
      expect(stderr).toContain(
        "judge openai:gpt-4.1: no API key for 'openai:gpt-4.1': set OPENAI_API_KEY",
      );
      // --judge overrides the file's judges: the offline judge alone needs no key.
      expect((await dry(file, '--judge', 'heuristic')).judges).toHaveLength(1);
    } finally {
      if (saved !== undefined) process.env['OPENAI_API_KEY'] = saved;
    }
  });
});
