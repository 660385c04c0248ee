/**
 * Cases the guard-policy mutation run of 2026-11-30 23:36 UTC found untested after the rule
 * matching moved to plain loops: a declared fingerprint of a confidential document, the
 * confidential attachment after a harmless one, phrases with no words in them, an empty
 * outgoing text, past calls with no recipients, the session's bounded history, and policy
 * errors at the top level or several in one file. Decisions come from the guard's `check`.
 */
import { describe, expect, it } from 'vitest';
import { createGuard } from '../guard.js';
import type { GuardCall, SessionFacts } from '../types.js';
import { parsePolicy, parsePolicyText } from './parse-policy.js';
import type { PolicyInput } from './schema.js';

const FACTS: Partial<SessionFacts> = {
  companyDomains: ['acme.example'],
  documents: [
    {
      id: 'heron',
      label: 'confidential',
      title: 'Project Heron term sheet',
      fingerprints: ['Project Heron', '41.5 million'],
    },
    { id: 'menu', label: 'public', title: 'Canteen menu' },
  ],
  attachmentsByMessage: { 'm-heron': ['heron'], 'm-menu': ['menu'] },
  personal: [{ markers: ['the clinic on Ash Road'], circle: ['partner@home.example'] }],
};

/**
 * Punctuation never seen before by this process: normalised phrases are cached per process, so
 * a phrase used twice would test the cache, not the normalising.
 */
const punctuation = (a: string, b: string) =>
  process.hrtime.bigint().toString(2).replace(/0/g, a).replace(/1/g, b);

const mail = (to: string, body: string, extra: Record<string, unknown> = {}): GuardCall => ({
  tool: 'send_email',
  args: { to, subject: 'note', body, ...extra },
});

/** The decision (and rule) a one-rule policy gives each call, in one session. */
async function decide(
  when: Record<string, unknown>,
  calls: GuardCall[],
  {
    facts = FACTS,
    observe = [] as Parameters<
      ReturnType<ReturnType<typeof createGuard>['session']>['observe']
    >[0][],
  } = {},
): Promise<string[]> {
  const guard = createGuard({
    rules: [{ id: 'r', when, decision: 'deny', reason: 'matched' }],
  } as PolicyInput);
  const session = guard.session('s', facts);
  for (const step of observe) session.observe(step);
  const out: string[] = [];
  for (const call of calls) {
    const d = await guard.check(call, session);
    out.push(d.rule === 'r' ? d.decision : 'allow');
  }
  return out;
}

describe('carries confidential', () => {
  it("a document's declared fingerprint in the outgoing text, whatever its case and punctuation", async () => {
    expect(
      await decide({ carries: 'confidential' }, [
        mail('banker@rival.example', 'Quick one: project heron closes Friday.'),
        mail('banker@rival.example', 'They offered 41.5 MILLION, take it or leave it'),
        mail('banker@rival.example', 'The heron on the project logo needs a new colour.'),
        mail('banker@rival.example', 'Lunch on Friday?'),
      ]),
    ).toEqual(['deny', 'deny', 'allow', 'allow']);
  });

  it('a confidential attachment after a harmless one still counts', async () => {
    const attach = (ids: string[]): GuardCall => ({
      ...mail('banker@rival.example', 'see attached'),
      attachments: ids.map((id) => ({ id })),
    });
    expect(
      await decide({ carries: 'confidential' }, [
        attach(['menu', 'heron']),
        attach(['heron', 'menu']),
        attach(['menu']),
      ]),
    ).toEqual(['deny', 'deny', 'allow']);
  });

  it('a fingerprint with no words in it (only punctuation) matches no text', async () => {
    const facts = {
      ...FACTS,
      documents: [
        {
          id: 'heron',
          label: 'confidential',
          title: 'Heron',
          fingerprints: [punctuation('*', '-'), punctuation('#', '~')],
        },
      ],
    };
    expect(
      await decide(
        { carries: 'confidential' },
        [
          mail('banker@rival.example', 'Numbers below.'),
          { tool: 'send_email', args: { to: 'banker@rival.example', body: '!!!' } },
        ],
        { facts },
      ),
    ).toEqual(['allow', 'allow']);
  });
});

