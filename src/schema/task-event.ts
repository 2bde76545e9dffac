import { watchFeed, type FeedItem } from '../resolvers/task-events.ts';
import { builder } from './builder.ts';
import { TaskErrorRef } from './task-error.ts';
import { TaskProgressRef } from './task-progress.ts';
import { TaskStateEnum } from './task-state.ts';

const TaskEventRef = builder.objectRef<FeedItem>('TaskEvent').implement({
  description: 'One change of one task, as the live feed carries it.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The task.' }),
    name: t.exposeString('name'),
    queue: t.exposeString('queue'),
    state: t.field({ type: TaskStateEnum, nullable: true, resolve: (e) => e.state ?? null }),
    progress: t.field({ type: TaskProgressRef, nullable: true, resolve: (e) => e.progress ?? null }),
    attempts: t.int({ nullable: true, resolve: (e) => e.attempts ?? null }),
    result: t.field({ type: 'JSON', nullable: true, resolve: (e) => e.result ?? null }),
    error: t.field({ type: TaskErrorRef, nullable: true, resolve: (e) => e.error ?? null }),
    log: t.string({ nullable: true, description: 'A line the handler logged.', resolve: (e) => e.log ?? null }),
    at: t.field({ type: 'DateTime', resolve: (e) => e.at }),
  }),
});

const TaskEventFilterInput = builder.inputType('TaskEventFilter', {
  fields: (t) => ({
    state: t.field({ type: TaskStateEnum }),
    name: t.string({ description: 'The task type.' }),
  }),
});

builder.subscriptionField('taskEvents', (t) =>
  t.field({
    authScopes: { read: true },
    type: TaskEventRef,
    description:
      'Every change of every matching task (for dashboards). A slow client gets changes coalesced per task; ' +
      'see the README.',
    args: { filter: t.arg({ type: TaskEventFilterInput }) },
    subscribe: (_root, { filter }, { services, socket, caller }) => watchFeed(services, filter ?? {}, socket, caller),
    resolve: (event) => event,
  }),
);
