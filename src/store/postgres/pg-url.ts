import { InputError } from '../../errors.js';

/** True when `store` names a PostgreSQL server (`postgres://` or `postgresql://`). */
export function isPostgresUrl(store: string | undefined): store is string {
  return store !== undefined && /^postgres(ql)?:\/\//i.test(store);
}

/**
 * The URL with its password replaced by `***`: what output, errors and run provenance show.
 * @example redactPostgresUrl('postgres://ann:s3cret@db:5432/turncoat') // 'postgres://ann:***@db:5432/turncoat'
 */
export function redactPostgresUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    for (const key of [...parsed.searchParams.keys()]) {
      if (/pass|secret|token|key/i.test(key)) parsed.searchParams.set(key, '***');
    }
    return parsed.toString();
  } catch {
    // Not parseable: hide everything between the scheme and the host.
    return url.replace(/\/\/[^@/]*@/, '//***@');
  }
}

/** Throws InputError unless `url` is a postgres:// URL with a host. */
export function checkPostgresUrl(url: string): void {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!isPostgresUrl(url) || !parsed?.hostname) {
    throw new InputError(
      `--store '${redactPostgresUrl(url)}' is not a PostgreSQL URL; expected postgres://user[:password]@host[:port]/database`,
    );
  }
}
