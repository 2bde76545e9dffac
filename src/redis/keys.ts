/**
 * Redis keys taskql keeps beside BullMQ's own, its fields in BullMQ's job hashes, and the sizes
 * of what it keeps: each named here and nowhere else (the Lua scripts in scripts.ts get them
 * from here too).
 */

/**
 * The prefix in a Redis Cluster hash tag (`{taskql}`), unless it has one: every key then lives
 * in one slot, as BullMQ's and taskql's Lua scripts (which touch several keys) need.
 */
export const hashTagged = (prefix: string): string => (/\{[^}]+\}/.test(prefix) ? prefix : `{${prefix}}`);

/** taskql's fields in a BullMQ job hash (BullMQ ignores them). */
export const TASKQL_FIELDS = {
  seq: 'tqSeq',
  errorName: 'tqErrorName',
  revoked: 'tqRevoked',
  cancelRequested: 'tqCancel',
  worker: 'tqWorker',
  deferred: 'tqDeferred',
  handBacks: 'tqHandBacks',
} as const;

/** A minute's stats hash (`statsMinute`) lives this long: stats read the last 15 minutes. */
export const STATS_MINUTE_TTL_SECONDS = 20 * 60;

/** Runtime samples kept per task type (`runtimes`), the newest. */
export const RUNTIME_SAMPLES = 1000;

/** An owner's running set (`ownerRunning`) is dropped this long after its latest lease ends (owners gone quiet). */
export const OWNER_RUNNING_TTL_MS = 86_400_000;

export const minuteOf = (ms: number): number => Math.floor(ms / 60_000);

export const taskqlKeys = (prefix: string) => ({
  /** hash: schedule id → id of the last task a worker started for it */
  scheduleLastTask: `${prefix}:schedule-last-task`,
  /** hash per minute (epoch minutes): `<type>:succeeded|failed|revoked` → count; expires after STATS_MINUTE_TTL_SECONDS */
  statsMinute: (minute: number) => `${prefix}:stats:${minute}`,
  /** list: the latest RUNTIME_SAMPLES runtimes (ms) of a task type, newest first */
  runtimes: (type: string) => `${prefix}:runtimes:${type}`,
  /**
   * hash: task id → `{ name, queue }` (JSON) of a task a worker handed back because it does not
   * know its type (see worker/hand-back.ts); removed when a worker starts the task, or it is revoked
   */
  awaitingWorker: `${prefix}:awaiting-worker`,
  /** hash: worker id → its latest heartbeat (JSON) */
  workers: `${prefix}:workers`,
  /** sorted set: task id by creation time (ms), for task lists; and one per task type */
  tasksByCreation: `${prefix}:tasks-by-creation`,
  tasksOfTypeByCreation: (type: string) => `${prefix}:tasks-by-creation:${type}`,
  /** sorted set: ids of an owner's running tasks by lease end (ms), for its maxRunning limit */
  ownerRunning: (owner: string) => `${prefix}:owner-running:${owner}`,
  /** counter: tasks an owner submitted in one minute (epoch minutes), for maxSubmitPerMinute; expires */
  ownerSubmits: (owner: string, minute: number) => `${prefix}:owner-submits:${owner}:${minute}`,
  /** hash: a workflow's kind, steps, root task, creation time, cancelled mark */
  workflow: (id: string) => `${prefix}:workflow:${id}`,
});
