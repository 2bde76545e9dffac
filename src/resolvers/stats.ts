import type { TaskState } from '../queue/task-record.ts';
import type { Services } from './services.ts';

export interface Windows {
  last1m: number;
  last5m: number;
  last15m: number;
}

export interface Runtime {
  p50: number;
  p95: number;
  max: number;
  samples: number;
}

/** Tasks now waiting or running, by state. */
export interface LiveCounts {
  pending: number;
  scheduled: number;
  started: number;
  retry: number;
  /** Of pending and retry: tasks whose type no running worker knows on their queue (Task.waitingFor). */
  awaitingWorker: number;
}

export interface TypeStats {
  name: string;
  live: LiveCounts;
  succeeded: Windows;
  failed: Windows;
  revoked: Windows;
  /** failed / (succeeded + failed) over the last 15 minutes; null without finished tasks. */
  failureRate: number | null;
  runtimeMs: Runtime | null;
}

export interface QueueStats {
  name: string;
  paused: boolean;
  live: LiveCounts;
  /** Finished tasks retained: SUCCESS, and FAILURE or REVOKED. */
  completed: number;
  failed: number;
  /** Tasks waiting for a worker (PENDING and due RETRY). */
  depth: number;
  /** How long the next task to run has waited, in ms (the oldest, when priorities are equal). */
  oldestWaitingMs: number | null;
}

export interface Stats {
  total: TypeStats;
  types: TypeStats[];
  queues: QueueStats[];
}

const emptyLive = (): LiveCounts => ({ pending: 0, scheduled: 0, started: 0, retry: 0, awaitingWorker: 0 });
const LIVE: Partial<Record<TaskState, keyof LiveCounts>> = { PENDING: 'pending', SCHEDULED: 'scheduled', STARTED: 'started', RETRY: 'retry' };

/**
 * `stats`: live tasks counted exactly from BullMQ's own lists (the working set), finished ones
 * from per-minute counts the worker keeps as tasks end, runtimes from the latest samples kept per type.
 */
export async function getStats(services: Services, now = Date.now()): Promise<Stats> {
  const { store, registry } = services;
  const names = registry.list().map((type) => type.name);
  const recent = await store.stats.recent(names, 15, now);

  const runtimesOf = new Map(names.map((name, i) => [name, recent.runtimes[i]!]));
  const liveByType = new Map(names.map((name) => [name, emptyLive()]));
  const knows = await services.fleet.knower(now);
  const queues = await Promise.all(store.queueNames().map((queue) => queueStats(services, queue, liveByType, knows, now)));

  const windows = (field: string): Windows => {
    const sum = (count: number) => recent.minutes.slice(0, count).reduce((total, minute) => total + (minute[field] ?? 0), 0);
    return { last1m: sum(1), last5m: sum(5), last15m: sum(15) };
  };
  const types = names
    .filter((name) => !registry.get(name)?.internal)
    .map((name) => typeStats(name, liveByType.get(name)!, windows(`${name}:succeeded`), windows(`${name}:failed`), windows(`${name}:revoked`), runtimesOf.get(name)!));
  const add = (a: Windows, b: Windows): Windows => ({ last1m: a.last1m + b.last1m, last5m: a.last5m + b.last5m, last15m: a.last15m + b.last15m });
  const zero: Windows = { last1m: 0, last5m: 0, last15m: 0 };
  const total = typeStats(
    'total',
    types.reduce(
      (live, type) => ({
        pending: live.pending + type.live.pending,
        scheduled: live.scheduled + type.live.scheduled,
        started: live.started + type.live.started,
        retry: live.retry + type.live.retry,
        awaitingWorker: live.awaitingWorker + type.live.awaitingWorker,
      }),
      emptyLive(),
    ),
    types.reduce((sum, type) => add(sum, type.succeeded), zero),
    types.reduce((sum, type) => add(sum, type.failed), zero),
    types.reduce((sum, type) => add(sum, type.revoked), zero),
    recent.runtimes.flat(),
  );
  return { total, types, queues };
}

function typeStats(name: string, live: LiveCounts, succeeded: Windows, failed: Windows, revoked: Windows, samples: number[]): TypeStats {
  const finished = succeeded.last15m + failed.last15m;
  return {
    name,
    live,
    succeeded,
    failed,
    revoked,
    failureRate: finished > 0 ? failed.last15m / finished : null,
    runtimeMs: runtimeOf(samples),
  };
}

function runtimeOf(samples: number[]): Runtime | null {
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return { p50: at(0.5), p95: at(0.95), max: sorted.at(-1)!, samples: sorted.length };
}

/** One queue's live tasks, counted per type as well. */
async function queueStats(
  services: Services,
  name: string,
  liveByType: Map<string, LiveCounts>,
  knows: (queue: string, type: string) => boolean,
  now: number,
): Promise<QueueStats> {
  const queue = await services.store.liveTasks(name);
  const live = emptyLive();
  for (const { name: type, state } of queue.tasks) {
    const counter = LIVE[state]!;
    const awaiting = (state === 'PENDING' || state === 'RETRY') && !knows(name, type ?? '');
    live[counter]++;
    if (awaiting) live.awaitingWorker++;
    const perType = type ? liveByType.get(type) : undefined;
    if (perType) perType[counter]++;
    if (perType && awaiting) perType.awaitingWorker++;
  }
  return {
    name,
    paused: queue.paused,
    live,
    completed: queue.completed,
    failed: queue.failed,
    depth: queue.depth,
    oldestWaitingMs: queue.nextCreatedAt ? Math.max(0, now - queue.nextCreatedAt) : null,
  };
}
