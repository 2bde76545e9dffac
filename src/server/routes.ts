/**
 * The one matcher for every path the API serves: it decides where a request goes and who may
 * make it, on one normalised path. Routers further down (Express for the dashboard and
 * bull-board, yoga, ws) see the same normalised path, so none can route a request somewhere the
 * check did not look (`/ADMIN/QUEUES`, `/%61dmin`, `//admin`, `/x/../admin` are all `/admin`).
 */
export const GRAPHQL_PATH = '/graphql';
export const HEALTH_PATH = '/health';
export const METRICS_PATH = '/metrics';
/** bull-board's pages; everything under ADMIN_PATH is for admins. */
export const BULL_BOARD_PATH = '/admin/queues';
const ADMIN_PATH = '/admin';

export type RouteName = 'health' | 'graphql' | 'metrics' | 'admin' | 'web';

export interface Route {
  name: RouteName;
  /** Needs an admin (when auth is on). */
  adminOnly: boolean;
  /** The normalised path and the query, as handed on (`req.url`); taskql's own paths in their canonical case. */
  url: string;
}

const CANONICAL: Partial<Record<RouteName, string>> = { health: HEALTH_PATH, graphql: GRAPHQL_PATH, metrics: METRICS_PATH };

/** Decoding rounds before a path counts as malformed (`%252561` is decoded twice over). */
const MAX_DECODE_ROUNDS = 4;

/**
 * Where `rawUrl` (a request's `req.url`) goes, or undefined for a malformed path (answer 400).
 * The path is percent-decoded until stable, `\` read as `/`, empty and `.` segments dropped and
 * `..` applied; matching ignores case, as Express's does.
 */
export function routeOf(rawUrl: string | undefined): Route | undefined {
  const raw = rawUrl ?? '/';
  const queryAt = raw.indexOf('?');
  const segments = normalisedSegments(queryAt === -1 ? raw : raw.slice(0, queryAt));
  if (!segments) return undefined;
  const path = `/${segments.join('/')}`.toLowerCase();
  const name: RouteName =
    path === HEALTH_PATH
      ? 'health'
      : path === GRAPHQL_PATH
        ? 'graphql'
        : path === METRICS_PATH
          ? 'metrics'
          : path === ADMIN_PATH || path.startsWith(`${ADMIN_PATH}/`)
            ? 'admin'
            : 'web';
  const query = queryAt === -1 ? '' : raw.slice(queryAt);
  const url = `${CANONICAL[name] ?? `/${segments.map(encodeURIComponent).join('/')}`}${query}`;
  return { name, adminOnly: name === 'metrics' || name === 'admin', url };
}

function normalisedSegments(rawPath: string): string[] | undefined {
  let path = rawPath;
  for (let round = 0; path.includes('%'); round++) {
    if (round === MAX_DECODE_ROUNDS) return undefined;
    try {
      path = decodeURIComponent(path);
    } catch {
      return undefined;
    }
  }
  const segments: string[] = [];
  for (const segment of path.replaceAll('\\', '/').split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return segments;
}
