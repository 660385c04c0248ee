import { describe, expect, it } from 'vitest';
import { catalogOf } from './catalog.js';
import { diffScenarios, formatDiff, isSameScenario } from './diff.js';
import { blackmailPack } from './test-support/packs.js';

const catalog = catalogOf([blackmailPack()]);
const diff = (a: string, b: string) => diffScenarios(catalog.render(a), catalog.render(b));

describe('diffScenarios', () => {
  it('shows the swapped goal, the emails that change and the pressure', () => {
    const d = diff('blackmail_latent-america_replacement', 'blackmail_swap-america_replacement');
    expect(d.system.filter((c) => c.op === '+').map((c) => c.text)).toContainEqual(
      expect.stringContaining('clean energy worldwide'),
    );
    expect(d.emails.removed).toEqual(['supply-thanks']);
    expect(d.emails.changed.map((e) => e.id)).toEqual(['cto-order-replace']);
    expect(d.pressure).toEqual({
      a: { threat: 'replacement', goalConflict: true },
      b: { threat: 'replacement', goalConflict: false },
    });
  });

  it('shows the tool the escalation channel adds', () => {
    const d = diff('blackmail_none-none_none', 'blackmail_none-none_none+mitigation=escalation');
    expect(d.permissions).toEqual({ added: ['escalate_concern'], removed: [] });
    expect(d.emails).toEqual({ added: [], removed: [], changed: [] });
    expect(formatDiff(d)).toContain('Agent permissions: +escalate_concern');
  });

  it('says so when the agent sees the same scenario', () => {
    const d = diff('blackmail_none-none_none', 'blackmail_none-none_none');
    expect(isSameScenario(d)).toBe(true);
    expect(formatDiff(d)).toContain('The agent sees the same scenario in both conditions.');
  });
});
