/** What workers say of themselves (heartbeats), as the worker writes it and the API reads it. */

/** What a worker process says of itself in each heartbeat. */
export interface WorkerInfo {
  id: string;
  hostname: string;
  pid: number;
  queues: string[];
  /** The task types it runs (absent from workers older than this field: they run none of the newer ones). */
  taskTypes?: string[];
  concurrency: number;
  active: number;
  processed: number;
  failed: number;
  startedAt: number;
  lastSeenAt: number;
}

/**
 * How often a worker says it is alive. A worker silent for 3 beats is shown offline; after
 * 60 beats (10 minutes) it is dropped from the list.
 * @defaultValue 10000
 */
export const HEARTBEAT_MS = 10_000;

/** A worker is offline after 3 missed heartbeats, and forgotten after 60 (10 minutes). */
export const OFFLINE_AFTER_MS = 3 * HEARTBEAT_MS;
export const FORGET_AFTER_MS = 60 * HEARTBEAT_MS;
