import { describe, expect, it } from 'vitest';
import { axisValue, conditionAxes } from './condition-axes.js';
import type { RateRow } from './rate-row.js';

describe('conditionAxes', () => {
  it('reads the study axes and the suffixes, with defaults for absent suffixes', () => {
    expect(
      conditionAxes('blackmail_explicit-america_replacement+notice=eval+mitigation=prohibit'),
    ).toEqual({
      scenario: 'blackmail',
      goalType: 'explicit',
      goalValue: 'america',
      urgency: 'replacement',
      prompt: 'dev',
      notice: 'eval',
      mitigation: 'prohibit',
    });
    expect(conditionAxes('leaking_none-none_none')).toMatchObject({
      goalType: 'none',
      goalValue: 'none',
      mitigation: 'none',
    });
  });

  it('allows underscores in a scenario name', () => {
    expect(conditionAxes('server_room_latent-safety_restriction')).toMatchObject({
      scenario: 'server_room',
      goalValue: 'safety',
    });
  });

  it('returns undefined for ids that are not condition ids', () => {
    expect(conditionAxes('all')).toBeUndefined();
    expect(conditionAxes('blackmail_explicit_replacement')).toBeUndefined();
    expect(conditionAxes('blackmail_explicit-america_replacement+notice')).toBeUndefined();
  });
});

describe('axisValue', () => {
  const row = {
    model: 'reference:always-harm',
    modelKind: 'reference',
    condition: 'blackmail_explicit-america_replacement+mitigation=prohibit',
    scenario: 'blackmail',
    trials: 1,
    valid: 1,
    harmful: 1,
    errors: 0,
    rate: 1,
    ciLow: 0.2,
    ciHigh: 1,
  } satisfies RateRow;

  it('prefers the row field and falls back to the condition id', () => {
    expect(axisValue(row, 'model')).toBe('reference:always-harm');
    expect(axisValue(row, 'mitigation')).toBe('prohibit');
    expect(axisValue({ ...row, mitigation: 'escalation' }, 'mitigation')).toBe('escalation');
    expect(axisValue(row, 'evalAwareness')).toBeUndefined();
  });
});
