import type { RedisClient } from '../redis/connections.ts';
import { minuteOf, taskqlKeys } from './keys.ts';

const MINUTE_MS = 60_000;

/**
 * The Redis side of per-token limits (see TokenLimits in auth.ts), shared by every API and
 * worker process: submissions counted per owner and minute, and the running slots of an owner.
 * Nothing here is called for a task without a limit, so limits cost nothing when unset.
 */
export class OwnerLimits {
  readonly #keys;

  constructor(
    private readonly redis: RedisClient,
    prefix: string,
  ) {
    this.#keys = taskqlKeys(prefix);
  }

  /**
   * Counts `n` submissions of `owner` in this minute, in one round trip, unless that would go
   * over `perMinute`: then nothing is counted and the answer says how long until the next minute.
   */
  async countSubmits(owner: string, n: number, perMinute: number): Promise<{ ok: true } | { ok: false; retryAfterMs: number }> {
    const now = Date.now();
    const key = this.#keys.ownerSubmits(owner, minuteOf(now));
    const [ok, ttl] = await this.redis.tqCountSubmits(key, n, perMinute, MINUTE_MS - (now % MINUTE_MS));
    return ok === 1 ? { ok: true } : { ok: false, retryAfterMs: ttl };
  }

  /**
   * Takes one of `owner`'s `max` running slots for task `id` until `leaseEnd` (renewed with
   * `renew` while it runs, so a dead worker's slot frees itself). False: the owner is at its
   * limit; the task's attempt is not counted and it shows PENDING (see TAKE_OWNER_SLOT).
   */
  async take(owner: string, jobKey: string, id: string, max: number, leaseMs: number): Promise<boolean> {
    const now = Date.now();
    return (await this.redis.tqTakeOwnerSlot(this.#keys.ownerRunning(owner), jobKey, id, now, now + leaseMs, max)) === 1;
  }

  /** Extends the leases of slots held (one pipeline for all of them). */
  async renew(held: Iterable<{ owner: string; id: string }>, leaseMs: number): Promise<void> {
    const pipeline = this.redis.pipeline();
    const leaseEnd = Date.now() + leaseMs;
    for (const { owner, id } of held) {
      const key = this.#keys.ownerRunning(owner);
      pipeline.zadd(key, 'XX', leaseEnd, id);
      pipeline.pexpireat(key, leaseEnd + 86_400_000);
    }
    await pipeline.exec();
  }

  /** Gives a slot back. */
  async release(owner: string, id: string): Promise<void> {
    await this.redis.zrem(this.#keys.ownerRunning(owner), id);
  }
}
