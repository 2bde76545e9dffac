import { listTasks, MAX_PAGE, type TaskOrder, type TaskPage } from '../resolvers/list-tasks.ts';
import { builder } from './builder.ts';
import { TaskRef } from './task.ts';
import { TaskStateEnum } from './task-state.ts';

const TaskInputMatchInput = builder.inputType('TaskInputMatch', {
  description: 'A field of the task input and what it must hold: give exactly one of equals and contains.',
  fields: (t) => ({
    field: t.string({ required: true, description: 'The field name, or a dotted path into the input (e.g. "options.url").' }),
    equals: t.field({ type: 'JSON', description: 'The value the field must equal (JSON, key order aside).' }),
    contains: t.string({ description: 'A text the field must contain, case-insensitively (other values: their JSON).' }),
  }),
});

export const TaskFilterInput = builder.inputType('TaskFilter', {
  fields: (t) => ({
    state: t.field({ type: TaskStateEnum }),
    name: t.string({ description: 'The task type.' }),
    createdAfter: t.field({ type: 'DateTime' }),
    createdBefore: t.field({ type: 'DateTime' }),
    idPrefix: t.string({
      description: 'The task id, or its beginning as the dashboard and the CLI show it (e.g. 8 characters). A whole id is read at once.',
    }),
    input: t.field({ type: TaskInputMatchInput, description: 'A field of the input and the value it must hold.' }),
  }),
});

const TaskOrderEnum = builder.enumType('TaskOrder', {
  description: 'The order of a task list.',
  values: {
    NEWEST_FIRST: { description: 'By creation time, newest first (the default).' },
    OLDEST_FIRST: { description: 'By creation time, oldest first.' },
    LONGEST_FIRST: { description: "Finished tasks by their last attempt's runtime (durationMs), longest first." },
    SHORTEST_FIRST: { description: "Finished tasks by their last attempt's runtime (durationMs), shortest first." },
  } satisfies Record<TaskOrder, { description: string }>,
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
      `Retained tasks, newest first (or as order says). first: 1 to ${MAX_PAGE} (default 20). With a filter on ` +
      'state or input a page may be short while hasNextPage is true: matching tasks are searched a ' +
      'bounded number at a time (per request, for all its list fields together). An id prefix (as the dashboard ' +
      'and the CLI show ids) is looked up in the index.',
    args: {
      filter: t.arg({ type: TaskFilterInput }),
      first: t.arg.int(),
      after: t.arg.string(),
      order: t.arg({ type: TaskOrderEnum }),
    },
    resolve: (_root, args, { services, caller, scan }) => listTasks(services, args, caller, scan),
  }),
);
