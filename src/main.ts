import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { NoRedisError, resolveRedis } from './redis/embedded.ts';
import { startApi } from './server/api.ts';
import { TaskRegistry, taskTypes } from './tasks/index.ts';
import { startWorker } from './worker/index.ts';

/**
 * `taskql [dev|api|worker] [--port N] [--host H] [--concurrency N]`
 * dev (the default) runs the API and a worker in one process.
 */
const MODES = ['dev', 'api', 'worker'] as const;
type Mode = (typeof MODES)[number];

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { port: { type: 'string' }, host: { type: 'string' }, concurrency: { type: 'string', short: 'c' } },
  });
  const mode = (positionals[0] ?? 'dev') as Mode;
  if (!MODES.includes(mode)) throw new ConfigError(`Unknown mode "${mode}": use one of ${MODES.join(', ')}.`);
  const config = loadConfig({
    ...process.env,
    PORT: values.port ?? process.env.PORT,
    HOST: values.host ?? process.env.HOST,
    CONCURRENCY: values.concurrency ?? process.env.CONCURRENCY,
  });
  const log = createLogger(config);
  const registry = new TaskRegistry(taskTypes);

  const redis = await resolveRedis(
    { redisUrl: config.REDIS_URL, dataDir: config.TASKQL_DATA_DIR, allowEmbedded: mode === 'dev' },
    log,
  );
  const common = { redisUrl: redis.url, prefix: config.TASKQL_PREFIX, registry, log };
  const parts: { stop(): Promise<void> }[] = [];
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) {
      log.warn(`${signal} again: exiting now`);
      process.exit(1);
    }
    stopping = true;
    log.info(`${signal}: shutting down`);
    for (const part of parts.reverse()) await part.stop();
    await redis.stop();
    process.exit(0);
  };
  process.on('SIGINT', (signal) => void shutdown(signal));
  process.on('SIGTERM', (signal) => void shutdown(signal));

  try {
    if (mode !== 'worker') {
      const api = await startApi({
        ...common,
        host: config.HOST,
        port: config.PORT,
        commandTimeoutMs: config.REDIS_COMMAND_TIMEOUT_MS,
      });
      parts.push(api);
    }
    if (mode !== 'api') parts.push(
        await startWorker({ ...common, concurrency: config.CONCURRENCY, shutdownGraceMs: config.SHUTDOWN_GRACE_MS }),
      );
  } catch (error) {
    for (const part of parts.reverse()) await part.stop();
    await redis.stop();
    throw error;
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof NoRedisError) {
    console.error(`taskql: ${error.message}`);
  } else {
    console.error('taskql: failed to start:', error);
  }
  process.exit(1);
});
