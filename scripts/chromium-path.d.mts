/** Types for scripts/chromium-path.mjs (plain Node so that `.ci/run` can call it before `npm ci`). */
export function findChromium(env?: Record<string, string | undefined>): string | undefined;
export function missingChromiumMessage(env?: Record<string, string | undefined>): string;
export function isCi(env?: Record<string, string | undefined>): boolean;
