import { countOf, quantileOf, addCounts } from '../queue/runtime-histogram.ts';
import { emptyFinished, TaskStats, type FinishedCounts } from '../queue/task-stats.ts';
import { BadUserInputError } from './errors.ts';
import type { Services } from './services.ts';

/** How far back a history reaches, and its default bucket width. */
export const HISTORY_WINDOWS = {
  HOUR: { minutes: 60, bucketMinutes: 1 },
  DAY: { minutes: 24 * 60, bucketMinutes: 5 },
} as const;
export type HistoryWindow = keyof typeof HISTORY_WINDOWS;

/** Finished tasks in one bucket of time. */
export interface HistoryBucket {
  /** The bucket's start. */
  at: Date;
  succeeded: number;
  failed: number;
  revoked: number;
  /** failed / (succeeded + failed); null without either. */
  failureRate: number | null;
  /** Runtimes of the tasks that finished in the bucket (from their histogram); null without any. */
  runtimeP50Ms: number | null;
  runtimeP95Ms: number | null;
  /** How many runtimes the percentiles are of. */
  runtimeSamples: number;
}

export interface StatsHistory {
  window: HistoryWindow;
  bucketMinutes: number;
  /** Oldest first; the last one is the bucket now under way. */
  buckets: HistoryBucket[];
}

/**
 * `stats.history`: finished tasks per bucket of time over the last hour or day, from the per-minute
 * counters the workers keep in Redis (exact counts; percentiles from runtime buckets at most 1.5
 * apart). Of one task type, or of all (but taskql's internal ones).
 */
export async function getHistory(
  services: Services,
  args: { window: HistoryWindow; name?: string | null; bucketMinutes?: number | null },
  now = Date.now(),
): Promise<StatsHistory> {
  const window = HISTORY_WINDOWS[args.window];
  const bucketMinutes = args.bucketMinutes ?? window.bucketMinutes;
  if (!Number.isInteger(bucketMinutes) || bucketMinutes < 1 || bucketMinutes > window.minutes) {
    throw new BadUserInputError(`bucketMinutes must be a whole number from 1 to ${window.minutes}`);
  }
  if (args.name && !services.registry.get(args.name)) throw new BadUserInputError(`Unknown task type "${args.name}"`);
  const counted = (name: string) => (args.name ? name === args.name : services.registry.get(name)?.internal !== true);

  // Buckets are aligned on multiples of their width; the first one starts a window ago or less.
  const last = Math.floor(TaskStats.minuteOf(now) / bucketMinutes) * bucketMinutes;
  const first = last - (Math.ceil(window.minutes / bucketMinutes) - 1) * bucketMinutes;
  const minutes = await services.store.stats.minutes(first, last + bucketMinutes - 1);
  const buckets: HistoryBucket[] = [];
  for (let start = first; start <= last; start += bucketMinutes) {
    const sum = emptyFinished();
    for (const { types } of minutes.slice(start - first, start - first + bucketMinutes)) {
      for (const [name, counts] of types) if (counted(name)) add(sum, counts);
    }
    buckets.push(bucketOf(new Date(start * 60_000), sum));
  }
  return { window: args.window, bucketMinutes, buckets };
}

function add(into: FinishedCounts, from: FinishedCounts): void {
  into.succeeded += from.succeeded;
  into.failed += from.failed;
  into.revoked += from.revoked;
  addCounts(into.runtime, from.runtime);
}

function bucketOf(at: Date, counts: FinishedCounts): HistoryBucket {
  const decided = counts.succeeded + counts.failed;
  return {
    at,
    succeeded: counts.succeeded,
    failed: counts.failed,
    revoked: counts.revoked,
    failureRate: decided > 0 ? counts.failed / decided : null,
    runtimeP50Ms: quantileOf(counts.runtime, 0.5),
    runtimeP95Ms: quantileOf(counts.runtime, 0.95),
    runtimeSamples: countOf(counts.runtime),
  };
}
