import type { RedisClient } from '../redis/connections.ts';
import { minuteOf, taskqlKeys } from './keys.ts';
import { runtimeBucket, type RuntimeCounts } from './runtime-histogram.ts';
import type { TaskState } from './task-record.ts';

/** The final states that are counted, by the word their counter fields carry. */
export const OUTCOMES = { SUCCESS: 'succeeded', FAILURE: 'failed', REVOKED: 'revoked' } as const satisfies Partial<Record<TaskState, string>>;
export type Outcome = (typeof OUTCOMES)[keyof typeof OUTCOMES];

/** What `TaskStats.recent` reads. */
export interface RecentStats {
  /** Per minute, newest first: `<type>:succeeded|failed|revoked` → tasks that ended so in that minute. */
  minutes: Record<string, number>[];
  /** Per type asked for, in that order: its latest runtimes (ms), newest first. */
  runtimes: number[][];
}

/** Finished tasks of one type in some span: counts by outcome, and their runtimes by bucket. */
export interface FinishedCounts {
  succeeded: number;
  failed: number;
  revoked: number;
  runtime: RuntimeCounts;
  /** Sum of the counted runtimes, in ms (kept in the totals only; 0 in minutes). */
  runtimeSumMs: number;
}

export const emptyFinished = (): FinishedCounts => ({ succeeded: 0, failed: 0, revoked: 0, runtime: new Map(), runtimeSumMs: 0 });

/**
 * The counter fields a final state bumps, in this minute's hash and in the totals, written by
 * the same Lua call that records the state (tqPublishTaskEvents): no round trip of its own.
 * Without a runtime (a task revoked before it started), only the outcome is counted.
 */
export function finishedFields(name: string, state: TaskState, runtimeMs: number | undefined) {
  const outcome = (OUTCOMES as Partial<Record<TaskState, Outcome>>)[state];
  if (!outcome) return undefined;
  return {
    outcome: `${name}:${outcome}`,
    runtime: runtimeMs === undefined ? undefined : { bucket: `${name}:rt:${runtimeBucket(runtimeMs)}`, sum: `${name}:rtms` },
  };
}

/** Folds one stats hash (`<type>:<what>` → count) into per-type counts. */
function parse(hash: Record<string, string>, into = new Map<string, FinishedCounts>()): Map<string, FinishedCounts> {
  for (const [field, value] of Object.entries(hash)) {
    const colon = field.indexOf(':');
    const name = field.slice(0, colon);
    const what = field.slice(colon + 1);
    let counts = into.get(name);
    if (!counts) into.set(name, (counts = emptyFinished()));
    const n = Number(value);
    if (what === 'succeeded' || what === 'failed' || what === 'revoked') counts[what] += n;
    else if (what === 'rtms') counts.runtimeSumMs += n;
    else if (what.startsWith('rt:')) counts.runtime.set(what.slice(3), (counts.runtime.get(what.slice(3)) ?? 0) + n);
  }
  return into;
}

/**
 * The counts, runtime buckets and runtime samples workers (and cancelTask) keep in Redis as tasks
 * end (per minute for a day, and in total), read for `stats`, `stats.history` and /metrics:
 * every API process reads the same exact figures, without listening to any task event.
 */
export class TaskStats {
  readonly #keys;

  constructor(
    private readonly redis: RedisClient,
    prefix: string,
  ) {
    this.#keys = taskqlKeys(prefix);
  }

  /** The last `minutes` minutes' counts and the runtime samples of `types`, in one pipeline. */
  async recent(types: readonly string[], minutes: number, now = Date.now()): Promise<RecentStats> {
    const minute = minuteOf(now);
    const pipeline = this.redis.pipeline();
    for (let m = 0; m < minutes; m++) pipeline.hgetall(this.#keys.statsMinute(minute - m));
    for (const type of types) pipeline.lrange(this.#keys.runtimes(type), 0, -1);
    const replies = ((await pipeline.exec()) ?? []).map(([error, value]) => {
      if (error) throw error;
      return value;
    });
    const counts = replies.slice(0, minutes) as Record<string, string>[];
    return {
      minutes: counts.map((bucket) => Object.fromEntries(Object.entries(bucket).map(([field, count]) => [field, Number(count)]))),
      runtimes: (replies.slice(minutes) as string[][]).map((samples) => samples.map(Number)),
    };
  }

  /** Since the deployment began, by task type. */
  async totals(): Promise<Map<string, FinishedCounts>> {
    return parse(await this.redis.hgetall(this.#keys.statsTotal));
  }

  /**
   * Per minute from `fromMinute` to `toMinute` (epoch minutes, both included), oldest first,
   * by task type; minutes older than a day and an hour are gone (empty). One round trip.
   */
  async minutes(fromMinute: number, toMinute: number): Promise<{ minute: number; types: Map<string, FinishedCounts> }[]> {
    const pipeline = this.redis.pipeline();
    for (let minute = fromMinute; minute <= toMinute; minute++) pipeline.hgetall(this.#keys.statsMinute(minute));
    const replies = (await pipeline.exec()) ?? [];
    return replies.map(([error, hash], i) => {
      if (error) throw error;
      return { minute: fromMinute + i, types: parse(hash as Record<string, string>) };
    });
  }

  /** This minute (epoch minutes) at `ms`. */
  static minuteOf(ms: number): number {
    return minuteOf(ms);
  }
}
