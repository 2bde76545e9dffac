import { getHistory, HISTORY_WINDOWS, type HistoryBucket, type HistoryWindow, type StatsHistory } from '../resolvers/stats-history.ts';
import { builder } from './builder.ts';
import { StatsRef } from './stats.ts';

const StatsWindowEnum = builder.enumType('StatsWindow', {
  description: 'How far back a stats history reaches.',
  values: {
    HOUR: { description: 'The last 60 minutes, in 1-minute buckets by default.' },
    DAY: { description: 'The last 24 hours, in 5-minute buckets by default.' },
  } as const satisfies Record<HistoryWindow, unknown>,
});

const StatsBucketRef = builder.objectRef<HistoryBucket>('StatsBucket').implement({
  description: 'Tasks that reached a final state in one bucket of time.',
  fields: (t) => ({
    at: t.field({ type: 'DateTime', description: "The bucket's start.", resolve: (b) => b.at }),
    succeeded: t.exposeInt('succeeded'),
    failed: t.exposeInt('failed'),
    revoked: t.exposeInt('revoked'),
    failureRate: t.exposeFloat('failureRate', { nullable: true, description: 'failed / (succeeded + failed); null when neither.' }),
    runtimeP50Ms: t.exposeFloat('runtimeP50Ms', {
      nullable: true,
      description: 'Median runtime (last attempt) of the tasks that finished in the bucket, from runtime buckets at most 1.5x apart; null without any.',
    }),
    runtimeP95Ms: t.exposeFloat('runtimeP95Ms', { nullable: true, description: '95th percentile runtime, as runtimeP50Ms.' }),
    runtimeSamples: t.exposeInt('runtimeSamples', { description: 'How many runtimes the percentiles are of.' }),
  }),
});

const StatsHistoryRef = builder.objectRef<StatsHistory>('StatsHistory').implement({
  fields: (t) => ({
    window: t.field({ type: StatsWindowEnum, resolve: (h) => h.window }),
    bucketMinutes: t.exposeInt('bucketMinutes'),
    buckets: t.field({ type: [StatsBucketRef], description: 'Oldest first; the last is the bucket under way.', resolve: (h) => h.buckets }),
  }),
});

builder.objectField(StatsRef, 'history', (t) =>
  t.field({
    type: StatsHistoryRef,
    description: `Finished tasks over time (throughput, failure rate, runtime percentiles), from counters the workers keep in Redis for ${HISTORY_WINDOWS.DAY.minutes / 60} hours: of one task type, or of all.`,
    args: {
      window: t.arg({ type: StatsWindowEnum, required: true }),
      name: t.arg.string({ description: 'One task type; all (but internal ones) when omitted.' }),
      bucketMinutes: t.arg.int({ description: "Width of a bucket, in minutes (default: the window's)." }),
    },
    resolve: (s, args) => getHistory(s.services, args),
  }),
);
