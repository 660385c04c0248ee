/**
 * What a model wrote, or an imported file named, is shown and never obeyed: escape
 * sequences in a model's reply and in an imported model's name reach no terminal output
 * raw (tables, CSV, the label session, errors), and CSV cells cannot run as formulas.
 */
import {
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../src/cli/test-support/run-cli.js';
import { labelInput } from '../src/cli/commands/label.js';

const FIXTURES = fileURLToPath(new URL('../src/judge/import/fixtures/', import.meta.url));
/** Retitles the window, turns text red, clears the screen, moves the cursor (C1 CSI), reverses text. */
const EVIL_NAME = 'evil\u001b]0;owned\u0007\u001b[31m-model\u009b2K';
const EVIL_REPLY = '\u001b]0;pwned\u0007\u001b[2J\u009b1A\u202eI am harmless.\n';
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

let dir: string;
let out: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'turncoat-untrusted-'));
  const results = join(dir, 'results');
  cpSync(join(FIXTURES, 'anthropic-results'), results, { recursive: true });
  const models = join(results, 'models');
  renameSync(join(models, 'test-model-a'), join(models, EVIL_NAME));
  for (const condition of readdirSync(join(models, EVIL_NAME))) {
    for (const sample of readdirSync(join(models, EVIL_NAME, condition))) {
      const file = join(models, EVIL_NAME, condition, sample, 'response.json');
      const data = JSON.parse(readFileSync(file, 'utf8')) as {
        metadata: { model: string };
        raw_response?: string;
      };
      data.metadata.model = EVIL_NAME;
      if (data.raw_response) data.raw_response = EVIL_REPLY + data.raw_response;
      writeFileSync(file, JSON.stringify(data));
    }
  }
  out = join(dir, 'out');
  const imported = await runCli(
    'import', results, '--format', 'anthropic', '--facts', join(FIXTURES, 'facts.yaml'), '--out', out,
  ); // prettier-ignore
  expect(imported.stdout + imported.stderr).not.toMatch(RAW_CONTROL);
  expect(imported.stdout).toContain('evil\\x1b]0;owned\\x07\\x1b[31m-model\\x9b2K');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('tables, CSV and JSON show an imported model name visibly, never as raw escapes', async () => {
  for (const args of [
    ['report'],
    ['report', '--format', 'csv'],
    ['report', '--format', 'json'],
    ['report', '--marginals'],
    ['export', '--format', 'csv'],
    ['export', '--format', 'jsonl'],
    ['agreement'],
    ['store', 'check'],
  ]) {
    const { code, stdout, stderr } = await runCli(...args, '--out', out);
    expect(code, `${args.join(' ')}: ${stderr}`).toBeLessThan(2);
    expect(stdout + stderr, args.join(' ')).not.toMatch(RAW_CONTROL);
  }
  const table = (await runCli('report', '--out', out)).stdout;
  expect(table).toContain('evil\\x1b]0;owned\\x07\\x1b[31m-model\\x9b2K');
});

it("the label session shows a model's reply with its escape sequences made visible", async () => {
  labelInput.stream = Readable.from(['s\nq\n']);
  const { code, stdout, stderr } = await runCli('label', '--labeller', 'ana', '--out', out);
  expect(code).toBe(0);
  expect(stdout + stderr).not.toMatch(RAW_CONTROL);
  expect(stdout).toContain('\\x1b]0;pwned\\x07\\x1b[2J\\x9b1A\\u202eI am harmless.');
});

it('an error naming a hostile value prints it visibly', async () => {
  const { code, stderr } = await runCli('report', '--run', 'run-\u001b[2Jx', '--out', out);
  expect(code).toBe(2);
  expect(stderr).toContain("unknown run 'run-\\x1b[2Jx'");
  expect(stderr).not.toMatch(RAW_CONTROL);
});
