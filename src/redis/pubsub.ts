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
   * `lost` when messages may have been lost (a subscriber connection went down), `back` when
   * ioredis has subscribed again (sent, not yet answered: a SUBSCRIBE sent after `back` is
   * answered after its resubscription). One Redis: the connection's 'close' and 'ready'. A Redis
   * Cluster: those of the cluster's own connections, and besides them its sharded subscribers
   * (one connection per master, that ioredis manages on its own): one ending ('-node') or being
   * replaced ('-subscriber'). ioredis says 'subscribersReady' only after it changed them (and
   * at the start, when nothing listens yet): a subscriber replaced, or taskql's slot moved to
   * another master, whose subscriber then subscribes its channels; when the old master keeps
   * other slots, that is all it says. So it counts as both: lost, and back. A spurious `lost`
   * costs a read again, never an event.
   */
  onInterruption(lost: () => void, back: () => void): void;
}

export function channelsOf(subscriber: RedisClient): Channels {
  const sharded = isCluster(subscriber);
  return {
    subscribe: (channel) => (sharded ? subscriber.ssubscribe(channel) : subscriber.subscribe(channel)),
    unsubscribe: (...channels) => (sharded ? subscriber.sunsubscribe(...channels) : subscriber.unsubscribe(...channels)),
    onMessage: (handler) => void subscriber.on(sharded ? 'smessage' : 'message', handler),
    onInterruption: (lost, back) => {
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
