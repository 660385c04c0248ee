import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Hang guards, not timing claims: generous, because CI machines are slow and shared.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Tests (and the CLIs they spawn) keep validated scenario packs out of the user's ~/.cache.
    env: { TURNCOAT_CACHE_DIR: join(tmpdir(), 'turncoat-test-cache') },
    // Test files run one after another in a few long-lived worker processes instead of one
    // fresh process each: importing the CLI, the AI SDK and Vega once per worker instead of
    // once per file saves about a second of CPU per file. Safe because no test file mocks
    // modules or leaves globals changed (each restores the environment variables it sets).
    isolate: false,
    // At least two workers, even on two cores (vitest's default is cores - 1): many tests
    // mostly wait on child processes, servers and PostgreSQL, so a second worker fills the
    // idle core.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
