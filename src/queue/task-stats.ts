import type { RedisClient } from '../redis/connections.ts';
import { minuteOf, taskqlKeys } from './keys.ts';

/** What `TaskStats.recent` reads. */
export interface RecentStats {
  /** Per minute, newest first: `<type>:succeeded|failed|revoked` → tasks that ended so in that minute. */
  minutes: Record<string, number>[];
  /** Per type asked for, in that order: its latest runtimes (ms), newest first. */
  runtimes: number[][];
}

/** The counts and runtime samples workers (and cancelTask) keep as tasks end, read for `stats`. */
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
}
