import type { ScheduleRecord } from '../queue/schedule-store.ts';
import { lastScheduledTask, listSchedules, removeSchedule, upsertSchedule } from '../resolvers/schedules.ts';
import { builder } from './builder.ts';
import { TaskRef } from './task.ts';
import { TaskOptionsInput } from './task-options.ts';

export const ScheduleRef = builder.objectRef<ScheduleRecord>('Schedule').implement({
  description: 'Runs a task type on a cron expression or every N milliseconds; each firing is a normal task.',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name', { description: 'The task type each firing runs.' }),
    queue: t.exposeString('queue'),
    input: t.field({ type: 'JSON', resolve: (schedule) => schedule.input }),
    cron: t.exposeString('cron', { nullable: true }),
    everyMs: t.exposeInt('everyMs', { nullable: true }),
    timezone: t.exposeString('timezone', { nullable: true, description: 'Of the cron expression (IANA name).' }),
    nextRunAt: t.field({ type: 'DateTime', nullable: true, resolve: (schedule) => schedule.nextRunAt }),
    lastTask: t.field({
      type: TaskRef,
      nullable: true,
      description: 'The last task of this schedule a worker started (while it is retained).',
      resolve: (schedule, _args, { services }) => lastScheduledTask(services, schedule),
    }),
  }),
});

builder.queryField('schedules', (t) =>
  t.field({
    authScopes: { admin: true },
    type: [ScheduleRef],
    description: 'Every schedule, by id.',
    resolve: (_root, _args, { services }) => listSchedules(services),
  }),
);

builder.mutationField('upsertSchedule', (t) =>
  t.field({
    authScopes: { admin: true },
    type: ScheduleRef,
    description:
      'Creates or replaces the schedule `id`: give cron (with an optional timezone, default UTC) or everyMs. ' +
      'Each tick fires exactly once, however many API and worker processes run.',
    args: {
      id: t.arg.id({ required: true }),
      name: t.arg.string({ required: true }),
      input: t.arg({ type: 'JSON' }),
      cron: t.arg.string(),
      everyMs: t.arg.int(),
      timezone: t.arg.string(),
      options: t.arg({ type: TaskOptionsInput }),
    },
    resolve: (_root, args, { services, caller }) => upsertSchedule(services, { ...args, id: String(args.id) }, caller),
  }),
);

builder.mutationField('removeSchedule', (t) =>
  t.field({
    authScopes: { admin: true },
    type: 'Boolean',
    description: 'Removes the schedule and its pending next firing. NOT_FOUND for an unknown id.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, { services }) => removeSchedule(services, String(id)),
  }),
);
