import { listWorkers, type WorkerRecord } from '../resolvers/workers.ts';
import { builder } from './builder.ts';

const WorkerRef = builder.objectRef<WorkerRecord>('Worker').implement({
  description: 'A worker process, as its heartbeats describe it.',
  fields: (t) => ({
    id: t.exposeID('id'),
    hostname: t.exposeString('hostname'),
    pid: t.exposeInt('pid'),
    queues: t.exposeStringList('queues'),
    taskTypes: t.stringList({
      description: 'The task types it runs (on its queues). Empty for a worker too old to say.',
      resolve: (w) => w.taskTypes ?? [],
    }),
    concurrency: t.exposeInt('concurrency', { description: 'Tasks it runs at the same time on each of its queues.' }),
    active: t.exposeInt('active', { description: 'Tasks it runs now.' }),
    processed: t.exposeInt('processed', { description: 'Tasks it finished with SUCCESS since it started.' }),
    failed: t.exposeInt('failed', { description: 'Tasks that failed for good on it since it started.' }),
    online: t.exposeBoolean('online', { description: 'False after 3 missed heartbeats (30 s).' }),
    startedAt: t.field({ type: 'DateTime', resolve: (w) => new Date(w.startedAt) }),
    lastSeenAt: t.field({ type: 'DateTime', resolve: (w) => new Date(w.lastSeenAt) }),
  }),
});

builder.queryField('workers', (t) =>
  t.field({
    authScopes: { admin: true },
    type: [WorkerRef],
    description: 'Worker processes seen lately, newest first; one silent for 10 minutes is dropped.',
    resolve: (_root, _args, { services }) => listWorkers(services),
  }),
);
