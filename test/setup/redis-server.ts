import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { startRedisServer } from '../../src/redis/embedded.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

/** Starts this run's own redis-server (never a Redis the run did not start). */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'taskql-test-redis-'));
  const server = await startRedisServer({ dir });
  project.provide('redisUrl', server.url);
  return async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
