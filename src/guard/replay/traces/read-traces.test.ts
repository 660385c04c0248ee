import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../cli/test-support/run-cli.js';
import { loadPolicyFile } from '../../policy/parse-policy.js';
import { replaySessions } from '../replay.js';
import { readTraces } from './read-traces.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const POLICY = fixture('support-policy.yaml');
const tmp = mkdtempSync(join(tmpdir(), 'turncoat-traces-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Every call's decision, as `session tool decision rule`. */
async function decisions(file: string): Promise<string[]> {
  const sessions = readTraces(file);
  const report = await replaySessions(
    sessions.map((session) => ({
      origin: { session: session.id, model: '', condition: '' },
      session,
    })),
    { policy: loadPolicyFile(POLICY).policy, mode: 'review' },
  );
  const review = report.policy.review!;
  expect(review.actions).toBe(5);
  return review.stopped.map((s) => `${s.session} ${s.tool} ${s.decision} ${s.rule}`);
}

const EXPECTED = [
  'support-ticket-4411 send_email deny confidential-leaves-company',
  'support-ticket-4412 delete_customer_record hold deletions-need-a-person',
];

describe('production traces', () => {
  it('replays an AI SDK agent session exported as OTLP JSON with the expected decisions', async () => {
    // Spans arrive in export order, not start order; the session id comes from telemetry metadata.
    expect(await decisions(fixture('ai-sdk-session.otlp.json'))).toEqual(EXPECTED);
  });

  it('replays the same sessions written in the JSONL trace format with the same decisions', async () => {
    expect(await decisions(fixture('sessions.jsonl'))).toEqual(EXPECTED);
  });

  it('reads the confidential document from the tool result, so the pasted excerpt is what is denied', () => {
    const [leak] = readTraces(fixture('ai-sdk-session.otlp.json'));
    const kinds = leak!.steps.map((s) => (s.kind === 'call' ? `call:${s.call.call.tool}` : s.kind));
    expect(kinds).toEqual([
      'read',
      'call:read_document',
      'read',
      'said',
      'call:send_email',
      'read',
      'said',
    ]);
  });

  it('names the line and the field of every bad JSONL line', () => {
    const file = join(tmp, 'bad.jsonl');
    writeFileSync(
      file,
      [
        JSON.stringify({ session: 'ok', messages: [{ role: 'user', content: 'hi' }] }),
        JSON.stringify({
          session: 's2',
          messages: [{ role: 'assistant', content: '', toolCalls: [{ id: 'c1', args: {} }] }],
        }),
        '{"session": "s3", "messages": [',
        JSON.stringify({ session: 's4', messages: [{ role: 'robot', content: 'x' }] }),
      ].join('\n'),
    );
    expect(() => readTraces(file)).toThrow(
      new RegExp(
        [
          `${file}:2: messages\\[0\\]\\.toolCalls\\[0\\]\\.name: .*`,
          `${file}:3: not valid JSON: .*`,
          `${file}:4: messages\\[0\\]\\.role: .*`,
        ].join('\\n  '),
      ),
    );
  });

  it('turncoat guard replay --traces lists what would be stopped and why, for review', async () => {
    const r = await runCli(
      'guard',
      'replay',
      '--policy',
      POLICY,
      '--traces',
      fixture('sessions.jsonl'),
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('5 action(s) in 2 session(s): 3 allow, 1 hold, 1 deny, 0 kill');
    expect(r.stdout).toContain('would be stopped: 2');
    expect(r.stdout).toMatch(
      /support-ticket-4411 call_a2 send_email to=pat\.lee@coastgear\.example subject=Ridgeline costs\n {4}deny by confidential-leaves-company/,
    );
    const bad = await runCli(
      'guard',
      'replay',
      '--policy',
      POLICY,
      '--traces',
      join(tmp, 'missing.jsonl'),
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('cannot read traces');
  });
});
