import { randomUUID } from 'node:crypto';
import type { RedisClient } from '../redis/connections.ts';
import { taskqlKeys } from '../queue/keys.ts';

/**
 * How long one word that the live feed is watched holds, in ms. An API process with feed
 * subscribers says it again every third of this, and takes it back when its last one leaves; so
 * workers go back to publishing only what is watched (see TaskEventPublisher.finish) at once, or
 * at most this long after an API process with feed subscribers died.
 */
export const FEED_WATCH_MS = 30_000;

/**
 * The API's word to the workers that someone follows the live feed (taskEvents): this process's
 * entry in a set (`feedWatched`) while it has feed subscribers. While the set has an entry, every
 * event of every task is published, the final SUCCESS of a short task nobody else watches
 * included.
 */
export class FeedWatch {
  readonly #key: string;
  /** This API process, in the set. */
  readonly #holder = randomUUID();
  #holders = 0;
  #renewing: NodeJS.Timeout | undefined;

  constructor(
    private readonly redis: RedisClient,
    prefix: string,
  ) {
    this.#key = taskqlKeys(prefix).feedWatched;
    // Said again as soon as Redis is back: a restart or a failover may have lost it, and the next
    // renewal could be 10 s away.
    redis.on('ready', () => {
      if (this.#holders > 0) this.#say().catch(() => 0);
    });
  }

  /**
   * One more feed subscriber in this process. Resolves once Redis holds the word (take it after
   * subscribing to the feed, so no event published for the feed is missed); the function it
   * resolves to gives the hold back, and resolves once Redis has the word taken back if it was
   * the last (it never rejects: while Redis is down, the word ends by itself). Rejects when Redis
   * is unreachable (the hold is given back).
   */
  async hold(): Promise<() => Promise<void>> {
    let held = true;
    const release = async () => {
      if (!held) return;
      held = false;
      if (--this.#holders > 0) return;
      clearInterval(this.#renewing);
      await this.redis.zrem(this.#key, this.#holder).catch(() => 0);
    };
    if (++this.#holders === 1) {
      // A renewal that fails (Redis down) is tried again at the next: the word outlives two misses.
      this.#renewing = setInterval(() => this.#say().catch(() => 0), FEED_WATCH_MS / 3);
      this.#renewing.unref();
    }
    try {
      await this.#say();
    } catch (error) {
      void release();
      throw error;
    }
    return release;
  }

  #say(): Promise<unknown> {
    return this.redis.tqWatchFeed(this.#key, this.#holder, FEED_WATCH_MS);
  }
}
