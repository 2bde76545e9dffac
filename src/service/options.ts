import { resolveConfig, type Config, type ConfigInput } from '../config.ts';
import { createLogger, type Logger } from '../logger.ts';
import { hashTagged } from '../queue/keys.ts';
import { registryFor, type AnyTaskContract, type TaskRegistry } from '../tasks/index.ts';

/** Where taskql's Redis is. */
export interface RedisOptions {
  /**
   * `redis://` or `rediss://` URL (with a Redis Cluster: credentials and TLS only).
   * @defaultValue config.REDIS_URL, else redis://127.0.0.1:6379
   */
  url?: string;
  /**
   * Redis Cluster seed nodes (host:port).
   * @defaultValue config.REDIS_CLUSTER_NODES
   */
  clusterNodes?: readonly string[];
}

/** What `createApi` and `createWorker` take. */
export interface ServiceOptions {
  /**
   * The task types to serve: an API needs only their contracts (`defineContract`), a worker
   * their handlers too. taskql's internal types are always added.
   * @defaultValue the shipped example types
   */
  tasks?: readonly AnyTaskContract[];
  redis?: RedisOptions;
  /**
   * Settings by the names of the README's configuration table (`PORT`, `CONCURRENCY`,
   * `TASKQL_TOKENS`, …), validated the same way. The environment is not read: pass
   * `{ ...process.env }` for that.
   */
  config?: ConfigInput;
  /** @defaultValue a pino logger as LOG_LEVEL and LOG_FORMAT say */
  log?: Logger;
  /** Where `tasks` came from, for the messages of a malformed or duplicate type. */
  tasksSource?: string;
}

/** What both parts need, resolved once from ServiceOptions. */
export interface Resolved {
  config: Config;
  log: Logger;
  registry: TaskRegistry<AnyTaskContract>;
  redisUrl: string;
  redisClusterNodes?: readonly string[];
  prefix: string;
}

export function resolveOptions(options: ServiceOptions): Resolved {
  const config = resolveConfig(options.config);
  const log = options.log ?? createLogger(config);
  const registry = registryFor(options.tasks, options.tasksSource, config);
  const redisClusterNodes = options.redis?.clusterNodes ?? config.REDIS_CLUSTER_NODES;
  const redisUrl = options.redis?.url ?? config.REDIS_URL ?? (redisClusterNodes ? 'redis://localhost' : 'redis://127.0.0.1:6379');
  // Every key of a Lua script must share a cluster slot: the prefix becomes a hash tag.
  const prefix = redisClusterNodes ? hashTagged(config.TASKQL_PREFIX) : config.TASKQL_PREFIX;
  return { config, log, registry, redisUrl, redisClusterNodes, prefix };
}
