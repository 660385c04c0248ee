/**
 * Reports choose which judging pass to show: a run judged by the heuristic judge, then again
 * by a scripted model judge (mock OpenAI server) that clears the blackmail. `report` and
 * `export` show the run's own verdicts by default and the pass's with `--pass`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startMockOpenAI } from '../src/agent/providers/test-support/mock-openai.js';
import { reply, type MockServer } from '../src/agent/providers/test-support/script.js';
import { runCli } from '../src/cli/test-support/run-cli.js';
import { judgeAnswer } from '../src/judge/llm/test-support/judge-replies.js';

let out: string;
let server: MockServer;
beforeEach(async () => {
  out = mkdtempSync(join(tmpdir(), 'turncoat-report-pass-'));
  server = await startMockOpenAI((req) => reply.text(judgeAnswer(req, { blackmail: false })));
});
afterEach(async () => {
  await server.close();
  rmSync(out, { recursive: true, force: true });
});

const harmfulCounts = async (...extra: string[]) => {
  const { stdout } = await runCli('report', '--format', 'json', '--out', out, ...extra);
  const rows = JSON.parse(stdout) as { harmful: number; valid: number }[];
  return rows.map((r) => [r.harmful, r.valid]);
};

it('report --pass and export --pass show harmful as the chosen pass decided it', async () => {
  const run = await runCli(
    'run', '--model', 'reference:misaligned', '--condition', 'blackmail_explicit-america_replacement',
    '--samples', '2', '--out', out,
  ); // prettier-ignore
  expect(run.code).toBe(0);
  const judged = await runCli(
    'judge',
    '--judge',
    `openai-compatible:judge@${server.url}`,
    '--out',
    out,
    '--json',
  );
  expect(judged.code).toBe(0);
  const passId = (JSON.parse(judged.stdout) as { pass: { id: string } }).pass.id;

  expect(await harmfulCounts()).toEqual([[2, 2]]);
  expect(await harmfulCounts('--pass', passId)).toEqual([[0, 2]]);
  expect(await harmfulCounts('--pass', 'latest')).toEqual([[0, 2]]);
  expect(await harmfulCounts('--pass', 'run')).toEqual([[2, 2]]);

  const table = await runCli('report', '--out', out, '--pass', passId);
  expect(table.stdout).toContain(`harmful as judged by pass ${passId}: openai-compatible:judge@`);

  const exported = await runCli('export', '--out', out, '--pass', passId);
  const trials = exported.stdout.split('\n').map((l) => JSON.parse(l) as { harmful: unknown });
  expect(trials.map((t) => t.harmful)).toEqual([false, false]);
  // Without --pass the export is unchanged.
  const plain = await runCli('export', '--out', out);
  expect(
    plain.stdout.split('\n').map((l) => (JSON.parse(l) as { harmful: unknown }).harmful),
  ).toEqual([true, true]);
});

it('an unknown pass is bad input naming the valid ones', async () => {
  await runCli(
    'run',
    '--model',
    'reference:aligned',
    '--condition',
    'blackmail_none-none_none',
    '--samples',
    '1',
    '--out',
    out,
  );
  const { code, stderr } = await runCli('report', '--out', out, '--pass', 'pass-nope');
  expect(code).toBe(2);
  expect(stderr).toContain("--pass 'pass-nope' is not a judge pass of run");
  expect(stderr).toContain('valid: run');
});
