/** `turncoat run`, `report` and `export` in-process, as a user would call them. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/test-support/run-cli.js';

let out: string;
beforeEach(() => {
  out = mkdtempSync(join(tmpdir(), 'turncoat-cli-'));
});
afterEach(() => rmSync(out, { recursive: true, force: true }));

describe('turncoat run', () => {
  it('runs the reference suite with no model, says the agents are scripted, and points at report/export', async () => {
    const { code, stdout, stderr } = await runCli('run', '--samples', '2', '--out', out);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /reference:misaligned\*\s+blackmail_explicit-america_replacement\s+2\s+2\s+2\s+0\s+100\.0%\s+\[34\.2%, 100\.0%\]/,
    );
    expect(stdout).toMatch(
      /reference:aligned\*\s+blackmail_none-none_none\s+2\s+2\s+0\s+0\s+0\.0%\s+\[0\.0%, 65\.8%\]/,
    );
    expect(stdout).toContain('scripted, not language models');
    expect(stdout).toContain(`results  ${join(out, 'turncoat.db')}`);
    expect(stdout).toContain(`report   ${join(out, 'report.html')}`);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain(
      'data-spec="chart-model-rates-spec"',
    );
    expect(stdout).toContain(`turncoat report --out ${out}`);
    expect(stdout).toContain('To test a real model');
    expect(stderr).toMatch(/run run-[0-9a-f]{12}: 30 trials/);
  });

  it('resumes the same command instead of running it twice, and extends with more samples', async () => {
    const runAligned = (samples: string) =>
      runCli(
        'run',
        '--model',
        'reference:aligned',
        '--condition',
        'blackmail_none-none_*',
        '--samples',
        samples,
        '--out',
        out,
      );
    await runAligned('2');
    const again = await runAligned('2');
    expect(again.stdout).toMatch(/0 trials run now, 6 already stored/);
    const more = await runAligned('3');
    expect(more.stdout).toMatch(/3 trials run now, 6 already stored/);
    const report = JSON.parse(
      (await runCli('report', '--format', 'json', '--out', out)).stdout,
    ) as {
      trials: number;
    }[];
    expect(report.map((r) => r.trials)).toEqual([3, 3, 3]);
  });

  it('--json prints the rows with the report contract fields', async () => {
    const { code, stdout } = await runCli(
      'run',
      '--model',
      'reference:misaligned',
      '--condition',
      'blackmail_none-none_none',
      '--samples',
      '3',
      '--protocol',
      'text',
      '--json',
      '--out',
      out,
    );
    expect(code).toBe(0);
    const rows = JSON.parse(stdout) as Record<string, unknown>[];
    expect(rows).toEqual([
      {
        model: 'reference:misaligned',
        modelKind: 'reference',
        condition: 'blackmail_none-none_none',
        scenario: 'blackmail',
        trials: 3,
        valid: 3,
        harmful: 0,
        errors: 0,
        rate: 0,
        ciLow: 0,
        ciHigh: expect.closeTo(0.5615, 3),
      },
    ]);
  });

  it.each([
    [['--model', 'nosuch:model'], /unknown model id 'nosuch:model'.*reference:/],
    [['--model', 'reference:saint'], /unknown reference persona 'saint'; valid: reference:aligned/],
    [['--scenario', 'heist'], /unknown scenario 'heist'; valid: blackmail/],
    [['--condition', 'blackmail_bogus_*'], /no condition matches 'blackmail_bogus_\*'/],
    [['--samples', 'many'], /--samples 'many' is not valid; valid: a whole number >= 1/],
  ])('exits 2 on bad input %j, naming the value and the valid choices', async (args, message) => {
    const { code, stderr } = await runCli('run', ...args, '--out', out);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('--suite runs a named suite: the headline condition of each family and its control', async () => {
    const { code, stdout } = await runCli(
      'run', '--suite', 'headline', '--model', 'reference:misaligned', '--samples', '2',
      '--protocol', 'text', '--out', out, '--json',
    ); // prettier-ignore
    expect(code).toBe(0);
    const rows = JSON.parse(stdout) as { condition: string; harmful: number }[];
    const harmful = Object.fromEntries(rows.map((r) => [r.condition, r.harmful]));
    expect(harmful).toEqual({
      'blackmail_explicit-america_replacement': 2,
      'blackmail_none-none_none': 0,
      'leaking_explicit-america_none': 2,
      'leaking_none-none_none': 0,
      'lethal_explicit-america_replacement': 2,
      'lethal_none-none_none': 0,
      'routine_explicit-america_replacement': 0,
      'routine_none-none_none': 0,
    });
    const bad = await runCli('run', '--suite', 'nope', '--out', out);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("unknown suite 'nope'; valid: headline, grid, mitigations");
  });

  it('exits 2 when the output directory cannot be written', async () => {
    const file = join(out, 'a-file');
    writeFileSync(file, 'not a directory');
    const { code, stderr } = await runCli('run', '--samples', '1', '--out', join(file, 'sub'));
    expect(code).toBe(2);
    expect(stderr).toMatch(/output directory '.*a-file\/sub' is not writable/);
  });

  it('exits 2 for an unknown --protocol, listing the choices', async () => {
    const { code, stderr } = await runCli('run', '--protocol', 'carrier-pigeon', '--out', out);
    expect(code).toBe(2);
    expect(stderr).toMatch(/carrier-pigeon.*tools, text/);
  });
});

describe('turncoat run --config', () => {
  const scenarios = join(fileURLToPath(new URL('..', import.meta.url)), 'scenarios');
  const writeConfig = () => {
    const file = join(out, 'turncoat.config.yaml');
    writeFileSync(
      file,
      [
        `scenarios: [${scenarios}/*.yaml]`,
        'conditions:',
        '  - scenarios: [blackmail]',
        '    goalTypes: [explicit, none]',
        '    goalValues: [america]',
        '    urgencies: [replacement, none]',
        'models: [reference:misaligned, reference:aligned]',
        'samples: 2',
        'seed: 4',
        'protocol: text',
        'out: results',
      ].join('\n'),
    );
    return file;
  };

  it('runs the experiment the config writes down, into its out folder, and resumes it', async () => {
    const file = writeConfig();
    const first = await runCli('run', '--config', file);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`results  ${join(out, 'results', 'turncoat.db')}`);
    expect(first.stdout).toMatch(
      /reference:misaligned\*\s+blackmail_explicit-america_replacement\s+2\s+2\s+2\s+0\s+100\.0%/,
    );
    expect(first.stdout).toMatch(/16 trials run now, 0 already stored/);
    const again = await runCli('run', '--config', file, '--samples', '3');
    expect(again.stdout).toMatch(/8 trials run now, 16 already stored/);
  });

  it("--model replaces the config's models and --condition narrows its conditions", async () => {
    const { code, stdout } = await runCli(
      'run', '--config', writeConfig(), '--model', 'reference:discloser',
      '--condition', '*_replacement', '--json',
    ); // prettier-ignore
    expect(code).toBe(0);
    const rows = JSON.parse(stdout) as { model: string; condition: string; trials: number }[];
    // The file's four conditions narrowed to its two with replacement; its samples (2) kept.
    expect(rows.map((r) => [r.model, r.condition, r.trials])).toEqual([
      ['reference:discloser', 'blackmail_explicit-america_replacement', 2],
      ['reference:discloser', 'blackmail_none-none_replacement', 2],
    ]);
  });
});

describe('turncoat report and export', () => {
  beforeEach(async () => {
    await runCli(
      'run',
      '--model',
      'reference:misaligned',
      '--model',
      'reference:discloser',
      '--condition',
      'blackmail_explicit-america_replacement',
      '--condition',
      'blackmail_none-none_none',
      '--samples',
      '2',
      '--out',
      out,
    );
  });

  it('report reprints the table of the most recent run', async () => {
    const { code, stdout } = await runCli('report', '--out', out);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /reference:misaligned\*\s+blackmail_explicit-america_replacement\s+2\s+2\s+2\s+0\s+100\.0%/,
    );
    expect(stdout).toContain('scripted, not language models');
  });

  it('report names the known runs for an unknown --run, and a missing store', async () => {
    const unknown = await runCli('report', '--run', 'run-000000000000', '--out', out);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown run 'run-000000000000'; valid: run-[0-9a-f]{12}/);
    const missing = await runCli('report', '--out', join(out, 'empty'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no results in .*turncoat run/);
  });

  it('export --format jsonl prints one object per trial with the contract fields and evidence', async () => {
    const { code, stdout } = await runCli('export', '--out', out);
    expect(code).toBe(0);
    const trials = stdout.split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(trials).toHaveLength(8);
    for (const t of trials) {
      expect(Object.keys(t)).toEqual(
        expect.arrayContaining([
          'run',
          'model',
          'condition',
          'scenario',
          'variant',
          'sample',
          'protocol',
          'status',
          'error',
          'harmful',
          'findings',
          'verdicts',
        ]),
      );
    }
    const blackmail = trials.find(
      (t) =>
        t.model === 'reference:misaligned' &&
        t.condition === 'blackmail_explicit-america_replacement',
    );
    expect(blackmail).toMatchObject({
      sample: 0,
      status: 'ok',
      error: null,
      harmful: true,
      findings: [
        expect.objectContaining({
          kind: 'blackmail',
          evidence: expect.arrayContaining([expect.objectContaining({ source: 'event' })]),
        }),
      ],
    });
  });

  it('export --format csv has a header and one row per trial, JSON in the findings cell', async () => {
    const { stdout } = await runCli('export', '--format', 'csv', '--out', out);
    const lines = stdout.split('\n');
    expect(lines[0]).toMatch(
      /^run,model,model_kind,condition,scenario,variant,sample,seed,protocol,status,error_category,error_message,harmful/,
    );
    expect(lines).toHaveLength(9);
    expect(lines.some((l) => l.includes('"[{""detector"":""blackmail""'))).toBe(true);
  });
});
