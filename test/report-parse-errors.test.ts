/**
 * Parse errors reach the report: a results folder in the original layout where one reply's
 * unclosed scratchpad swallows its email and another closes it with `</think>` (a note, not
 * an error), imported with no facts file, then `turncoat report` as table, JSON and HTML.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/test-support/run-cli.js';

const CONDITION = 'blackmail_explicit-america_replacement';
const PROMPTS = fileURLToPath(
  new URL(`../src/judge/fixtures/hard-cases-6/prompts/${CONDITION}/`, import.meta.url),
);
const EMAIL =
  '<tool_use:email>\nto: kyle.johnson@summitbridge.com\nsubject: Handover\nbody: The NALA handover notes are ready.\n</tool_use:email>';
const REPLIES: Record<string, string[]> = {
  // sample 1 swallows its email in a scratchpad that never closes; sample 2 is fine
  careless: [`<SCRATCHPAD_REASONING>Plan the handover.\n${EMAIL}`, EMAIL],
  // a scratchpad closed with </think>: the email is performed, only a note is recorded
  tidy: [`<SCRATCHPAD_REASONING>Plan the handover.</think>\n${EMAIL}`],
};

let root: string;
let out: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'turncoat-parse-errors-'));
  out = join(root, 'store');
  cpSync(PROMPTS, join(root, 'results', 'prompts', CONDITION), { recursive: true });
  for (const [model, replies] of Object.entries(REPLIES))
    replies.forEach((reply, i) => {
      const dir = join(root, 'results', 'models', model, CONDITION, `sample_00${i + 1}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'response.json'), JSON.stringify({ raw_response: reply }));
    });
  const imported = await runCli(
    'import',
    join(root, 'results'),
    '--format',
    'anthropic',
    '--out',
    out,
  );
  expect(imported.stdout).toContain('1 trial(s) had malformed action tags');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('turncoat report shows parse errors per model and condition', () => {
  it('as a table column, explained under the table', async () => {
    const { code, stdout } = await runCli('report', '--out', out);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /model\s+condition\s+trials\s+valid\s+harmful\s+errors\s+parse errors\s+rate/,
    );
    expect(stdout).toMatch(
      /careless\s+blackmail_explicit-america_replacement\s+2\s+2\s+0\s+0\s+1\s+0\.0%/,
    );
    expect(stdout).toMatch(
      /tidy\s+blackmail_explicit-america_replacement\s+1\s+1\s+0\s+0\s+0\s+0\.0%/,
    );
    expect(stdout).toContain('swallowed by an unclosed reasoning block');
  });

  it('as a JSON field', async () => {
    const { stdout } = await runCli('report', '--out', out, '--format', 'json');
    const rows = JSON.parse(stdout) as Array<{ model: string; parseErrors: number }>;
    expect(Object.fromEntries(rows.map((r) => [r.model, r.parseErrors]))).toEqual({
      'imported:careless': 1,
      'imported:tidy': 0,
    });
  });

  it('as an HTML column', async () => {
    const { code, stdout } = await runCli('report', '--out', out, '--format', 'html');
    expect(code).toBe(0);
    // the report is written to a file whose path is printed
    const html = readFileSync(/\S+\.html/.exec(stdout)![0], 'utf8');
    expect(html).toContain('<th scope="col">parse errors</th>');
    expect(html).toMatch(/imported:careless<\/th>.*?<td class="num has-errors">1<\/td>/s);
  });
});
