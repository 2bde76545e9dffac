import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from '../logger.ts';
import { defineTaskScripts } from './scripts.ts';

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
  url: string;
  /** @defaultValue 2000 */
  commandTimeoutMs?: number;
}

export function createRedis(settings: RedisSettings, role: RedisRole, log?: Logger): Redis {
  const common: RedisOptions = { connectionName: `taskql:${role}` };
  const byRole: Record<RedisRole, RedisOptions> = {
    command: {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout: settings.commandTimeoutMs ?? 2000,
    },
    worker: { maxRetriesPerRequest: null },
    subscriber: { maxRetriesPerRequest: null },
  };
  const redis = new Redis(settings.url, { ...common, ...byRole[role] });
  // ioredis emits 'error' on every failed reconnect; log the outage once, and its end.
  let down = false;
  redis.on('error', (error) => {
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
  return redis;
}

/**
 * Resolves once the connection is ready (used at start, where the offline queue is off). While
 * Redis does not answer it keeps trying (ioredis backs off up to 2 s) and says so once.
 */
export async function waitUntilReady(redis: Redis, log?: Logger, url?: string): Promise<void> {
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
 */
export async function checkRedis(redis: Redis, log: Logger): Promise<void> {
  const reply = (await redis.config('GET', 'maxmemory-policy').catch(() => [])) as string[];
  const policy = reply[1];
  if (policy && policy !== 'noeviction') {
    log.warn(
      { maxmemoryPolicy: policy },
      `Redis maxmemory-policy is "${policy}": under memory pressure Redis may delete queued tasks and results. Set it to noeviction.`,
    );
  }
}

async function untilReady(redis: Redis): Promise<void> {
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

/** True for errors that mean "Redis cannot be reached", as opposed to a bug or bad data. */
export function isRedisUnavailableError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'MaxRetriesPerRequestError') return true;
  return /Stream isn't writeable|Connection is closed|Command timed out|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|LOADING|Redis connection closed/i.test(
    error.message,
  );
}

/** Closes politely (QUIT) when connected; drops the connection when Redis is gone. */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === 'end') return;
  if (redis.status !== 'ready') return redis.disconnect();
  await redis.quit().catch(() => redis.disconnect());
}
