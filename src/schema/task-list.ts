import { listTasks, MAX_PAGE, type TaskPage } from '../resolvers/list-tasks.ts';
import { builder } from './builder.ts';
import { TaskRef } from './task.ts';
import { TaskStateEnum } from './task-state.ts';

const TaskFilterInput = builder.inputType('TaskFilter', {
  fields: (t) => ({
    state: t.field({ type: TaskStateEnum }),
    name: t.string({ description: 'The task type.' }),
    createdAfter: t.field({ type: 'DateTime' }),
    createdBefore: t.field({ type: 'DateTime' }),
  }),
});

const PageInfoRef = builder.objectRef<TaskPage['pageInfo']>('PageInfo').implement({
  fields: (t) => ({
    hasNextPage: t.exposeBoolean('hasNextPage'),
    endCursor: t.exposeString('endCursor', { nullable: true, description: 'Pass as `after` for the next page.' }),
  }),
});

const TaskEdgeRef = builder.objectRef<TaskPage['edges'][number]>('TaskEdge').implement({
  fields: (t) => ({
    cursor: t.exposeString('cursor'),
    node: t.field({ type: TaskRef, resolve: (edge) => edge.node }),
  }),
});

const TaskConnectionRef = builder.objectRef<TaskPage>('TaskConnection').implement({
  fields: (t) => ({
    edges: t.field({ type: [TaskEdgeRef], resolve: (page) => page.edges }),
    nodes: t.field({ type: [TaskRef], resolve: (page) => page.edges.map((edge) => edge.node) }),
    pageInfo: t.field({ type: PageInfoRef, resolve: (page) => page.pageInfo }),
  }),
});

builder.queryField('tasks', (t) =>
  t.field({
    authScopes: { read: true },
    type: TaskConnectionRef,
    description:
      `Retained tasks, newest first. first: 1 to ${MAX_PAGE} (default 20). With a state filter a page may be ` +
      'short while hasNextPage is true: matching tasks are searched a bounded number at a time (per request, ' +
      'for all its list fields together).',
    args: {
      filter: t.arg({ type: TaskFilterInput }),
      first: t.arg.int(),
      after: t.arg.string(),
    },
    resolve: (_root, args, { services, caller, scan }) => listTasks(services, args, caller, scan),
  }),
);
