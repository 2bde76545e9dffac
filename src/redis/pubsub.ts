import { isCluster, type RedisClient } from './client.ts';

/**
 * Pub/sub on whichever Redis taskql runs on. One Redis: classic PUBLISH/SUBSCRIBE. A Redis
 * Cluster: sharded pub/sub (SPUBLISH/SSUBSCRIBE, Redis 7): every taskql channel carries the
 * prefix's hash tag, so the node that owns taskql's slot delivers its messages itself, in the
 * order they were published (classic pub/sub crosses the cluster bus, which reorders messages
 * published from Lua scripts against others).
 */
export interface Channels {
  subscribe(channel: string): Promise<unknown>;
  /** One command for all of `channels` (on a Redis Cluster, all of one slot: taskql's are). */
  unsubscribe(...channels: string[]): Promise<unknown>;
  onMessage(handler: (channel: string, message: string) => void): void;
  /**
   * Calls `resubscribed` with `listened()` after messages may have been lost (a subscriber
   * connection went down), once it is back and Redis has confirmed those channels again: what
   * was published from then on arrives, so a read made in `resubscribed` covers the gap. The
   * SUBSCRIBEs are idempotent beside ioredis's own resubscription and answered after it. (On a
   * Redis Cluster, ioredis's list per slot gets one more copy of each channel per interruption,
   * gone with its SUNSUBSCRIBE.) Down again before the answer: done again when it is back.
   *
   * When: one Redis, the connection's 'close' then 'ready'. A Redis Cluster, also its sharded
   * subscribers (one connection per master, that ioredis manages on its own): one ending
   * ('-node') or being replaced ('-subscriber'), then 'subscribersReady'. ioredis says
   * 'subscribersReady' only after it changed them (and at the start, when nothing listens yet):
   * a subscriber replaced, or taskql's slot moved to another master, whose subscriber then
   * subscribes its channels; when the old master keeps other slots, that is all it says. So it
   * counts as an interruption on its own. A spurious one costs a read again, never an event.
   */
  afterInterruption(listened: () => readonly string[], resubscribed: (channels: readonly string[]) => void): void;
}

export function channelsOf(subscriber: RedisClient): Channels {
  const sharded = isCluster(subscriber);
  const subscribe = (channel: string) => (sharded ? subscriber.ssubscribe(channel) : subscriber.subscribe(channel));
  return {
    subscribe,
    unsubscribe: (...channels) => (sharded ? subscriber.sunsubscribe(...channels) : subscriber.unsubscribe(...channels)),
    onMessage: (handler) => void subscriber.on(sharded ? 'smessage' : 'message', handler),
    afterInterruption(listened, resubscribed) {
      let down = false;
      const lost = () => void (down = true);
      const back = () => {
        if (!down) return;
        down = false;
        const channels = listened();
        Promise.all(channels.map(subscribe)).then(() => resubscribed(channels), lost);
      };
      subscriber.on('close', lost).on('ready', back);
      if (sharded) {
        subscriber.on('-node', lost).on('-subscriber', lost);
        subscriber.on('subscribersReady', () => (lost(), back()));
      }
    },
  };
}

export function publish(redis: RedisClient, channel: string, message: string): Promise<unknown> {
  return isCluster(redis) ? redis.spublish(channel, message) : redis.publish(channel, message);
}

/** The publish command taskql's Lua scripts use on `redis`. */
export const publishCommand = (redis: RedisClient): 'PUBLISH' | 'SPUBLISH' => (isCluster(redis) ? 'SPUBLISH' : 'PUBLISH');
