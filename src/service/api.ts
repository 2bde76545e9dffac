import { loadTokens } from '../config.ts';
import type { RunningApi } from '../server/api.ts';
import { resolveOptions, type ServiceOptions } from './options.ts';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/** A taskql API (GraphQL over HTTP and WebSocket, the dashboard) in the caller's process. */
export interface TaskqlApi {
  /** Connects to Redis and listens; resolves with the GraphQL URL, e.g. http://127.0.0.1:4000/graphql. */
  start(): Promise<string>;
  /** Closes every connection (WebSockets with code 1001) and Redis. */
  stop(): Promise<void>;
  /** The GraphQL URL once started. */
  readonly url: string | undefined;
}

/** An API for `options.tasks` (contracts are enough: no handler code is needed to validate input). */
export function createApi(options: ServiceOptions = {}): TaskqlApi {
  const { config, log, registry, redisUrl, redisClusterNodes, prefix } = resolveOptions(options);
  const tokens = loadTokens(config);
  let running: RunningApi | undefined;
  return {
    get url() {
      return running?.url;
    },
    async start() {
      if (running) return running.url;
      let host = config.HOST;
      if (tokens.length === 0) {
        // No auth: never reachable from another machine.
        if (!LOOPBACK.has(host)) log.warn({ HOST: host }, 'no API tokens (TASKQL_TOKENS): listening on 127.0.0.1 only');
        else log.info('no API tokens (TASKQL_TOKENS): auth is off, listening on loopback only');
        if (!LOOPBACK.has(host)) host = '127.0.0.1';
      } else {
        log.info({ tokens: tokens.map((t) => `${t.name} (${t.scopes.join(', ')})`) }, 'auth is on');
      }
      const production = config.NODE_ENV === 'production';
      // Loaded here, not at import: the package's root export stays light for task modules.
      const { startApi } = await import('../server/api.ts');
      running = await startApi({
        redisUrl,
        redisClusterNodes,
        prefix,
        registry,
        log,
        host,
        tokens,
        mode: {
          graphiql: config.GRAPHIQL ?? !production,
          introspection: config.INTROSPECTION ?? !production,
        },
        origins: { corsOrigins: config.CORS_ORIGINS, allowedHosts: config.ALLOWED_HOSTS },
        port: config.PORT,
        commandTimeoutMs: config.REDIS_COMMAND_TIMEOUT_MS,
        retentionSeconds: config.RETENTION_SECONDS,
        retentionCount: config.RETENTION_COUNT,
        limits: config,
      });
      return running.url;
    },
    async stop() {
      const api = running;
      running = undefined;
      await api?.stop();
    },
  };
}
