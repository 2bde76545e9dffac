import { defaultLimits, type Limits } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { RedisClient } from '../redis/connections.ts';
import { checkRedis, closeRedis, createRedis, waitUntilReady } from '../redis/connections.ts';
import type { Services } from '../resolvers/services.ts';
import type { TaskRegistry } from '../tasks/index.ts';
import { Authenticator, type ApiToken } from '../auth.ts';
import { createApp, type AppSettings } from './app.ts';
import { createServices } from './services.ts';
import { taskqlKeys } from '../queue/keys.ts';

export interface ApiSettings {
  redisUrl: string;
  /** Redis Cluster seed nodes (host:port); see RedisSettings. */
  redisClusterNodes?: readonly string[];
  prefix: string;
  host: string;
  port: number;
  commandTimeoutMs: number;
  /** @defaultValue DEFAULTS.RETENTION_SECONDS (config.ts) */
  retentionSeconds?: number;
  retentionCount?: number;
  /** @defaultValue the defaults of loadConfig */
  limits?: Limits;
  /** API tokens; none means no auth. */
  tokens?: readonly ApiToken[];
  /** See AppSettings.mode. */
  mode?: AppSettings['mode'];
  /** See AppSettings.origins. */
  origins?: AppSettings['origins'];
  registry: TaskRegistry;
  log: Logger;
}

export interface RunningApi {
  /** The GraphQL endpoint, e.g. http://127.0.0.1:4000/graphql */
  url: string;
  services: Services;
  /** The API's command connection (what /health pings). */
  redis: RedisClient;
  stop(): Promise<void>;
}

/** The API process part: two Redis connections (commands, subscriptions) and the server. */
export async function startApi(settings: ApiSettings): Promise<RunningApi> {
  const { log } = settings;
  const target = { url: settings.redisUrl, clusterNodes: settings.redisClusterNodes };
  const command = createRedis({ ...target, commandTimeoutMs: settings.commandTimeoutMs }, 'command', log);
  const subscriber = createRedis(target, 'subscriber', log);
  // Subscriptions and cancels need the subscriber connection as much as commands need theirs.
  await Promise.all([waitUntilReady(command, log, settings.redisUrl), waitUntilReady(subscriber)]);
  await checkRedis(command, log);
  // This API's subscribers mark the tasks they read (READ_TASK): from now on, workers may leave a
  // short task nobody watches unpublished (see FINISH_UNWATCHED). Not said (Redis out of memory):
  // workers go on publishing everything, as for an older API.
  await command.set(taskqlKeys(settings.prefix).watchMarks, '1').catch((error: unknown) => log.warn({ err: error }, 'could not tell workers that subscribers mark their tasks'));
  const limits = settings.limits ?? defaultLimits();
  const services = createServices({
    ...settings,
    command,
    subscriber,
    maxInputBytes: limits.MAX_INPUT_BYTES,
    maxInputDepth: limits.MAX_INPUT_DEPTH,
  });
  const auth = new Authenticator(settings.tokens ?? []);
  const app = createApp({
    services,
    redis: command,
    host: settings.host,
    port: settings.port,
    log,
    limits,
    auth,
    mode: settings.mode,
    origins: settings.origins,
  });
  const url = await app.start();
  // The two pages a newcomer opens first, side by side.
  const dashboard = new URL('/', url).href;
  const graphiql = settings.mode?.graphiql ?? true;
  log.info({ url, dashboard }, `API listening: dashboard at ${dashboard}, ${graphiql ? `GraphiQL at ${url}` : `GraphQL at ${url} (GraphiQL is off)`}`);
  return {
    url,
    services,
    redis: command,
    stop: async () => {
      await app.stop();
      await services.close();
      await Promise.all([closeRedis(command), closeRedis(subscriber)]);
    },
  };
}
