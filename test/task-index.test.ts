import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { taskqlKeys } from '../src/queue/keys.ts';
import { TaskIndex } from '../src/queue/task-index.ts';
import { closeRedis, type RedisClient } from '../src/redis/connections.ts';
import { INDEX_TRIM_BATCH } from '../src/redis/fields.ts';
import { testRedis, uniquePrefix } from './support/taskql.ts';

describe('the task index past its retention', () => {
  let redis: RedisClient;
  const prefix = uniquePrefix();
  const keys = taskqlKeys(prefix);
  const old = INDEX_TRIM_BATCH * 2 + 500;
  beforeAll(async () => {
    redis = await testRedis();
    // Tasks listed a day ago that have finished: in the creation and the runtime indexes.
    const dayAgo = Date.now() - 86_400_000;
    const pipeline = redis.pipeline();
    for (let i = 0; i < old; i++) {
      pipeline.zadd(keys.tasksByCreation, dayAgo + i, `old-${i}`);
      pipeline.zadd(keys.tasksByRuntime, i, `old-${i}`);
    }
    await pipeline.exec();
  });
  afterAll(() => closeRedis(redis));

  it('trims the creation and runtime indexes together, a batch per new task until none is old', async () => {
    const index = new TaskIndex(redis, prefix, 3600);
    const add = (n: number) => index.add({ id: `new-${n}`, name: 'noop', createdAt: Date.now() });
    await add(1);
    // One batch per call: a call stays short however far behind the trim is.
    expect(await redis.zcard(keys.tasksByCreation)).toBe(old - INDEX_TRIM_BATCH + 1);
    expect(await redis.zcard(keys.tasksByRuntime)).toBe(old - INDEX_TRIM_BATCH);
    // Behind: the next tasks trim again at once, not a minute later.
    await add(2);
    await add(3);
    await add(4);
    expect(await redis.zrange(keys.tasksByCreation, 0, -1)).toEqual(['new-1', 'new-2', 'new-3', 'new-4']);
    expect(await redis.zcard(keys.tasksByRuntime)).toBe(0);
  });
});
