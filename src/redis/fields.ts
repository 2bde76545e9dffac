/**
 * taskql's fields in BullMQ's job hashes and the sizes of what its Lua scripts keep, each named
 * here and nowhere else: the scripts (scripts.ts) splice them into their source, and the stores
 * and the worker read and write the same names. (Key names are in queue/keys.ts; the scripts
 * get keys as KEYS.)
 */

/** taskql's fields in a BullMQ job hash (BullMQ ignores them). */
export const TASKQL_FIELDS = {
  seq: 'tqSeq',
  errorName: 'tqErrorName',
  revoked: 'tqRevoked',
  cancelRequested: 'tqCancel',
  worker: 'tqWorker',
  deferred: 'tqDeferred',
  handBacks: 'tqHandBacks',
  /** set by a subscriber's snapshot read: this task's events are watched (see FINISH_UNWATCHED in scripts.ts) */
  watched: 'tqWatched',
} as const;

/** A minute's stats hash (`statsMinute`) lives this long: stats.history reads the last day (and an hour to spare). */
export const STATS_MINUTE_TTL_SECONDS = 25 * 3600;

/** Runtime samples kept per task type (`runtimes`), the newest. */
export const RUNTIME_SAMPLES = 1000;

/** An owner's running set (`ownerRunning`) is dropped this long after its latest lease ends (owners gone quiet). */
export const OWNER_RUNNING_TTL_MS = 86_400_000;


/** Index entries trimmed per call at most (see ANNOUNCE_TASK): a call stays short; a process behind trims again soon. */
export const INDEX_TRIM_BATCH = 1000;
