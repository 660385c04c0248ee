/**
 * The test configuration Stryker runs (see stryker.config.mjs): the project's own, limited to
 * the test files of the module being mutated (MUTATION_TESTS, comma-separated globs), so a
 * mutation run never starts the slow end-to-end suites that cannot see the mutant anyway.
 */
import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

const tests = process.env.MUTATION_TESTS?.split(',').filter(Boolean) ?? [];
// `!glob` entries leave test files out.
const include = tests.filter((t) => !t.startsWith('!'));
const exclude = tests.filter((t) => t.startsWith('!')).map((t) => t.slice(1));

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    ...(include.length ? { include } : {}),
    exclude: [...(base.test?.exclude ?? ['**/node_modules/**']), ...exclude],
  },
});
