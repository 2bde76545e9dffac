import { cleanQueue, drainQueue, listQueues, pauseQueue, resumeQueue, type QueueInfo } from '../resolvers/queues.ts';
import { builder } from './builder.ts';

const QueueRef = builder.objectRef<QueueInfo>('Queue').implement({
  fields: (t) => ({ name: t.exposeString('name'), paused: t.exposeBoolean('paused') }),
});

builder.queryField('queues', (t) =>
  t.field({
    authScopes: { admin: true },
    type: [QueueRef],
    description: 'Admin: the queues and whether they are paused.',
    resolve: (_root, _args, { services }) => listQueues(services),
  }),
);


builder.mutationField('pauseQueue', (t) =>
  t.field({
    authScopes: { admin: true },
    type: QueueRef,
    description: 'Admin: workers stop taking tasks from the queue; running ones finish, runTask still queues.',
    args: { name: t.arg.string({ required: true }) },
    resolve: (_root, args, { services }) => pauseQueue(services, args.name),
  }),
);

builder.mutationField('resumeQueue', (t) =>
  t.field({
    authScopes: { admin: true },
    type: QueueRef,
    description: 'Admin: workers take tasks from the queue again.',
    args: { name: t.arg.string({ required: true }) },
    resolve: (_root, args, { services }) => resumeQueue(services, args.name),
  }),
);

builder.mutationField('drainQueue', (t) =>
  t.field({
    authScopes: { admin: true },
    type: 'Int',
    description: 'Admin: removes every task waiting in the queue (not scheduled, running or finished ones); answers how many.',
    args: { name: t.arg.string({ required: true }) },
    resolve: (_root, args, { services }) => drainQueue(services, args.name),
  }),
);

builder.mutationField('cleanQueue', (t) =>
  t.field({
    authScopes: { admin: true },
    type: 'Int',
    description: 'Admin: removes finished tasks older than olderThanMs; answers how many.',
    args: { name: t.arg.string({ required: true }), olderThanMs: t.arg.int({ required: true }) },
    resolve: (_root, args, { services }) => cleanQueue(services, args.name, args.olderThanMs),
  }),
);
