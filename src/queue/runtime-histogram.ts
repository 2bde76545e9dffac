/**
 * Task runtimes counted in fixed buckets (upper bounds in ms), as the worker records them in
 * Redis with each final state: per minute (for history and its percentiles) and since the
 * deployment began (for /metrics). 1, 1.5, 2, 3, 4, 5, 6 and 8 of each power of ten, from 1 ms
 * to 10 minutes: adjacent bounds are at most 1.5 apart, so a percentile read from the buckets
 * is within that of the true one, and the Prometheus buckets are among them.
 */
export const RUNTIME_BOUNDS_MS: readonly number[] = [1, 10, 100, 1000, 10_000, 100_000]
  .flatMap((decade) => [1, 1.5, 2, 3, 4, 5, 6, 8].map((step) => step * decade))
  .concat([1_000_000]);

/** The bounds /metrics shows for taskql_task_runtime_seconds (each one of RUNTIME_BOUNDS_MS). */
export const PROMETHEUS_BOUNDS_MS: readonly number[] = [5, 10, 50, 100, 500, 1000, 5000, 10_000, 30_000, 60_000, 300_000];

/** The bucket name of runtimes above the last bound. */
const OVER = 'inf';

/** The bucket a runtime falls in: its upper bound as text (`le`), or `inf`. */
export function runtimeBucket(ms: number): string {
  const bound = RUNTIME_BOUNDS_MS.find((le) => ms <= le);
  return bound === undefined ? OVER : String(bound);
}

/** Counts per bucket (`le` text → count), as stored. */
export type RuntimeCounts = Map<string, number>;

/** Adds `from`'s counts into `into`. */
export function addCounts(into: RuntimeCounts, from: RuntimeCounts): RuntimeCounts {
  for (const [bucket, count] of from) into.set(bucket, (into.get(bucket) ?? 0) + count);
  return into;
}

export const countOf = (counts: RuntimeCounts): number => [...counts.values()].reduce((sum, n) => sum + n, 0);

/** How many runtimes were at most `boundMs` (a bound of RUNTIME_BOUNDS_MS). */
export const countUpTo = (counts: RuntimeCounts, boundMs: number): number =>
  RUNTIME_BOUNDS_MS.filter((le) => le <= boundMs).reduce((sum, le) => sum + (counts.get(String(le)) ?? 0), 0);

/**
 * The q-quantile (0..1) of the counted runtimes, in ms, interpolated linearly inside its bucket
 * (as Prometheus's histogram_quantile does); the last bound when it lies above it; null when
 * nothing was counted.
 */
export function quantileOf(counts: RuntimeCounts, q: number): number | null {
  const total = countOf(counts);
  if (total === 0) return null;
  const rank = q * total;
  let below = 0;
  let lower = 0;
  for (const le of RUNTIME_BOUNDS_MS) {
    const inBucket = counts.get(String(le)) ?? 0;
    if (inBucket > 0 && below + inBucket >= rank) return lower + ((le - lower) * (rank - below)) / inBucket;
    below += inBucket;
    lower = le;
  }
  return RUNTIME_BOUNDS_MS.at(-1)!;
}
