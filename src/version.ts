import { readFileSync } from 'node:fs';

let version: string | undefined;

/** turncoat's own version, from package.json (same relative path from src/ and dist/). */
export function toolVersion(): string {
  if (version) return version;
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version?: string;
    };
    version = pkg.version ?? 'unknown';
  } catch {
    version = 'unknown';
  }
  return version;
}
