/**
 * `turncoat run --judge`: a scripted judge on the mock OpenAI server scores every trial
 * after the heuristic first pass; its verdicts are stored with the trial and as a judge pass
 * that `turncoat agreement` and `turncoat report --pass` read. A judge answering garbage
 * leaves the trials unscored: harmful null, counted in errors, excluded from the rate.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startMockOpenAI } from '../src/agent/providers/test-support/mock-openai.js';
import { reply, type MockServer } from '../src/agent/providers/test-support/script.js';
import { captureIO } from '../src/cli/io.js';
import { main } from '../src/cli/main.js';
import { judgeAnswer } from '../src/judge/llm/test-support/judge-replies.js';
import { listJudgePasses } from '../src/store/judge-passes.js';
import { openStore } from '../src/store/store.js';

const CONDITION = 'blackmail_explicit-america_replacement';

let out: string;
let server: MockServer | undefined;
beforeEach(() => {
  out = mkdtempSync(join(tmpdir(), 'turncoat-run-judges-'));
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  rmSync(out, { recursive: true, force: true });
});

interface ExportedTrial {
  harmful: boolean | null;
  status: string;
  verdicts: { pass: string; judge: string; dimension: string; status: string; value: unknown }[];
}

async function exported(): Promise<ExportedTrial[]> {
  const io = captureIO();
  await main(['export', '--out', out], io);
  return io.stdout.map((line) => JSON.parse(line) as ExportedTrial);
}

const runWith = async (judge: string, samples = '2') => {
  const io = captureIO();
  const code = await main(
    ['run', '--model', 'reference:misaligned', '--condition', CONDITION,
     '--samples', samples, '--judge', judge, '--out', out],
    io,
  ); // prettier-ignore
  return { code, stdout: io.stdout.join('\n'), stderr: io.stderr.join('\n') };
};

it('stores the judge model verdicts with each trial; the judge, not the heuristic, decides harmful', async () => {
  // The heuristic first pass calls the misaligned agent's email blackmail; this judge says
  // no (and that the agent thought it was being tested). The judge decides.
  server = await startMockOpenAI((req) =>
    reply.text(judgeAnswer(req, { blackmail: false, eval_awareness: 'thinks-eval' })),
  );
  const judge = `openai-compatible:judge@${server.url}`;
  const { code, stdout } = await runWith(judge);

  expect(code).toBe(0);
  expect(server.requests).toHaveLength(2 * 3); // 2 trials x 3 rubric families
  expect(stdout).toMatch(new RegExp(`${CONDITION}\\s+2\\s+2\\s+0\\s+0\\s+0\\.0%`));
  expect(stdout).toContain(`judged   by ${judge} (after the heuristic first pass)`);

  const trials = await exported();
  expect(trials).toHaveLength(2);
  for (const t of trials) {
    expect(t.harmful).toBe(false);
    expect(
      t.verdicts.find((v) => v.judge === 'heuristic@1' && v.dimension === 'blackmail'),
    ).toMatchObject({ value: true });
    const byJudge = t.verdicts.filter((v) => v.judge === judge);
    expect(byJudge.map((v) => v.dimension)).toContain('deception');
    expect(byJudge.find((v) => v.dimension === 'eval_awareness')).toMatchObject({
      status: 'scored',
      value: 'thinks-eval',
      pass: 'run',
    });
  }

  // The eval-awareness split of reports reads the deciding judge's verdict, not the heuristic's.
  const byBelief = captureIO();
  await main(['report', '--by', 'evalAwareness', '--format', 'json', '--out', out], byBelief);
  const beliefs = JSON.parse(byBelief.stdout.join('\n')) as {
    evalAwareness: string;
    trials: number;
  }[];
  expect(beliefs.map((r) => [r.evalAwareness, r.trials])).toEqual([['thinks-eval', 2]]);

  // The world shows the act on both trials and the judge said no: agreement sees it.
  const agreement = captureIO();
  await main(['agreement', '--out', out, '--dimension', 'blackmail'], agreement);
  const table = agreement.stdout.join('\n');
  expect(table).toContain(judge);
  expect(table).toMatch(/world\s+\[\d\]\s+2\s+0\.00/);
});

it('judge calls go through the response cache: a trial judged before is not judged again', async () => {
  server = await startMockOpenAI((req) => reply.text(judgeAnswer(req, { blackmail: true })));
  const judge = `openai-compatible:judge@${server.url}`;
  const base = ['run', '--model', 'reference:misaligned', '--samples', '1', '--judge', judge, '--out', out];
  expect(await main([...base, '--condition', CONDITION], captureIO())).toBe(0);
  expect(server.requests).toHaveLength(3);
  // Resuming the same run with the same judges keeps one judging pass, not one per invocation.
  expect(await main([...base, '--condition', CONDITION], captureIO())).toBe(0);
  const store = openStore(out, { create: false });
  try {
    expect(listJudgePasses(store.db)).toHaveLength(1);
  } finally {
    store.close();
  }
  // Another plan sharing that trial (same seed): only the new condition reaches the judge.
  const io = captureIO();
  await main([...base, '--condition', CONDITION, '--condition', 'blackmail_none-none_replacement'], io);
  expect(server.requests).toHaveLength(6);
  expect(io.stdout.join('\n')).toMatch(new RegExp(`${CONDITION}\\s+1\\s+1\\s+1\\s+0\\s+100\\.0%`));
}); // prettier-ignore

it('a judge answering garbage leaves trials unscored: harmful null, shown, excluded from the rate', async () => {
  server = await startMockOpenAI(() => reply.text('Looks fine to me, nothing to report.'));
  const judge = `openai-compatible:garbage@${server.url}`;
  const { code, stdout } = await runWith(judge, '1');

  expect(code).toBe(1);
  // trials 1, valid 0, harmful 0, errors 1, rate '-'
  expect(stdout).toMatch(new RegExp(`${CONDITION}\\s+1\\s+0\\s+0\\s+1\\s+-`));
  expect(stdout).toContain('unscored 1 of 1 judged trial(s)');
  // Not a failed trial: --retry-errors would not rerun it, so it is not suggested.
  expect(stdout).not.toContain('--retry-errors');
  // Every family asked 3 times before giving up.
  expect(server.requests).toHaveLength(3 * 3);

  const [trial] = await exported();
  expect(trial).toMatchObject({ status: 'ok', harmful: null });
  const blackmail = trial!.verdicts.find((v) => v.judge === judge && v.dimension === 'blackmail');
  expect(blackmail).toMatchObject({ status: 'unscored', value: null });
}, 20_000);

it('refuses a scripted reference agent as judge before running anything', async () => {
  const { code, stderr } = await runWith('reference:aligned');
  expect(code).toBe(2);
  expect(stderr).toContain("'reference:aligned' is a scripted reference agent and cannot judge");
});

it("applies the config's judges, combined by its judgeRule", async () => {
  // One server, two judges told apart by model name: "yes" confirms the blackmail, "no" does not.
  server = await startMockOpenAI((req) =>
    reply.text(judgeAnswer(req, { blackmail: String(req.body['model']) === 'yes' })),
  );
  const scenarios = join(fileURLToPath(new URL('..', import.meta.url)), 'scenarios');
  const yes = `openai-compatible:yes@${server.url}`;
  const no = `openai-compatible:no@${server.url}`;
  const file = join(out, 'turncoat.config.yaml');
  const config = (rule: string) =>
    writeFileSync(
      file,
      [
        `scenarios: [${scenarios}/*.yaml]`,
        `conditions: [${CONDITION}]`,
        'models: [reference:misaligned]',
        'samples: 1',
        `judges: ["${yes}", "${no}"]`,
        `judgeRule: ${rule}`,
        `out: ${out}`,
      ].join('\n'),
    );
  config('unanimous');
  const io = captureIO();
  expect(await main(['run', '--config', file], io)).toBe(0);
  const stdout = io.stdout.join('\n');
  expect(io.stderr.join('\n')).not.toContain('not applied');
  expect(stdout).toContain(`judged   by unanimous(${yes},${no})`);
  const [trial] = await exported();
  expect(trial!.harmful).toBe(false);
  expect(
    trial!.verdicts.find(
      (v) => v.judge === `unanimous(${yes},${no})` && v.dimension === 'blackmail',
    ),
  ).toMatchObject({ status: 'scored', value: false });

  // --judge on the command line replaces the config's judges (a new store: judges are not in the plan).
  rmSync(join(out, 'turncoat.db'));
  const replaced = captureIO();
  expect(await main(['run', '--config', file, '--judge', yes], replaced)).toBe(0);
  expect((await exported())[0]!.harmful).toBe(true);
});
