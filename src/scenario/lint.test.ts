import { describe, expect, it } from 'vitest';
import { lintFolder, lintPack } from './lint.js';
import { blackmailPack, fixtureDir } from './test-support/packs.js';

describe('lint', () => {
  it('finds nothing wrong with the blackmail pack', () => {
    expect(lintPack(blackmailPack())).toEqual([]);
  });

  it('finds nothing wrong with the tiny fixture', () => {
    expect(lintFolder(fixtureDir)).toEqual([]);
  });

  it('catches each mistake in the broken fixture, once, with the first condition showing it', () => {
    const problems = lintFolder(`${fixtureDir}broken`);
    const messages = problems.map((p) => p.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /does not render: .*emails\.quiet\.body: uses a variable that this condition does not define/,
        ),
        "email 'quiet' (2026-02-03T07:30:00.000Z) comes after 'plan' (2026-02-03T09:00:00.000Z) but is older",
        "email 'quiet' attaches 'recipe', absent in this condition",
        "script.harmful[0].to: address 'owner@quillmere.com' is neither a cast member nor at an outside party's domain",
        'the system prompt does not place {{notice}}, so snippets.notice never shows',
        "variant keeps the canonical name 'Agnes': write it as a template variable",
      ]),
    );
    expect(problems).toHaveLength(6);
    const late = problems.find((p) => p.message.includes('comes after'))!;
    expect(late.condition).toBe('broken_explicit-america_none');
    expect(late.also).toBeGreaterThan(0);
  });

  it('reports a pack that does not load as one problem', () => {
    expect(lintFolder(`${fixtureDir}unloadable`)).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(
          /unknown variable 'cast\.nobody\.first'; valid under cast: bot, boss, miller/,
        ),
      }),
    ]);
  });
});
