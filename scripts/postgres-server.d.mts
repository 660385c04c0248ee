/** Types for scripts/postgres-server.mjs (plain Node so that `.ci/run` can call it before `npm ci`). */
export function findPostgresBin(env?: Record<string, string | undefined>): string | undefined;
export function missingPostgresMessage(): string;
export function isCi(env?: Record<string, string | undefined>): boolean;
export function startPostgres(bin?: string): Promise<{ url: string; stop(): Promise<void> }>;
