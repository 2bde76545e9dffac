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
      running = await startWorker({
        redisUrl,
        redisClusterNodes,
        prefix,
        registry: handlers,
        log,
        concurrency: config.CONCURRENCY,
        queues: config.QUEUES,
        shutdownGraceMs: config.SHUTDOWN_GRACE_MS,
        lockDurationMs: config.LOCK_DURATION_MS,
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
