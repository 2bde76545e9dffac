import inspector from 'node:inspector';
import { resolveOptions, type ServiceOptions } from './options.ts';

/** A taskql worker in the caller's process. */
export interface TaskqlWorker {
  /** Connects to Redis and starts taking tasks from its queues. */
  start(): Promise<void>;
  /**
   * Stops taking tasks, lets running ones finish for SHUTDOWN_GRACE_MS, then hands the rest
   * back to their queue.
   */
  stop(): Promise<void>;
}

/** A worker that runs `options.tasks` (each with its handler) with CONCURRENCY, on QUEUES. */
export function createWorker(options: ServiceOptions = {}): TaskqlWorker {
  const { config, log, registry, redisUrl, redisClusterNodes, prefix } = resolveOptions(options);
  // Fails here, before any connection, when a type is a contract alone.
  const handlers = registry.withHandlers();
  let running: { stop(): Promise<void> } | undefined;
  return {
    async start() {
      if (running) return;
      // Loaded here, not at import: the package's root export stays light for task modules.
      const { startWorker } = await import('../worker/index.ts');
      const lockDurationMs = lockDuration(config, log);
      running = await startWorker({
        redisUrl,
        redisClusterNodes,
        prefix,
        registry: handlers,
        log,
        concurrency: config.CONCURRENCY,
        queues: config.QUEUES,
        shutdownGraceMs: config.SHUTDOWN_GRACE_MS,
        lockDurationMs,
        maxProgressDataBytes: config.MAX_PROGRESS_DATA_BYTES,
        stalledIntervalMs: config.STALLED_INTERVAL_MS,
      });
    },
    async stop() {
      const worker = running;
      running = undefined;
      await worker?.stop();
    },
  };
}

/**
 * The lock of running tasks: LOCK_DURATION_MS, or while Node's inspector is open (--inspect,
 * NODE_OPTIONS, or opened later) the longer INSPECT_LOCK_DURATION_MS, said in one line: a task
 * paused at a breakpoint renews no lock, and with 30 s it would be taken again as stalled.
 */
function lockDuration(config: ReturnType<typeof resolveOptions>['config'], log: ReturnType<typeof resolveOptions>['log']): number {
  if (inspector.url() === undefined || config.INSPECT_LOCK_DURATION_MS <= config.LOCK_DURATION_MS) return config.LOCK_DURATION_MS;
  const lockDurationMs = config.INSPECT_LOCK_DURATION_MS;
  log.info(
    { lockDurationMs },
    `inspector open: running tasks are locked for ${lockDurationMs / 1000} s instead of ${config.LOCK_DURATION_MS / 1000} s, so a task held at a breakpoint stays the same attempt (a worker killed meanwhile leaves its tasks that long; INSPECT_LOCK_DURATION_MS)`,
  );
  return lockDurationMs;
}
