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
}

export function channelsOf(subscriber: RedisClient): Channels {
  const sharded = isCluster(subscriber);
  return {
    subscribe: (channel) => (sharded ? subscriber.ssubscribe(channel) : subscriber.subscribe(channel)),
    unsubscribe: (...channels) => (sharded ? subscriber.sunsubscribe(...channels) : subscriber.unsubscribe(...channels)),
    onMessage: (handler) => void subscriber.on(sharded ? 'smessage' : 'message', handler),
  };
}

export function publish(redis: RedisClient, channel: string, message: string): Promise<unknown> {
  return isCluster(redis) ? redis.spublish(channel, message) : redis.publish(channel, message);
}

/** The publish command taskql's Lua scripts use on `redis`. */
export const publishCommand = (redis: RedisClient): 'PUBLISH' | 'SPUBLISH' => (isCluster(redis) ? 'SPUBLISH' : 'PUBLISH');
