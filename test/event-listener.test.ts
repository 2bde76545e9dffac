import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TaskEventListener, type TaskEventStream } from '../src/pubsub/task-event-listener.ts';
import { topics } from '../src/queue/topics.ts';
import { closeRedis, type RedisClient } from '../src/redis/connections.ts';
import { publish } from '../src/redis/pubsub.ts';
import { testRedis, uniquePrefix } from './support/taskql.ts';

/** What one listener says to Redis about task channels, seen through MONITOR (this run's own Redis). */
describe('a task listener gives back channels in one command per pass', () => {
  const prefix = uniquePrefix();
  let subscriber: RedisClient;
  let redis: RedisClient;
  let monitor: Redis;
  let listener: TaskEventListener;
  /** The commands that named this file's channels, in the order Redis ran them. */
  const seen: string[][] = [];
  let onSeen: () => void = () => {};

  beforeAll(async () => {
    subscriber = await testRedis('subscriber');
    redis = await testRedis('command');
    monitor = await (redis as Redis).monitor();
    monitor.on('monitor', (_time: string, args: string[]) => {
      if (!args.some((arg) => arg.startsWith(`${prefix}:`))) return;
      seen.push(args);
      onSeen();
    });
    listener = new TaskEventListener(subscriber, prefix);
  });
  afterAll(async () => {
    monitor.disconnect();
    await closeRedis(subscriber);
    await closeRedis(redis);
  });

  const channel = (id: string) => topics.taskUpdated(prefix, id);

  /**
   * Listens to a task of its own after the pass's channels have been given back, and resolves
   * once Redis has run that (its SUBSCRIBE follows the pass's UNSUBSCRIBE on the connection).
   */
  async function afterThisPass(marker: string): Promise<TaskEventStream> {
    await new Promise((resolve) => setImmediate(resolve));
    const stream = await listener.listen(marker);
    while (!seen.some((args) => args.includes(channel(marker)))) await new Promise<void>((resolve) => (onSeen = resolve));
    return stream;
  }

  const subscribers = async (...ids: string[]) => {
    const counts = (await redis.call('PUBSUB', 'NUMSUB', ...ids.map(channel))) as (string | number)[];
    return counts.filter((_, i) => i % 2 === 1).map(Number);
  };

  it('unsubscribes the tasks that ended together in one UNSUBSCRIBE', async () => {
    const ids = ['a1', 'a2', 'a3', 'a4', 'a5'];
    const streams = await Promise.all(ids.map((id) => listener.listen(id)));
    expect(await subscribers(...ids)).toEqual([1, 1, 1, 1, 1]);

    for (const stream of streams) stream.close();
    const marker = await afterThisPass('a-marker');

    const unsubscribes = seen.filter(([command]) => /^s?unsubscribe$/i.test(command!));
    expect(unsubscribes.map((args) => args.slice(1).sort())).toEqual([ids.map(channel).sort()]);
    expect(await subscribers(...ids)).toEqual([0, 0, 0, 0, 0]);
    marker.close();
  });

  it('keeps the channel of a task listened to again in the same pass, and its events', async () => {
    const first = await listener.listen('b1');
    first.close();
    const second = await listener.listen('b1');
    const marker = await afterThisPass('b-marker');

    expect(await subscribers('b1')).toEqual([1]);
    await publish(redis, channel('b1'), JSON.stringify({ id: 'b1', seq: 1, state: 'STARTED' }));
    expect(await second.take()).toEqual({ id: 'b1', seq: 1, state: 'STARTED' });
    second.close();
    marker.close();
  });
});
