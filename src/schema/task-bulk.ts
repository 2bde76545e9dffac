import { bulkTasks, findBulk, MAX_BULK, MAX_BULK_SCAN, type BulkAction, type BulkMatch, type BulkOutcome } from '../resolvers/bulk-tasks.ts';
import { builder } from './builder.ts';
import { TaskFilterInput } from './task-list.ts';

const BulkActionEnum = builder.enumType('TaskBulkAction', {
  description: 'RETRY applies to FAILURE and REVOKED tasks; CANCEL to unfinished ones.',
  values: ['RETRY', 'CANCEL'] as const satisfies readonly BulkAction[],
});

const TaskCountRef = builder.objectRef<BulkMatch>('TaskCount').implement({
  description: 'How many tasks a bulk action would change now.',
  fields: (t) => ({
    count: t.int({ resolve: (match) => match.tasks.length }),
    complete: t.exposeBoolean('complete', {
      description: `False when more may match: the search looks at ${MAX_BULK_SCAN} tasks and counts ${MAX_BULK} at most.`,
    }),
  }),
});

const BulkOutcomeRef = builder.objectRef<BulkOutcome>('TaskBulkOutcome').implement({
  fields: (t) => ({
    matched: t.exposeInt('matched', { description: 'Tasks of the filter the action applied to when it looked.' }),
    changed: t.exposeInt('changed', { description: 'Tasks retried or cancelled (a running task ends REVOKED soon after).' }),
    skipped: t.exposeInt('skipped', { description: 'Tasks that had moved on meanwhile (e.g. finished before the cancel).' }),
    complete: t.exposeBoolean('complete', { description: 'False when more tasks may match than this call looked at: call again.' }),
  }),
});

builder.queryField('taskCount', (t) =>
  t.field({
    authScopes: { read: true },
    type: TaskCountRef,
    description: "How many of the caller's tasks of the filter the action applies to (what retryTasks or cancelTasks would change now).",
    args: { filter: t.arg({ type: TaskFilterInput, required: true }), action: t.arg({ type: BulkActionEnum, required: true }) },
    resolve: (_root, args, { services, caller }) => findBulk(services, args.filter, args.action, caller),
  }),
);

const bulkField = (action: BulkAction, description: string) =>
  builder.mutationField(action === 'RETRY' ? 'retryTasks' : 'cancelTasks', (t) =>
    t.field({
      authScopes: { run: true },
      type: BulkOutcomeRef,
      description: `${description} Of the caller's tasks (an admin: everyone's), newest first, at most limit (1 to ${MAX_BULK}, default ${MAX_BULK}).`,
      args: { filter: t.arg({ type: TaskFilterInput, required: true }), limit: t.arg.int() },
      resolve: (_root, args, { services, caller }) => bulkTasks(services, args.filter, action, caller, args.limit),
    }),
  );

bulkField('RETRY', 'Retries every FAILURE and REVOKED task of the filter (as retryTask).');
bulkField('CANCEL', 'Cancels every unfinished task of the filter (as cancelTask, without waiting for running ones to stop).');
