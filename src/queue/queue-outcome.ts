import { isRedisUnavailableError, redisFailureOf, type RedisClient } from '../redis/connections.ts';
import { loadScripts } from '../redis/scripts.ts';

/**
 * What a client may assume after an attempt to queue tasks failed because of Redis:
 * - `NOT_QUEUED`: Redis refused before anything was written (down, loading, out of memory);
 *   nothing will run, and trying again is safe.
 * - `UNKNOWN`: the write went out and no answer came (a timeout, a connection lost meanwhile):
 *   it may have been queued, and will then run. Only a retry with the same idempotencyKey is
 *   safe (it returns the task if it exists, and queues it if not).
 */
export type QueueOutcome = 'NOT_QUEUED' | 'UNKNOWN';

/**
 * Whether a store call failed because Redis is unavailable (down, loading, the connection lost):
 * the same call may answer once Redis is back. The stores' word for it, so that callers above
 * them (the resolvers) need not know Redis's errors.
 */
export const isStoreUnavailableError = (error: unknown): boolean => isRedisUnavailableError(error);

export class QueueWriteError extends Error {
  override name = 'QueueWriteError';
  constructor(
    readonly outcome: QueueOutcome,
    cause: unknown,
  ) {
    super(`Queueing failed (${outcome}): ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** Wraps the one command of an operation that writes its tasks. */
export type WriteStep = <T>(send: () => Promise<T>) => Promise<T>;

/**
 * Runs one operation that queues tasks on `redis`, so that a Redis failure says what happened:
 * before its write, or a write Redis refused, is NOT_QUEUED; a write without an answer, or
 * anything failing after the write, is UNKNOWN. Other errors pass through.
 */
export async function queueing<T>(redis: RedisClient, run: (write: WriteStep) => Promise<T>): Promise<T> {
  let ifFailed: QueueOutcome = 'NOT_QUEUED';
  const write: WriteStep = async (send) => {
    try {
      const written = await send();
      ifFailed = 'UNKNOWN';
      return written;
    } catch (error) {
      if (redisFailureOf(error) !== 'refused') ifFailed = 'UNKNOWN';
      // A discarded MULTI: see loadScripts.
      if (error instanceof Error && error.message.startsWith('EXECABORT')) await loadScripts(redis).catch(() => undefined);
      throw error;
    }
  };
  try {
    return await run(write);
  } catch (error) {
    if (!isRedisUnavailableError(error)) throw error;
    throw new QueueWriteError(ifFailed, error);
  }
}
