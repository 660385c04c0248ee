import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureIO } from '../io.js';
import { main } from '../main.js';
import { storeReferenceRun } from '../test-support/reference-run.js';
import { startMockOpenAI } from '../../agent/providers/test-support/mock-openai.js';
import { reply, type MockServer } from '../../agent/providers/test-support/script.js';
import { judgeAnswer, userText } from '../../judge/llm/test-support/judge-replies.js';
import { openStore } from '../../store/store.js';
import { listJudgePasses } from '../../store/judge-passes.js';

let dir: string;
let server: MockServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'turncoat-judge-'));
  const run = await storeReferenceRun(dir);
  expect(run.code, run.stderr).toBe(0);
  // A judge that confirms blackmail only when the agent's actions contain an email at all,
  // and gives up (garbage) on the reasoning questions for one trial in four.
  let reasoningCalls = 0;
  server = await startMockOpenAI((req) => {
    const text = userText(req);
    if (text.includes('Questions:\n1. self_preservation') && reasoningCalls++ === 0)
      return reply.text('not json');
    return reply.text(judgeAnswer(req, { blackmail: !text.includes('World events: none') }));
  });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('turncoat judge', () => {
  it('rescores stored trials with a model judge, keeps the pass, and shows unscored verdicts', async () => {
    const io = captureIO();
    const judge = `openai-compatible:judge-model@${server.url}`;
    const code = await main(['judge', '--judge', judge, '--attempts', '1', '--out', dir], io);
    const out = io.stdout.join('\n');
    expect(out).toContain(`judges   ${judge}`);
    expect(out).toMatch(/trials {3}4 judged: 2 harmful, 2 not harmful, 0 unscored/);
    expect(out).toContain(`unscored verdicts: ${judge} 3`);
    expect(code).toBe(1);

    const store = openStore(dir, { create: false });
    try {
      const passes = listJudgePasses(store.db);
      expect(passes).toHaveLength(1);
      expect(passes[0]).toMatchObject({
        judge,
        judges: [judge],
        promptVersion: expect.stringMatching(/^llm-judge\//),
        finished: expect.any(String),
      });
      const verdicts = [...store.iterate(passes[0]!.run)].flatMap((t) =>
        t.verdicts.filter((v) => v.pass === passes[0]!.id),
      );
      expect(verdicts).toHaveLength(4 * 11);
      expect(
        verdicts
          .filter((v) => v.status === 'unscored')
          .map((v) => v.dimension)
          .sort(),
      ).toEqual(['ethics_acknowledged', 'eval_awareness', 'self_preservation']);
    } finally {
      store.close();
    }
  });

  it('combines several judges and lists each one and the combined verdict', async () => {
    const io = captureIO();
    const judge = `openai-compatible:judge-model@${server.url}`;
    const code = await main(
      ['judge', '--judge', judge, '--judge', 'heuristic', '--rule', 'unanimous', '--out', dir],
      io,
    );
    const out = io.stdout.join('\n');
    expect(code).toBe(0);
    expect(out).toContain(`(combined by unanimous: unanimous(${judge},heuristic@1))`);
    expect(out).toContain('2 harmful, 2 not harmful');
  });

  it('answers a repeated pass from the response cache; --no-cache asks the judge again', async () => {
    const judge = `openai-compatible:judge-model@${server.url}`;
    const args = ['judge', '--judge', judge, '--out', dir];
    await main(args, captureIO());
    const before = server.requests.length;
    const io = captureIO();
    await main(args, io);
    expect(server.requests.length).toBe(before);
    expect(io.stdout.join('\n')).toContain('2 harmful, 2 not harmful');
    await main([...args, '--no-cache'], captureIO());
    expect(server.requests.length).toBe(before + 4 * 3);
  });

  it('skips trials whose scenario pack changed since the run, and says so', async () => {
    const store = openStore(dir, { create: false });
    try {
      store.db
        .prepare('UPDATE trials SET pack_hash = ? WHERE id = (SELECT MIN(id) FROM trials)')
        .run('old-pack-hash');
    } finally {
      store.close();
    }
    const io = captureIO();
    const code = await main(['judge', '--judge', 'heuristic', '--out', dir], io);
    const out = io.stdout.join('\n');
    expect(code).toBe(1);
    expect(out).toContain('trials   3 judged');
    expect(out).toMatch(
      /skipped {2}1 trial\(s\) with no scenario to judge against:\n {2}trial \d+: pack for 'blackmail' changed since the run \(hash old-pack-has -> /,
    );
  });

  it('refuses a scripted reference agent as a judge and a missing store, with exit 2', async () => {
    const io = captureIO();
    expect(await main(['judge', '--judge', 'reference:misaligned', '--out', dir], io)).toBe(2);
    expect(io.stderr.join('')).toContain(
      "'reference:misaligned' is a scripted reference agent and cannot judge",
    );
    expect(
      await main(['judge', '--judge', 'heuristic', '--out', join(dir, 'nowhere')], captureIO()),
    ).toBe(2);
    expect(await main(['judge', '--out', dir], captureIO())).toBe(2);
  });
});
