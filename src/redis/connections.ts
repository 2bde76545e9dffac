import { Cluster, Redis, type ClusterNode, type RedisOptions } from 'ioredis';
import { DEFAULTS } from '../config.ts';
import type { Logger } from '../logger.ts';
import { isCluster, type RedisClient } from './client.ts';
import { defineTaskScripts } from './scripts.ts';
import { coalesceWrites } from './write-coalescing.ts';

export { isCluster, type RedisClient };

/**
 * The only place that opens Redis connections.
 *
 * - `command`: API-side requests. Fails fast while Redis is down (no offline queue, a command
 *   timeout) so that a mutation answers SERVICE_UNAVAILABLE instead of hanging.
 * - `worker`: BullMQ workers and the worker's event publisher. Waits out outages
 *   (BullMQ requires `maxRetriesPerRequest: null` here).
 * - `subscriber`: a dedicated connection in SUBSCRIBE mode.
 */
export type RedisRole = 'command' | 'worker' | 'subscriber';

export interface RedisSettings {
  /**
   * `redis://` or `rediss://` (TLS), with a user and password for ACLs
   * (`rediss://user:password@host:6380/0`). With `clusterNodes`, only its credentials and TLS
   * are used.
   */
  url: string;
  /** Redis Cluster seed nodes (`host:port`); the client discovers the others. */
  clusterNodes?: readonly string[];
  /** @defaultValue DEFAULTS.REDIS_COMMAND_TIMEOUT_MS (config.ts) */
  commandTimeoutMs?: number;
}

/** How often a Redis Cluster subscriber asks which master holds taskql's slot, in ms. */
const SUBSCRIBER_SLOTS_REFRESH_MS = 5_000;

export function createRedis(settings: RedisSettings, role: RedisRole, log?: Logger): RedisClient {
  const common: RedisOptions = { connectionName: `taskql:${role}` };
  const byRole: Record<RedisRole, RedisOptions> = {
    command: {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout: settings.commandTimeoutMs ?? DEFAULTS.REDIS_COMMAND_TIMEOUT_MS,
    },
    worker: { maxRetriesPerRequest: null },
    subscriber: { maxRetriesPerRequest: null },
  };
  const options = { ...common, ...byRole[role] };
  const redis: RedisClient = settings.clusterNodes?.length
    ? new Cluster(settings.clusterNodes.map(toClusterNode), {
        redisOptions: { ...credentialsOf(settings.url), ...options },
        enableOfflineQueue: options.enableOfflineQueue ?? true,
        // Sharded pub/sub (see redis/pubsub.ts): subscriptions go to the node of their slot.
        shardedSubscribers: role === 'subscriber',
        // A subscriber sends no command that a moved slot would answer with MOVED: it learns
        // that taskql's slot moved to another master by asking (CLUSTER SLOTS), every 5 s.
        ...(role === 'subscriber' && { slotsRefreshInterval: SUBSCRIBER_SLOTS_REFRESH_MS }),
      })
    : new Redis(settings.url, options);
  // ioredis emits 'error' on every failed reconnect; log the outage once, and its end.
  let down = false;
  redis.on('error', (error: Error) => {
    if (down) return;
    down = true;
    log?.warn({ role, err: error.message }, 'Redis is unreachable; reconnecting');
  });
  redis.on('ready', () => {
    if (!down) return;
    down = false;
    log?.info({ role }, 'Redis connection is back');
  });
  if (role !== 'subscriber') defineTaskScripts(redis);
  // Not the worker's: see coalesceWrites for why.
  if (role === 'command' && !isCluster(redis)) coalesceWrites(redis);
  return redis;
}

/** `host:port` (or a redis:// URL) as a cluster seed node. */
function toClusterNode(node: string): ClusterNode {
  const { hostname, port } = new URL(node.includes('://') ? node : `redis://${node}`);
  return { host: hostname.replace(/^\[|\]$/g, ''), port: Number(port || 6379) };
}

/** A URL's user, password and TLS, for every node of a cluster. */
function credentialsOf(url: string): RedisOptions {
  const parsed = new URL(url);
  return {
    ...(parsed.username && { username: decodeURIComponent(parsed.username) }),
    ...(parsed.password && { password: decodeURIComponent(parsed.password) }),
    ...(parsed.protocol === 'rediss:' && { tls: {} }),
  };
}

/**
 * Resolves once the connection is ready (used at start, where the offline queue is off). While
 * Redis does not answer it keeps trying (ioredis backs off up to 2 s) and says so once.
 */
export async function waitUntilReady(redis: RedisClient, log?: Logger, url?: string): Promise<void> {
  if (redis.status === 'ready') return;
  const waiting = setTimeout(() => log?.warn({ redis: url && redact(url) }, 'waiting for Redis to answer (retrying)'), 1000);
  waiting.unref();
  try {
    await untilReady(redis);
  } finally {
    clearTimeout(waiting);
  }
}

