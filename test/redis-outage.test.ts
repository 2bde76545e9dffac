import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import getPort from 'get-port';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedisServer, type RedisServer } from '../src/redis/embedded.ts';
import { GetTask, RunTask, TaskUpdated } from './support/documents.ts';
import { collect, Harness } from './support/taskql.ts';

describe('when Redis cannot be reached', () => {
  const dir = mkdtempSync(join(tmpdir(), 'taskql-outage-'));
  let port: number;
  let redis: RedisServer;
  let taskql: Harness;

  beforeAll(async () => {
    port = await getPort({ host: '127.0.0.1' });
    redis = await startRedisServer({ dir, port });
    taskql = await Harness.start({ worker: false, redisUrl: redis.url });
    await redis.stop();
  });
  afterAll(async () => {
    await taskql.stop();
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers runTask with SERVICE_UNAVAILABLE instead of hanging or faking success, and says nothing was queued', async () => {
    const result = await taskql.request(RunTask, { name: 'noop', input: {} });
    expect(result.data?.runTask ?? null).toBeNull();
    // Refused before anything was sent (no connection): a retry is safe.
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', outcome: 'NOT_QUEUED' });
    expect(result.errors?.[0]?.message).toMatch(/Redis.*nothing was queued/);
  });

  it('answers task(id) and taskUpdated with SERVICE_UNAVAILABLE too', async () => {
    const read = await taskql.request(GetTask, { id: 'any' });
    expect(read.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    const { errors } = await collect(taskql.wsClient(), TaskUpdated, { id: 'any' });
    expect(errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
  });

  it('reports the outage on /health with 503', async () => {
    const response = await fetch(new URL('/health', taskql.url));
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: 'unavailable', redis: 'down' });
  });

  it('works again once Redis is back, without a restart', async () => {
    redis = await startRedisServer({ dir, port });
    // Wait for the reconnect event, not a fixed time.
    const { redis: client } = taskql.api;
    if (client.status !== 'ready') await new Promise((resolve) => client.once('ready', resolve));
    const { runTask } = await taskql.data(RunTask, { name: 'noop', input: { back: true } });
    expect(runTask.state).toBe('PENDING');
  });
});
