import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../policy/parse-policy.js';
import { guardAnnotations } from './annotations.js';
import { neverAllowed } from './hidden-tools.js';

const policy = parsePolicy({
  rules: [
    { id: 'no-moves', when: { tool: 'move_*' }, decision: 'deny', reason: 'no moves' },
    {
      id: 'no-open-world-writes',
      when: { annotations: { openWorld: true, readOnly: false } },
      decision: 'kill',
      reason: 'no',
    },
    {
      id: 'outside-mail',
      when: { tool: 'send_email', recipients: 'external' },
      decision: 'deny',
      reason: 'outside',
    },
    {
      id: 'writes-wait',
      when: { tool: 'write_file' },
      decision: 'hold',
      reason: 'a person decides',
    },
  ],
});

describe('neverAllowed', () => {
  it('hides tools an argument-free deny or kill rule always refuses', () => {
    const closedWorld = guardAnnotations({
      readOnlyHint: false,
      destructiveHint: true,
      openWorldHint: false,
    });
    expect(neverAllowed(policy, 'move_file', closedWorld)).toBe(true);
    expect(
      neverAllowed(
        policy,
        'fetch_url',
        guardAnnotations({ readOnlyHint: false, openWorldHint: true }),
      ),
    ).toBe(true);
  });

  it('keeps tools a rule refuses only for some arguments, and tools that are held', () => {
    const closedWorld = guardAnnotations({ openWorldHint: false });
    expect(neverAllowed(policy, 'send_email', closedWorld)).toBe(false);
    expect(neverAllowed(policy, 'write_file', closedWorld)).toBe(false);
    expect(neverAllowed(policy, 'read_file', guardAnnotations({ readOnlyHint: true }))).toBe(false);
  });

  it('hides nothing in shadow mode', () => {
    expect(neverAllowed({ ...policy, mode: 'shadow' }, 'move_file', guardAnnotations({}))).toBe(
      false,
    );
  });
});

describe('guardAnnotations', () => {
  it('fills what a server left out with the protocol defaults, the cautious reading', () => {
    expect(guardAnnotations({})).toEqual({ readOnly: false, destructive: true, openWorld: true });
    expect(guardAnnotations({ readOnlyHint: true })).toEqual({
      readOnly: true,
      destructive: false,
      openWorld: true,
    });
    expect(guardAnnotations({ destructiveHint: false, openWorldHint: false })).toEqual({
      readOnly: false,
      destructive: false,
      openWorld: false,
    });
  });
});
