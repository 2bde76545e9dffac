import { useEffect, useState } from 'preact/hooks';

/** The dashboard's place: `#/tasks?state=FAILURE`, `#/tasks/<id>`, `#/queues`, ... (shareable links). */
export interface Route {
  /** Path parts after `#/`, e.g. ['tasks', '<id>']. */
  parts: string[];
  params: URLSearchParams;
}

export function parseRoute(hash = location.hash): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  return { parts: path.split('/').filter(Boolean).map(decodeURIComponent), params: new URLSearchParams(query) };
}

export function useRoute(): Route {
  const [route, setRoute] = useState(parseRoute);
  useEffect(() => {
    const changed = () => setRoute(parseRoute());
    window.addEventListener('hashchange', changed);
    return () => window.removeEventListener('hashchange', changed);
  }, []);
  return route;
}

export function href(parts: string[], params?: Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params ?? {})) if (value) query.set(key, value);
  const text = query.toString();
  return `#/${parts.map(encodeURIComponent).join('/')}${text ? `?${text}` : ''}`;
}

/** Changes the place without a new history entry (filters as they are typed). */
export function replaceRoute(to: string): void {
  history.replaceState(null, '', to);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}
