import { describe, expect, it, vi } from 'vitest';
import { postgresSuiteRuns } from './postgres.js';

describe('whether a PostgreSQL suite runs', () => {
  it('runs when the server binaries are installed or TURNCOAT_TEST_PG_URL names a server', () => {
    expect(postgresSuiteRuns('x', {}, '/usr/lib/postgresql/15/bin')).toBe(true);
    expect(postgresSuiteRuns('x', { TURNCOAT_TEST_PG_URL: 'postgres://127.0.0.1/x' }, null)).toBe(
      true,
    );
  });

  it('skips with a warning on a developer machine without PostgreSQL', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(postgresSuiteRuns('the store suite', {}, null)).toBe(false);
    expect(warn.mock.calls[0]?.[0]).toMatch(
      /skipping the store suite: PostgreSQL not found.*apt-get install postgresql/,
    );
    warn.mockRestore();
  });

  it('fails in CI without PostgreSQL, so CI cannot pass without running the suite', () => {
    expect(() => postgresSuiteRuns('the store suite', { CI: 'true' }, null)).toThrow(
      /CI must run the PostgreSQL suites/,
    );
    expect(() => postgresSuiteRuns('the store suite', { CI: 'false' }, null)).not.toThrow();
  });
});
