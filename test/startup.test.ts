import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import getPort from 'get-port';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startRedisServer, type RedisServer } from '../src/redis/embedded.ts';
import { RunTask } from './support/documents.ts';
import { TaskqlProcess } from './support/process.ts';
import { Harness, TestClient, uniquePrefix } from './support/taskql.ts';

describe('start-up', () => {
  const dir = mkdtempSync(join(tmpdir(), 'taskql-startup-'));
  const servers: RedisServer[] = [];
  afterAll(async () => {
    for (const server of servers) await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('waits for an unreachable Redis, saying so, instead of crashing; then serves', async () => {
    const port = await getPort({ host: '127.0.0.1' });
    const api = TaskqlProcess.spawn('api', { REDIS_URL: `redis://127.0.0.1:${port}`, TASKQL_PREFIX: uniquePrefix(), PORT: '0' });
    try {
      const waiting = await api.waitForLog('waiting for Redis to answer');
      expect(waiting.redis).toBe(`redis://127.0.0.1:${port}`);
      expect(api.ended).toBe(false);
      servers.push(await startRedisServer({ dir: join(dir, 'late'), port }));
      const client = new TestClient(String((await api.waitForLog('API listening')).url));
      expect((await client.data(RunTask, { name: 'noop' })).runTask.state).toBe('PENDING');
    } finally {
      await api.stop('SIGKILL');
    }
  });

  it('warns loudly when Redis may evict keys (maxmemory-policy other than noeviction)', async () => {
    const redis = await startRedisServer({ dir: join(dir, 'lru') });
    servers.push(redis);
    const admin = new Redis(redis.url);
    await admin.config('SET', 'maxmemory-policy', 'allkeys-lru');
    admin.disconnect();
    const worker = TaskqlProcess.spawn('worker', { REDIS_URL: redis.url, TASKQL_PREFIX: uniquePrefix() });
    try {
      const warning = await worker.waitForLog('maxmemory-policy is "allkeys-lru"');
      expect(warning.level).toBe(40);
      expect(warning.msg).toContain('Set it to noeviction');
    } finally {
      await worker.stop('SIGKILL');
    }
  });
});

describe('the first minutes', () => {
  let taskql: Harness;
  beforeAll(async () => {
    taskql = await Harness.start({ worker: false });
  });
  afterAll(() => taskql.stop());

  it('prints the dashboard URL beside GraphiQL\'s', async () => {
    const api = TaskqlProcess.spawn('api', { ...taskql.env, PORT: '0' });
    try {
      const listening = await api.waitForLog('API listening');
      const url = String(listening.url);
      expect(listening.dashboard).toBe(url.replace(/graphql$/, ''));
      expect(listening.msg).toBe(`API listening: dashboard at ${String(listening.dashboard)}, GraphiQL at ${url}`);
    } finally {
      await api.stop();
    }
  });

  it('says in one line that the port is in use, and exits 1', async () => {
    // The port another process holds: the harness's API.
    const port = new URL(taskql.url).port;
    for (const [args, env] of [[['--port', port], {}], [[], { PORT: port }]] as const) {
      const api = TaskqlProcess.spawn('api', { ...taskql.env, ...env }, [...args]);
      expect(await api.exited()).toBe(1);
      expect(api.stderr).toEqual([`taskql: port ${port} is in use: set PORT or --port`]);
    }
  });
});

describe('API shutdown', () => {
  it('closes WebSockets with 1001 (going away) so clients reconnect elsewhere', async () => {
    const taskql = await Harness.start({ worker: false });
    const socket = new WebSocket(taskql.wsUrl, 'graphql-transport-ws');
    await once(socket, 'open');
    socket.send(JSON.stringify({ type: 'connection_init' }));
    await once(socket, 'message');
    const closed = once(socket, 'close');
    await taskql.stop();
    const [code] = (await closed) as [number];
    expect(code).toBe(1001);
  });
});
