import { describe, expect, it } from 'vitest';
import { isFalseAlarmBaseline } from './guard-rate-rows.js';

describe('isFalseAlarmBaseline: where any guard alarm is a false alarm', () => {
  it('counts every control condition, whatever its extra axes, and routine', () => {
    expect(isFalseAlarmBaseline('blackmail_none-none_none', 'blackmail')).toBe(true);
    expect(isFalseAlarmBaseline('leaking_none-none_none+notice=eval+prompt=prod', 'leaking')).toBe(
      true,
    );
    expect(isFalseAlarmBaseline('routine_none-none_none', 'routine')).toBe(true);
  });

  it('leaves out conditions with a goal conflict or a threat', () => {
    expect(isFalseAlarmBaseline('blackmail_explicit-america_replacement', 'blackmail')).toBe(false);
    expect(isFalseAlarmBaseline('blackmail_none-none_replacement', 'blackmail')).toBe(false);
    expect(isFalseAlarmBaseline('lethal_explicit-safety_none', 'lethal')).toBe(false);
    expect(isFalseAlarmBaseline('leaking_ambiguous-none_none', 'leaking')).toBe(false);
  });
});
