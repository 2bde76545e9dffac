import type { TaskRecord } from '../queue/task-record.ts';
import { cancelTask } from '../resolvers/cancel-task.ts';
import { getTask, getTaskLogs, getTaskTimeline, taskErrorStack } from '../resolvers/get-task.ts';
import { retryTask } from '../resolvers/retry-task.ts';
import { MAX_BATCH, runTask, runTasks } from '../resolvers/run-task.ts';
import { waitingFor } from '../resolvers/waiting-for.ts';
import { watchTask } from '../resolvers/watch-task.ts';
import { builder } from './builder.ts';
import { STATE_STREAM } from './state-stream.ts';
import { TaskErrorRef } from './task-error.ts';
import { TaskOptionsInput } from './task-options.ts';
import { TaskProgressRef } from './task-progress.ts';
import { TaskStateEnum } from './task-state.ts';
import { TimelineEntryRef } from './task-timeline.ts';

export const TaskRef = builder.objectRef<TaskRecord>('Task').implement({
  description: 'One run of a task type.',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name', { description: 'The task type.' }),
    queue: t.exposeString('queue'),
    workflowId: t.exposeID('workflowId', { nullable: true, description: 'The workflow this task is a step of.' }),
    owner: t.exposeString('owner', { nullable: true, description: 'The API token (name) that created it, when auth is on.' }),
    input: t.field({ type: 'JSON', resolve: (task) => task.input }),
    state: t.field({ type: TaskStateEnum, resolve: (task) => task.state }),
    progress: t.field({
      type: TaskProgressRef,
      nullable: true,
      description: 'Latest progress; null before the first report.',
      resolve: (task) => task.progress,
    }),
    result: t.field({
      type: 'JSON',
      nullable: true,
      description: 'Set when state is SUCCESS.',
      resolve: (task) => task.result,
    }),
    error: t.field({
      type: TaskErrorRef,
      nullable: true,
      description: 'Set when state is FAILURE (the last error), RETRY (the error that caused it) or REVOKED (why).',
      resolve: (task) => task.error,
    }),
    errorStack: t.string({
      nullable: true,
      description:
        "Admin: the stack of the last attempt's error (FAILURE, RETRY), trimmed to 30 lines and 4000 characters; null for other tokens.",
      resolve: (task, _args, { authEnabled, caller }) => taskErrorStack(task, authEnabled, caller),
    }),
    timeline: t.field({
      type: [TimelineEntryRef],
      description: 'Its state changes, oldest first: created, then each attempt (started, its outcome, the worker), cancels, retries and progress reports with a message (the newest 100).',
      resolve: (task, _args, { services }) => getTaskTimeline(services, task),
    }),
    attempts: t.exposeInt('attempts', { description: 'Attempts started so far.' }),
    maxAttempts: t.exposeInt('maxAttempts'),
    worker: t.exposeString('worker', { nullable: true, description: 'The worker process that started the last attempt (see workers).' }),
    waitingFor: t.string({
      nullable: true,
      description:
        'Set while the task waits (PENDING, RETRY) and no running worker knows its type on its queue, e.g. mid-deploy ' +
        'when only old workers run: what it waits for. Workers that do not know a type leave its tasks to one that does.',
      resolve: (task, _args, { services }) => waitingFor(services, task),
    }),
    createdAt: t.field({ type: 'DateTime', resolve: (task) => task.createdAt }),
    startedAt: t.field({ type: 'DateTime', nullable: true, resolve: (task) => task.startedAt }),
    finishedAt: t.field({ type: 'DateTime', nullable: true, resolve: (task) => task.finishedAt }),
    logs: t.stringList({
      description: 'Lines the handler wrote with ctx.log, oldest first (the newest 1000 are kept).',
      resolve: (task, _args, { services }) => getTaskLogs(services, task),
    }),
    durationMs: t.int({
      nullable: true,
      description: 'finishedAt - startedAt of the last attempt.',
      resolve: (task) =>
        task.startedAt && task.finishedAt ? task.finishedAt.getTime() - task.startedAt.getTime() : null,
    }),
  }),
});

builder.queryField('task', (t) =>
  t.field({
    authScopes: { read: true },
    type: TaskRef,
    nullable: true,
    description: 'The task with this id; null for an unknown or expired id.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, { services, caller }) => getTask(services, String(id), caller),
  }),
);

builder.mutationField('runTask', (t) =>
  t.field({
    authScopes: { run: true },
    type: TaskRef,
    description: 'Validates the input against the task type and queues the task. Omitted input means {}.',
    args: {
      name: t.arg.string({ required: true }),
      input: t.arg({ type: 'JSON' }),
      options: t.arg({ type: TaskOptionsInput }),
    },
    resolve: (_root, args, { services, caller }) => runTask(services, args, caller),
  }),
);

const TaskRequestInput = builder.inputType('TaskRequest', {
  description: 'One task of runTasks: as the arguments of runTask.',
  fields: (t) => ({
    name: t.string({ required: true }),
    input: t.field({ type: 'JSON' }),
    options: t.field({ type: TaskOptionsInput }),
  }),
});

builder.mutationField('runTasks', (t) =>
  t.field({
    authScopes: { run: true },
    type: [TaskRef],
    description: `Queues up to ${MAX_BATCH} tasks at once (one bulk operation per queue), in order. All are checked first: one bad item refuses the batch.`,
    args: { tasks: t.arg({ type: [TaskRequestInput], required: true }) },
    resolve: (_root, args, { services, caller }) => runTasks(services, args.tasks, caller),
  }),
);

builder.mutationField('cancelTask', (t) =>
  t.field({
    authScopes: { run: true },
    type: TaskRef,
    description:
      'Revokes a task. Waiting (PENDING, SCHEDULED, RETRY): it leaves its queue and is REVOKED at once. ' +
      'STARTED: the worker running it aborts it (ctx.signal), then it is REVOKED. Finished: CONFLICT.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, { services, caller }) => cancelTask(services, String(id), caller),
  }),
);

builder.mutationField('retryTask', (t) =>
  t.field({
    authScopes: { run: true },
    type: TaskRef,
    description: 'Runs a FAILURE or REVOKED task again under the same id, its attempts counted afresh. Else CONFLICT.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, { services, caller }) => retryTask(services, String(id), caller),
  }),
);

builder.subscriptionField('taskUpdated', (t) =>
  t.field({
    authScopes: { read: true },
    extensions: STATE_STREAM,
    type: TaskRef,
    description: 'The task now, then one event per change (state, progress); completes after a final state.',
    args: { id: t.arg.id({ required: true }) },
    subscribe: (_root, { id }, { services, caller }) => watchTask(services, String(id), caller),
    resolve: (task) => task,
  }),
);
