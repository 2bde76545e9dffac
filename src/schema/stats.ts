import { getStats, type LiveCounts, type QueueStats, type Runtime, type Stats, type TypeStats, type Windows } from '../resolvers/stats.ts';
import type { Services } from '../resolvers/services.ts';
import { builder } from './builder.ts';

const WindowsRef = builder.objectRef<Windows>('CountWindows').implement({
  description: 'Counts over the last 1, 5 and 15 minutes.',
  fields: (t) => ({ last1m: t.exposeInt('last1m'), last5m: t.exposeInt('last5m'), last15m: t.exposeInt('last15m') }),
});

const RuntimeRef = builder.objectRef<Runtime>('RuntimeStats').implement({
  description: 'Over the latest runs (up to 1000 per type), in milliseconds.',
  fields: (t) => ({ p50: t.exposeFloat('p50'), p95: t.exposeFloat('p95'), max: t.exposeFloat('max'), samples: t.exposeInt('samples') }),
});

const LiveRef = builder.objectRef<LiveCounts>('LiveCounts').implement({
  description: 'Tasks now waiting or running, by state.',
  fields: (t) => ({
    pending: t.exposeInt('pending'),
    scheduled: t.exposeInt('scheduled'),
    started: t.exposeInt('started'),
    retry: t.exposeInt('retry'),
    awaitingWorker: t.exposeInt('awaitingWorker', {
      description: 'Of pending and retry: tasks whose type no running worker knows on their queue (see Task.waitingFor).',
    }),
  }),
});

const TypeStatsRef = builder.objectRef<TypeStats>('TaskTypeStats').implement({
  fields: (t) => ({
    name: t.exposeString('name', { description: 'The task type, or "total".' }),
    live: t.field({ type: LiveRef, resolve: (s) => s.live }),
    succeeded: t.field({ type: WindowsRef, resolve: (s) => s.succeeded }),
    failed: t.field({ type: WindowsRef, resolve: (s) => s.failed }),
    revoked: t.field({ type: WindowsRef, resolve: (s) => s.revoked }),
    failureRate: t.exposeFloat('failureRate', { nullable: true, description: 'failed / (succeeded + failed), last 15 minutes.' }),
    runtimeMs: t.field({ type: RuntimeRef, nullable: true, resolve: (s) => s.runtimeMs }),
  }),
});

const QueueStatsRef = builder.objectRef<QueueStats>('QueueStats').implement({
  fields: (t) => ({
    name: t.exposeString('name'),
    paused: t.exposeBoolean('paused'),
    live: t.field({ type: LiveRef, resolve: (s) => s.live }),
    completed: t.exposeInt('completed', { description: 'Retained SUCCESS tasks.' }),
    failed: t.exposeInt('failed', { description: 'Retained FAILURE and REVOKED tasks.' }),
    depth: t.exposeInt('depth', { description: 'Tasks waiting for a worker.' }),
    oldestWaitingMs: t.exposeInt('oldestWaitingMs', {
      nullable: true,
      description: 'How long the next task to run has waited (the oldest, when priorities are equal).',
    }),
  }),
});

/** `stats`: its live figures are read once, and only when a selected field needs them. */
export interface StatsRoot {
  services: Services;
  live: () => Promise<Stats>;
}

export const StatsRef = builder.objectRef<StatsRoot>('Stats').implement({
  fields: (t) => ({
    total: t.field({ type: TypeStatsRef, resolve: async (s) => (await s.live()).total }),
    types: t.field({ type: [TypeStatsRef], resolve: async (s) => (await s.live()).types }),
    queues: t.field({ type: [QueueStatsRef], resolve: async (s) => (await s.live()).queues }),
  }),
});

builder.queryField('stats', (t) =>
  t.field({
    authScopes: { admin: true },
    type: StatsRef,
    description: 'Live tasks by state, finished ones per minute window, runtimes, queue depth; per type and in total. Also their history.',
    resolve: (_root, _args, { services }) => {
      let live: Promise<Stats> | undefined;
      return { services, live: () => (live ??= getStats(services)) };
    },
  }),
);
