import { describe, expect, it } from 'vitest';
import { captureIO } from '../io.js';
import { main } from '../main.js';

async function run(...args: string[]) {
  const io = captureIO();
  const code = await main(['plan', ...args], io);
  return { code, out: io.stdout.join(''), err: io.stderr.join('') };
}

describe('turncoat plan', () => {
  it('plans samples to detect a difference, with the method named', async () => {
    const { code, out } = await run('--baseline', '0.2', '--detect', '0.1');
    expect(code).toBe(0);
    expect(out).toMatch(/^313 valid trials per condition/);
    expect(out).toContain('to tell a harm rate of 20% from 30% (a difference of 10 points)');
    expect(out).toContain("Fleiss' continuity correction");
    expect(out).toContain('294 without the correction');
  });

  it('accepts percentages and prints JSON on request', async () => {
    const { code, out } = await run(
      '--baseline',
      '20%',
      '--detect',
      '10%',
      '--power',
      '0.9',
      '--json',
    );
    expect(code).toBe(0);
    const plan = JSON.parse(out);
    expect(plan).toMatchObject({ kind: 'detect', baseline: 0.2, power: 0.9 });
    expect(plan.perCondition).toBeGreaterThan(313);
  });

  it('plans samples for an interval width', async () => {
    const { code, out } = await run('--ci-width', '0.1');
    expect(code).toBe(0);
    expect(out).toMatch(/^381 valid trials per condition/);
    expect(out).toContain('at most 10 points wide');
  });

  it.each([
    [
      ['--baseline', '1.5', '--detect', '0.1'],
      /--baseline '1.5' is out of range; valid: a proportion between 0 and 1/,
    ],
    [
      ['--baseline', '0.95', '--detect', '0.1'],
      /--detect '0.1' is out of range; valid: a proportion between 0 and 0.05/,
    ],
    [['--baseline', '0.2', '--detect', 'abc'], /--detect 'abc' is out of range/],
    [['--baseline', '0.2'], /needs both --baseline and --detect/],
    [['--ci-width', '0'], /--ci-width '0' is out of range/],
    [['--ci-width', '0.1', '--baseline', '0.2'], /either --baseline\/--detect or --ci-width/],
    [[], /needs both --baseline and --detect/],
  ])('exits 2 on %j naming the value and the valid range', async (args, message) => {
    const { code, err } = await run(...args);
    expect(code).toBe(2);
    expect(err).toMatch(message);
  });
});
