/**
 * Redis keys taskql keeps beside BullMQ's own, each named here and nowhere else (its fields in
 * BullMQ's job hashes, and the sizes its Lua scripts keep, are named in redis/fields.ts).
 */

/**
 * The prefix in a Redis Cluster hash tag (`{taskql}`), unless it has one: every key then lives
 * in one slot, as BullMQ's and taskql's Lua scripts (which touch several keys) need.
 */
export const hashTagged = (prefix: string): string => (/\{[^}]+\}/.test(prefix) ? prefix : `{${prefix}}`);

export const minuteOf = (ms: number): number => Math.floor(ms / 60_000);

export const taskqlKeys = (prefix: string) => ({
  /** hash: schedule id → id of the last task a worker started for it */
  scheduleLastTask: `${prefix}:schedule-last-task`,
  /**
   * hash per minute (epoch minutes): `<type>:succeeded|failed|revoked` → count of tasks that
   * reached that final state, `<type>:rt:<le>` → count of their runtimes in that bucket (see
   * runtime-histogram.ts); expires after STATS_MINUTE_TTL_SECONDS (redis/fields.ts)
   */
  statsMinute: (minute: number) => `${prefix}:stats:${minute}`,
  /** hash: the same fields as a minute's, since the deployment began, and `<type>:rtms` → sum of runtimes (ms) */
  statsTotal: `${prefix}:stats:total`,
  /** list: the latest RUNTIME_SAMPLES (redis/fields.ts) runtimes (ms) of a task type, newest first */
  runtimes: (type: string) => `${prefix}:runtimes:${type}`,
  /**
   * hash: task id → `{ name, queue }` (JSON) of a task a worker handed back because it does not
   * know its type (see worker/hand-back.ts); removed when a worker starts the task, or it is revoked
   */
  awaitingWorker: `${prefix}:awaiting-worker`,
  /**
   * string: set by an API process that marks the tasks its subscribers read as watched (READ_TASK);
   * until one has, workers publish every event (an older API's subscribers would wait for events
   * nobody sent). See FINISH_UNWATCHED.
   */
  watchMarks: `${prefix}:watch-marks`,
  /**
   * sorted set: API process → when its word that the live feed is watched ends (ms, Redis's
   * clock); the key expires with the latest word (see pubsub/feed-watch.ts)
   */
  feedWatched: `${prefix}:feed-watched`,
  /** hash: worker id → its latest heartbeat (JSON) */
  workers: `${prefix}:workers`,
  /** sorted set: task id by creation time (ms), for task lists; and one per task type */
  tasksByCreation: `${prefix}:tasks-by-creation`,
  tasksOfTypeByCreation: (type: string) => `${prefix}:tasks-by-creation:${type}`,
  /** sorted set: finished task id by its last attempt's runtime (ms), for lists by duration; trimmed with tasksByCreation */
  tasksByRuntime: `${prefix}:tasks-by-runtime`,
  /** sorted set: ids of an owner's running tasks by lease end (ms), for its maxRunning limit; expires OWNER_RUNNING_TTL_MS after the latest */
  ownerRunning: (owner: string) => `${prefix}:owner-running:${owner}`,
  /** counter: tasks an owner submitted in one minute (epoch minutes), for maxSubmitPerMinute; expires */
  ownerSubmits: (owner: string, minute: number) => `${prefix}:owner-submits:${owner}:${minute}`,
  /** list: a task's state changes (JSON entries, see TaskTimeline), oldest first; trimmed, expires */
  timeline: (id: string) => `${prefix}:timeline:${id}`,
  /** sorted set: workflow id by creation time (ms), for the workflows list */
  workflowsByCreation: `${prefix}:workflows-by-creation`,
  /** hash: a workflow's kind, steps, root task, creation time, cancelled mark */
  workflow: (id: string) => `${prefix}:workflow:${id}`,
});