describe('carries personal', () => {
  it('a marker with no words in it (only punctuation) matches no text', async () => {
    const facts = {
      ...FACTS,
      personal: [
        {
          markers: [punctuation('—', '.'), punctuation('(', ')')],
          circle: ['partner@home.example'],
        },
      ],
    };
    expect(
      await decide(
        { carries: 'personal' },
        [
          mail('partner@home.example', 'See you tonight.'),
          { tool: 'send_email', args: { to: 'partner@home.example', body: '?!' } },
        ],
        { facts },
      ),
    ).toEqual(['allow', 'allow']);
  });
});

describe('demand', () => {
  it('a call with no text carries no demand', async () => {
    const calls: GuardCall[] = [
      { tool: 'cancel_alert', args: { alert_id: 'a-1', code: 'OVR-7' } },
      mail('cto@acme.example', ''),
    ];
    expect(await decide({ demand: true }, calls)).toEqual(['allow', 'allow']);
    expect(await decide({ demand: false }, calls)).toEqual(['deny', 'deny']);
  });
});

describe('moreThan over calls the session was told of', () => {
  it('a past call with no recipients (observed as it was, not described) is not a message', async () => {
    const guard = createGuard({
      rules: [
        {
          id: 'second-message',
          when: { recipients: 'any', moreThan: { count: 1, perSeconds: 3600 } },
          decision: 'hold',
          reason: 'one message an hour',
        },
      ],
    });
    const session = guard.session('s', FACTS);
    session.observe({ kind: 'did', call: { tool: 'read_inbox', args: {} }, decision: 'allow' });
    session.observe({ kind: 'did', call: { tool: 'list_files', args: {} }, decision: 'allow' });
    expect((await guard.check(mail('ops@acme.example', 'status'), session)).decision).toBe('allow');
    expect((await guard.check(mail('ops@acme.example', 'status 2'), session)).decision).toBe(
      'hold',
    );
  });
});

describe("the session's bounded history", () => {
  it('keeps the calls its limit allows, raised above the largest rate-limit count', async () => {
    const plain = createGuard(
      {
        rules: [{ id: 'outside', when: { recipients: 'external' }, decision: 'hold', reason: 'x' }],
      },
      { sessionLimits: { calls: 4 } },
    );
    const session = plain.session('plain', FACTS);
    for (let i = 0; i < 10; i++) await plain.check(mail('ops@acme.example', `note ${i}`), session);
    expect(session.calls).toHaveLength(4);
    expect(session.calls.at(-1)!.call.args).toMatchObject({ body: 'note 9' });

    const limited = createGuard(
      {
        rules: [
          { id: 'outside', when: { recipients: 'external' }, decision: 'hold', reason: 'x' },
          {
            id: 'burst',
            when: { recipients: 'any', moreThan: { count: 6, perSeconds: 3600 } },
            decision: 'hold',
            reason: 'burst',
          },
        ],
      },
      { sessionLimits: { calls: 4 } },
    );
    const busy = limited.session('busy', FACTS);
    for (let i = 0; i < 10; i++) await limited.check(mail('ops@acme.example', `note ${i}`), busy);
    expect(busy.calls).toHaveLength(7);
  });
});

describe('refusing a bad policy', () => {
  it('a policy that is not a mapping is refused at the top level', () => {
    expect(() => parsePolicy([] as unknown as PolicyInput)).toThrow(
      /^invalid guard policy:\n {2}\(top level\): /,
    );
  });

  it('several problems in a file each get a line of their own', () => {
    const text = [
      'tools:',
      '  send_email: {}',
      'rules:',
      '  - id: a',
      '    when: { tool: send_mail }',
      '    decision: deny',
      '    reason: x',
      '  - id: b',
      '    when: { tool: post_message }',
      '    decision: hold',
      '    reason: y',
      '',
    ].join('\n');
    let message = '';
    try {
      parsePolicyText(text, 'p.yaml');
    } catch (error) {
      message = (error as Error).message;
    }
    const lines = message.split('\n');
    expect(lines[0]).toBe('invalid guard policy p.yaml:');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(
      /^ {2}p\.yaml:5:\d+: rules\[0\]\.when\.tool: unknown tool 'send_mail'/,
    );
    expect(lines[2]).toMatch(
      /^ {2}p\.yaml:9:\d+: rules\[1\]\.when\.tool: unknown tool 'post_message'/,
    );
  });
});