/** Hides the password of a redis:// URL. */
export const redact = (url: string): string => url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');

/**
 * Start-up checks: BullMQ needs every key it writes, so Redis must not evict
 * (`maxmemory-policy noeviction`). Managed Redis may refuse CONFIG: then nothing is said.
 * It may refuse CLIENT too: then it is said what that changes.
 */
export async function checkRedis(redis: RedisClient, log: Logger): Promise<void> {
  const clientAllowed = await redis.client('ID').then(
    () => true,
    () => false,
  );
  if (!clientAllowed) {
    log.warn(
      'This Redis refuses CLIENT commands (a managed Redis or an ACL user without them): connections are unnamed and ' +
        "bull-board cannot list workers. taskql's own worker list (workers, the dashboard, /metrics) uses heartbeats and is unaffected.",
    );
  }
  const reply = (await redis.config('GET', 'maxmemory-policy').catch(() => [])) as string[];
  const policy = reply[1];
  if (policy && policy !== 'noeviction') {
    log.warn(
      { maxmemoryPolicy: policy },
      `Redis maxmemory-policy is "${policy}": under memory pressure Redis may delete queued tasks and results. Set it to noeviction.`,
    );
  }
}

async function untilReady(redis: RedisClient): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const onReady = () => {
      redis.off('end', onEnd);
      resolve();
    };
    const onEnd = () => {
      redis.off('ready', onReady);
      reject(new Error('Redis connection closed before it was ready'));
    };
    redis.once('ready', onReady);
    redis.once('end', onEnd);
  });
}

/**
 * How a Redis command failed, when Redis (not the command) is the reason:
 * - `refused`: Redis did not run it: the connection is not up (no offline queue), Redis is
 *   still loading, or it is out of memory (`maxmemory` with noeviction refuses writes);
 * - `no-answer`: it was sent and no answer came (a timeout, a connection lost meanwhile):
 *   Redis may have run it, or may still.
 */
export type RedisFailure = 'refused' | 'no-answer';

const REFUSED = /Stream isn't writeable|ECONNREFUSED|^LOADING |^OOM /;
const NO_ANSWER = /Connection is closed|Command timed out|ECONNRESET|ETIMEDOUT|EPIPE|Redis connection closed/;

export function redisFailureOf(error: unknown): RedisFailure | undefined {
  if (!(error instanceof Error)) return undefined;
  // Flushed from the queue of commands already sent, when the connection dropped.
  if (error.name === 'MaxRetriesPerRequestError') return 'no-answer';
  // A MULTI that Redis discarded because it refused queued commands: none of them ran.
  const previous = (error as { previousErrors?: unknown[] }).previousErrors;
  if (/^EXECABORT/.test(error.message) && previous?.length && previous.every((e) => redisFailureOf(e) === 'refused')) return 'refused';
  if (REFUSED.test(error.message)) return 'refused';
  if (NO_ANSWER.test(error.message)) return 'no-answer';
  return undefined;
}

/** True for errors that mean "Redis cannot serve this now", as opposed to a bug or bad data. */
export const isRedisUnavailableError = (error: unknown): boolean => redisFailureOf(error) !== undefined;

/** Redis refuses writes: `maxmemory` is reached (with noeviction). */
export const isRedisOutOfMemoryError = (error: unknown): boolean => {
  if (!(error instanceof Error)) return false;
  const previous = (error as { previousErrors?: unknown[] }).previousErrors ?? [];
  return /^OOM /.test(error.message) || previous.some(isRedisOutOfMemoryError);
};

/**
 * What /health reports of Redis: `down` when it does not answer, `out of memory` when it has
 * reached `maxmemory` (with noeviction it then refuses every write: no task can be queued),
 * else `up`. One round trip (PING and INFO memory), no write.
 */
export async function redisHealth(redis: RedisClient): Promise<'up' | 'down' | 'out of memory'> {
  try {
    const [pong, memory] = await Promise.all([redis.ping(), redis.info('memory')]);
    if (pong !== 'PONG') return 'down';
    const field = (name: string) => Number(new RegExp(`^${name}:(\\d+)`, 'm').exec(memory)?.[1] ?? 0);
    const max = field('maxmemory');
    return max > 0 && field('used_memory') >= max ? 'out of memory' : 'up';
  } catch {
    return 'down';
  }
}

/** Closes politely (QUIT) when connected; drops the connection when Redis is gone. */
export async function closeRedis(redis: RedisClient): Promise<void> {
  if (redis.status === 'end') return;
  if (redis.status !== 'ready') return redis.disconnect();
  await redis.quit().catch(() => redis.disconnect());
}
