import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Tests (and the CLIs they spawn) keep validated scenario packs out of the user's ~/.cache.
    env: { TURNCOAT_CACHE_DIR: join(tmpdir(), 'turncoat-test-cache') },
  },
});
