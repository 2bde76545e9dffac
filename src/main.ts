import inspector from 'node:inspector';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, loadTokens } from './config.ts';
import { createLogger, type Logger } from './logger.ts';
import { hashTagged } from './queue/keys.ts';
import { NoRedisError, resolveRedis } from './redis/embedded.ts';
import { startApi } from './server/api.ts';
import { exampleTaskTypes, TaskRegistry } from './tasks/index.ts';
import { startWorker } from './worker/index.ts';

/**
 * `taskql [dev|api|worker] [--port N] [--host H] [--concurrency N] [--queues a,b]`
 * dev (the default) runs the API and a worker in one process.
 */
const MODES = ['dev', 'api', 'worker'] as const;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);
const REPEAT_MEANS_FORCE_AFTER_MS = 1000;
const SHUTDOWN_DEADLINE_MARGIN_MS = 10_000;
type Mode = (typeof MODES)[number];

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    // A bare --inspect means the default address.
    args: process.argv.slice(2).map((arg) => (arg === '--inspect' ? '--inspect=' : arg)),
    allowPositionals: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      concurrency: { type: 'string', short: 'c' },
      queues: { type: 'string', short: 'q' },
      inspect: { type: 'string' },
    },
  });
  const mode = (positionals[0] ?? 'dev') as Mode;
  if (!MODES.includes(mode)) throw new ConfigError(`Unknown mode "${mode}": use one of ${MODES.join(', ')}.`);
  const config = loadConfig({
    ...process.env,
    PORT: values.port ?? process.env.PORT,
    HOST: values.host ?? process.env.HOST,
    CONCURRENCY: values.concurrency ?? process.env.CONCURRENCY,
    QUEUES: values.queues ?? process.env.QUEUES,
  });
  const log = createLogger(config);
  const registry = new TaskRegistry(exampleTaskTypes(config));
  const tokens = loadTokens(config);
  if (values.inspect !== undefined) openInspector(values.inspect, log);

  const cluster = config.REDIS_CLUSTER_NODES;
  const redis = cluster
    ? { url: config.REDIS_URL ?? 'redis://localhost', stop: async () => {} }
    : await resolveRedis({ redisUrl: config.REDIS_URL, dataDir: config.TASKQL_DATA_DIR, allowEmbedded: mode === 'dev' }, log);
  const prefix = cluster ? hashTagged(config.TASKQL_PREFIX) : config.TASKQL_PREFIX;
  if (cluster) log.info({ nodes: cluster, prefix }, 'using the Redis Cluster');
  const common = { redisUrl: redis.url, redisClusterNodes: cluster, prefix, registry, log };
  const parts: { stop(): Promise<void> }[] = [];
  let stoppingSince: number | undefined;
  const shutdown = async (signal: string) => {
    if (stoppingSince !== undefined) {
      // One Ctrl-C reaches this process twice (from the terminal and relayed by npm/tsx);
      // only a later signal means "stop waiting".
      if (Date.now() - stoppingSince < REPEAT_MEANS_FORCE_AFTER_MS) return;
      log.warn(`${signal} again: exiting now`);
      process.exit(1);
    }
    stoppingSince = Date.now();
    log.info(`${signal}: shutting down`);
    // A shutdown that cannot finish (e.g. Redis is gone, so running tasks cannot be handed
    // back) must not hang forever.
    setTimeout(() => {
      log.error('shutdown did not finish in time: exiting');
      process.exit(1);
    }, config.SHUTDOWN_GRACE_MS + SHUTDOWN_DEADLINE_MARGIN_MS).unref();
    let code = 0;
    for (const stop of [...parts.reverse().map((part) => () => part.stop()), () => redis.stop()]) {
      try {
        await stop();
      } catch (error) {
        log.error({ err: error }, 'error while shutting down');
        code = 1;
      }
    }
    process.exit(code);
  };
  process.on('SIGINT', (signal) => void shutdown(signal));
  process.on('SIGTERM', (signal) => void shutdown(signal));

  try {
    if (mode !== 'worker') {
      let host = config.HOST;
      if (tokens.length === 0) {
        if (!LOOPBACK.has(host)) log.warn({ HOST: host }, 'no API tokens (TASKQL_TOKENS): listening on 127.0.0.1 only');
        else log.info('no API tokens (TASKQL_TOKENS): auth is off, listening on loopback only');
        if (!LOOPBACK.has(host)) host = '127.0.0.1';
      } else {
        log.info({ tokens: tokens.map((t) => `${t.name} (${t.scopes.join(', ')})`) }, 'auth is on');
      }
      const production = config.NODE_ENV === 'production';
      const api = await startApi({
        ...common,
        host,
        tokens,
        mode: {
          graphiql: config.GRAPHIQL ?? !production,
          introspection: config.INTROSPECTION ?? !production,
        },
        origins: { corsOrigins: config.CORS_ORIGINS, allowedHosts: config.ALLOWED_HOSTS },
        port: config.PORT,
        commandTimeoutMs: config.REDIS_COMMAND_TIMEOUT_MS,
        retentionSeconds: config.RETENTION_SECONDS,
        retentionCount: config.RETENTION_COUNT,
        limits: config,
      });
      parts.push(api);
    }
    if (mode !== 'api') parts.push(
        await startWorker({
          ...common,
          concurrency: config.CONCURRENCY,
          queues: config.QUEUES,
          shutdownGraceMs: config.SHUTDOWN_GRACE_MS,
          lockDurationMs: config.LOCK_DURATION_MS,
          maxProgressDataBytes: config.MAX_PROGRESS_DATA_BYTES,
          stalledIntervalMs: config.STALLED_INTERVAL_MS,
        }),
      );
  } catch (error) {
    for (const part of parts.reverse()) await part.stop();
    await redis.stop();
    throw error;
  }
}

/**
 * `--inspect[=[host:]port]`: Node's inspector (Chrome DevTools, VS Code) on 127.0.0.1:9229 by
 * default, so a breakpoint in a task handler pauses the task as it runs.
 */
function openInspector(spec: string, log: Logger): void {
  const match = /^(?:(.+):)?(\d+)?$/.exec(spec);
  if (!match) throw new ConfigError(`--inspect takes [host:]port, got "${spec}"`);
  const [, host = '127.0.0.1', port = '9229'] = match;
  inspector.open(Number(port), host);
  log.info({ url: inspector.url() }, 'inspector open: attach a debugger (chrome://inspect, or VS Code "Attach")');
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof NoRedisError) {
    console.error(`taskql: ${error.message}`);
  } else {
    console.error('taskql: failed to start:', error);
  }
  process.exit(1);
});
