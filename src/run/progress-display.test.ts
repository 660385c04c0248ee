import { describe, expect, it } from 'vitest';
import { captureIO } from '../cli/io.js';
import { progressDisplay } from './progress-display.js';
import type { RunOutcome } from './scheduler.js';

const key = {
  model: 'reference:aligned',
  condition: 'blackmail_none-none_none',
  variant: 0,
  sample: 0,
};
const outcome: RunOutcome = {
  total: 10,
  skipped: 4,
  completed: 6,
  harmful: 2,
  errors: 1,
  interrupted: false,
};

describe('progressDisplay without a terminal', () => {
  it('prints plain lines at most every interval, then a final line with the rate', () => {
    const io = captureIO();
    let clock = 0;
    const show = progressDisplay(io, { intervalMs: 1000, now: () => clock });
    show({ type: 'start', runId: 'run-abc', total: 10, stored: 4 });
    const trial = (harmful: boolean | null, status: 'ok' | 'error' = 'ok') => {
      clock += 300;
      show({ type: 'trial', key, status, harmful });
    };
    trial(true);
    trial(false);
    trial(true);
    trial(null, 'error');
    trial(false);
    trial(false);
    show({ type: 'end', outcome });
    expect(io.stderr).toEqual([
      'run run-abc: resuming, 4 of 10 trials already stored',
      '8/10 trials (80%), 2 harmful, 1 errors, 3.3 trials/s',
      '10/10 trials (100%), 2 harmful, 1 errors, 3.3 trials/s',
    ]);
  });

  it('says what happens on Ctrl-C', () => {
    const io = captureIO();
    const show = progressDisplay(io);
    show({ type: 'start', runId: 'run-abc', total: 10, stored: 0 });
    show({ type: 'stopping' });
    expect(io.stderr.at(-1)).toMatch(
      /no new trials will start; waiting for those in flight \(Ctrl-C again to cancel them\)/,
    );
  });
});
