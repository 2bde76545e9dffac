import type { RedisClient } from '../redis/connections.ts';
import { taskqlKeys } from '../queue/keys.ts';

/**
 * How long one word that the live feed is watched holds, in ms. An API process with feed
 * subscribers says it again every third of this, so workers go back to publishing only what is
 * watched (see TaskEventPublisher.finish) at most this long after the last one left (or its API
 * process died).
 */
export const FEED_WATCH_MS = 30_000;

/**
 * The API's word to the workers that someone follows the live feed (taskEvents): a key that
 * expires unless an API process with feed subscribers renews it. While it is set, every event of
 * every task is published, the final SUCCESS of a short task nobody else watches included.
 */
export class FeedWatch {
  readonly #key: string;
  #holders = 0;
  #renewing: NodeJS.Timeout | undefined;

  constructor(
    private readonly redis: RedisClient,
    prefix: string,
  ) {
    this.#key = taskqlKeys(prefix).feedWatched;
  }

  /**
   * One more feed subscriber in this process. Resolves once Redis holds the word (take it after
   * subscribing to the feed, so no event published for the feed is missed); the function it
   * resolves to gives the hold back. Rejects when Redis is unreachable (the hold is given back).
   */
  async hold(): Promise<() => void> {
    let held = true;
    const release = () => {
      if (!held) return;
      held = false;
      if (--this.#holders === 0) clearInterval(this.#renewing);
    };
    if (++this.#holders === 1) {
      // A renewal that fails (Redis down) is tried again at the next: the word outlives two misses.
      this.#renewing = setInterval(() => this.#say().catch(() => 0), FEED_WATCH_MS / 3);
      this.#renewing.unref();
    }
    try {
      await this.#say();
    } catch (error) {
      release();
      throw error;
    }
    return release;
  }

  #say(): Promise<unknown> {
    return this.redis.set(this.#key, '1', 'PX', FEED_WATCH_MS);
  }
}
