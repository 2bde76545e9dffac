import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import getPort from 'get-port';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { NoRedisError, resolveRedis } from '../src/redis/embedded.ts';
import { log } from './support/taskql.ts';

describe("npm start's Redis: REDIS_URL, else 127.0.0.1:6379, else a private redis-server", () => {
  const dir = mkdtempSync(join(tmpdir(), 'taskql-embedded-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // A port nothing listens on stands in for "no Redis on 127.0.0.1:6379".
  const nowhere = async () => ({ host: '127.0.0.1', port: await getPort({ host: '127.0.0.1' }) });

  it('uses REDIS_URL when it is set', async () => {
    const redis = await resolveRedis({ redisUrl: 'redis://example:1', dataDir: dir, allowEmbedded: true }, log);
    expect(redis.url).toBe('redis://example:1');
  });

  it('uses a Redis that answers on the local address', async () => {
    const { port } = new URL(inject('redisUrl'));
    const redis = await resolveRedis({ dataDir: dir, allowEmbedded: true, local: { host: '127.0.0.1', port: Number(port) } }, log);
    expect(redis.url).toBe(`redis://127.0.0.1:${port}`);
  });

  it('starts a private redis-server with its data (AOF) under the data dir, and stops it', async () => {
    const dataDir = join(dir, '.taskql');
    const redis = await resolveRedis({ dataDir, allowEmbedded: true, local: await nowhere() }, log);
    const client = new Redis(redis.url);
    try {
      expect(await client.ping()).toBe('PONG');
      expect(await client.config('GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'noeviction']);
      expect(await client.config('GET', 'appendonly')).toEqual(['appendonly', 'yes']);
      expect(existsSync(dataDir)).toBe(true);
    } finally {
      client.disconnect();
      await redis.stop();
    }
    const after = new Redis(redis.url, { retryStrategy: () => null, maxRetriesPerRequest: 0 });
    after.on('error', () => {});
    await expect(after.ping()).rejects.toThrow();
    after.disconnect();
  });

  it("keeps the private redis-server out of the terminal's Ctrl-C, so it outlives the worker's grace period", async () => {
    const redis = await resolveRedis({ dataDir: join(dir, 'group'), allowEmbedded: true, local: await nowhere() }, log);
    try {
      const processGroup = (pid: number | string) => readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[2];
      expect(redis.pid).toBeDefined();
      expect(processGroup(redis.pid!)).not.toBe(processGroup('self'));
    } finally {
      await redis.stop();
    }
  });

  it('says in one line how to get Redis when there is no redis-server either', async () => {
    const attempt = resolveRedis(
      { dataDir: dir, allowEmbedded: true, local: await nowhere(), command: 'redis-server-not-installed' },
      log,
    );
    await expect(attempt).rejects.toThrow(NoRedisError);
    await expect(attempt).rejects.toThrow(/^No Redis found: set REDIS_URL, .*apt-get install redis-server/);
  });

  it('does not start a private Redis for a separate api or worker process', async () => {
    await expect(resolveRedis({ dataDir: dir, allowEmbedded: false, local: await nowhere() }, log)).rejects.toThrow(
      /set REDIS_URL/,
    );
  });
});
