/**
 * Hash routing: every page is `#/<page>[/<id>]?<query>`, so any view can be shared as a
 * URL and the server only ever serves one page.
 */
import { useEffect, useState } from 'preact/hooks';

export interface Route {
  page: string;
  id: string | undefined;
  params: URLSearchParams;
}

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const [page = '', id] = path.split('/');
  return { page: page || 'runs', id: id || undefined, params: new URLSearchParams(query) };
}

/** A link to a page; empty parameters are left out. */
export function href(
  page: string,
  params: Record<string, string | number | undefined | null> = {},
): string {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') query.set(k, String(v));
  const text = query.toString();
  return `#/${page}${text ? `?${text}` : ''}`;
}

export function navigate(to: string): void {
  window.location.hash = to.replace(/^#/, '');
}

/** The current route, updated on every hash change. */
export function useRoute(): Route {
  const [hash, setHash] = useState(window.location.hash);
  useEffect(() => {
    const onChange = () => setHash(window.location.hash);
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return parseRoute(hash);
}

/** The route's parameters as a plain object, with some replaced (for filter links). */
export function withParams(
  params: URLSearchParams,
  changes: Record<string, string | number | undefined | null>,
): Record<string, string | number | undefined | null> {
  return { ...Object.fromEntries(params), ...changes };
}
